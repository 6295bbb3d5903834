package dev.icjava.noncestore;

import dev.icjava.runtime.internal.RawArrays;

/**
 * SipHash-2-4 (Aumasson and Bernstein), a keyed pseudo-random function with a 128-bit key and a
 * 64-bit output: the nonce store's tags, keys and table hashes. Written to compile under TeaVM; checked
 * against Bouncy Castle in tests.
 */
final class SipHash {
  private SipHash() {}

  /** SipHash-2-4 of {@code data[offset..offset+length)} under the key {@code (k0, k1)}. */
  static long hash(long k0, long k1, byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || length > data.length - offset) {
      throw new IndexOutOfBoundsException(); // the word reads below are unchecked in a canister
    }
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int end = offset + (length & ~7);
    for (int i = offset; i < end; i += 8) {
      // one 64-bit word from two little-endian ints: far fewer Wasm instructions than 8 bytes
      long m = (RawArrays.getIntLE(data, i) & 0xFFFFFFFFL) | ((long) RawArrays.getIntLE(data, i + 4) << 32);
      v3 ^= m;
      for (int r = 0; r < 2; r++) {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    long last = ((long) length << 56) | littleEndian(data, end, length & 7);
    return finish(v0, v1, v2, v3, last);
  }

  /**
   * SipHash-2-4 of nine bytes: a 64-bit word (little-endian) then the byte {@code b}, without an
   * array. The nonce store's tags are three of these, {@code b} = 0, 1, 2 (domain separation).
   */
  static long hashLongAndByte(long k0, long k1, long word, int b) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    v3 ^= word;
    for (int r = 0; r < 2; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= word;
    return finish(v0, v1, v2, v3, (9L << 56) | (b & 0xFF));
  }

  /** The last block ({@code last}: length byte and tail) and the four finalization rounds. */
  private static long finish(long v0, long v1, long v2, long v3, long last) {
    v3 ^= last;
    for (int r = 0; r < 2; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= last;
    v2 ^= 0xff;
    for (int r = 0; r < 4; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  static long littleEndian(byte[] data, int offset, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (data[offset + i] & 0xFF);
    }
    return v;
  }
}
