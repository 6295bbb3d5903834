package dev.icjava.candid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Candid test suite's {@code .test.did} syntax ({@code test/README.md} of
 * dfinity/candid): type definitions, then assertions of the forms {@code assert <input> : (types)},
 * {@code !:}, {@code ==} and {@code !=}, each with an optional description. Types become {@link
 * CandidType}s; {@code func} and {@code service} types are parsed and marked {@link #unsupported},
 * since the reader offers no expected type for references other than {@code principal}.
 */
final class SpecTestFile {
  /** One {@code assert}: its line, inputs (a {@code byte[]} for {@code blob "..."}, else the text). */
  record Assertion(int line, String form, Object left, Object right, List<CandidType> types, String unsupported,
      String description) {}

  private final String src;
  private final String name;
  private int pos;
  private final Map<String, CandidType> definitions = new HashMap<>();
  private final Map<String, String> unsupportedDefinitions = new HashMap<>();
  private String unsupported; // set while parsing a type that has func/service in it

  private SpecTestFile(String name, String src) {
    this.name = name;
    this.src = src;
  }

  static List<Assertion> parse(String name, String src) {
    return new SpecTestFile(name, src).file();
  }

  private List<Assertion> file() {
    // Definitions may refer to later ones: declare every name first.
    for (String line : src.split("\n")) {
      String t = line.trim();
      if (t.startsWith("type ")) {
        String n = t.substring(5, t.indexOf('=')).trim();
        definitions.put(n, CandidType.forward());
      }
    }
    List<Assertion> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= src.length()) {
        return out;
      }
      if (word("type")) {
        String n = identifier();
        expect("=");
        unsupported = null;
        CandidType t = dataType();
        if (unsupported != null) {
          unsupportedDefinitions.put(n, unsupported);
        } else {
          definitions.get(n).define(t);
        }
        expect(";");
      } else if (word("assert")) {
        int line = lineAt(pos);
        Object left = input();
        String form;
        Object right = null;
        if (peek("!:")) {
          expect("!:");
          form = "!:";
        } else if (peek(":")) {
          expect(":");
          form = ":";
        } else if (peek("==") || peek("!=")) {
          form = src.substring(pos, pos + 2);
          pos += 2;
          right = input();
          expect(":");
        } else {
          throw error("expected :, !:, == or !=");
        }
        unsupported = null;
        List<CandidType> types = tupleType();
        String u = unsupported;
        skipSpace();
        String description = src.charAt(pos) == '"' ? new String(textLiteral(), StandardCharsets.UTF_8) : null;
        expect(";");
        out.add(new Assertion(line, form, left, right, types, u, description));
      } else {
        throw error("expected type or assert");
      }
    }
  }

  private Object input() {
    if (word("blob")) {
      return textLiteral();
    }
    return new String(textLiteral(), StandardCharsets.UTF_8);
  }

  private List<CandidType> tupleType() {
    expect("(");
    List<CandidType> out = new ArrayList<>();
    while (!peek(")")) {
      argumentName();
      out.add(dataType());
      if (!peek(")")) {
        expect(",");
      }
    }
    expect(")");
    return out;
  }

  /** An optional {@code name :} before an argument type. */
  private void argumentName() {
    skipSpace();
    int save = pos;
    if (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_') {
      identifier();
      if (peek(":") && !peek("::")) {
        expect(":");
        return;
      }
    }
    pos = save;
  }

  private CandidType dataType() {
    skipSpace();
    if (word("opt")) {
      return CandidType.opt(dataType());
    }
    if (word("vec")) {
      return CandidType.vec(dataType());
    }
    if (word("record")) {
      return CandidType.record(fields(false));
    }
    if (word("variant")) {
      return CandidType.variant(fields(true));
    }
    if (word("func")) {
      functionType();
      unsupported = "func reference";
      return CandidType.reserved();
    }
    if (word("service")) {
      serviceType();
      unsupported = "service reference";
      return CandidType.reserved();
    }
    String id = identifier();
    switch (id) {
      case "null": return CandidType.nullType();
      case "bool": return CandidType.bool();
      case "nat": return CandidType.nat();
      case "int": return CandidType.integer();
      case "nat8": return CandidType.nat8();
      case "nat16": return CandidType.nat16();
      case "nat32": return CandidType.nat32();
      case "nat64": return CandidType.nat64();
      case "int8": return CandidType.int8();
      case "int16": return CandidType.int16();
      case "int32": return CandidType.int32();
      case "int64": return CandidType.int64();
      case "float32": return CandidType.float32();
      case "float64": return CandidType.float64();
      case "text": return CandidType.text();
      case "reserved": return CandidType.reserved();
      case "empty": return CandidType.empty();
      case "principal": return CandidType.principal();
      case "blob": return CandidType.blob();
      default:
        if (unsupportedDefinitions.containsKey(id)) {
          unsupported = unsupportedDefinitions.get(id);
          return CandidType.reserved();
        }
        CandidType t = definitions.get(id);
        if (t == null) {
          throw error("undefined type " + id);
        }
        return t;
    }
  }

  private CandidType.Field[] fields(boolean variant) {
    expect("{");
    List<CandidType.Field> out = new ArrayList<>();
    long next = 0;
    while (!peek("}")) {
      skipSpace();
      int save = pos;
      Long id = null;
      String label = null;
      char c = src.charAt(pos);
      if (Character.isDigit(c)) {
        id = number();
      } else if (c == '"') {
        label = new String(textLiteral(), StandardCharsets.UTF_8);
      } else {
        label = identifier();
      }
      CandidType type;
      if (peek(":")) {
        expect(":");
        type = dataType();
      } else if (variant) {
        type = CandidType.nullType();
      } else {
        pos = save; // a positional field: the token was its type
        id = next;
        label = null;
        type = dataType();
      }
      long fieldId = label != null ? CandidType.idOf(label) & 0xFFFFFFFFL : id;
      out.add(label != null ? CandidType.field(label, type) : CandidType.field((int) fieldId, type));
      next = fieldId + 1;
      if (!peek("}")) {
        expect(";");
      }
    }
    expect("}");
    return out.toArray(new CandidType.Field[0]);
  }

  private void functionType() {
    tupleType();
    expect("->");
    tupleType();
    while (true) {
      skipSpace();
      if (!(word("query") || word("oneway") || word("composite_query"))) {
        return;
      }
    }
  }

  private void serviceType() {
    expect("{");
    while (!peek("}")) {
      skipSpace();
      if (src.charAt(pos) == '"') {
        textLiteral();
      } else {
        identifier();
      }
      expect(":");
      skipSpace();
      if (peek("(")) {
        functionType();
      } else {
        identifier();
      }
      if (!peek("}")) {
        expect(";");
      }
    }
    expect("}");
  }

  /** A text literal's bytes. */
  private byte[] textLiteral() {
    expect("\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pos = literal(src, pos, out);
    return out.toByteArray();
  }

  /**
   * Reads a text literal's body from {@code at} (just after the opening quote) into {@code out} and
   * returns the position after the closing quote: {@code \xx} is a byte, a backslash and {@code u}
   * with a hex code point in braces is a character, {@code \n \r \t} and escaped quotes and
   * backslashes are as in Candid.
   */
  static int literal(String src, int at, ByteArrayOutputStream out) {
    int pos = at;
    while (true) {
      char c = src.charAt(pos++);
      if (c == '"') {
        return pos;
      }
      if (c != '\\') {
        int cp = src.codePointAt(pos - 1);
        pos += Character.charCount(cp) - 1;
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'n': out.write('\n'); break;
        case 'r': out.write('\r'); break;
        case 't': out.write('\t'); break;
        case '\\': out.write('\\'); break;
        case '"': out.write('"'); break;
        case '\'': out.write('\''); break;
        case 'u':
          {
            int close = src.indexOf('}', pos);
            int cp = Integer.parseInt(src.substring(pos + 1, close).replace("_", ""), 16);
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            pos = close + 1;
            break;
          }
        default:
          out.write(Integer.parseInt(src.substring(pos - 1, pos + 1), 16));
          pos++;
      }
    }
  }

  private long number() {
    int start = pos;
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    long n = Long.parseLong(src.substring(start, pos).replace("_", ""));
    if (n > 0xFFFFFFFFL) {
      throw error("field id " + n + " does not fit 32 bits");
    }
    return n;
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return src.substring(start, pos);
  }

  private boolean word(String w) {
    skipSpace();
    int end = pos + w.length();
    if (src.startsWith(w, pos) && (end >= src.length() || !(Character.isLetterOrDigit(src.charAt(end))
        || src.charAt(end) == '_'))) {
      pos = end;
      return true;
    }
    return false;
  }

  private boolean peek(String s) {
    skipSpace();
    return src.startsWith(s, pos);
  }

  private void expect(String s) {
    if (!peek(s)) {
      throw error("expected " + s);
    }
    pos += s.length();
  }

  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (src.startsWith("//", pos)) {
        int nl = src.indexOf('\n', pos);
        pos = nl < 0 ? src.length() : nl + 1;
      } else if (src.startsWith("/*", pos)) {
        pos = src.indexOf("*/", pos) + 2;
      } else {
        return;
      }
    }
  }

  private int lineAt(int p) {
    int line = 1;
    for (int i = 0; i < p; i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(name + ":" + lineAt(pos) + ": " + what);
  }
}
