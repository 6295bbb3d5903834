package dev.icjava.callerauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.junit.jupiter.api.Test;

/** The hand-written SHA-224 against FIPS 180-4's examples, Bouncy Castle and the JDK. */
class Sha224Test {
  @Test
  void shouldMatchTheFipsExamples() {
    assertArrayEquals(
        HexFormat.of().parseHex("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
        Sha224.digest("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertArrayEquals(
        HexFormat.of().parseHex("d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"),
        Sha224.digest(new byte[0]));
  }

  @Test
  void shouldMatchBouncyCastleAndTheJdkOnEveryLengthAroundTheBlockBoundaries() throws Exception {
    Random random = new Random(224);
    MessageDigest jdk = MessageDigest.getInstance("SHA-224");
    for (int length = 0; length <= 300; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      SHA224Digest bc = new SHA224Digest();
      bc.update(data, 0, data.length);
      byte[] expected = new byte[28];
      bc.doFinal(expected, 0);
      assertArrayEquals(expected, Sha224.digest(data), "length " + length);
      assertArrayEquals(jdk.digest(data), Sha224.digest(data), "length " + length);
    }
  }
}
