package dev.icjava.replica;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity-attribute bundle the Internet Identity stand-in signs, built as Internet Identity
 * builds it (dfinity/internet-identity {@code src/internet_identity/src/attributes.rs}, {@code
 * icrc3_attribute_message}; summarised in IC-NOTES, "What Internet Identity signs"): one Candid
 * ICRC-3 {@code Value::Map} whose entries are sorted by the keys' bytes and unique, holding the
 * granted attributes as {@code Text} and exactly three implicit fields, {@code implicit:nonce}
 * ({@code Blob}, exactly 32 bytes), {@code implicit:origin} ({@code Text}, the derivation origin
 * when one was validated, else the page's origin) and {@code implicit:issued_at_timestamp_ns}
 * ({@code Nat}). The limits II enforces on what it signs are enforced here with II's messages.
 *
 * <p>The Candid type is {@code type Value = variant { Nat : nat; Int : int; Blob : blob; Text :
 * text; Array : vec Value; Map : vec record { text; Value } }}, with the type table II's encoder
 * writes: the bytes are II's own, checked against the messages of II's published test vectors
 * (AttributeBundleTest).
 */
final class AttributeBundle {
  /** II's {@code ICRC3_NONCE_BYTES}. */
  static final int NONCE_BYTES = 32;
  /** II's {@code MAX_ATTRIBUTES_PER_REQUEST}. */
  static final int MAX_KEYS = 100;
  /** II's {@code FRONTEND_HOSTNAME_MAX_BYTES}. */
  static final int MAX_ORIGIN_BYTES = 255;
  /** II's {@code ATTRIBUTE_VALUE_MAX_BYTES}. */
  static final int MAX_VALUE_BYTES = 50_000;

  private static final String[] VARIANT = {"Nat", "Int", "Blob", "Text", "Array", "Map"};
  /** The variant's fields in Candid order (by field hash), as indexes into {@link #VARIANT}. */
  private static final Integer[] ORDER;

  static {
    ORDER = new Integer[VARIANT.length];
    for (int i = 0; i < ORDER.length; i++) {
      ORDER[i] = i;
    }
    Arrays.sort(ORDER, Comparator.comparingLong(i -> Integer.toUnsignedLong(idlHash(VARIANT[i]))));
  }

  private AttributeBundle() {}

  /**
   * The bundle for {@code granted} (key to text value, the implicit fields excluded), or an
   * {@link IllegalArgumentException} whose message says which of II's rules the request breaks.
   */
  static byte[] build(Map<String, String> granted, byte[] nonce, String origin, long issuedAtNs) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("Nonce must be exactly " + NONCE_BYTES + " bytes, got " + nonce.length);
    }
    if (origin.getBytes(StandardCharsets.UTF_8).length > MAX_ORIGIN_BYTES) {
      throw new IllegalArgumentException("Origin is longer than " + MAX_ORIGIN_BYTES + " bytes");
    }
    if (granted.size() > MAX_KEYS) {
      throw new IllegalArgumentException("At most " + MAX_KEYS + " attributes may be requested, got " + granted.size());
    }
    TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
    for (Map.Entry<String, String> e : granted.entrySet()) {
      if (e.getKey().startsWith("implicit:")) {
        throw new IllegalArgumentException("The key " + e.getKey() + " is reserved for the implicit fields");
      }
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      if (value.length > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException("The value of " + e.getKey() + " is longer than " + MAX_VALUE_BYTES + " bytes");
      }
      entries.put(utf8(e.getKey()), value(3, text(value)));
    }
    entries.put(utf8("implicit:nonce"), value(2, blob(nonce)));
    entries.put(utf8("implicit:origin"), value(3, text(utf8(origin))));
    entries.put(utf8("implicit:issued_at_timestamp_ns"), value(0, leb(BigInteger.valueOf(issuedAtNs))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("DIDL".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(typeTable());
    out.writeBytes(leb(BigInteger.ONE));
    out.writeBytes(leb(BigInteger.ZERO)); // the argument's type: table entry 0
    out.writeBytes(value(5, map(entries)));
    return out.toByteArray();
  }

  /**
   * The table as II's encoder (candid-rust) writes it: 0 the variant, 1 {@code vec 2} (Map), 2
   * {@code record { 0 : text; 1 : 0 }}, 3 {@code vec nat8} (Blob), 4 {@code vec 0} (Array).
   */
  private static byte[] typeTable() {
    int[] fieldType = {sleb(-3), sleb(-4), 3, sleb(-15), 4, 1}; // Nat, Int, Blob, Text, Array, Map
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    t.writeBytes(leb(BigInteger.valueOf(5)));
    t.writeBytes(new byte[] {0x6b}); // variant
    t.writeBytes(leb(BigInteger.valueOf(VARIANT.length)));
    for (int i : ORDER) {
      t.writeBytes(leb(BigInteger.valueOf(Integer.toUnsignedLong(idlHash(VARIANT[i])))));
      t.write(fieldType[i]);
    }
    t.writeBytes(new byte[] {0x6d, 0x02}); // 1: vec 2
    t.writeBytes(new byte[] {0x6c, 0x02, 0x00, 0x71, 0x01, 0x00}); // 2: record { 0 : text; 1 : 0 }
    t.writeBytes(new byte[] {0x6d, 0x7b}); // 3: vec nat8
    t.writeBytes(new byte[] {0x6d, 0x00}); // 4: vec 0
    return t.toByteArray();
  }

  /** A one-byte SLEB128 of a small negative primitive type code. */
  private static int sleb(int code) {
    return code & 0x7f;
  }

  /** The variant case {@code variantIndex} (into {@link #VARIANT}) carrying {@code payload}. */
  private static byte[] value(int variantIndex, byte[] payload) {
    int position = List.of(ORDER).indexOf(variantIndex);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(leb(BigInteger.valueOf(position)));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] map(TreeMap<byte[], byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(leb(BigInteger.valueOf(entries.size())));
    entries.forEach((k, v) -> {
      out.writeBytes(text(k));
      out.writeBytes(v);
    });
    return out.toByteArray();
  }

  private static byte[] text(byte[] utf8) {
    return blob(utf8);
  }

  private static byte[] blob(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(leb(BigInteger.valueOf(bytes.length)));
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] leb(BigInteger n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BigInteger v = n;
    do {
      int b = v.and(BigInteger.valueOf(0x7f)).intValue();
      v = v.shiftRight(7);
      out.write(v.signum() == 0 ? b : b | 0x80);
    } while (v.signum() != 0);
    return out.toByteArray();
  }

  /** The Candid field hash of {@code name}. */
  static int idlHash(String name) {
    int h = 0;
    for (byte b : utf8(name)) {
      h = h * 223 + (b & 0xff);
    }
    return h;
  }
}
