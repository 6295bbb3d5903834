package dev.icjava.testkit;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Candid message's type table and its first value into plain Java values for {@link
 * IcCandid.Value}: records as maps from field id, variants as {@link Case}, {@code opt} as {@link
 * Some} or {@link #NONE}, {@code vec nat8} as {@code byte[]}, principals as {@link
 * PrincipalBytes}, integers as {@link BigInteger}. Hostile input is refused with a message: a
 * length past the end, a type index out of the table, an unknown opcode, a recursion or a value
 * count beyond a budget.
 */
final class IcCandidReader {
  static final Object NONE = new Object();

  record Some(Object value) {}

  record Case(long id, Object value) {}

  record PrincipalBytes(byte[] bytes) {}

  private record Entry(int op, int inner, long[] ids, int[] types) {}

  private static final int BUDGET = 1_000_000;

  private final byte[] b;
  private int pos;
  private final List<Entry> table = new ArrayList<>();
  private int budget = BUDGET;
  private int depth;

  IcCandidReader(byte[] b) {
    this.b = b;
  }

  Object firstRaw() {
    if (b.length < 4 || b[0] != 'D' || b[1] != 'I' || b[2] != 'D' || b[3] != 'L') {
      throw new IllegalArgumentException("not a Candid message: no DIDL magic");
    }
    pos = 4;
    long n = uleb();
    if (n > b.length) {
      throw new IllegalArgumentException("type table of " + n + " entries is longer than the message");
    }
    for (long i = 0; i < n; i++) {
      int op = (int) sleb();
      switch (op) {
        case IcCandid.OPT, IcCandid.VEC -> table.add(new Entry(op, (int) sleb(), null, null));
        case IcCandid.RECORD, IcCandid.VARIANT -> {
          long k = uleb();
          if (k > b.length) {
            throw new IllegalArgumentException("a record of " + k + " fields is longer than the message");
          }
          long[] ids = new long[(int) k];
          int[] types = new int[(int) k];
          for (int j = 0; j < k; j++) {
            ids[j] = uleb();
            types[j] = (int) sleb();
          }
          table.add(new Entry(op, 0, ids, types));
        }
        default -> throw new IllegalArgumentException("type opcode " + op + " is not read here (func, service?)");
      }
    }
    long args = uleb();
    if (args > b.length) {
      throw new IllegalArgumentException("more arguments than bytes");
    }
    int[] types = new int[(int) args];
    for (int i = 0; i < args; i++) {
      types[i] = (int) sleb();
      check(types[i]);
    }
    for (Entry e : table) {
      if (e.op == IcCandid.OPT || e.op == IcCandid.VEC) {
        check(e.inner);
      } else {
        for (int t : e.types) {
          check(t);
        }
      }
    }
    if (args == 0) {
      return null;
    }
    Object first = value(types[0]);
    return first;
  }

  IcCandid.Value first() {
    return new IcCandid.Value(firstRaw());
  }

  private void check(int t) {
    if (t >= 0 ? t >= table.size() : !(t >= -17 || t == IcCandid.PRINCIPAL)) {
      throw new IllegalArgumentException("type reference " + t + " is outside the type table");
    }
  }

  private Object value(int t) {
    if (--budget < 0) {
      throw new IllegalArgumentException("the message holds more values than this reader will read");
    }
    if (t < 0) {
      return primitive(t);
    }
    if (++depth > 100) {
      throw new IllegalArgumentException("values nested deeper than 100");
    }
    try {
      Entry e = table.get(t);
      switch (e.op) {
        case IcCandid.OPT:
          int tag = u8();
          if (tag == 0) {
            return NONE;
          }
          if (tag != 1) {
            throw new IllegalArgumentException("opt tag " + tag);
          }
          return new Some(value(e.inner));
        case IcCandid.VEC: {
          long n = uleb();
          if (e.inner == IcCandid.NAT8) {
            need(n);
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + (int) n);
            pos += (int) n;
            return out;
          }
          if (n > BUDGET) {
            throw new IllegalArgumentException("a vec of " + n + " values");
          }
          List<Object> out = new ArrayList<>();
          for (long i = 0; i < n; i++) {
            out.add(value(e.inner));
          }
          return out;
        }
        case IcCandid.RECORD: {
          Map<Long, Object> out = new HashMap<>();
          for (int i = 0; i < e.ids.length; i++) {
            out.put(e.ids[i], value(e.types[i]));
          }
          return out;
        }
        default: {
          long i = uleb();
          if (i >= e.ids.length) {
            throw new IllegalArgumentException("variant index " + i + " of " + e.ids.length + " cases");
          }
          return new Case(e.ids[(int) i], value(e.types[(int) i]));
        }
      }
    } finally {
      depth--;
    }
  }

  private Object primitive(int t) {
    switch (t) {
      case IcCandid.NULL, IcCandid.RESERVED:
        return null;
      case IcCandid.BOOL: {
        int v = u8();
        if (v > 1) {
          throw new IllegalArgumentException("bool byte " + v);
        }
        return v == 1;
      }
      case IcCandid.NAT:
        return ulebBig();
      case IcCandid.INT:
        return slebBig();
      case IcCandid.TEXT: {
        long n = uleb();
        need(n);
        try {
          String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, pos, (int) n)).toString();
          pos += (int) n;
          return s;
        } catch (CharacterCodingException ex) {
          throw new IllegalArgumentException("text is not UTF-8");
        }
      }
      case IcCandid.PRINCIPAL: {
        if (u8() != 1) {
          throw new IllegalArgumentException("opaque principal references are not read");
        }
        long n = uleb();
        if (n > 29) {
          throw new IllegalArgumentException("a principal of " + n + " bytes");
        }
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + (int) n);
        pos += (int) n;
        return new PrincipalBytes(out);
      }
      case -17:
        throw new IllegalArgumentException("a value of type empty");
      default: {
        // nat8..int64 (-5..-12), float32 (-13), float64 (-14)
        int width = switch (t) {
          case -5, -9 -> 1;
          case -6, -10 -> 2;
          case -7, -11, -13 -> 4;
          default -> 8;
        };
        need(width);
        long v = 0;
        for (int i = 0; i < width; i++) {
          v |= (long) (b[pos++] & 0xFF) << (8 * i);
        }
        return t <= -9 && t >= -12 ? BigInteger.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
      }
    }
  }

  private void need(long n) {
    if (n < 0 || pos + n > b.length) {
      throw new IllegalArgumentException("the message ends inside a value at byte " + pos);
    }
  }

  private int u8() {
    need(1);
    return b[pos++] & 0xFF;
  }

  private long uleb() {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = u8();
      if (shift >= 63 && (x & 0x7F) > 1) {
        throw new IllegalArgumentException("LEB128 number too large");
      }
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
  }

  private long sleb() {
    long v = 0;
    int shift = 0;
    int x;
    do {
      x = u8();
      if (shift > 63) {
        throw new IllegalArgumentException("SLEB128 number too large");
      }
      v |= (long) (x & 0x7F) << shift;
      shift += 7;
    } while ((x & 0x80) != 0);
    if (shift < 64 && (x & 0x40) != 0) {
      v |= -1L << shift;
    }
    return v;
  }

  private BigInteger ulebBig() {
    BigInteger v = BigInteger.ZERO;
    int shift = 0;
    while (true) {
      int x = u8();
      v = v.or(BigInteger.valueOf(x & 0x7F).shiftLeft(shift));
      shift += 7;
      if ((x & 0x80) == 0) {
        return v;
      }
      if (shift > 7 * 64) {
        throw new IllegalArgumentException("a nat of more than 448 bits");
      }
    }
  }

  private BigInteger slebBig() {
    BigInteger v = BigInteger.ZERO;
    int shift = 0;
    int x;
    do {
      x = u8();
      v = v.or(BigInteger.valueOf(x & 0x7F).shiftLeft(shift));
      shift += 7;
      if (shift > 7 * 64) {
        throw new IllegalArgumentException("an int of more than 448 bits");
      }
    } while ((x & 0x80) != 0);
    if ((x & 0x40) != 0) {
      v = v.subtract(BigInteger.ONE.shiftLeft(shift));
    }
    return v;
  }
}
