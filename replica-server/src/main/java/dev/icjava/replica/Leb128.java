package dev.icjava.replica;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Shortest-form LEB128, as request ids and the state tree's natural numbers use it. */
final class Leb128 {
  private Leb128() {}

  static byte[] unsigned(BigInteger v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("negative natural number");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = v.intValue() & 0x7F;
      v = v.shiftRight(7);
      out.write(v.signum() == 0 ? b : b | 0x80);
    } while (v.signum() != 0);
    return out.toByteArray();
  }

  static byte[] unsigned(long v) {
    return unsigned(new BigInteger(Long.toUnsignedString(v)));
  }

  static byte[] signed(BigInteger v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = v.intValue() & 0x7F;
      v = v.shiftRight(7);
      boolean done = (v.signum() == 0 && (b & 0x40) == 0) || (v.equals(BigInteger.ONE.negate()) && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }

  /** Decodes an unsigned LEB128 number that fills {@code bytes} exactly. */
  static BigInteger decodeUnsigned(byte[] bytes) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 0; i < bytes.length; i++) {
      v = v.or(BigInteger.valueOf(bytes[i] & 0x7F).shiftLeft(7 * i));
      boolean last = (bytes[i] & 0x80) == 0;
      if (last != (i == bytes.length - 1)) {
        throw new IllegalArgumentException("not one LEB128 number");
      }
    }
    return v;
  }
}
