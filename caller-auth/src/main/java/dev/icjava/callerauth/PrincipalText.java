package dev.icjava.callerauth;

/**
 * The textual form of principals: CRC-32 of the bytes (big-endian) followed by the bytes, in
 * lowercase base32 (RFC 4648 alphabet) without padding, in groups of five characters joined by
 * {@code -}. Works on ASCII bytes so that a canister can put the text in a reply without building
 * strings.
 */
final class PrincipalText {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  private PrincipalText() {}

  /** The text of the principal with these raw bytes, as ASCII bytes. */
  static byte[] encode(byte[] raw) {
    int crc = Crc32.of(raw);
    int n = raw.length + 4;
    int chars = (n * 8 + 4) / 5;
    int dashes = (chars - 1) / 5;
    byte[] out = new byte[chars + dashes];
    int o = 0;
    int written = 0;
    long buffer = 0;
    int bits = 0;
    for (int i = 0; i < n; i++) {
      int b = i < 4 ? (crc >>> (24 - 8 * i)) & 0xFF : raw[i - 4] & 0xFF;
      buffer = (buffer << 8) | b;
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        if (written > 0 && written % 5 == 0) {
          out[o++] = '-';
        }
        out[o++] = (byte) ALPHABET.charAt((int) (buffer >>> bits) & 31);
        written++;
      }
    }
    if (bits > 0) {
      if (written > 0 && written % 5 == 0) {
        out[o++] = '-';
      }
      out[o++] = (byte) ALPHABET.charAt((int) (buffer << (5 - bits)) & 31);
    }
    return out;
  }

  /**
   * The raw bytes of the principal written as {@code text}; throws {@link
   * PrincipalFormatException} naming the rule the text breaks.
   */
  static byte[] decode(String text) {
    int len = text.length();
    // Grouping: groups of exactly five characters, the last one of one to five.
    int chars = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == '-') {
        if (chars == 0 || (i + 1) % 6 != 0 || i == len - 1) {
          throw new PrincipalFormatException(
              PrincipalFormatException.Reason.GROUPING,
              "dash at index " + i + ": groups must be five characters joined by single dashes");
        }
        continue;
      }
      if ((i + 1) % 6 == 0) {
        throw new PrincipalFormatException(
            PrincipalFormatException.Reason.GROUPING,
            "expected a dash at index " + i + " after a group of five characters");
      }
      if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
        throw new PrincipalFormatException(
            PrincipalFormatException.Reason.CHARACTER,
            "character '"
                + (c >= 0x20 && c < 0x7F ? String.valueOf(c) : "U+" + Integer.toHexString(c))
                + "' at index "
                + i
                + " is not lowercase base32 (a-z, 2-7)");
      }
      chars++;
    }
    // Length: 4 checksum bytes and at most 29 principal bytes; padding bits must be zero.
    int bitCount = chars * 5;
    int n = bitCount / 8;
    if (n < 4 || n > 33 || chars != (n * 8 + 4) / 5) {
      throw new PrincipalFormatException(
          PrincipalFormatException.Reason.LENGTH,
          chars
              + " base32 characters do not encode a checksum and 0 to 29 bytes");
    }
    byte[] all = new byte[n];
    long buffer = 0;
    int bits = 0;
    int o = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == '-') {
        continue;
      }
      int v = c >= 'a' ? c - 'a' : c - '2' + 26;
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        all[o++] = (byte) (buffer >>> bits);
      }
    }
    if ((buffer & ((1L << bits) - 1)) != 0) {
      throw new PrincipalFormatException(
          PrincipalFormatException.Reason.LENGTH, "non-zero padding bits after the last byte");
    }
    byte[] raw = new byte[n - 4];
    System.arraycopy(all, 4, raw, 0, raw.length);
    int crc =
        ((all[0] & 0xFF) << 24) | ((all[1] & 0xFF) << 16) | ((all[2] & 0xFF) << 8) | (all[3] & 0xFF);
    if (crc != Crc32.of(raw)) {
      throw new PrincipalFormatException(
          PrincipalFormatException.Reason.CHECKSUM, "the CRC-32 in the text does not match its bytes");
    }
    return raw;
  }
}
