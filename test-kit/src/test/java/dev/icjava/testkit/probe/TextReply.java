package dev.icjava.testkit.probe;

import dev.icjava.runtime.SystemApi;
import java.nio.charset.StandardCharsets;

/**
 * The reply {@code (text)} for this module's test canisters, which sit below the {@code candid}
 * module (whose {@code CandidReply} the library's canisters use) in the build order: {@code DIDL},
 * no type definitions, one argument of type {@code text} (opcode 0x71), its LEB128 length, the
 * UTF-8 bytes.
 */
final class TextReply {
  private TextReply() {}

  static void text(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] length = new byte[5];
    int n = 0;
    int v = utf8.length;
    do {
      length[n++] = (byte) ((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
      v >>>= 7;
    } while (v != 0);
    byte[] out = new byte[7 + n + utf8.length];
    byte[] head = {'D', 'I', 'D', 'L', 0, 1, 0x71};
    System.arraycopy(head, 0, out, 0, 7);
    System.arraycopy(length, 0, out, 7, n);
    System.arraycopy(utf8, 0, out, 7 + n, utf8.length);
    SystemApi.msgReply(out);
  }
}
