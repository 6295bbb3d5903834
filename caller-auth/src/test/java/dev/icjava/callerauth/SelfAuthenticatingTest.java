package dev.icjava.callerauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Self-authenticating principals of keys generated with Bouncy Castle (Ed25519, and ECDSA on
 * secp256k1 as Internet Identity and wallets use), against a derivation done with the JDK's
 * SHA-224.
 */
class SelfAuthenticatingTest {
  @BeforeAll
  static void bouncyCastle() {
    Security.addProvider(new BouncyCastleProvider());
  }

  static byte[] independent(byte[] der) throws Exception {
    byte[] p = Arrays.copyOf(MessageDigest.getInstance("SHA-224").digest(der), 29);
    p[28] = 0x02;
    return p;
  }

  @Test
  void shouldDeriveTheSameIdsForEd25519Keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", "BC");
    for (int i = 0; i < 50; i++) {
      byte[] der = g.generateKeyPair().getPublic().getEncoded();
      assertEquals(44, der.length, "Ed25519 SubjectPublicKeyInfo");
      Principal p = Principal.selfAuthenticating(der);
      assertArrayEquals(independent(der), p.bytes());
      assertTrue(p.isSelfAuthenticating());
    }
  }

  @Test
  void shouldDeriveTheSameIdsForSecp256k1Keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
    g.initialize(new ECGenParameterSpec("secp256k1"));
    for (int i = 0; i < 50; i++) {
      byte[] der = g.generateKeyPair().getPublic().getEncoded();
      Principal p = Principal.selfAuthenticating(der);
      assertArrayEquals(independent(der), p.bytes());
      assertEquals(29, p.length());
    }
  }
}
