package dev.icjava.attributes;

import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.reference.NodeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute bundles encoded by {@code @dfinity/candid}, described as JSON maps of ICRC-3 Values.
 * Collect every bundle a test class needs, then {@link #encode()} them in one Node run.
 */
final class Bundles {
  static final String ORIGIN = "https://your-app.icp0.io";
  static final String NONCE_HEX = "000102030405060708090a0b0c0d0e0f";

  private final Map<String, String> json = new LinkedHashMap<>();
  private Map<String, byte[]> encoded;

  /** A standard bundle issued at {@code issuedAt}, with these extra entries (JSON fragments). */
  static String standard(long issuedAt, String... extraEntries) {
    return Icrc3Json.bundle(java.util.HexFormat.of().parseHex(NONCE_HEX), ORIGIN, issuedAt, extraEntries);
  }

  Bundles add(String name, String valueJson) {
    json.put(name, valueJson);
    return this;
  }

  Bundles encode() {
    List<NodeReference.Encoded> out = NodeReference.encodeIcrc3Values(new ArrayList<>(json.values()));
    encoded = new LinkedHashMap<>();
    int i = 0;
    for (String name : json.keySet()) {
      encoded.put(name, out.get(i++).message());
    }
    return this;
  }

  byte[] get(String name) {
    byte[] b = encoded.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no bundle " + name);
    }
    return b.clone();
  }
}
