package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.internal.RawArrays;

/** Little-endian integers, unsigned byte order, and reads and writes that grow memory first. */
final class Bytes {
  private Bytes() {}

  static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  static void putLong(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xFF)
        | (b[at + 1] & 0xFF) << 8
        | (b[at + 2] & 0xFF) << 16
        | (b[at + 3] & 0xFF) << 24;
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  static int getShort(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  /**
   * The little-endian int at {@code b[at..at+3]}, unchecked in a canister ({@link RawArrays}): the
   * caller has checked {@code 0 <= at <= b.length - 4}. The checked {@link #getInt} costs about 100
   * Wasm instructions more.
   */
  static int intLE(byte[] b, int at) {
    return RawArrays.getIntLE(b, at);
  }

  /** As {@link #intLE}, for a little-endian long at {@code b[at..at+7]}. */
  static long longLE(byte[] b, int at) {
    return (RawArrays.getIntLE(b, at) & 0xFFFFFFFFL) | ((long) RawArrays.getIntLE(b, at + 4) << 32);
  }

  /** Stores {@code v} little-endian at {@code b[at..at+3]}, unchecked as {@link #intLE}. */
  static void putIntLE(byte[] b, int at, int v) {
    RawArrays.putIntLE(b, at, v);
  }

  /** Stores {@code v} little-endian at {@code b[at..at+7]}, unchecked as {@link #intLE}. */
  static void putLongLE(byte[] b, int at, long v) {
    RawArrays.putIntLE(b, at, (int) v);
    RawArrays.putIntLE(b, at + 4, (int) (v >>> 32));
  }

  /**
   * {@code System.arraycopy} for ranges the caller has checked, with short ones (keys and values
   * of a few bytes) copied 4 bytes at a time: in a canister a bulk copy costs the IC 100
   * instructions before its bytes, and TeaVM's arraycopy several calls, more than the loads and
   * stores of a short copy.
   */
  static void copy(byte[] src, int from, byte[] dst, int to, int length) {
    if (length > 16) {
      System.arraycopy(src, from, dst, to, length);
      return;
    }
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      RawArrays.putIntLE(dst, to + i, RawArrays.getIntLE(src, from + i));
    }
    for (; i < length; i++) {
      dst[to + i] = src[from + i];
    }
  }

  /**
   * {@link #compare} of {@code a[aAt..aAt+aLength)} and {@code b[bAt..bAt+bLength)}, unchecked in a
   * canister: the caller has checked both ranges.
   */
  static int compare(byte[] a, int aAt, int aLength, byte[] b, int bAt, int bLength) {
    int n = Math.min(aLength, bLength);
    int ab = RawArrays.base(a);
    int bb = RawArrays.base(b);
    for (int i = 0; i < n; i++) {
      int d = (RawArrays.getByteAt(a, ab, aAt + i) & 0xFF) - (RawArrays.getByteAt(b, bb, bAt + i) & 0xFF);
      if (d != 0) {
        return d;
      }
    }
    return aLength - bLength;
  }

  static long readLong(StableMemory m, long offset) {
    byte[] b = new byte[8];
    m.read(offset, b, 0, 8);
    return getLong(b, 0);
  }

  static void writeLong(StableMemory m, long offset, long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    m.write(offset, b, 0, 8);
  }

  /** Unsigned lexicographic order, a shorter prefix first: the order of Rust's {@code [u8]}. */
  static int compare(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int d = (a[i] & 0xFF) - (b[i] & 0xFF);
      if (d != 0) {
        return d;
      }
    }
    return a.length - b.length;
  }

  static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Memory bytes, 0 for an empty memory. */
  static long memoryBytes(StableMemory m) {
    return m.size() * StableMemory.PAGE_BYTES;
  }

  /**
   * Grows {@code m} so that {@code [0, end)} is inside it, or throws with a message naming {@code
   * what} (nothing changes then).
   */
  static void ensureCapacity(StableMemory m, long end, String what) {
    long have = memoryBytes(m);
    if (end <= have) {
      return;
    }
    long pages = (end - have + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (m.grow(pages) < 0) {
      throw new StableStructureException(
          what + ": memory full, cannot grow from " + m.size() + " by " + pages + " pages");
    }
  }

  /** The three magic bytes as text when printable, else in hex, for messages. */
  static String describeMagic(byte[] h) {
    StringBuilder s = new StringBuilder();
    boolean printable = true;
    for (int i = 0; i < 3; i++) {
      int c = h[i] & 0xFF;
      printable &= c >= 0x20 && c < 0x7F;
    }
    if (printable) {
      s.append('"');
      for (int i = 0; i < 3; i++) {
        s.append((char) (h[i] & 0xFF));
      }
      return s.append('"').toString();
    }
    s.append("bytes");
    for (int i = 0; i < 3; i++) {
      s.append(' ').append(Integer.toHexString((h[i] & 0xFF) | 0x100).substring(1));
    }
    return s.toString();
  }

  static boolean hasMagic(byte[] h, String magic) {
    return h[0] == magic.charAt(0) && h[1] == magic.charAt(1) && h[2] == magic.charAt(2);
  }

  static void putMagic(byte[] h, String magic) {
    h[0] = (byte) magic.charAt(0);
    h[1] = (byte) magic.charAt(1);
    h[2] = (byte) magic.charAt(2);
  }
}
