package dev.icjava.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An identity-attribute bundle as Internet Identity signs it, for tests: one Candid value of the
 * ICRC-3 type {@code Value}, a {@code Map} whose keys are sorted by their UTF-8 bytes and unique (II
 * encodes a {@code BTreeMap}: dfinity/internet-identity {@code src/internet_identity/src/attributes.rs}),
 * with the three implicit fields and the granted attributes. The bytes are II's own, type table
 * included ({@link #encode}); the local replica's Internet Identity stand-in signs them too.
 *
 * <pre>{@code
 * byte[] nonce = backend.call("registerBegin");
 * byte[] bundle = AttributeBundle.issued(nonce, "https://your-app.icp0.io", replica.time())
 *     .text("email", "alice@example.com")
 *     .encode();
 * String reply = backend.as(alice).withAttributes(bundle).call("registerFinish");
 * }</pre>
 *
 * <p>The local replica checks no signature (the IC does: a bundle verifies only under its user's
 * key); {@link TestCanister#withAttributes} presents it as signed by {@link #INTERNET_IDENTITY}.
 */
public final class AttributeBundle {
  /** The Internet Identity backend, {@code rdmx6-jaaaa-aaaaa-aaadq-cai}: the signer of II's bundles. */
  public static final String INTERNET_IDENTITY = "rdmx6-jaaaa-aaaaa-aaadq-cai";

  /** The variant's tags in Candid's order, by field hash (Int, Map, Nat, Blob, Text, Array). */
  private static final String[] TAGS = sortedTags("Nat", "Int", "Blob", "Text", "Array", "Map");

  private final TreeMap<byte[], Object> entries = new TreeMap<>(Arrays::compareUnsigned);

  private AttributeBundle() {}

  /**
   * A bundle with no entries.
   *
   * @return a new bundle
   */
  public static AttributeBundle empty() {
    return new AttributeBundle();
  }

  /**
   * A bundle with II's implicit fields: {@code implicit:nonce} (the canister's nonce), {@code
   * implicit:origin} and {@code implicit:issued_at_timestamp_ns} (a {@code Nat}).
   *
   * @param nonce the nonce
   * @param origin the frontend's origin
   * @param issuedAtNanos the issue time, in nanoseconds since 1970
   * @return a new bundle
   */
  public static AttributeBundle issued(byte[] nonce, String origin, long issuedAtNanos) {
    return new AttributeBundle()
        .blob("implicit:nonce", nonce)
        .text("implicit:origin", origin)
        .nat("implicit:issued_at_timestamp_ns", BigInteger.valueOf(issuedAtNanos));
  }

  /**
   * Adds (or replaces) a {@code Text} entry.
   *
   * @param key the key
   * @param value the text
   * @return this bundle
   */
  public AttributeBundle text(String key, String value) {
    return put(key, value);
  }

  /**
   * Adds (or replaces) a {@code Blob} entry.
   *
   * @param key the key
   * @param value the bytes
   * @return this bundle
   */
  public AttributeBundle blob(String key, byte[] value) {
    return put(key, value.clone());
  }

  /**
   * Adds (or replaces) a {@code Nat} entry ({@code value} at least 0).
   *
   * @param key the key
   * @param value the number, 0 or more
   * @return this bundle
   */
  public AttributeBundle nat(String key, BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a Nat cannot be negative: " + value);
    }
    return put(key, value);
  }

  /**
   * Removes an entry (to test a bundle that lacks a field).
   *
   * @param key the key
   * @return this bundle
   */
  public AttributeBundle without(String key) {
    entries.remove(key.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  private AttributeBundle put(String key, Object value) {
    entries.put(key.getBytes(StandardCharsets.UTF_8), value);
    return this;
  }

  /**
   * The Candid message {@code (Value)}, byte for byte as Internet Identity's encoder (candid-rust)
   * writes it: the type table {@code 0: variant { Int : int; Map : 1; Nat : nat; Blob : 3; Text :
   * text; Array : 4 }} (fields in hash order), {@code 1: vec 2}, {@code 2: record { 0 : text; 1 :
   * 0 }}, {@code 3: vec nat8}, {@code 4: vec 0} (the order in which candid-rust meets the types),
   * then the map. replica-server's {@code AttributeBundleTest} rebuilds the message of each of II's
   * published test vectors with this class, byte for byte.
   *
   * @return the Candid message
   */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'D', 'I', 'D', 'L'});
    uleb(out, 5);
    out.write(0x6b); // 0: variant
    uleb(out, TAGS.length);
    for (String tag : TAGS) {
      uleb(out, hash(tag));
      switch (tag) {
        case "Nat" -> out.write(0x7d);
        case "Int" -> out.write(0x7c);
        case "Map" -> out.write(1);
        case "Blob" -> out.write(3);
        case "Array" -> out.write(4);
        default -> out.write(0x71); // Text
      }
    }
    out.write(0x6d); // 1: vec 2
    out.write(2);
    out.write(0x6c); // 2: record { 0 : text; 1 : 0 }
    out.write(2);
    out.write(0);
    out.write(0x71);
    out.write(1);
    out.write(0);
    out.write(0x6d); // 3: vec nat8
    out.write(0x7b);
    out.write(0x6d); // 4: vec 0
    out.write(0);
    uleb(out, 1); // one argument, of type 0
    out.write(0);
    tag(out, "Map");
    uleb(out, entries.size());
    for (Map.Entry<byte[], Object> e : entries.entrySet()) {
      uleb(out, e.getKey().length);
      out.writeBytes(e.getKey());
      Object v = e.getValue();
      if (v instanceof String s) {
        tag(out, "Text");
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        uleb(out, utf8.length);
        out.writeBytes(utf8);
      } else if (v instanceof byte[] b) {
        tag(out, "Blob");
        uleb(out, b.length);
        out.writeBytes(b);
      } else {
        tag(out, "Nat");
        uleb(out, (BigInteger) v);
      }
    }
    return out.toByteArray();
  }

  private static void tag(ByteArrayOutputStream out, String tag) {
    uleb(out, Arrays.asList(TAGS).indexOf(tag));
  }

  /** Candid's field hash: {@code h = h * 223 + byte}, modulo 2^32, over the label's UTF-8 bytes. */
  static long hash(String label) {
    long h = 0;
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      h = (h * 223 + (b & 0xff)) & 0xffffffffL;
    }
    return h;
  }

  private static String[] sortedTags(String... tags) {
    String[] sorted = tags.clone();
    Arrays.sort(sorted, (a, b) -> Long.compare(hash(a), hash(b)));
    return sorted;
  }

  private static void uleb(ByteArrayOutputStream out, long v) {
    IcCandid.uleb(out, v);
  }

  private static void uleb(ByteArrayOutputStream out, BigInteger v) {
    IcCandid.ulebBig(out, v);
  }
}
