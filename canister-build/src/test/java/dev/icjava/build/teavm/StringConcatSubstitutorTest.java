package dev.icjava.build.teavm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A literal's ASCII bytes packed two to a character, as the canister's memory then holds them. */
class StringConcatSubstitutorTest {
  @Test
  void shouldPackTheBytesInOrderInLittleEndianCharacters() {
    for (String literal : new String[] {"Action performed by ", "by ", "x", " acted.", "\u0000\u007f"}) {
      String packed = StringConcatSubstitutor.packed(literal);
      ByteBuffer memory = ByteBuffer.allocate(packed.length() * 2).order(ByteOrder.LITTLE_ENDIAN); // Wasm's order
      for (char c : packed.toCharArray()) {
        memory.putChar(c);
        assertFalse(Character.isSurrogate(c), literal);
      }
      byte[] first = new byte[literal.length()];
      System.arraycopy(memory.array(), 0, first, 0, first.length);
      assertArrayEquals(literal.getBytes(StandardCharsets.US_ASCII), first, literal);
    }
  }
}
