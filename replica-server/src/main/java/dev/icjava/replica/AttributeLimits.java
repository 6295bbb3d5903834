package dev.icjava.replica;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The limits Internet Identity enforces on an identity-attribute request before it signs a bundle
 * (dfinity/internet-identity {@code src/internet_identity/src/attributes.rs}; summarised in
 * IC-NOTES, "What Internet Identity signs"), checked by the stand-in with II's messages. The bundle
 * itself is test-kit's {@link dev.icjava.testkit.AttributeBundle}, whose bytes are II's.
 */
final class AttributeLimits {
  /** II's {@code ICRC3_NONCE_BYTES}. */
  static final int NONCE_BYTES = 32;
  /** II's {@code MAX_ATTRIBUTES_PER_REQUEST}. */
  static final int MAX_KEYS = 100;
  /** II's {@code FRONTEND_HOSTNAME_MAX_BYTES}. */
  static final int MAX_ORIGIN_BYTES = 255;
  /** II's {@code ATTRIBUTE_VALUE_MAX_BYTES}. */
  static final int MAX_VALUE_BYTES = 50_000;
  /** The prefix of the three implicit fields, which no granted key may take. */
  static final String IMPLICIT = "implicit:";

  private AttributeLimits() {}

  /** Refuses more than {@link #MAX_KEYS} requested keys, with II's message. */
  static void checkKeyCount(int keys) {
    if (keys > MAX_KEYS) {
      throw new IllegalArgumentException("At most " + MAX_KEYS + " attributes may be requested, got " + keys);
    }
  }

  /**
   * Refuses, with an {@link IllegalArgumentException} whose message says which of II's rules it
   * breaks, a request to sign {@code granted} (key to text value, the implicit fields excluded) for
   * {@code nonce} and {@code origin}.
   */
  static void check(Map<String, String> granted, byte[] nonce, String origin) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("Nonce must be exactly " + NONCE_BYTES + " bytes, got " + nonce.length);
    }
    if (origin.getBytes(StandardCharsets.UTF_8).length > MAX_ORIGIN_BYTES) {
      throw new IllegalArgumentException("Origin is longer than " + MAX_ORIGIN_BYTES + " bytes");
    }
    checkKeyCount(granted.size());
    for (Map.Entry<String, String> e : granted.entrySet()) {
      if (e.getKey().startsWith(IMPLICIT)) {
        throw new IllegalArgumentException("The key " + e.getKey() + " is reserved for the implicit fields");
      }
      if (e.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException("The value of " + e.getKey() + " is longer than " + MAX_VALUE_BYTES + " bytes");
      }
    }
  }
}
