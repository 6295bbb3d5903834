package dev.icjava.runtime.internal;

import dev.icjava.runtime.Platform;
import dev.icjava.runtime.SystemApi;
import org.teavm.interop.Address;

/**
 * UTF-8 encoding written for the canister: small under TeaVM (no charset machinery), and total: an
 * unpaired surrogate becomes U+FFFD instead of failing, so a message can always be encoded.
 */
public final class Utf8 {
  private Utf8() {}

  /** Four UTF-16 units whose top nine bits are all zero: four ASCII characters in one {@code long}. */
  private static final long ASCII_MASK = 0xFF80FF80FF80FF80L;

  /**
   * The UTF-8 bytes of {@code s}, with each unpaired surrogate replaced by U+FFFD.
   *
   * @param s the string
   * @return its UTF-8 bytes
   */
  public static byte[] encode(String s) {
    // one pass for ASCII, the common case; measured and encoded again otherwise
    int n = s.length();
    byte[] out = new byte[n];
    if (encodeAscii(s, out, 0) == n) {
      return out;
    }
    int length = encodedLength(s);
    byte[] exact = new byte[length];
    encodeInto(s, length, exact, 0);
    return exact;
  }

  /**
   * The number of bytes {@link #encode(String)} gives for {@code s}.
   *
   * @param s the string
   * @return its UTF-8 length, in bytes
   */
  public static int encodedLength(String s) {
    char[] cs = StringInternals.borrow(s);
    int n = cs.length;
    int i = asciiPrefix(cs, n);
    int size = i;
    while (i < n) {
      char c = RawArrays.getChar(cs, i);
      if (c < 0x80) {
        size += 1;
      } else if (c < 0x800) {
        size += 2;
      } else if (isPairAt(cs, i)) {
        size += 4;
        i++;
      } else {
        size += 3;
      }
      i++;
    }
    return size;
  }

  /**
   * Writes the UTF-8 of {@code s} into {@code out} at {@code offset}: exactly {@code length} bytes,
   * which must be {@link #encodedLength(String) encodedLength(s)} (computed once by the caller, who
   * sized {@code out} with it). Throws {@link IndexOutOfBoundsException} when the range does not
   * fit {@code out}, and {@link IllegalArgumentException} when {@code length} is not the string's
   * encoded length; nothing is ever written outside the range.
   *
   * @param s the string
   * @param length its UTF-8 length
   * @param out the array to write into
   * @param offset where to start
   */
  public static void encodeInto(String s, int length, byte[] out, int offset) {
    if (offset < 0 || length < 0 || offset > out.length - length) {
      throw new IndexOutOfBoundsException("no room for " + length + " bytes at " + offset);
    }
    char[] cs = StringInternals.borrow(s);
    int n = cs.length;
    int limit = offset + length;
    // the ASCII prefix in eight- and four-character steps (in a canister), bounded by the range
    int i = asciiRun(cs, Math.min(n, length), out, offset);
    int o = offset + i;
    while (i < n) {
      int cp = RawArrays.getChar(cs, i);
      int w = 1;
      int len;
      if (cp < 0x80) {
        len = 1;
      } else if (cp < 0x800) {
        len = 2;
      } else if (isPairAt(cs, i)) {
        cp = Character.toCodePoint((char) cp, RawArrays.getChar(cs, i + 1));
        len = 4;
        w = 2;
      } else {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        len = 3;
      }
      if (o + len > limit) {
        throw wrongLength(length);
      }
      o = put(out, o, cp, len);
      i += w;
    }
    if (o != limit) {
      throw wrongLength(length);
    }
  }

  /**
   * Writes the leading characters of {@code s} that are ASCII into {@code out} at {@code offset},
   * one byte each, stopping at the first that is not; returns how many it wrote ({@code
   * s.length()} when all are ASCII, the case of most replies). Throws {@link
   * IndexOutOfBoundsException} unless {@code out} has room for {@code s.length()} bytes there.
   *
   * @param s the string
   * @param out the array to write into
   * @param offset where to start
   * @return the number of bytes written
   */
  public static int encodeAscii(String s, byte[] out, int offset) {
    char[] cs = StringInternals.borrow(s);
    int n = cs.length;
    if (offset < 0 || offset > out.length - n) {
      throw new IndexOutOfBoundsException("no room for " + n + " bytes at " + offset);
    }
    int i = asciiRun(cs, n, out, offset);
    for (; i < n; i++) {
      char c = RawArrays.getChar(cs, i);
      if (c >= 0x80) {
        break;
      }
      RawArrays.putByte(out, offset + i, (byte) c);
    }
    return i;
  }

  private static IllegalArgumentException wrongLength(int length) {
    return new IllegalArgumentException(length + " is not the string's UTF-8 length");
  }

  /** Writes code point {@code cp} as its {@code len} UTF-8 bytes at {@code o}; returns the end. */
  private static int put(byte[] out, int o, int cp, int len) {
    switch (len) {
      case 1:
        RawArrays.putByte(out, o++, (byte) cp);
        break;
      case 2:
        RawArrays.putByte(out, o++, (byte) (0xC0 | (cp >> 6)));
        RawArrays.putByte(out, o++, (byte) (0x80 | (cp & 0x3F)));
        break;
      case 3:
        RawArrays.putByte(out, o++, (byte) (0xE0 | (cp >> 12)));
        RawArrays.putByte(out, o++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
        RawArrays.putByte(out, o++, (byte) (0x80 | (cp & 0x3F)));
        break;
      default:
        RawArrays.putByte(out, o++, (byte) (0xF0 | (cp >> 18)));
        RawArrays.putByte(out, o++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
        RawArrays.putByte(out, o++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
        RawArrays.putByte(out, o++, (byte) (0x80 | (cp & 0x3F)));
    }
    return o;
  }

  /**
   * Copies the leading ASCII characters of {@code cs[0..n)} to {@code out[offset..]} as bytes, in
   * steps of sixteen and four characters in a canister (per four characters one 64-bit load, a
   * pack and one 32-bit store; the test for ASCII once per step); returns how many it copied, which
   * may stop short of the last few ASCII characters (the caller goes on one at a time). The caller
   * has checked that {@code n} bytes fit.
   */
  private static int asciiRun(char[] cs, int n, byte[] out, int offset) {
    if (!Platform.inCanister()) {
      return 0;
    }
    int from = Address.ofData(cs).toInt();
    int to = Address.ofData(out).toInt() + offset;
    int i = 0;
    for (; i + 16 <= n; i += 16) {
      int p = from + (i << 1);
      long a = Address.fromInt(p).getLong();
      long b = Address.fromInt(p + 8).getLong();
      long c = Address.fromInt(p + 16).getLong();
      long d = Address.fromInt(p + 24).getLong();
      if (((a | b | c | d) & ASCII_MASK) != 0) {
        break;
      }
      int q = to + i;
      Address.fromInt(q).putInt((int) StringInternals.pack4(a));
      Address.fromInt(q + 4).putInt((int) StringInternals.pack4(b));
      Address.fromInt(q + 8).putInt((int) StringInternals.pack4(c));
      Address.fromInt(q + 12).putInt((int) StringInternals.pack4(d));
    }
    for (; i + 4 <= n; i += 4) {
      long v = Address.fromInt(from + (i << 1)).getLong();
      if ((v & ASCII_MASK) != 0) {
        break;
      }
      Address.fromInt(to + i).putInt((int) StringInternals.pack4(v));
    }
    return i;
  }

  /** The number of leading characters of {@code cs[0..n)} below U+0080. */
  private static int asciiPrefix(char[] cs, int n) {
    int i = 0;
    if (Platform.inCanister()) {
      Address a = Address.ofData(cs);
      while (i + 4 <= n && (a.add(i << 1).getLong() & ASCII_MASK) == 0) {
        i += 4;
      }
    }
    while (i < n && RawArrays.getChar(cs, i) < 0x80) {
      i++;
    }
    return i;
  }

  /**
   * The UTF-8 bytes of at most the first {@code maxBytes} bytes' worth of {@code s}, cut only at a
   * character boundary.
   *
   * @param s the string
   * @param maxBytes the most bytes
   * @return the UTF-8 bytes
   */
  public static byte[] encode(String s, int maxBytes) {
    char[] cs = StringInternals.borrow(s);
    int n = cs.length;
    int size = 0;
    int end = 0;
    while (end < n) {
      char c = RawArrays.getChar(cs, end);
      int len;
      int w = 1;
      if (c < 0x80) {
        len = 1;
      } else if (c < 0x800) {
        len = 2;
      } else if (isPairAt(cs, end)) {
        len = 4;
        w = 2;
      } else {
        len = 3;
      }
      if (size + len > maxBytes) {
        break;
      }
      size += len;
      end += w;
    }
    byte[] out = new byte[size];
    encodeInto(end == n ? s : StringInternals.adopt(java.util.Arrays.copyOf(cs, end)), size, out, 0);
    return out;
  }

  /** Whether a valid surrogate pair starts at {@code i}. */
  private static boolean isPairAt(char[] cs, int i) {
    char c = RawArrays.getChar(cs, i);
    if (c < 0xD800 || c > 0xDBFF || i + 1 >= cs.length) {
      return false;
    }
    char d = RawArrays.getChar(cs, i + 1);
    return d >= 0xDC00 && d <= 0xDFFF;
  }

  /**
   * Strictly decodes UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), or returns
   * {@code null} when {@code bytes} is not valid UTF-8.
   *
   * @param bytes the bytes
   * @return the string, or {@code null}
   */
  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * As {@link #decode(byte[])}, for {@code bytes[offset..offset+length)}.
   *
   * @param bytes the bytes
   * @param offset the first byte's index
   * @param length the number of bytes
   * @return the string, or {@code null}
   */
  public static String decode(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException();
    }
    char[] out = new char[length];
    int end = offset + length;
    // the ASCII prefix, widened in one pass (four bytes per step in a canister)
    int ascii = 0;
    if (Platform.inCanister()) {
      Address a = Address.ofData(bytes).add(offset);
      while (ascii + 4 <= length && (a.add(ascii).getInt() & 0x80808080) == 0) {
        ascii += 4;
      }
    }
    while (ascii < length && RawArrays.getByte(bytes, offset + ascii) >= 0) {
      ascii++;
    }
    StringInternals.widen(bytes, offset, out, ascii);
    int o = ascii;
    int i = offset + ascii;
    while (i < end) {
      int b0 = bytes[i] & 0xFF;
      if (b0 < 0x80) {
        out[o++] = (char) b0;
        i++;
        continue;
      }
      int need;
      int cp;
      int min;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
        min = 0x80;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        min = 0x800;
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        min = 0x10000;
      } else {
        return null;
      }
      if (end - i - 1 < need) {
        return null;
      }
      for (int k = 1; k <= need; k++) {
        int b = bytes[i + k] & 0xFF;
        if ((b & 0xC0) != 0x80) {
          return null;
        }
        cp = (cp << 6) | (b & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return null;
      }
      i += need + 1;
      if (cp >= 0x10000) {
        out[o++] = Character.highSurrogate(cp);
        out[o++] = Character.lowSurrogate(cp);
      } else {
        out[o++] = (char) cp;
      }
    }
    if (o == length) {
      return StringInternals.adopt(out);
    }
    char[] exact = new char[o];
    StringInternals.copyChars(out, 0, exact, 0, o);
    return StringInternals.adopt(exact);
  }

  /**
   * As {@link #decode(byte[])}, trapping with a message naming {@code what} when invalid.
   *
   * @param bytes the bytes
   * @param what what they are, for the trap message
   * @return the string
   */
  public static String decodeOrTrap(byte[] bytes, String what) {
    return decodeOrTrap(bytes, what, null);
  }

  /**
   * As {@link #decodeOrTrap(byte[], String)} with the message {@code "<what> <name> is not valid
   * UTF-8"}, built only when it is needed.
   *
   * @param bytes the bytes
   * @param what what they are, for the trap message
   * @param name their name, for the trap message
   * @return the string
   */
  public static String decodeOrTrap(byte[] bytes, String what, String name) {
    String s = decode(bytes);
    if (s == null) {
      throw SystemApi.trap(what + (name == null ? "" : " " + name) + " is not valid UTF-8");
    }
    return s;
  }

  /**
   * Whether {@code a[0..length)} equals {@code b[0..length)}; the caller checks the lengths.
   *
   * @param a one array
   * @param aOffset where its range starts
   * @param b the other array
   * @param bOffset where its range starts
   * @param length the ranges' length
   * @return whether the ranges are equal
   */
  public static boolean equalBytes(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    if (aOffset < 0 || bOffset < 0 || aOffset > a.length - length || bOffset > b.length - length) {
      return false;
    }
    int aBase = RawArrays.base(a);
    int bBase = RawArrays.base(b);
    for (int i = 0; i < length; i++) {
      if (RawArrays.getByteAt(a, aBase, aOffset + i) != RawArrays.getByteAt(b, bBase, bOffset + i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether two arrays hold the same bytes (null equals only null).
   *
   * @param a one array, or {@code null}
   * @param b the other, or {@code null}
   * @return whether they are equal
   */
  public static boolean equalBytes(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.length == b.length && equalBytes(a, 0, b, 0, a.length);
  }
}
