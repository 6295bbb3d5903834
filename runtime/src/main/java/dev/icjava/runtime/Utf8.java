package dev.icjava.runtime;

/**
 * UTF-8 encoding written for the canister: small under TeaVM (no charset machinery), and total: an
 * unpaired surrogate becomes U+FFFD instead of failing, so a message can always be encoded.
 */
public final class Utf8 {
  private Utf8() {}

  /** The UTF-8 bytes of {@code s}, with each unpaired surrogate replaced by U+FFFD. */
  public static byte[] encode(String s) {
    return encode(s, Integer.MAX_VALUE);
  }

  /**
   * The UTF-8 bytes of at most the first {@code maxBytes} bytes' worth of {@code s}, cut only at a
   * character boundary.
   */
  public static byte[] encode(String s, int maxBytes) {
    char[] cs = s.toCharArray();
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
    int o = 0;
    for (int i = 0; i < end; ) {
      int cp = RawArrays.getChar(cs, i);
      if (cp < 0x80) {
        RawArrays.putByte(out, o++, (byte) cp);
        i++;
        continue;
      }
      if (isPairAt(cs, i)) {
        cp = Character.toCodePoint((char) cp, RawArrays.getChar(cs, i + 1));
        i += 2;
      } else {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        i++;
      }
      if (cp < 0x800) {
        RawArrays.putByte(out, o++, (byte) (0xC0 | (cp >> 6)));
        RawArrays.putByte(out, o++, (byte) (0x80 | (cp & 0x3F)));
      } else if (cp < 0x10000) {
        RawArrays.putByte(out, o++, (byte) (0xE0 | (cp >> 12)));
        RawArrays.putByte(out, o++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
        RawArrays.putByte(out, o++, (byte) (0x80 | (cp & 0x3F)));
      } else {
        RawArrays.putByte(out, o++, (byte) (0xF0 | (cp >> 18)));
        RawArrays.putByte(out, o++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
        RawArrays.putByte(out, o++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
        RawArrays.putByte(out, o++, (byte) (0x80 | (cp & 0x3F)));
      }
    }
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
   */
  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** As {@link #decode(byte[])}, for {@code bytes[offset..offset+length)}. */
  public static String decode(byte[] bytes, int offset, int length) {
    char[] out = new char[length];
    int o = 0;
    int i = offset;
    int end = offset + length;
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
    return new String(out, 0, o);
  }

  /** As {@link #decode(byte[])}, trapping with a message naming {@code what} when invalid. */
  public static String decodeOrTrap(byte[] bytes, String what) {
    return decodeOrTrap(bytes, what, null);
  }

  /**
   * As {@link #decodeOrTrap(byte[], String)} with the message {@code "<what> <name> is not valid
   * UTF-8"}, built only when it is needed.
   */
  public static String decodeOrTrap(byte[] bytes, String what, String name) {
    String s = decode(bytes);
    if (s == null) {
      throw SystemApi.trap(what + (name == null ? "" : " " + name) + " is not valid UTF-8");
    }
    return s;
  }

  /** Whether {@code a[0..length)} equals {@code b[0..length)}; the caller checks the lengths. */
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

  /** Whether two arrays hold the same bytes (null equals only null). */
  public static boolean equalBytes(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.length == b.length && equalBytes(a, 0, b, 0, a.length);
  }
}
