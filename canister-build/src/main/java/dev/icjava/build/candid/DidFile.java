package dev.icjava.build.candid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Candid interface file: its type definitions and its service. {@link #parse} reads the textual
 * format of the Candid specification (dfinity/candid {@code spec/Candid.md}: comments, {@code type}
 * definitions, {@code service} with or without a name and initialisation arguments, methods of
 * function or named type, record fields by name, number or position, variant tags with or without
 * payload, quoted names with escapes); {@code import} is refused (the build has one file).
 * {@link #render()} writes one back.
 */
public final class DidFile {
  private final Map<String, DidType> definitions;
  private final DidType.Service service;

  /**
   * A file with these type definitions, by name, and this service.
   *
   * @param definitions the type definitions, by name
   * @param service the service
   */
  public DidFile(Map<String, DidType> definitions, DidType.Service service) {
    this.definitions = definitions;
    this.service = service;
  }

  /**
   * The type definitions, by name.
   *
   * @return the definitions
   */
  public Map<String, DidType> definitions() {
    return definitions;
  }

  /**
   * The service.
   *
   * @return the service
   */
  public DidType.Service service() {
    return service;
  }

  /**
   * The definition behind {@code t} when it is a name (followed through aliases), else {@code t}.
   *
   * @param t a type
   * @return its definition, or {@code t}
   */
  public DidType resolve(DidType t) {
    Set<String> seen = new HashSet<>();
    while (t instanceof DidType.Named n) {
      if (!seen.add(n.name())) {
        throw new IllegalArgumentException("type " + n.name() + " is defined as itself");
      }
      DidType d = definitions.get(n.name());
      if (d == null) {
        throw new IllegalArgumentException("type " + n.name() + " is not defined");
      }
      t = d;
    }
    return t;
  }

  /**
   * The file in the textual format: definitions, then the service.
   *
   * @return the file's text
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, DidType> d : definitions.entrySet()) {
      sb.append("type ").append(DidType.quoteIfNeeded(d.getKey())).append(" = ").append(DidType.render(d.getValue()))
          .append(";\n");
    }
    sb.append("service : {\n");
    for (DidType.Method m : service.methods()) {
      sb.append("  ").append(DidType.quoteIfNeeded(m.name())).append(" : ");
      sb.append(m.type() instanceof DidType.Func f ? DidType.signature(f) : DidType.render(m.type())).append(";\n");
    }
    return sb.append("}\n").toString();
  }

  /**
   * Parses a {@code .did} file; {@link IllegalArgumentException} names the line and what was
   * expected.
   *
   * @param text the file's text
   * @return the file
   */
  public static DidFile parse(String text) {
    return new Parser(text).file();
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    DidFile file() {
      Map<String, DidType> defs = new LinkedHashMap<>();
      DidType.Service service = null;
      while (true) {
        skip();
        if (pos >= s.length()) {
          break;
        }
        if (keyword("type")) {
          String name = name();
          expect("=");
          defs.put(name, type());
          optional(";");
        } else if (keyword("import")) {
          throw error("import is not supported: put every definition in one file");
        } else if (keyword("service")) {
          skip();
          if (!peek(":")) {
            name();
          }
          expect(":");
          skip();
          if (peek("(")) {
            args(); // initialisation arguments: not part of the methods' types
            expect("->");
          }
          skip();
          DidType t = peek("{") ? serviceBody() : new DidType.Named(name());
          if (t instanceof DidType.Named n) {
            DidType d = defs.get(n.name());
            if (!(d instanceof DidType.Service)) {
              throw error("service type " + n.name() + " is not a defined service");
            }
            t = d;
          }
          service = (DidType.Service) t;
          optional(";");
        } else {
          throw error("expected type, import or service");
        }
      }
      if (service == null) {
        throw error("no service");
      }
      return new DidFile(defs, service);
    }

    DidType type() {
      skip();
      if (peek("(")) {
        return func(); // a function type written without func, as a method's
      }
      String word = word();
      switch (word) {
        case "opt":
          return new DidType.Opt(type());
        case "vec":
          return new DidType.Vec(type());
        case "blob":
          return DidType.BLOB;
        case "record":
          return new DidType.Record(fields(false));
        case "variant":
          return new DidType.Variant(fields(true));
        case "func":
          return func();
        case "service":
          return serviceBody();
        case "null": case "bool": case "nat": case "int": case "nat8": case "nat16": case "nat32": case "nat64":
        case "int8": case "int16": case "int32": case "int64": case "float32": case "float64": case "text":
        case "reserved": case "empty": case "principal":
          return new DidType.Prim(word);
        default:
          return new DidType.Named(word);
      }
    }

    DidType.Func func() {
      List<DidType> args = args();
      expect("->");
      List<DidType> results = args();
      Set<String> annotations = new HashSet<>();
      while (true) {
        skip();
        if (keyword("query")) {
          annotations.add("query");
        } else if (keyword("composite_query")) {
          annotations.add("composite_query");
        } else if (keyword("oneway")) {
          annotations.add("oneway");
        } else {
          return new DidType.Func(args, results, annotations);
        }
      }
    }

    /** {@code ( <argtype>,* )}, an argument optionally named. */
    List<DidType> args() {
      expect("(");
      List<DidType> out = new ArrayList<>();
      skip();
      while (!peek(")")) {
        int save = pos;
        skip();
        if (isNameStart() || peek("\"")) {
          name();
          skip();
          if (peek(":")) {
            expect(":"); // a named argument: the name is documentation
          } else {
            pos = save;
          }
        }
        out.add(type());
        skip();
        if (!optional(",")) {
          break;
        }
        skip();
      }
      expect(")");
      return out;
    }

    DidType.Service serviceBody() {
      expect("{");
      List<DidType.Method> methods = new ArrayList<>();
      skip();
      while (!peek("}")) {
        String n = name();
        expect(":");
        skip();
        DidType t = peek("(") ? func() : type();
        methods.add(new DidType.Method(n, t));
        skip();
        if (!optional(";")) {
          break;
        }
        skip();
      }
      expect("}");
      return new DidType.Service(methods);
    }

    List<DidType.Field> fields(boolean variant) {
      expect("{");
      List<DidType.Field> out = new ArrayList<>();
      long next = 0;
      skip();
      while (!peek("}")) {
        int save = pos;
        DidType.Field f;
        if (Character.isDigit(s.charAt(pos))) {
          long id = number();
          expect(":");
          f = new DidType.Field(id, null, type());
        } else if (isNameStart() || peek("\"")) {
          String n = name();
          skip();
          if (peek(":")) {
            expect(":");
            f = DidType.Field.named(n, type());
          } else if (variant) {
            f = DidType.Field.named(n, DidType.NULL);
          } else {
            pos = save; // a positional field: a type
            f = new DidType.Field(next, null, type());
          }
        } else {
          f = new DidType.Field(next, null, type());
        }
        next = f.id() + 1;
        out.add(f);
        skip();
        if (!optional(";")) {
          break;
        }
        skip();
      }
      expect("}");
      out.sort((a, b) -> Long.compare(a.id(), b.id()));
      for (int i = 1; i < out.size(); i++) {
        if (out.get(i).id() == out.get(i - 1).id()) {
          throw error("two fields with id " + out.get(i).id());
        }
      }
      return out;
    }

    // ---- tokens ----

    boolean isNameStart() {
      char c = s.charAt(pos);
      return Character.isLetter(c) || c == '_';
    }

    String name() {
      skip();
      if (pos < s.length() && s.charAt(pos) == '"') {
        return text();
      }
      return word();
    }

    String word() {
      skip();
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a name");
      }
      return s.substring(start, pos);
    }

    long number() {
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      long v = Long.parseLong(s.substring(start, pos).replace("_", ""));
      if (v > 0xFFFFFFFFL) {
        throw error("field id " + v + " beyond 2^32-1");
      }
      return v;
    }

    String text() {
      expect("\"");
      StringBuilder sb = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != '"') {
        char c = s.charAt(pos++);
        if (c == '\\') {
          char e = s.charAt(pos++);
          switch (e) {
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case '\\': case '"': case '\'': sb.append(e); break;
            case 'u':
              {
                int close = s.indexOf('}', pos);
                sb.appendCodePoint(Integer.parseInt(s.substring(pos + 1, close).replace("_", ""), 16));
                pos = close + 1;
                break;
              }
            default:
              sb.append((char) Integer.parseInt(s.substring(pos - 1, pos + 1), 16));
              pos++;
          }
        } else {
          sb.append(c);
        }
      }
      expect("\"");
      return sb.toString();
    }

    boolean keyword(String k) {
      skip();
      if (s.startsWith(k, pos) && (pos + k.length() == s.length()
          || !(Character.isLetterOrDigit(s.charAt(pos + k.length())) || s.charAt(pos + k.length()) == '_'))) {
        pos += k.length();
        return true;
      }
      return false;
    }

    boolean peek(String t) {
      return s.startsWith(t, pos);
    }

    boolean optional(String t) {
      skip();
      if (peek(t)) {
        pos += t.length();
        return true;
      }
      return false;
    }

    void expect(String t) {
      if (!optional(t)) {
        throw error("expected '" + t + "'");
      }
    }

    void skip() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (Character.isWhitespace(c)) {
          pos++;
        } else if (s.startsWith("//", pos)) {
          int nl = s.indexOf('\n', pos);
          pos = nl < 0 ? s.length() : nl + 1;
        } else if (s.startsWith("/*", pos)) {
          int end = s.indexOf("*/", pos + 2);
          if (end < 0) {
            throw error("unclosed comment");
          }
          pos = end + 2;
        } else {
          return;
        }
      }
    }

    IllegalArgumentException error(String what) {
      int line = 1;
      for (int i = 0; i < Math.min(pos, s.length()); i++) {
        if (s.charAt(i) == '\n') {
          line++;
        }
      }
      return new IllegalArgumentException("line " + line + ": " + what);
    }
  }
}
