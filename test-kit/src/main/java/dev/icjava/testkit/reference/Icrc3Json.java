package dev.icjava.testkit.reference;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * ICRC-3 Values written as the JSON that {@link NodeReference#encodeIcrc3Values} sends to {@code
 * @dfinity/candid}, for building attribute bundles in tests:
 *
 * <pre>{@code
 * String json = Icrc3Json.bundle(nonce, "https://your-app.icp0.io", now,
 *     Icrc3Json.entry("email", Icrc3Json.text("alice@example.com")));
 * byte[] message = NodeReference.encodeIcrc3Values(List.of(json)).get(0).message();
 * }</pre>
 */
public final class Icrc3Json {
  private Icrc3Json() {}

  /**
   * A bundle as Internet Identity signs it: {@code implicit:nonce}, {@code implicit:origin}, {@code
   * implicit:issued_at_timestamp_ns} and {@code extraEntries}, sorted by key as {@link #map} sorts.
   *
   * @param nonce the nonce
   * @param origin the frontend's origin
   * @param issuedAtNanos the issue time, in nanoseconds since 1970
   * @param extraEntries further entries, already JSON
   * @return the bundle's JSON
   */
  public static String bundle(byte[] nonce, String origin, long issuedAtNanos, String... extraEntries) {
    List<String> entries = new ArrayList<>();
    entries.add(entry("implicit:nonce", blob(nonce)));
    entries.add(entry("implicit:origin", text(origin)));
    entries.add(entry("implicit:issued_at_timestamp_ns", nat(Long.toUnsignedString(issuedAtNanos))));
    entries.addAll(List.of(extraEntries));
    return map(entries.toArray(new String[0]));
  }

  /**
   * A {@code Map} with its entries sorted by the UTF-8 bytes of their keys (stable: repeated keys
   * keep their order), as Internet Identity encodes a {@code BTreeMap}.
   *
   * @param entries the entries, already JSON
   * @return the map's JSON
   */
  public static String map(String... entries) {
    List<String> sorted = new ArrayList<>(List.of(entries));
    sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(keyUtf8(a), keyUtf8(b)));
    return unsortedMap(sorted.toArray(new String[0]));
  }

  /**
   * A {@code Map} with its entries in the order given: what no Internet Identity bundle is.
   *
   * @param entries the entries, already JSON
   * @return the map's JSON
   */
  public static String unsortedMap(String... entries) {
    return "{\"Map\":[" + String.join(",", entries) + "]}";
  }

  /** The key of an {@link #entry} as UTF-8: the JSON string after its opening bracket. */
  static byte[] keyUtf8(String entry) {
    StringBuilder key = new StringBuilder();
    int i = 2; // after ["
    while (entry.charAt(i) != '"') {
      char c = entry.charAt(i++);
      if (c == '\\') {
        char e = entry.charAt(i++);
        if (e == 'u') {
          key.append((char) Integer.parseInt(entry.substring(i, i + 4), 16));
          i += 4;
        } else {
          key.append(e);
        }
      } else {
        key.append(c);
      }
    }
    return key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A map entry {@code [key, value]}, the value already JSON.
   *
   * @param key the key
   * @param valueJson the value, already JSON
   * @return the entry's JSON
   */
  public static String entry(String key, String valueJson) {
    return "[" + quote(key) + "," + valueJson + "]";
  }

  /**
   * A {@code Text} value.
   *
   * @param s the text
   * @return the value's JSON
   */
  public static String text(String s) {
    return "{\"Text\":" + quote(s) + "}";
  }

  /**
   * A {@code Nat} value, given in decimal.
   *
   * @param decimal the number, in decimal
   * @return the value's JSON
   */
  public static String nat(String decimal) {
    return "{\"Nat\":\"" + decimal + "\"}";
  }

  /**
   * An {@code Int} value, given in decimal.
   *
   * @param decimal the number, in decimal
   * @return the value's JSON
   */
  public static String integer(String decimal) {
    return "{\"Int\":\"" + decimal + "\"}";
  }

  /**
   * A {@code Blob} value of these bytes.
   *
   * @param bytes the bytes
   * @return the value's JSON
   */
  public static String blob(byte[] bytes) {
    return blob(HexFormat.of().formatHex(bytes));
  }

  /**
   * A {@code Blob} value, given in hex.
   *
   * @param hex the bytes, in hex
   * @return the value's JSON
   */
  public static String blob(String hex) {
    return "{\"Blob\":\"" + hex + "\"}";
  }

  /**
   * An {@code Array} of values already JSON.
   *
   * @param values the elements, already JSON
   * @return the value's JSON
   */
  public static String array(String... values) {
    return "{\"Array\":[" + String.join(",", values) + "]}";
  }

  /**
   * A JSON string literal.
   *
   * @param s the string
   * @return the literal
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
