package dev.icjava.candid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link CandidDirectReader}: values after a header, read in the binary format of the Candid
 * specification (spec/Candid.md, "Binary Format", dfinity/candid): each primitive read, and each
 * refusal the strict reader also makes (lengths past the end, UTF-8, tags, variant indexes,
 * trailing bytes).
 */
class CandidDirectReaderTest {
  private static CandidDirectReader at(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new CandidDirectReader(b, 0);
  }

  @Test
  void shouldReadEachValueInTheBinaryFormat() {
    CandidDirectReader r = at(3, 'a', 0xC3, 0xA9, // text "aé"
        1, 0, 1, 2, 7, 8, // bool true, opt none, opt some (its tag), blob of 2 bytes: 7 8
        0xFE, 0xFF, // int16 -2
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // nat64 2^64 - 1
        2, // variant case 2 of 3
        1, 2, 0xAB, 0xCD); // principal of 2 bytes
    assertEquals("a\u00e9", r.text());
    assertTrue(r.bool());
    assertFalse(r.option());
    assertTrue(r.option());
    assertArrayEquals(new byte[] {7, 8}, r.blob());
    assertEquals(-2, r.fixed(2, true));
    assertEquals(-1L, r.fixed(8, false));
    assertEquals(2, r.variant(3));
    assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xCD}, r.principal());
    r.end();
  }

  @Test
  void shouldReadAnUnsignedNat16AndCountsAsLeb128() {
    CandidDirectReader r = at(0xFF, 0xFF, 0x81, 0x01, 0);
    assertEquals(65535, r.fixed(2, false));
    CandidException e = assertThrows(CandidException.class, r::count); // 129 elements, 1 byte left
    assertTrue(e.getMessage().contains("vector length"), e.getMessage());
  }

  @Test
  void shouldRefuseWhatTheStrictReaderRefuses() {
    assertThrows(CandidException.class, () -> at(2, 0xC3, 0x28).text()); // not UTF-8
    assertThrows(CandidException.class, () -> at(2, 0xC0, 0x80).text()); // overlong
    assertThrows(CandidException.class, () -> at(3, 'a').text()); // past the end
    assertThrows(CandidException.class, () -> at(2).bool());
    assertThrows(CandidException.class, () -> at(2).option());
    assertThrows(CandidException.class, () -> at(3).variant(3));
    assertThrows(CandidException.class, () -> at(0, 2, 1, 2).principal()); // opaque reference
    assertThrows(CandidException.class, () -> at(1, 30).principal()); // 30 bytes, past the end and the 29
    assertThrows(CandidException.class, () -> at(1, 2).fixed(4, false));
    CandidDirectReader r = at(1, 0);
    r.bool();
    CandidException e = assertThrows(CandidException.class, r::end);
    assertTrue(e.getMessage().contains("1 bytes after the values"), e.getMessage());
  }

  @Test
  void shouldCompareAHeaderAsAPrefix() {
    byte[] header = "DIDL\u0000\u0001\u0071".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(CandidDirectReader.startsWith("DIDL\u0000\u0001\u0071\u0000".getBytes(StandardCharsets.ISO_8859_1), header));
    assertFalse(CandidDirectReader.startsWith("DIDL\u0000\u0001\u0072\u0000".getBytes(StandardCharsets.ISO_8859_1), header));
    assertFalse(CandidDirectReader.startsWith("DIDL\u0000".getBytes(StandardCharsets.ISO_8859_1), header));
  }
}
