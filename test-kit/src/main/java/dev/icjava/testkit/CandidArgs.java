package dev.icjava.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Candid argument list from Java values, for tests: the types are those a typed canister method
 * declares for the same Java types (see the typed-method mapping), for the common cases:
 *
 * <table>
 *   <caption>Java to Candid</caption>
 *   <tr><th>Java</th><th>Candid</th></tr>
 *   <tr><td>{@code String}</td><td>{@code text}</td></tr>
 *   <tr><td>{@code Boolean}</td><td>{@code bool}</td></tr>
 *   <tr><td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}</td>
 *       <td>{@code int8}, {@code int16}, {@code int32}, {@code int64}</td></tr>
 *   <tr><td>{@code BigInteger}</td><td>{@code int} (wrap it in {@link #nat} for {@code nat})</td></tr>
 *   <tr><td>{@code Float}, {@code Double}</td><td>{@code float32}, {@code float64}</td></tr>
 *   <tr><td>{@code byte[]}</td><td>{@code blob}</td></tr>
 *   <tr><td>{@link Identity}, or {@link #principal(byte[])}</td><td>{@code principal}</td></tr>
 *   <tr><td>{@code Optional} of any of these (not empty)</td><td>{@code opt}</td></tr>
 *   <tr><td>{@link #unsigned(String, long)}</td><td>{@code nat8} ... {@code nat64}</td></tr>
 * </table>
 *
 * <p>Any other value is refused with {@link IllegalArgumentException} naming its class: encode it
 * yourself and pass the bytes with {@link Request#withArg}. Written here, not with ic4j-candid,
 * whose encoder needs a logging binding on the class path; replies are decoded by ic4j-candid.
 */
public final class CandidArgs {
  private CandidArgs() {}

  /**
   * A {@code principal} argument of these bytes.
   *
   * @param bytes the principal's bytes
   * @return the argument
   */
  public static Object principal(byte[] bytes) {
    return new PrincipalArg(bytes.clone());
  }

  /**
   * A {@code nat} argument ({@code value} at least 0).
   *
   * @param value the number
   * @return the argument
   */
  public static Object nat(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a nat cannot be negative: " + value);
    }
    return new NatArg(value);
  }

  /**
   * An unsigned fixed-size argument: {@code type} is {@code nat8}, {@code nat16}, {@code nat32} or
   * {@code nat64}; {@code value}'s low bits are sent ({@code -1L} as {@code nat64} is 2^64 - 1).
   *
   * @param type the type's name
   * @param value the value
   * @return the argument
   */
  public static Object unsigned(String type, long value) {
    int bytes = switch (type) {
      case "nat8" -> 1;
      case "nat16" -> 2;
      case "nat32" -> 4;
      case "nat64" -> 8;
      default -> throw new IllegalArgumentException("not an unsigned fixed-size Candid type: " + type);
    };
    if (bytes < 8 && (value >>> (8 * bytes)) != 0) {
      throw new IllegalArgumentException(value + " does not fit " + type);
    }
    return new FixedArg(type, value, bytes);
  }

  /**
   * {@code DIDL}, the type table, the argument types and the values of {@code args}.
   *
   * @param args the arguments, as Java values
   * @return the Candid message
   */
  public static byte[] encode(Object... args) {
    List<byte[]> table = new ArrayList<>();
    ByteArrayOutputStream types = new ByteArrayOutputStream();
    ByteArrayOutputStream values = new ByteArrayOutputStream();
    for (Object arg : args) {
      writeType(arg, table, types);
      writeValue(arg, values);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'D', 'I', 'D', 'L'});
    uleb(out, BigInteger.valueOf(table.size()));
    for (byte[] entry : table) {
      out.writeBytes(entry);
    }
    uleb(out, BigInteger.valueOf(args.length));
    out.writeBytes(types.toByteArray());
    out.writeBytes(values.toByteArray());
    return out.toByteArray();
  }

  private static void writeType(Object v, List<byte[]> table, ByteArrayOutputStream out) {
    if (v instanceof byte[]) {
      out.write(tableIndex(table, new byte[] {0x6d, 0x7b})); // vec nat8
    } else if (v instanceof Optional<?> o) {
      Object inner = o.orElseThrow(() -> new IllegalArgumentException(
          "an empty Optional has no Candid type here: encode it yourself"));
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      entry.write(0x6e);
      writeType(inner, table, entry);
      out.write(tableIndex(table, entry.toByteArray()));
    } else {
      sleb(out, primitive(v));
    }
  }

  private static int tableIndex(List<byte[]> table, byte[] entry) {
    for (int i = 0; i < table.size(); i++) {
      if (java.util.Arrays.equals(table.get(i), entry)) {
        return i;
      }
    }
    table.add(entry);
    if (table.size() > 127) {
      throw new IllegalArgumentException("too many composite argument types");
    }
    return table.size() - 1;
  }

  private static int primitive(Object v) {
    if (v instanceof String) {
      return -15; // text 0x71
    } else if (v instanceof Boolean) {
      return -2; // bool 0x7e
    } else if (v instanceof Byte) {
      return -9; // int8 0x77
    } else if (v instanceof Short) {
      return -10; // int16 0x76
    } else if (v instanceof Integer) {
      return -11; // int32 0x75
    } else if (v instanceof Long) {
      return -12; // int64 0x74
    } else if (v instanceof BigInteger) {
      return -4; // int 0x7c
    } else if (v instanceof NatArg) {
      return -3; // nat 0x7d
    } else if (v instanceof Float) {
      return -13; // float32 0x73
    } else if (v instanceof Double) {
      return -14; // float64 0x72
    } else if (v instanceof Identity || v instanceof PrincipalArg) {
      return -24; // principal 0x68
    } else if (v instanceof FixedArg f) {
      return switch (f.bytes) {
        case 1 -> -5; // nat8 0x7b
        case 2 -> -6; // nat16 0x7a
        case 4 -> -7; // nat32 0x79
        default -> -8; // nat64 0x78
      };
    }
    throw new IllegalArgumentException("no Candid type for a " + (v == null ? "null" : v.getClass().getName())
        + " here: encode the argument yourself and use Request.withArg");
  }

  private static void writeValue(Object v, ByteArrayOutputStream out) {
    if (v instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      uleb(out, BigInteger.valueOf(utf8.length));
      out.writeBytes(utf8);
    } else if (v instanceof Boolean b) {
      out.write(b ? 1 : 0);
    } else if (v instanceof Byte b) {
      out.write(b);
    } else if (v instanceof Short s) {
      little(out, s, 2);
    } else if (v instanceof Integer i) {
      little(out, i, 4);
    } else if (v instanceof Long l) {
      little(out, l, 8);
    } else if (v instanceof BigInteger i) {
      sleb(out, i);
    } else if (v instanceof NatArg n) {
      uleb(out, n.value);
    } else if (v instanceof Float f) {
      little(out, Float.floatToRawIntBits(f), 4);
    } else if (v instanceof Double d) {
      little(out, Double.doubleToRawLongBits(d), 8);
    } else if (v instanceof Identity id) {
      principalValue(out, id.principal());
    } else if (v instanceof PrincipalArg p) {
      principalValue(out, p.bytes);
    } else if (v instanceof FixedArg f) {
      little(out, f.value, f.bytes);
    } else if (v instanceof byte[] blob) {
      uleb(out, BigInteger.valueOf(blob.length));
      out.writeBytes(blob);
    } else if (v instanceof Optional<?> o) {
      out.write(1);
      writeValue(o.get(), out);
    }
  }

  private static void principalValue(ByteArrayOutputStream out, byte[] bytes) {
    out.write(1); // the id form
    uleb(out, BigInteger.valueOf(bytes.length));
    out.writeBytes(bytes);
  }

  private static void little(ByteArrayOutputStream out, long v, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  private static void uleb(ByteArrayOutputStream out, BigInteger v) {
    IcCandid.ulebBig(out, v);
  }

  private static void sleb(ByteArrayOutputStream out, long v) {
    sleb(out, BigInteger.valueOf(v));
  }

  private static void sleb(ByteArrayOutputStream out, BigInteger v) {
    while (true) {
      int low = v.intValue() & 0x7f;
      v = v.shiftRight(7);
      boolean done = (v.signum() == 0 && (low & 0x40) == 0) || (v.equals(BigInteger.ONE.negate()) && (low & 0x40) != 0);
      out.write(done ? low : low | 0x80);
      if (done) {
        return;
      }
    }
  }

  private record PrincipalArg(byte[] bytes) {}

  private record NatArg(BigInteger value) {}

  private record FixedArg(String type, long value, int bytes) {}
}
