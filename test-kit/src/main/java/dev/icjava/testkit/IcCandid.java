package dev.icjava.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little Candid the management canister needs, on the replica's side (test-kit cannot use the
 * project's {@code candid} module: that module's tests run on test-kit). Types are built with the
 * factories below; a message of one value is written from plain Java values ({@link #encode}) and
 * read back into a {@link Value} tree whatever its wire types ({@link #decode}), so that the reader
 * keeps Candid's subtyping for records: a field the sender added is skipped, a field it left out
 * reads as absent ({@code null}, an {@code opt}'s none).
 *
 * <p>Values written: {@code nat}, {@code nat64} a {@link Long} (unsigned) or {@link BigInteger};
 * {@code bool} a {@link Boolean}; {@code text} a {@link String}; {@code principal} and {@code blob}
 * a {@code byte[]}; {@code null} null; {@code opt} null for none, else the value; {@code vec} a
 * {@link List}; {@code record} a {@code Map<String, Object>}; {@code variant} a {@link Tag}.
 * Binary format: the Candid spec's "Binary Format" (dfinity/candid {@code spec/Candid.md}).
 */
final class IcCandid {
  private IcCandid() {}

  static final int NULL = -1;
  static final int BOOL = -2;
  static final int NAT = -3;
  static final int INT = -4;
  static final int NAT8 = -5;
  static final int NAT64 = -8;
  static final int TEXT = -15;
  static final int RESERVED = -16;
  static final int PRINCIPAL = -24;
  static final int OPT = -18;
  static final int VEC = -19;
  static final int RECORD = -20;
  static final int VARIANT = -21;

  /** A variant's case and its value. */
  record Tag(String name, Object value) {}

  /** A type: a primitive opcode, or a constructor with its inner type or its fields (sorted by id). */
  static final class Type {
    final int op;
    final Type inner;
    final String[] names;
    final long[] ids;
    final Type[] fields;

    private Type(int op, Type inner, String[] names, long[] ids, Type[] fields) {
      this.op = op;
      this.inner = inner;
      this.names = names;
      this.ids = ids;
      this.fields = fields;
    }

    /** The field or case called {@code name}: its position, or -1. */
    int index(String name) {
      long id = idOf(name);
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == id) {
          return i;
        }
      }
      return -1;
    }

    Type field(String name) {
      return fields[index(name)];
    }
  }

  static Type prim(int op) {
    return new Type(op, null, null, null, null);
  }

  static Type nat() {
    return prim(NAT);
  }

  static Type nat64() {
    return prim(NAT64);
  }

  static Type bool() {
    return prim(BOOL);
  }

  static Type text() {
    return prim(TEXT);
  }

  static Type principal() {
    return prim(PRINCIPAL);
  }

  static Type nul() {
    return prim(NULL);
  }

  static Type opt(Type t) {
    return new Type(OPT, t, null, null, null);
  }

  static Type vec(Type t) {
    return new Type(VEC, t, null, null, null);
  }

  static Type blob() {
    return vec(prim(NAT8));
  }

  /** {@code record { name : type; ... }} from alternating names and types. */
  static Type record(Object... nameThenType) {
    return composite(RECORD, nameThenType);
  }

  static Type variant(Object... nameThenType) {
    return composite(VARIANT, nameThenType);
  }

  private static Type composite(int op, Object... nameThenType) {
    int n = nameThenType.length / 2;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(idOf((String) nameThenType[2 * a]), idOf((String) nameThenType[2 * b])));
    String[] names = new String[n];
    long[] ids = new long[n];
    Type[] types = new Type[n];
    for (int i = 0; i < n; i++) {
      names[i] = (String) nameThenType[2 * order[i]];
      ids[i] = idOf(names[i]);
      types[i] = (Type) nameThenType[2 * order[i] + 1];
    }
    return new Type(op, null, names, ids, types);
  }

  /** A field name's id: the Candid hash, {@code h = h * 223 + byte} modulo 2^32. */
  static long idOf(String name) {
    long h = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h * 223 + (b & 0xFF)) & 0xFFFFFFFFL;
    }
    return h;
  }

  // ---- writing ----

  /** The message {@code (v)} of one value {@code v} of type {@code t}. */
  static byte[] encode(Type t, Object v) {
    List<Type> table = new ArrayList<>();
    IdentityHashMap<Type, Integer> index = new IdentityHashMap<>();
    assign(t, table, index);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'D', 'I', 'D', 'L'});
    uleb(out, table.size());
    for (Type e : table) {
      sleb(out, e.op);
      if (e.op == OPT || e.op == VEC) {
        ref(out, e.inner, index);
      } else {
        uleb(out, e.ids.length);
        for (int i = 0; i < e.ids.length; i++) {
          uleb(out, e.ids[i]);
          ref(out, e.fields[i], index);
        }
      }
    }
    uleb(out, 1);
    ref(out, t, index);
    value(out, t, v);
    return out.toByteArray();
  }

  private static void assign(Type t, List<Type> table, IdentityHashMap<Type, Integer> index) {
    if (t.op >= -17 || t.op == PRINCIPAL || index.containsKey(t)) {
      return;
    }
    index.put(t, table.size());
    table.add(t);
    if (t.inner != null) {
      assign(t.inner, table, index);
    }
    if (t.fields != null) {
      for (Type f : t.fields) {
        assign(f, table, index);
      }
    }
  }

  private static void ref(ByteArrayOutputStream out, Type t, IdentityHashMap<Type, Integer> index) {
    Integer i = index.get(t);
    if (i == null) {
      sleb(out, t.op);
    } else {
      uleb(out, i);
    }
  }

  @SuppressWarnings("unchecked")
  private static void value(ByteArrayOutputStream out, Type t, Object v) {
    switch (t.op) {
      case NULL, RESERVED -> { }
      case BOOL -> out.write((Boolean) v ? 1 : 0);
      case NAT -> ulebBig(out, v instanceof BigInteger b ? b : new BigInteger(Long.toUnsignedString((Long) v)));
      case NAT64 -> {
        long x = v instanceof BigInteger b ? b.longValue() : (Long) v;
        for (int i = 0; i < 8; i++) {
          out.write((int) (x >>> (8 * i)));
        }
      }
      case TEXT -> {
        byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
        uleb(out, b.length);
        out.writeBytes(b);
      }
      case PRINCIPAL -> {
        byte[] b = (byte[]) v;
        out.write(1);
        uleb(out, b.length);
        out.writeBytes(b);
      }
      case OPT -> {
        if (v == null) {
          out.write(0);
        } else {
          out.write(1);
          value(out, t.inner, v);
        }
      }
      case VEC -> {
        if (t.inner.op == NAT8) {
          byte[] b = (byte[]) v;
          uleb(out, b.length);
          out.writeBytes(b);
        } else {
          List<Object> l = (List<Object>) v;
          uleb(out, l.size());
          for (Object e : l) {
            value(out, t.inner, e);
          }
        }
      }
      case RECORD -> {
        Map<String, Object> m = (Map<String, Object>) v;
        for (int i = 0; i < t.names.length; i++) {
          if (!m.containsKey(t.names[i]) && t.fields[i].op != OPT && t.fields[i].op != NULL) {
            throw new IllegalArgumentException("no value for field " + t.names[i]);
          }
          value(out, t.fields[i], m.get(t.names[i]));
        }
      }
      case VARIANT -> {
        Tag tag = (Tag) v;
        int i = t.index(tag.name());
        if (i < 0) {
          throw new IllegalArgumentException("no case " + tag.name());
        }
        uleb(out, i);
        value(out, t.fields[i], tag.value());
      }
      default -> throw new IllegalArgumentException("cannot write type " + t.op);
    }
  }

  /** A record value from alternating names and values (a map in that order). */
  static Map<String, Object> rec(Object... nameThenValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenValue.length; i += 2) {
      m.put((String) nameThenValue[i], nameThenValue[i + 1]);
    }
    return m;
  }

  static void uleb(ByteArrayOutputStream out, long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  static void ulebBig(ByteArrayOutputStream out, BigInteger v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("negative nat " + v);
    }
    BigInteger mask = BigInteger.valueOf(0x7F);
    do {
      int b = v.and(mask).intValue();
      v = v.shiftRight(7);
      out.write(v.signum() != 0 ? b | 0x80 : b);
    } while (v.signum() != 0);
  }

  static void sleb(ByteArrayOutputStream out, long v) {
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
        out.write(b);
        return;
      }
      out.write(b | 0x80);
    }
  }

  // ---- reading ----

  /** The first value of message {@code data}, whatever its type; throws {@link IllegalArgumentException} if malformed. */
  static Value decode(byte[] data) {
    return new IcCandidReader(data).first();
  }

  /**
   * A decoded value: accessors by the expected type's names; a field the message lacks is an absent
   * value ({@link #isNull()} true), read as an {@code opt}'s none.
   */
  static final class Value {
    final Object v;

    Value(Object v) {
      this.v = v;
    }

    /** Absent, {@code null}, or an {@code opt}'s none. */
    boolean isNull() {
      return v == null || v == IcCandidReader.NONE;
    }

    /** An {@code opt}'s content (null for none); a value sent without {@code opt} is taken as is. */
    Value opt() {
      if (isNull()) {
        return null;
      }
      return v instanceof IcCandidReader.Some s ? new Value(s.value()) : this;
    }

    @SuppressWarnings("unchecked")
    Value field(String name) {
      if (!(v instanceof Map)) {
        throw new IllegalArgumentException("expected a record with field " + name);
      }
      return new Value(((Map<Long, Object>) v).get(idOf(name)));
    }

    byte[] principal() {
      if (!(v instanceof IcCandidReader.PrincipalBytes p)) {
        throw new IllegalArgumentException("expected a principal");
      }
      return p.bytes().clone();
    }

    byte[] blob() {
      if (!(v instanceof byte[] b)) {
        throw new IllegalArgumentException("expected a blob");
      }
      return b.clone();
    }

    String text() {
      if (!(v instanceof String s)) {
        throw new IllegalArgumentException("expected a text");
      }
      return s;
    }

    boolean bool() {
      if (!(v instanceof Boolean b)) {
        throw new IllegalArgumentException("expected a bool");
      }
      return b;
    }

    BigInteger nat() {
      if (!(v instanceof BigInteger b) || b.signum() < 0) {
        throw new IllegalArgumentException("expected a nat");
      }
      return b;
    }

    int size() {
      if (v instanceof byte[] b) {
        return b.length;
      }
      if (!(v instanceof List<?> l)) {
        throw new IllegalArgumentException("expected a vec");
      }
      return l.size();
    }

    Value element(int i) {
      return new Value(((List<?>) v).get(i));
    }

    /** Whether this variant value is case {@code name}. */
    boolean is(String name) {
      if (!(v instanceof IcCandidReader.Case c)) {
        throw new IllegalArgumentException("expected a variant");
      }
      return c.id() == idOf(name);
    }

    Value caseValue() {
      return new Value(((IcCandidReader.Case) v).value());
    }
  }
}
