package dev.icjava.noncestore;

import dev.icjava.runtime.internal.RawArrays;

/**
 * Little-endian integers in the store's buffers. The offsets used are constants of the layouts, or
 * list positions below the per-caller cap, inside buffers sized by the same layouts: the unchecked
 * access of {@link RawArrays} is safe there and saves about 40 Wasm instructions per access.
 */
final class LittleEndian {
  private LittleEndian() {}

  static int getInt(byte[] b, int at) {
    return RawArrays.getIntLE(b, at);
  }

  static long getLong(byte[] b, int at) {
    return (getInt(b, at) & 0xFFFFFFFFL) | ((long) getInt(b, at + 4) << 32);
  }

  static void putInt(byte[] b, int at, int v) {
    RawArrays.putIntLE(b, at, v);
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) v);
    putInt(b, at + 4, (int) (v >>> 32));
  }
}
