package dev.icjava.testkit.reference;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Label;
import org.ic4j.candid.types.Type;

/**
 * Candid types and values on the JVM, independent of the project's reader and writer, for
 * reference tests: random types and values, the JSON form that {@code tools/node/candid-values.js}
 * ({@code @dfinity/candid}, through {@link NodeReference#encodeCandid} and {@link
 * NodeReference#decodeCandid}) reads and writes, the ic4j-candid form, and the canonical text of a
 * value, computed here from the model or from what ic4j-candid decoded. Values: {@code null},
 * {@code Boolean}, {@code BigInteger} for every integer type, the IEEE bits as {@code Long} for
 * floats, {@code String}, {@code byte[]} for principal and blob, {@code Optional} (a present {@code
 * opt null} holds {@link #NULL}), {@code List} for vec and record (fields in the model's order),
 * {@link Tagged} for variants.
 */
public final class CandidModel {
  private CandidModel() {}

  /** The primitive type names {@link #randomType} picks from ({@code blob} included). */
  public static final List<String> PRIMITIVES = List.of("null", "bool", "nat", "int", "nat8", "nat16", "nat32", "nat64",
      "int8", "int16", "int32", "int64", "float32", "float64", "text", "principal", "blob");

  /** A type: a primitive's name, or a constructor with its inner type or fields. */
  public record T(String kind, T inner, List<String> names, List<T> fields) {
    /**
     * The primitive type {@code name}.
     *
     * @param name the primitive's name
     * @return the type
     */
    public static T prim(String name) {
      return new T(name, null, List.of(), List.of());
    }

    /**
     * Whether it is a record or a variant.
     *
     * @return whether it is a record or a variant
     */
    public boolean composite() {
      return kind.equals("record") || kind.equals("variant");
    }

    /**
     * The type in the JSON form {@code tools/node/candid-values.js} reads.
     *
     * @return the JSON
     */
    public String json() {
      switch (kind) {
        case "opt":
        case "vec":
          return "{\"" + kind + "\":" + inner.json() + "}";
        case "record":
        case "variant":
          {
            StringBuilder sb = new StringBuilder("{\"" + kind + "\":[");
            for (int i = 0; i < names.size(); i++) {
              sb.append(i > 0 ? "," : "").append("[\"").append(names.get(i)).append("\",").append(fields.get(i).json())
                  .append("]");
            }
            return sb.append("]}").toString();
          }
        default:
          return "\"" + kind + "\"";
      }
    }

    /** Whether the field or tag at {@code i} has the lowest id of its type. */
    boolean lowestId(int i) {
      long id = idOf(names.get(i));
      return names.stream().allMatch(n -> idOf(n) >= id);
    }

    /**
     * The type as ic4j-candid's {@link IDLType}.
     *
     * @return the ic4j-candid type
     */
    public IDLType ic4j() {
      switch (kind) {
        case "null": return IDLType.createType(Type.NULL);
        case "bool": return IDLType.createType(Type.BOOL);
        case "nat": return IDLType.createType(Type.NAT);
        case "int": return IDLType.createType(Type.INT);
        case "nat8": return IDLType.createType(Type.NAT8);
        case "nat16": return IDLType.createType(Type.NAT16);
        case "nat32": return IDLType.createType(Type.NAT32);
        case "nat64": return IDLType.createType(Type.NAT64);
        case "int8": return IDLType.createType(Type.INT8);
        case "int16": return IDLType.createType(Type.INT16);
        case "int32": return IDLType.createType(Type.INT32);
        case "int64": return IDLType.createType(Type.INT64);
        case "float32": return IDLType.createType(Type.FLOAT32);
        case "float64": return IDLType.createType(Type.FLOAT64);
        case "text": return IDLType.createType(Type.TEXT);
        case "principal": return IDLType.createType(Type.PRINCIPAL);
        case "blob": return IDLType.createType(Type.VEC, IDLType.createType(Type.NAT8));
        case "opt": return IDLType.createType(Type.OPT, inner.ic4j());
        case "vec": return IDLType.createType(Type.VEC, inner.ic4j());
        default:
          {
            Map<Label, IDLType> m = new java.util.TreeMap<>();
            for (int i = 0; i < names.size(); i++) {
              m.put(Label.createNamedLabel(names.get(i)), fields.get(i).ic4j());
            }
            return IDLType.createType(kind.equals("record") ? Type.RECORD : Type.VARIANT, m);
          }
      }
    }

    /**
     * Whether ic4j-candid 0.7.2 handles this value: it refuses principals whose last byte names a
     * class their length does not fit ({@code Principal.from}: "Buffer is too long") and holds a
     * present {@code opt null} as an empty {@code Optional}; encoding, it writes every variant tag
     * as index 0 and is not compared on floats.
     *
     * @param v the value
     * @param encoding whether ic4j-candid encodes it (else decodes it)
     * @return whether ic4j-candid handles it
     */
    public boolean ic4jSupports(Object v, boolean encoding) {
      switch (kind) {
        case "principal":
          try {
            org.ic4j.types.Principal.from((byte[]) v);
            return true;
          } catch (Throwable e) {
            return false;
          }
        case "opt":
          return ((Optional<?>) v).map(x -> x != NULL && inner.ic4jSupports(x, encoding))
              .orElse(true);
        case "vec":
          return ((List<?>) v).stream().allMatch(x -> inner.ic4jSupports(x, encoding))
              && !(encoding && inner.kind.equals("null"));
        case "record":
          {
            List<?> vs = (List<?>) v;
            for (int i = 0; i < vs.size(); i++) {
              if (!fields.get(i).ic4jSupports(vs.get(i), encoding)) {
                return false;
              }
            }
            return true;
          }
        case "variant":
          {
            Tagged t = (Tagged) v;
            return (!encoding || lowestId(t.index()))
                && fields.get(t.index()).ic4jSupports(t.payload(), encoding);
          }
        default:
          return !(encoding && kind.startsWith("float"));
      }
    }
  }

  /** A variant value: the tag's position in the model's field list, and its payload. */
  public record Tagged(int index, Object payload) {}

  /**
   * A random type; beyond depth 3 only primitives, so types stay finite and small.
   *
   * @param r the random source
   * @param depth the nesting depth so far
   * @return the type
   */
  public static T randomType(Random r, int depth) {
    int pick = r.nextInt(depth >= 3 ? PRIMITIVES.size() : PRIMITIVES.size() + 8);
    if (pick < PRIMITIVES.size()) {
      return T.prim(PRIMITIVES.get(pick));
    }
    switch (pick - PRIMITIVES.size()) {
      case 0:
      case 1:
        return new T("opt", randomType(r, depth + 1), List.of(), List.of());
      case 2:
      case 3:
        return new T("vec", randomType(r, depth + 1), List.of(), List.of());
      case 4:
      case 5:
      case 6:
        return composite(r, depth, "record", 0);
      default:
        return composite(r, depth, "variant", 1);
    }
  }

  private static final List<String> NAMES = List.of("name", "email", "ok", "err", "ageNs", "field", "sources",
      "expected", "got", "domain", "Stale", "MissingField", "x", "y", "héllo", "a_b");

  private static T composite(Random r, int depth, String kind, int min) {
    List<String> pool = new ArrayList<>(NAMES);
    java.util.Collections.shuffle(pool, r);
    int n = min + r.nextInt(4);
    List<String> names = new ArrayList<>(pool.subList(0, n));
    List<T> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fields.add(randomType(r, depth + 1));
    }
    return new T(kind, null, names, fields);
  }

  /**
   * A random value of type {@code t} (the forms the class comment lists).
   *
   * @param r the random source
   * @param t the type
   * @return the value
   */
  public static Object randomValue(Random r, T t) {
    switch (t.kind()) {
      case "null": return null;
      case "bool": return r.nextBoolean();
      case "nat": return bigNat(r);
      case "int": return r.nextBoolean() ? bigNat(r) : bigNat(r).negate();
      case "nat8": return BigInteger.valueOf(r.nextInt(256));
      case "nat16": return BigInteger.valueOf(r.nextInt(65536));
      case "nat32": return BigInteger.valueOf(r.nextLong() & 0xFFFFFFFFL);
      case "nat64": return new BigInteger(64, r);
      case "int8": return BigInteger.valueOf((byte) r.nextInt());
      case "int16": return BigInteger.valueOf((short) r.nextInt());
      case "int32": return BigInteger.valueOf(r.nextInt());
      case "int64": return BigInteger.valueOf(r.nextLong());
      case "float32": return (long) Float.floatToRawIntBits(r.nextFloat() * 1e6f - 5e5f);
      case "float64": return Double.doubleToRawLongBits(r.nextGaussian() * 1e9);
      case "text": return randomText(r);
      case "principal": return bytes(r, r.nextInt(30));
      case "blob": return bytes(r, r.nextInt(4) == 0 ? 0 : r.nextInt(40));
      case "opt": return r.nextInt(3) == 0 ? Optional.empty() : Optional.of(wrapNull(randomValue(r, t.inner())));
      case "vec":
        {
          List<Object> out = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            out.add(randomValue(r, t.inner()));
          }
          return out;
        }
      case "record":
        {
          List<Object> out = new ArrayList<>();
          for (T f : t.fields()) {
            out.add(randomValue(r, f));
          }
          return out;
        }
      default:
        {
          int i = r.nextInt(t.fields().size());
          return new Tagged(i, randomValue(r, t.fields().get(i)));
        }
    }
  }

  /** Optional cannot hold null: a present {@code opt null} holds this marker. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static Object wrapNull(Object v) {
    return v == null ? NULL : v;
  }

  /**
   * The value itself, {@code null} in place of the {@link #NULL} marker.
   *
   * @param v a value, or {@link #NULL}
   * @return the value, or {@code null}
   */
  public static Object unwrapNull(Object v) {
    return v == NULL ? null : v;
  }

  private static BigInteger bigNat(Random r) {
    switch (r.nextInt(4)) {
      case 0: return BigInteger.valueOf(r.nextInt(300));
      case 1: return BigInteger.ONE.shiftLeft(r.nextInt(130)).subtract(BigInteger.valueOf(r.nextInt(2)));
      case 2: return new BigInteger(1 + r.nextInt(64), r);
      default: return new BigInteger(65 + r.nextInt(200), r);
    }
  }

  private static String randomText(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(4) == 0 ? 0 : r.nextInt(30);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(6)) {
        case 0: sb.appendCodePoint(0x80 + r.nextInt(0x780)); break;
        case 1: sb.appendCodePoint(0x4e00 + r.nextInt(0x200)); break;
        case 2: sb.appendCodePoint(0x1F300 + r.nextInt(0x300)); break;
        default: sb.append((char) (0x20 + r.nextInt(0x5f)));
      }
    }
    return sb.toString();
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  // ---- canonical text ----

  /**
   * The canonical text of value {@code v} of type {@code t}, to compare with what another
   * implementation decoded.
   *
   * @param t the type
   * @param v the value
   * @return the canonical text
   */
  public static String canonical(T t, Object v) {
    switch (t.kind()) {
      case "null": return "null";
      case "bool": return v.toString();
      case "float32": return "\"" + HexFormat.of().toHexDigits((int) (long) (Long) v) + "\"";
      case "float64": return "\"" + HexFormat.of().toHexDigits((Long) v) + "\"";
      case "text": return "\"" + HexFormat.of().formatHex(((String) v).getBytes(StandardCharsets.UTF_8)) + "\"";
      case "principal": return "\"" + principalText((byte[]) v) + "\"";
      case "blob": return "\"" + HexFormat.of().formatHex((byte[]) v) + "\"";
      case "opt":
        return ((Optional<?>) v).map(x -> "[" + canonical(t.inner(), unwrapNull(x)) + "]").orElse("[]");
      case "vec":
        {
          StringBuilder sb = new StringBuilder("[");
          List<?> vs = (List<?>) v;
          for (int i = 0; i < vs.size(); i++) {
            sb.append(i > 0 ? "," : "").append(canonical(t.inner(), vs.get(i)));
          }
          return sb.append("]").toString();
        }
      case "record":
        {
          StringBuilder sb = new StringBuilder("{");
          List<?> vs = (List<?>) v;
          for (int i = 0; i < vs.size(); i++) {
            sb.append(i > 0 ? "," : "").append(quote(t.names().get(i))).append(":").append(canonical(t.fields().get(i), vs.get(i)));
          }
          return sb.append("}").toString();
        }
      case "variant":
        {
          Tagged tg = (Tagged) v;
          return "{" + quote(t.names().get(tg.index())) + ":" + canonical(t.fields().get(tg.index()), tg.payload()) + "}";
        }
      default:
        return "\"" + v + "\"";
    }
  }

  /**
   * Principal text computed here (JDK CRC-32, RFC 4648 base32), independent of the code under test.
   *
   * @param b the principal's bytes
   * @return its text
   */
  public static String principalText(byte[] b) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b);
    long c = crc.getValue();
    byte[] all = new byte[b.length + 4];
    for (int i = 0; i < 4; i++) {
      all[i] = (byte) (c >>> (24 - 8 * i));
    }
    System.arraycopy(b, 0, all, 4, b.length);
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    StringBuilder digits = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte x : all) {
      buffer = (buffer << 8) | (x & 0xFF);
      bits += 8;
      while (bits >= 5) {
        digits.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      digits.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && i % 5 == 0) {
        text.append('-');
      }
      text.append(digits.charAt(i));
    }
    return text.toString();
  }

  /**
   * The Candid field id of a name: the spec's hash, {@code h = h * 223 + b} over the UTF-8 bytes,
   * mod 2^32.
   *
   * @param name the name
   * @return its id, unsigned
   */
  public static long idOf(String name) {
    long h = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h * 223 + (b & 0xFF)) & 0xFFFFFFFFL;
    }
    return h;
  }

  /**
   * {@code name} between double quotes, not escaped.
   *
   * @param name the name
   * @return the quoted name
   */
  public static String quote(String name) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : name.toCharArray()) {
      sb.append(c);
    }
    return sb.append("\"").toString();
  }

  // ---- ic4j-candid ----

  /**
   * Value {@code v} of type {@code t} in the form ic4j-candid's {@code IDLValue} takes.
   *
   * @param t the type
   * @param v the value
   * @return the ic4j-candid form
   */
  public static Object ic4jValue(T t, Object v) {
    switch (t.kind()) {
      case "null": return null;
      case "nat": case "int": case "nat64": return v;
      case "nat8": return ((BigInteger) v).byteValue();
      case "nat16": return ((BigInteger) v).shortValue();
      case "nat32": return ((BigInteger) v).intValue();
      case "int8": return ((BigInteger) v).byteValue();
      case "int16": return ((BigInteger) v).shortValue();
      case "int32": return ((BigInteger) v).intValue();
      case "int64": return ((BigInteger) v).longValue();
      case "principal": return org.ic4j.types.Principal.from((byte[]) v);
      case "opt": return ((Optional<?>) v).map(x -> ic4jValue(t.inner(), unwrapNull(x)));
      case "vec":
        {
          List<?> vs = (List<?>) v;
          Object[] out = new Object[vs.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = ic4jValue(t.inner(), vs.get(i));
          }
          return out;
        }
      case "record":
        {
          Map<Label, Object> m = new java.util.TreeMap<>();
          List<?> vs = (List<?>) v;
          for (int i = 0; i < vs.size(); i++) {
            m.put(Label.createNamedLabel(t.names().get(i)), ic4jValue(t.fields().get(i), vs.get(i)));
          }
          return m;
        }
      case "variant":
        {
          Tagged tg = (Tagged) v;
          Map<Label, Object> m = new java.util.HashMap<>();
          m.put(Label.createNamedLabel(t.names().get(tg.index())), ic4jValue(t.fields().get(tg.index()), tg.payload()));
          return m;
        }
      default:
        return v;
    }
  }

  /**
   * Value {@code v} of type {@code t} encoded as a one-argument Candid message by ic4j-candid.
   *
   * @param t the type
   * @param v the value
   * @return the Candid message
   */
  public static byte[] ic4jEncode(T t, Object v) {
    return org.ic4j.candid.parser.IDLArgs.create(List.of(IDLValue.create(ic4jValue(t, v), t.ic4j()))).toBytes();
  }

  /**
   * The canonical text of what ic4j-candid decoded from a message at {@code t}.
   *
   * @param t the type
   * @param v the value
   * @return the canonical text
   */
  public static String ic4jCanonical(T t, Object v) {
    switch (t.kind()) {
      case "null": return "null";
      case "bool": return v.toString();
      case "nat": case "int": return "\"" + v + "\"";
      case "nat8": return "\"" + (((Number) v).intValue() & 0xFF) + "\"";
      case "nat16": return "\"" + (((Number) v).intValue() & 0xFFFF) + "\"";
      case "nat32": return "\"" + (((Number) v).longValue() & 0xFFFFFFFFL) + "\"";
      case "nat64": return "\"" + (v instanceof BigInteger ? v : Long.toUnsignedString(((Number) v).longValue())) + "\"";
      case "int8": case "int16": case "int32": case "int64": return "\"" + ((Number) v).longValue() + "\"";
      case "float32": return "\"" + HexFormat.of().toHexDigits(Float.floatToRawIntBits((Float) v)) + "\"";
      case "float64": return "\"" + HexFormat.of().toHexDigits(Double.doubleToRawLongBits((Double) v)) + "\"";
      case "text": return "\"" + HexFormat.of().formatHex(((String) v).getBytes(StandardCharsets.UTF_8)) + "\"";
      case "principal": return canonical(t, (Object) ((org.ic4j.types.Principal) v).getValue());
      case "blob": return "\"" + HexFormat.of().formatHex(unbox(v)) + "\"";
      case "opt":
        {
          Optional<?> o = (Optional<?>) v;
          return o.isEmpty() ? "[]" : "[" + ic4jCanonical(t.inner(), o.get()) + "]";
        }
      case "vec":
        {
          Object[] vs = toArray(v);
          StringBuilder sb = new StringBuilder("[");
          for (int i = 0; i < vs.length; i++) {
            sb.append(i > 0 ? "," : "").append(ic4jCanonical(t.inner(), vs[i]));
          }
          return sb.append("]").toString();
        }
      case "record":
        {
          Map<?, ?> m = (Map<?, ?>) v;
          StringBuilder sb = new StringBuilder("{");
          for (int i = 0; i < t.names().size(); i++) {
            sb.append(i > 0 ? "," : "").append(quote(t.names().get(i))).append(":")
                .append(ic4jCanonical(t.fields().get(i), byId(m, t.names().get(i))));
          }
          return sb.append("}").toString();
        }
      default:
        {
          Map<?, ?> m = (Map<?, ?>) v;
          for (int i = 0; i < t.names().size(); i++) {
            if (hasId(m, t.names().get(i))) {
              return "{" + quote(t.names().get(i)) + ":" + ic4jCanonical(t.fields().get(i), byId(m, t.names().get(i))) + "}";
            }
          }
          throw new IllegalStateException("no known tag in " + m);
        }
    }
  }

  private static boolean hasId(Map<?, ?> m, String name) {
    long id = idOf(name);
    return m.keySet().stream().anyMatch(k -> ((Label) k).getId().longValue() == id);
  }

  private static Object byId(Map<?, ?> m, String name) {
    long id = idOf(name);
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (((Label) e.getKey()).getId().longValue() == id) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Object[] toArray(Object v) {
    if (v instanceof Object[] a) {
      return a;
    }
    int n = java.lang.reflect.Array.getLength(v);
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = java.lang.reflect.Array.get(v, i);
    }
    return out;
  }

  private static byte[] unbox(Object v) {
    if (v instanceof byte[] b) {
      return b;
    }
    Object[] a = toArray(v);
    byte[] out = new byte[a.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) a[i]).byteValue();
    }
    return out;
  }
}
