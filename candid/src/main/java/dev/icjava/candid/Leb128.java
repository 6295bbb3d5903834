package dev.icjava.candid;

import dev.icjava.runtime.internal.RawArrays;

/**
 * LEB128 ({@code nat}, lengths, counts, ids) and SLEB128 ({@code int}, opcodes, type references), as
 * the Candid specification's binary format writes them: groups of seven bits from the least
 * significant, the top bit set on every group but the last; SLEB128 in two's complement, the last
 * group's bit 6 the sign. Encoding for the writers ({@link CandidWriter}, {@link
 * TypeTableEncoder}, {@link CandidReply}), always the shortest form, and decoding of numbers beyond
 * 64 bits for the reader ({@link CandidInput}, which reads 32-bit counts and numbers of at most nine
 * groups itself, byte by byte as it checks them: its hottest path, where a call more measured 315
 * bytes more in the whoami sample). Bytes are read through {@link RawArrays#getByte}: callers have
 * checked the range.
 */
final class Leb128 {
  private Leb128() {}

  /**
   * The LEB128 form of {@code value} (unsigned), or with {@code signed} its SLEB128 form, at {@code
   * out[o]}; returns where it ends. One routine for both, so that the canister build keeps it one
   * function rather than inline a copy at every caller.
   */
  static int write(byte[] out, int o, long value, boolean signed) {
    long v = value;
    while (true) {
      int b = (int) (v & 0x7F);
      v = signed ? v >> 7 : v >>> 7;
      boolean last = signed ? (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0) : v == 0;
      if (last) {
        out[o++] = (byte) b;
        return o;
      }
      out[o++] = (byte) (b | 0x80);
    }
  }

  /**
   * {@link #write(byte[], int, long, boolean)} for an unsigned {@code int} length, in 32-bit arithmetic: {@link
   * CandidReply}'s text replies cost 71 fewer of the IC's instructions with it (whoAmI of a user).
   */
  static int write(byte[] out, int o, int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out[o++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[o++] = (byte) v;
    return o;
  }

  /** How many bytes the LEB128 form of an {@code int} length takes. */
  static int size(int value) {
    int n = 1;
    for (int v = value >>> 7; v != 0; v >>>= 7) {
      n++;
    }
    return n;
  }

  /**
   * The LEB128 ({@code signed} false) or SLEB128 form of {@code sign * magnitude} (the magnitude
   * big-endian), for values beyond 64 bits: the two's complement in little-endian bytes, then
   * groups of seven bits from the least significant, as many as the value needs (for SLEB128 one bit
   * more, so that the last group's bit 6 is the sign), at {@code out[o]}, which has room for {@link
   * #bigSizeBound}; returns where it ends. Linear in the value's size.
   */
  static int writeBig(byte[] out, int o, byte[] magnitude, boolean signed, boolean negative) {
    int n = magnitude.length + 1;
    byte[] le = new byte[n];
    for (int i = 0; i < magnitude.length; i++) {
      le[i] = magnitude[magnitude.length - 1 - i];
    }
    if (negative) {
      int carry = 1;
      for (int i = 0; i < n; i++) {
        int b = (~le[i] & 0xFF) + carry;
        le[i] = (byte) b;
        carry = b >>> 8;
      }
    }
    int fill = negative ? 0xFF : 0;
    int top = -1; // the highest bit that differs from the sign
    for (int i = n - 1; i >= 0 && top < 0; i--) {
      int diff = (le[i] & 0xFF) ^ fill;
      if (diff != 0) {
        top = 8 * i + 31 - Integer.numberOfLeadingZeros(diff);
      }
    }
    int needed = signed ? top + 2 : top + 1;
    int groups = Math.max(1, (needed + 6) / 7);
    for (int g = 0; g < groups; g++) {
      int group = 0;
      for (int b = 0; b < 7; b++) {
        int bit = 7 * g + b;
        int v = bit < 8 * n ? (le[bit >> 3] >> (bit & 7)) & 1 : negative ? 1 : 0;
        group |= v << b;
      }
      out[o++] = (byte) (g + 1 < groups ? group | 0x80 : group);
    }
    return o;
  }

  /** At least the bytes {@link #writeBig} writes for a magnitude of {@code magnitudeBytes}. */
  static int bigSizeBound(int magnitudeBytes) {
    return (8 * (magnitudeBytes + 1) + 1) / 7 + 1;
  }

  /**
   * The {@code 7 * n} bits of the {@code n} groups at {@code data[start]} as big-endian bytes, with
   * one extra top byte holding the sign extension when {@code signed}: any number of groups.
   */
  static byte[] bigEndian(byte[] data, int start, int n, boolean signed) {
    int bits = 7 * n;
    byte[] out = new byte[bits / 8 + 1];
    int acc = 0;
    int accBits = 0;
    int o = out.length - 1;
    for (int i = 0; i < n; i++) {
      acc |= (RawArrays.getByte(data, start + i) & 0x7F) << accBits;
      accBits += 7;
      if (accBits >= 8) {
        out[o--] = (byte) acc;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    boolean negative = signed && (RawArrays.getByte(data, start + n - 1) & 0x40) != 0;
    if (negative) {
      acc |= -1 << accBits;
    }
    while (o >= 0) {
      out[o--] = (byte) acc;
      acc = negative ? -1 : 0;
    }
    return out;
  }
}
