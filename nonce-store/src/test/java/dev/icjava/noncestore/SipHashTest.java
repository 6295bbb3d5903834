package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** SipHash-2-4 against Bouncy Castle's, for every length 0..100 and random keys. */
class SipHashTest {
  @Test
  void shouldAgreeWithBouncyCastle() {
    Random r = new Random(3);
    for (int length = 0; length <= 100; length++) {
      for (int k = 0; k < 20; k++) {
        byte[] key = new byte[16];
        r.nextBytes(key);
        byte[] data = new byte[length + 3];
        r.nextBytes(data);
        SipHash bc = new SipHash(2, 4);
        bc.init(new KeyParameter(key));
        bc.update(data, 3, length);
        long expected = bc.doFinal();
        long k0 = dev.icjava.noncestore.SipHash.littleEndian(key, 0, 8);
        long k1 = dev.icjava.noncestore.SipHash.littleEndian(key, 8, 8);
        assertEquals(expected, dev.icjava.noncestore.SipHash.hash(k0, k1, data, 3, length), "length " + length);
      }
    }
  }

  /** The nonce tags' form: a word and a domain byte, nine bytes, without an array. */
  @Test
  void shouldHashAWordAndAByteAsBouncyCastleHashesTheirNineBytes() {
    Random r = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      byte[] key = new byte[16];
      r.nextBytes(key);
      long word = r.nextLong();
      int b = r.nextInt(256);
      byte[] data = new byte[9];
      for (int k = 0; k < 8; k++) {
        data[k] = (byte) (word >>> (8 * k));
      }
      data[8] = (byte) b;
      SipHash bc = new SipHash(2, 4);
      bc.init(new KeyParameter(key));
      bc.update(data, 0, 9);
      long k0 = dev.icjava.noncestore.SipHash.littleEndian(key, 0, 8);
      long k1 = dev.icjava.noncestore.SipHash.littleEndian(key, 8, 8);
      assertEquals(bc.doFinal(), dev.icjava.noncestore.SipHash.hashLongAndByte(k0, k1, word, b));
    }
  }
}
