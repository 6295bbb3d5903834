package dev.icjava.callerauth;

import dev.icjava.runtime.Platform;
import dev.icjava.runtime.internal.RawArrays;
import org.teavm.interop.Address;
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
   * ASCII; {@link #length(int)} bytes. The caller must have checked that the text fits: in a
   * canister the writes are unchecked.
   */
  static void encodeInto(byte[] raw, byte[] out, int offset) {
    if (Platform.inCanister()) {
      encodeGroups(raw, Address.ofData(out).add(offset).toInt(), false);
    } else {
      encodeSimply(raw, out, null, offset);
    }
  }

  /**
   * The text into characters ({@code text}) and ASCII bytes ({@code ascii}) at once, both from 0:
   * a string and the bytes a reply copies instead of converting the string back.
   */
  static void encodeInto(byte[] raw, char[] text, byte[] ascii) {
    if (Platform.inCanister()) {
      encodeGroupsBoth(raw, Address.ofData(text).toInt(), Address.ofData(ascii).toInt());
    } else {
      encodeSimply(raw, null, text, 0);
      encodeSimply(raw, ascii, null, 0);
    }
  }

  /** As {@link #encodeInto(byte[], byte[], int)}, into characters: a string's own array. */
  static void encodeInto(byte[] raw, char[] out, int offset) {
    if (Platform.inCanister()) {
      encodeGroups(raw, Address.ofData(out).add(offset << 1).toInt(), true);
    } else {
      encodeSimply(raw, null, out, offset);
    }
  }

  /**
   * The canister's encoder. The stream (checksum big-endian, then the bytes) is read into a bit
   * buffer four bytes at a time (a byte at a time near its end); each 25 bits are a group of five digits, written with its dash in two
   * stores (an {@code i64} and an {@code i32} of characters, or an {@code i32} and an {@code i16}
   * of bytes). Bits past the end of the stream read as zero: the padding of the last digit.
   */
  private static void encodeGroups(byte[] raw, int at, boolean wide) {
    int crc = Crc32.of(raw);
    int n = raw.length;
    int digits = digits(n);
    int rb = RawArrays.base(raw);
    byte[] a = ALPHABET;
    int ab = RawArrays.base(a);
    long acc = crc & 0xFFFFFFFFL;
    int bits = 32;
    int in = 0;
    int d = 0;
    while (digits - d >= 5) {
      if (bits < 25) {
        if (in + 4 <= n) {
          // four bytes at once: one load, reversed to big-endian
          int x = Address.fromInt(rb + in).getInt();
          long be = ((x & 0xFF) << 24) | ((x & 0xFF00) << 8) | ((x >>> 8) & 0xFF00) | (x >>> 24);
          acc = (acc << 32) | (be & 0xFFFFFFFFL);
          in += 4;
          bits += 32;
        } else {
          while (bits < 25) {
            acc = (acc << 8) | (in < n ? RawArrays.getByteAt(raw, rb, in) & 0xFF : 0);
            in++;
            bits += 8;
          }
        }
      }
      int g = (int) (acc >>> (bits - 25));
      bits -= 25;
      long c0 = RawArrays.getByteAt(a, ab, (g >>> 20) & 31);
      long c1 = RawArrays.getByteAt(a, ab, (g >>> 15) & 31);
      long c2 = RawArrays.getByteAt(a, ab, (g >>> 10) & 31);
      long c3 = RawArrays.getByteAt(a, ab, (g >>> 5) & 31);
      int c4 = RawArrays.getByteAt(a, ab, g & 31);
      d += 5;
      Address p = Address.fromInt(at);
      if (wide) {
        p.putLong(c0 | (c1 << 16) | (c2 << 32) | (c3 << 48));
        if (d < digits) {
          p.add(8).putInt(c4 | ('-' << 16));
        } else {
          p.add(8).putChar((char) c4);
        }
        at += 12;
      } else {
        p.putInt((int) (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)));
        if (d < digits) {
          p.add(4).putShort((short) (c4 | ('-' << 8)));
        } else {
          p.add(4).putByte((byte) c4);
        }
        at += 6;
      }
    }
    for (; d < digits; d++) {
      if (bits < 5) {
        acc = (acc << 8) | (in < n ? RawArrays.getByteAt(raw, rb, in) & 0xFF : 0);
        in++;
        bits += 8;
      }
      byte c = RawArrays.getByteAt(a, ab, (int) (acc >>> (bits - 5)) & 31);
      bits -= 5;
      if (wide) {
        Address.fromInt(at).putChar((char) c);
        at += 2;
      } else {
        Address.fromInt(at).putByte(c);
        at++;
      }
    }
  }

  /** {@link #encodeGroups} into characters at {@code at} and ASCII bytes at {@code narrow} at once. */
  private static void encodeGroupsBoth(byte[] raw, int at, int narrow) {
    int crc = Crc32.of(raw);
    int n = raw.length;
    int digits = digits(n);
    int rb = RawArrays.base(raw);
    byte[] a = ALPHABET;
    int ab = RawArrays.base(a);
    long acc = crc & 0xFFFFFFFFL;
    int bits = 32;
    int in = 0;
    int d = 0;
    while (digits - d >= 5) {
      if (bits < 25) {
        if (in + 4 <= n) {
          // four bytes at once: one load, reversed to big-endian
          int x = Address.fromInt(rb + in).getInt();
          long be = ((x & 0xFF) << 24) | ((x & 0xFF00) << 8) | ((x >>> 8) & 0xFF00) | (x >>> 24);
          acc = (acc << 32) | (be & 0xFFFFFFFFL);
          in += 4;
          bits += 32;
        } else {
          while (bits < 25) {
            acc = (acc << 8) | (in < n ? RawArrays.getByteAt(raw, rb, in) & 0xFF : 0);
            in++;
            bits += 8;
          }
        }
      }
      int g = (int) (acc >>> (bits - 25));
      bits -= 25;
      long c0 = RawArrays.getByteAt(a, ab, (g >>> 20) & 31);
      long c1 = RawArrays.getByteAt(a, ab, (g >>> 15) & 31);
      long c2 = RawArrays.getByteAt(a, ab, (g >>> 10) & 31);
      long c3 = RawArrays.getByteAt(a, ab, (g >>> 5) & 31);
      int c4 = RawArrays.getByteAt(a, ab, g & 31);
      d += 5;
      Address p = Address.fromInt(at);
      Address q = Address.fromInt(narrow);
      p.putLong(c0 | (c1 << 16) | (c2 << 32) | (c3 << 48));
      q.putInt((int) (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)));
      if (d < digits) {
        p.add(8).putInt(c4 | ('-' << 16));
        q.add(4).putShort((short) (c4 | ('-' << 8)));
      } else {
        p.add(8).putChar((char) c4);
        q.add(4).putByte((byte) c4);
      }
      at += 12;
      narrow += 6;
    }
    for (; d < digits; d++) {
      if (bits < 5) {
        acc = (acc << 8) | (in < n ? RawArrays.getByteAt(raw, rb, in) & 0xFF : 0);
        in++;
        bits += 8;
      }
      byte c = RawArrays.getByteAt(a, ab, (int) (acc >>> (bits - 5)) & 31);
      bits -= 5;
      Address.fromInt(at).putChar((char) c);
      Address.fromInt(narrow).putByte(c);
      at += 2;
      narrow++;
    }
  }

  /** The JVM's encoder: the same digits, one at a time, into {@code bytes} or else {@code text}. */
  private static void encodeSimply(byte[] raw, byte[] bytes, char[] text, int offset) {
    int crc = Crc32.of(raw);
    int n = raw.length;
    int digits = digits(n);
    long acc = 0;
    int bits = 0;
    int in = 0;
    int p = offset;
    for (int d = 0; d < digits; d++) {
      if (bits < 5) {
        int b = in < 4 ? (crc >>> (24 - 8 * in)) & 0xFF : in - 4 < n ? raw[in - 4] & 0xFF : 0;
        acc = (acc << 8) | b;
        in++;
        bits += 8;
      }
      byte c = ALPHABET[(int) (acc >>> (bits - 5)) & 31];
      bits -= 5;
      if (bytes != null) {
        bytes[p++] = c;
      } else {
        text[p++] = (char) c;
      }
      if (d % 5 == 4 && d + 1 < digits) {
        if (bytes != null) {
          bytes[p++] = '-';
        } else {
          text[p++] = '-';
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
