package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.reference.NodeReference;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Principal texts as the test kit reads them, against known vectors and npm {@code @dfinity/principal}. */
class PrincipalTextsTest {
  @Test
  void shouldReadTheSpecsWellKnownPrincipals() {
    assertArrayEquals(new byte[] {4}, PrincipalTexts.parse("2vxsx-fae")); // anonymous
    assertArrayEquals(new byte[0], PrincipalTexts.parse("aaaaa-aa")); // the management canister
    assertEquals("00000000000000070101", HexFormat.of().formatHex(PrincipalTexts.parse("rdmx6-jaaaa-aaaaa-aaadq-cai")));
    assertArrayEquals(Request.anonymousPrincipal(), Request.from("2vxsx-fae").caller());
  }

  @Test
  void shouldAgreeWithDfinitysPrincipalLibraryOnRandomPrincipals() {
    Random random = new Random(30);
    List<byte[]> principals = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] p = new byte[i % 30];
      random.nextBytes(p);
      principals.add(p);
    }
    List<String> texts = NodeReference.principalTexts(principals);
    for (int i = 0; i < principals.size(); i++) {
      assertEquals(texts.get(i), PrincipalTexts.format(principals.get(i)));
      assertArrayEquals(principals.get(i), PrincipalTexts.parse(texts.get(i)), texts.get(i));
    }
  }

  @Test
  void shouldRefuseTextsThatAreNotAPrincipalsNamingWhy() {
    assertTrue(message("2vxsx-fab").contains("checksum"));
    assertTrue(message("2VXSX-FAE").contains("not lowercase base32"));
    assertTrue(message("2vxs-xfae").contains("groups"));
    assertTrue(message("2vxsx-fae-").contains("groups"));
    byte[] thirty = new byte[30];
    assertTrue(message(PrincipalTexts.format(thirty)).contains("30 bytes"));
  }

  private static String message(String text) {
    return assertThrows(IllegalArgumentException.class, () -> PrincipalTexts.parse(text)).getMessage();
  }
}
