package dev.icjava.noncestore;

/**
 * SipHash-2-4 (Aumasson and Bernstein), a keyed pseudo-random function with a 128-bit key and a
 * 64-bit output: the nonce store's tags and table hashes. Written to compile under TeaVM; checked
 * against Bouncy Castle in tests.
 */
final class SipHash {
  private SipHash() {}

  /** SipHash-2-4 of {@code data[offset..offset+length)} under the key {@code (k0, k1)}. */
  static long hash(long k0, long k1, byte[] data, int offset, int length) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int end = offset + (length & ~7);
    for (int i = offset; i < end; i += 8) {
      long m = littleEndian(data, i, 8);
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

  /** SipHash-2-4 of one 64-bit word (its 8 little-endian bytes). */
  static long hashLong(long k0, long k1, long word) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (word >>> (8 * i));
    }
    return hash(k0, k1, b, 0, 8);
  }

  static long littleEndian(byte[] data, int offset, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (data[offset + i] & 0xFF);
    }
    return v;
  }
}
