package dev.icjava.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Found by the adversarial suite: a message longer than the first buffer was copied into the old one. */
class MessageBuilderTest {
  static String text(MessageBuilder m) {
    return new String(m.toArray(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldGrowPastItsFirstBufferWhateverIsAppended() {
    String a = "a".repeat(90);
    MessageBuilder m = new MessageBuilder().append(a.getBytes(StandardCharsets.US_ASCII)).append("é-long-tail-".repeat(5));
    assertEquals(a + "é-long-tail-".repeat(5), text(m));
    MessageBuilder d = new MessageBuilder().append("b".repeat(95)).appendDecimal(-1234567890123L).appendDecimal(Long.MIN_VALUE);
    assertEquals("b".repeat(95) + "-1234567890123" + Long.MIN_VALUE, text(d));
    MessageBuilder r = new MessageBuilder().append("c".repeat(80));
    int at = r.reserve(40);
    for (int i = 0; i < 40; i++) {
      r.buffer()[at + i] = 'x';
    }
    assertEquals("c".repeat(80) + "x".repeat(40), text(r));
    assertEquals(120, r.length());
  }
}
