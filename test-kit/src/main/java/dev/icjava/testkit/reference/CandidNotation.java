package dev.icjava.testkit.reference;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written as the Candid specification's test suite writes its blobs: text, with {@code \xx}
 * for a byte in hex ({@code "DIDL\00\01\7e\01"}). Other characters stand for their UTF-8 bytes.
 */
public final class CandidNotation {
  private CandidNotation() {}

  /**
   * The bytes {@code s} stands for: {@code \xx} a byte in hex, any other character its UTF-8 bytes.
   *
   * @param s the notation
   * @return the bytes
   */
  public static byte[] bytes(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
