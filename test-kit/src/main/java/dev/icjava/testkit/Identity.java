package dev.icjava.testkit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A caller for tests: an Ed25519 key pair and its self-authenticating principal, as an Internet
 * Identity user or an icp-cli identity has. The principal is the SHA-224 of the DER-encoded public
 * key followed by the byte {@code 0x02}, 29 bytes in all (interface spec, "Principals": self-authenticating
 * ids).
 *
 * <pre>{@code
 * Identity alice = Identity.random();
 * String text = alice.text();                       // e.g. "ofxgl-gjp2y-...-iae"
 * Request request = alice.request();                // a call from alice, empty argument
 * }</pre>
 */
public final class Identity {
  private final KeyPair keys;
  private final byte[] principal;

  private Identity(KeyPair keys) {
    this.keys = keys;
    this.principal = selfAuthenticating(keys.getPublic().getEncoded());
  }

  /**
   * A new identity with a fresh random key.
   *
   * @return a new identity
   */
  public static Identity random() {
    return generate(new SecureRandom());
  }

  /**
   * The identity made from {@code seed}: the same seed gives the same key and principal in every
   * run (for fixtures); not for anything but tests.
   *
   * @param seed the seed
   * @return the identity
   */
  public static Identity fromSeed(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return generate(random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA1PRNG in this JDK", e);
    }
  }

  private static Identity generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(255, random);
      return new Identity(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no Ed25519 in this JDK", e);
    }
  }

  /**
   * The self-authenticating principal of a DER-encoded public key ({@code SubjectPublicKeyInfo}).
   *
   * @param derPublicKey the key
   * @return the principal's bytes
   */
  public static byte[] selfAuthenticating(byte[] derPublicKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-224").digest(derPublicKey);
      byte[] id = Arrays.copyOf(hash, 29);
      id[28] = 0x02;
      return id;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-224 in this JDK", e);
    }
  }

  /**
   * The principal's 29 bytes (a copy).
   *
   * @return the principal's bytes
   */
  public byte[] principal() {
    return principal.clone();
  }

  /**
   * The principal's text form.
   *
   * @return the principal's text
   */
  public String text() {
    return PrincipalTexts.format(principal);
  }

  /**
   * The DER-encoded Ed25519 public key.
   *
   * @return the public key, DER-encoded
   */
  public byte[] derPublicKey() {
    return keys.getPublic().getEncoded();
  }

  /**
   * The key pair, to sign requests (for example with {@code java.security.Signature} "Ed25519").
   *
   * @return the key pair
   */
  public KeyPair keyPair() {
    return keys;
  }

  /**
   * A call from this identity with the empty Candid argument.
   *
   * @return the request
   */
  public Request request() {
    return Request.from(principal);
  }

  @Override
  public String toString() {
    return text();
  }
}
