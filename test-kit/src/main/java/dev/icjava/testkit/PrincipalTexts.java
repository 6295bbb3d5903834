package dev.icjava.testkit;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;

/**
 * The textual form of principals (interface spec, "Principals", textual representation): the
 * CRC-32 of the bytes (big-endian) followed by the bytes, base32 (RFC 4648, lowercase, no padding),
 * in groups of five characters joined by {@code -}. Written here, with the JDK's CRC-32, so that the
 * test kit reads principal texts without the canister library it tests (caller-auth's {@code
 * Principal} compiles into canisters and tests with this kit).
 */
public final class PrincipalTexts {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  private PrincipalTexts() {}

  /**
   * The bytes of principal text {@code text}; {@link IllegalArgumentException} naming what is wrong
   * (a character outside the alphabet, groups not of five, more than 29 bytes, the checksum).
   *
   * @param text the principal's text
   * @return its bytes
   */
  public static byte[] parse(String text) {
    String[] groups = text.split("-", -1);
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < groups.length; i++) {
      if (groups[i].isEmpty() || groups[i].length() > 5 || (i < groups.length - 1 && groups[i].length() != 5)) {
        throw new IllegalArgumentException("principal text " + text + ": groups must be five characters, the last 1 to 5");
      }
      joined.append(groups[i]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : joined.toString().toCharArray()) {
      int v = ALPHABET.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("principal text " + text + ": '" + c + "' is not lowercase base32");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    byte[] all = out.toByteArray();
    if (all.length < 4 || all.length > 4 + 29) {
      throw new IllegalArgumentException("principal text " + text + ": " + Math.max(0, all.length - 4)
          + " bytes after the checksum; a principal has 0 to 29");
    }
    byte[] bytes = java.util.Arrays.copyOfRange(all, 4, all.length);
    if (!java.util.Arrays.equals(java.util.Arrays.copyOf(all, 4), checksum(bytes)) || !format(bytes).equals(text)) {
      throw new IllegalArgumentException("principal text " + text + ": wrong checksum or not the canonical form");
    }
    return bytes;
  }

  /**
   * The text of principal {@code bytes}.
   *
   * @param bytes the principal's bytes
   * @return its text
   */
  public static String format(byte[] bytes) {
    byte[] all = new byte[4 + bytes.length];
    System.arraycopy(checksum(bytes), 0, all, 0, 4);
    System.arraycopy(bytes, 0, all, 4, bytes.length);
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : all) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        base32.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      base32.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 5) {
      if (i > 0) {
        text.append('-');
      }
      text.append(base32, i, Math.min(i + 5, base32.length()));
    }
    return text.toString();
  }

  private static byte[] checksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    long v = crc.getValue();
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }
}
