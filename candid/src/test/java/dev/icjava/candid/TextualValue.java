package dev.icjava.candid;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Candid's textual values, as far as the specification's test suite writes them (numbers, {@code
 * true}, {@code null}, text, {@code blob}, {@code principal}, {@code opt}, {@code vec}, {@code
 * record}, {@code variant}), parsed into a small tree and compared with a decoded {@link
 * CandidValue} at the expected type: so that {@code assert blob "..." == "(42)"} checks the value
 * the reader produced, not only that it produced one. Principal text is decoded by ic4j-candid, an
 * independent implementation.
 */
final class TextualValue {
  enum Kind { NUMBER, BOOL, NULL, TEXT, BLOB, PRINCIPAL, OPT, VEC, RECORD, VARIANT }

  final Kind kind;
  BigDecimal number;
  boolean bool;
  byte[] bytes; // text (UTF-8), blob, principal
  final List<TextualValue> items = new ArrayList<>(); // opt (0 or 1), vec elements, record fields, variant payload
  final List<Long> ids = new ArrayList<>(); // record field ids; a variant's tag id in ids[0]

  private TextualValue(Kind kind) {
    this.kind = kind;
  }

  /** Parses an argument list {@code (v, v, ...)}. */
  static List<TextualValue> parseArguments(String src) {
    Parser p = new Parser(src);
    p.expect("(");
    List<TextualValue> out = new ArrayList<>();
    while (!p.peek(")")) {
      out.add(p.value());
      if (!p.peek(")")) {
        p.expect(",");
      }
    }
    p.expect(")");
    return out;
  }

  /** Whether the decoded arguments equal these textual ones at {@code types}. */
  static boolean same(CandidValue[] decoded, List<TextualValue> text, CandidType[] types) {
    for (int i = 0; i < types.length; i++) {
      boolean ok = i < text.size() ? same(decoded[i], text.get(i), types[i]) : decoded[i].isNull();
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean same(CandidValue v, TextualValue t, CandidType type) {
    switch (type.opcode) {
      case CandidType.NULL:
      case CandidType.RESERVED:
        return v.isNull();
      case CandidType.BOOL:
        return t.kind == Kind.BOOL && v.bool() == t.bool;
      case CandidType.NAT:
      case CandidType.INT:
        return t.kind == Kind.NUMBER && new BigInteger(v.integer().toString()).equals(t.number.toBigIntegerExact());
      case CandidType.NAT64:
        return t.kind == Kind.NUMBER
            && new BigInteger(Long.toUnsignedString(v.fixedInteger())).equals(t.number.toBigIntegerExact());
      case CandidType.FLOAT32:
        return t.kind == Kind.NUMBER && v.float32() == t.number.floatValue();
      case CandidType.FLOAT64:
        return t.kind == Kind.NUMBER && v.float64() == t.number.doubleValue();
      case CandidType.TEXT:
        return t.kind == Kind.TEXT && Arrays.equals(v.textUtf8(), t.bytes);
      case CandidType.PRINCIPAL:
        return t.kind == Kind.PRINCIPAL && Arrays.equals(v.principal(), t.bytes);
      case CandidType.OPT:
        if (t.kind == Kind.NULL) {
          return v.option() == null;
        }
        return t.kind == Kind.OPT && v.option() != null && same(v.option(), t.items.get(0), type.inner());
      case CandidType.VEC:
        if (type.isBlob()) {
          byte[] b = v.blob();
          if (t.kind == Kind.BLOB) {
            return Arrays.equals(b, t.bytes);
          }
          if (t.kind != Kind.VEC || t.items.size() != b.length) {
            return false;
          }
          for (int i = 0; i < b.length; i++) {
            if (!t.items.get(i).number.equals(BigDecimal.valueOf(b[i] & 0xFF))) {
              return false;
            }
          }
          return true;
        }
        if (t.kind != Kind.VEC || t.items.size() != v.size()) {
          return false;
        }
        for (int i = 0; i < v.size(); i++) {
          if (!same(v.element(i), t.items.get(i), type.inner())) {
            return false;
          }
        }
        return true;
      case CandidType.RECORD:
        if (t.kind != Kind.RECORD) {
          return false;
        }
        for (int f = 0; f < type.fieldCount(); f++) {
          int at = t.ids.indexOf((long) type.fieldIds[f] & 0xFFFFFFFFL);
          boolean ok = at >= 0 ? same(v.field(f), t.items.get(at), type.fieldType(f)) : v.field(f).isNull();
          if (!ok) {
            return false;
          }
        }
        return true;
      case CandidType.VARIANT:
        {
          if (t.kind != Kind.VARIANT) {
            return false;
          }
          int tag = v.variantIndex();
          if (((long) type.fieldIds[tag] & 0xFFFFFFFFL) != t.ids.get(0)) {
            return false;
          }
          CandidType payload = type.fieldType(tag);
          return t.items.isEmpty() ? v.variantValue().isNull() : same(v.variantValue(), t.items.get(0), payload);
        }
      default: // other fixed-width integers
        return t.kind == Kind.NUMBER && BigDecimal.valueOf(v.fixedInteger()).compareTo(t.number) == 0;
    }
  }

  private static final class Parser {
    final String src;
    int pos;

    Parser(String src) {
      this.src = src;
    }

    TextualValue value() {
      skip();
      char c = src.charAt(pos);
      if (c == '"') {
        TextualValue t = new TextualValue(Kind.TEXT);
        t.bytes = text();
        return t;
      }
      if (c == '-' || c == '+' || Character.isDigit(c)) {
        int start = pos;
        pos++;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || "._".indexOf(src.charAt(pos)) >= 0)) {
          pos++;
        }
        TextualValue t = new TextualValue(Kind.NUMBER);
        String n = src.substring(start, pos).replace("_", "");
        t.number = new BigDecimal(n.endsWith(".") ? n + "0" : n);
        return t;
      }
      String word = word();
      switch (word) {
        case "true":
        case "false":
          {
            TextualValue t = new TextualValue(Kind.BOOL);
            t.bool = word.equals("true");
            return t;
          }
        case "null":
          return new TextualValue(Kind.NULL);
        case "blob":
          {
            TextualValue t = new TextualValue(Kind.BLOB);
            t.bytes = text();
            return t;
          }
        case "principal":
          {
            TextualValue t = new TextualValue(Kind.PRINCIPAL);
            t.bytes = org.ic4j.types.Principal.fromString(new String(text(), StandardCharsets.UTF_8)).getValue();
            return t;
          }
        case "opt":
          {
            TextualValue t = new TextualValue(Kind.OPT);
            t.items.add(value());
            return t;
          }
        case "vec":
          {
            TextualValue t = new TextualValue(Kind.VEC);
            expect("{");
            while (!peek("}")) {
              t.items.add(value());
              if (!peek("}")) {
                expect(";");
              }
            }
            expect("}");
            return t;
          }
        case "record":
          {
            TextualValue t = new TextualValue(Kind.RECORD);
            expect("{");
            long next = 0;
            while (!peek("}")) {
              int save = pos;
              Long id = label();
              if (id != null && peek("=")) {
                expect("=");
              } else {
                pos = save;
                id = next;
              }
              t.ids.add(id);
              t.items.add(value());
              next = id + 1;
              if (!peek("}")) {
                expect(";");
              }
            }
            expect("}");
            return t;
          }
        case "variant":
          {
            TextualValue t = new TextualValue(Kind.VARIANT);
            expect("{");
            t.ids.add(label());
            if (peek("=")) {
              expect("=");
              t.items.add(value());
            }
            skip();
            if (peek(";")) {
              expect(";");
            }
            expect("}");
            return t;
          }
        default:
          throw new IllegalArgumentException("textual value not understood at " + pos + ": " + src);
      }
    }

    /** A field label: a number, a name or a quoted name, as its id; null when there is none. */
    Long label() {
      skip();
      char c = src.charAt(pos);
      if (Character.isDigit(c)) {
        int start = pos;
        while (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_') {
          pos++;
        }
        return Long.parseLong(src.substring(start, pos).replace("_", ""));
      }
      if (c == '"') {
        return (long) CandidType.idOf(new String(text(), StandardCharsets.UTF_8)) & 0xFFFFFFFFL;
      }
      if (Character.isLetter(c) || c == '_') {
        int save = pos;
        String w = word();
        if (List.of("opt", "vec", "record", "variant", "blob", "principal", "true", "false", "null").contains(w)
            && !peek("=")) {
          pos = save;
          return null;
        }
        return (long) CandidType.idOf(w) & 0xFFFFFFFFL;
      }
      return null;
    }

    String word() {
      skip();
      int start = pos;
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return src.substring(start, pos);
    }

    byte[] text() {
      expect("\"");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pos = SpecTestFile.literal(src, pos, out);
      return out.toByteArray();
    }

    boolean peek(String s) {
      skip();
      return src.startsWith(s, pos);
    }

    void expect(String s) {
      if (!peek(s)) {
        throw new IllegalArgumentException("expected " + s + " at " + pos + ": " + src);
      }
      pos += s.length();
    }

    void skip() {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        pos++;
      }
    }
  }
}
