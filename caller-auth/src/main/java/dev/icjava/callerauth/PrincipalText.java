package dev.icjava.callerauth;

import dev.icjava.runtime.RawArrays;
import org.teavm.interop.StaticInit;

/**
 * The textual form of principals: CRC-32 of the bytes (big-endian) followed by the bytes, in
 * lowercase base32 (RFC 4648 alphabet) without padding, in groups of five characters joined by
 * {@code -}. Works on ASCII bytes so that a canister can put the text in a reply without building
 * strings.
 */
@StaticInit
final class PrincipalText {
  /** RFC 4648 base32, lowercase; built once at instantiation ({@code @StaticInit}). */
  private static final byte[] ALPHABET = {
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p',
    'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '2', '3', '4', '5', '6', '7'
  };
  private PrincipalText() {}

  /** The number of base32 digits for a principal of {@code rawLength} bytes (checksum included). */
  static int digits(int rawLength) {
    return ((rawLength + 4) * 8 + 4) / 5;
  }

  /** The length of the text of a principal of {@code rawLength} bytes: digits and dashes. */
  static int length(int rawLength) {
    int chars = digits(rawLength);
    return chars + (chars - 1) / 5;
  }

  /** The text of the principal with these raw bytes, as ASCII bytes. */
  static byte[] encode(byte[] raw) {
    byte[] out = new byte[length(raw.length)];
    encodeInto(raw, out, 0);
    return out;
  }

  /**
   * Writes the text of the principal with bytes {@code raw} into {@code out} at {@code offset} as
   * ASCII; {@link #length(int)} bytes. The checksum and bytes are taken five at a time into a long,
   * which gives eight base32 digits; digit {@code c} goes to {@code c + c / 5}, between the dashes.
   * Unrolled and with unchecked element access ({@link RawArrays}), because a canister pays for
   * every instruction: the caller must have checked that the text fits.
   */
  static void encodeInto(byte[] raw, byte[] out, int offset) {
    int crc = Crc32.of(raw);
    int rawLength = raw.length;
    int chars = digits(rawLength);
    int textLength = length(rawLength);
    int o = RawArrays.base(out);
    for (int p = offset + 5; p < offset + textLength; p += 6) {
      RawArrays.putByteAt(out, o, p, (byte) '-');
    }
    byte[] a = ALPHABET;
    int ab = RawArrays.base(a);
    for (int c = 0; c < chars; c += 8) {
      // The block's five bytes as hi (the first) and lo (the other four, big-endian); raw index
      // -4..-1 stands for the checksum.
      int start = c / 8 * 5 - 4;
      int hi;
      int lo;
      if (start < 0) {
        hi = crc >>> 24;
        lo = (crc << 8) | (rawLength > 0 ? RawArrays.getByte(raw, 0) & 0xFF : 0);
      } else if (start + 5 <= rawLength) {
        hi = RawArrays.getByte(raw, start) & 0xFF;
        lo =
            (RawArrays.getByte(raw, start + 1) << 24)
                | ((RawArrays.getByte(raw, start + 2) & 0xFF) << 16)
                | ((RawArrays.getByte(raw, start + 3) & 0xFF) << 8)
                | (RawArrays.getByte(raw, start + 4) & 0xFF);
      } else {
        hi = 0;
        lo = 0;
        for (int j = start; j < start + 5; j++) {
          hi = (hi << 8) | (lo >>> 24);
          lo = (lo << 8) | (j < rawLength ? RawArrays.getByte(raw, j) & 0xFF : 0);
        }
        hi &= 0xFF;
      }
      int p = offset + c + c / 5;
      int r = c % 5;
      if (c + 8 <= chars) {
        RawArrays.putByteAt(out, o, p, RawArrays.getByteAt(a, ab, hi >>> 3));
        RawArrays.putByteAt(out, o, p + 1 + (r + 1) / 5, RawArrays.getByteAt(a, ab, ((hi & 7) << 2) | (lo >>> 30)));
        RawArrays.putByteAt(out, o, p + 2 + (r + 2) / 5, RawArrays.getByteAt(a, ab, (lo >>> 25) & 31));
        RawArrays.putByteAt(out, o, p + 3 + (r + 3) / 5, RawArrays.getByteAt(a, ab, (lo >>> 20) & 31));
        RawArrays.putByteAt(out, o, p + 4 + (r + 4) / 5, RawArrays.getByteAt(a, ab, (lo >>> 15) & 31));
        RawArrays.putByteAt(out, o, p + 5 + (r + 5) / 5, RawArrays.getByteAt(a, ab, (lo >>> 10) & 31));
        RawArrays.putByteAt(out, o, p + 6 + (r + 6) / 5, RawArrays.getByteAt(a, ab, (lo >>> 5) & 31));
        RawArrays.putByteAt(out, o, p + 7 + (r + 7) / 5, RawArrays.getByteAt(a, ab, lo & 31));
      } else {
        long v = ((long) hi << 32) | (lo & 0xFFFFFFFFL);
        for (int i = 0; c + i < chars; i++) {
          RawArrays.putByteAt(out, o, p + i + (r + i) / 5, RawArrays.getByteAt(a, ab, (int) (v >>> (35 - 5 * i)) & 31));
        }
      }
    }
  }

  /**
   * The raw bytes of the principal written as {@code text}; throws {@link
   * PrincipalFormatException} naming the rule the text breaks.
   */
  static byte[] decode(String text) {
    int len = text.length();
    // Grouping: groups of exactly five characters, the last one of one to five.
    int chars = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == '-') {
        if (chars == 0 || (i + 1) % 6 != 0 || i == len - 1) {
          throw new PrincipalFormatException(
              PrincipalFormatException.Reason.GROUPING,
              "dash at index " + i + ": groups must be five characters joined by single dashes");
        }
        continue;
      }
      if ((i + 1) % 6 == 0) {
        throw new PrincipalFormatException(
            PrincipalFormatException.Reason.GROUPING,
            "expected a dash at index " + i + " after a group of five characters");
      }
      if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
        throw new PrincipalFormatException(
            PrincipalFormatException.Reason.CHARACTER,
            "character '"
                + (c >= 0x20 && c < 0x7F ? String.valueOf(c) : "U+" + Integer.toHexString(c))
                + "' at index "
                + i
                + " is not lowercase base32 (a-z, 2-7)");
      }
      chars++;
    }
    // Length: 4 checksum bytes and at most 29 principal bytes; padding bits must be zero.
    int bitCount = chars * 5;
    int n = bitCount / 8;
    if (n < 4 || n > 33 || chars != digits(n - 4)) {
      throw new PrincipalFormatException(
          PrincipalFormatException.Reason.LENGTH,
          chars
              + " base32 characters do not encode a checksum and 0 to 29 bytes");
    }
    byte[] all = new byte[n];
    long buffer = 0;
    int bits = 0;
    int o = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == '-') {
        continue;
      }
      int v = c >= 'a' ? c - 'a' : c - '2' + 26;
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        all[o++] = (byte) (buffer >>> bits);
      }
    }
    if ((buffer & ((1L << bits) - 1)) != 0) {
      throw new PrincipalFormatException(
          PrincipalFormatException.Reason.LENGTH, "non-zero padding bits after the last byte");
    }
    byte[] raw = new byte[n - 4];
    System.arraycopy(all, 4, raw, 0, raw.length);
    int crc =
        ((all[0] & 0xFF) << 24) | ((all[1] & 0xFF) << 16) | ((all[2] & 0xFF) << 8) | (all[3] & 0xFF);
    if (crc != Crc32.of(raw)) {
      throw new PrincipalFormatException(
          PrincipalFormatException.Reason.CHECKSUM, "the CRC-32 in the text does not match its bytes");
    }
    return raw;
  }
}
