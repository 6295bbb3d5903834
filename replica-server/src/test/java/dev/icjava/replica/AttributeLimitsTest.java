package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stand-in refuses what Internet Identity refuses to sign, with II's messages. */
class AttributeLimitsTest {
  private static final byte[] NONCE = new byte[32];
  private static final String ORIGIN = "https://your-app.icp0.io";

  private static String refusal(Map<String, String> granted, byte[] nonce, String origin) {
    return assertThrows(IllegalArgumentException.class, () -> AttributeLimits.check(granted, nonce, origin)).getMessage();
  }

  @Test
  void shouldAcceptARequestWithinEveryLimit() {
    Map<String, String> granted = new LinkedHashMap<>();
    for (int i = 0; i < AttributeLimits.MAX_KEYS; i++) {
      granted.put("key" + i, "x".repeat(AttributeLimits.MAX_VALUE_BYTES));
    }
    AttributeLimits.check(granted, NONCE, "https://" + "a".repeat(AttributeLimits.MAX_ORIGIN_BYTES - 8));
  }

  @Test
  void shouldRefuseANonceOfAnotherLength() {
    assertEquals("Nonce must be exactly 32 bytes, got 33", refusal(Map.of(), new byte[33], ORIGIN));
    assertEquals("Nonce must be exactly 32 bytes, got 0", refusal(Map.of(), new byte[0], ORIGIN));
  }

  @Test
  void shouldRefuseALongOrigin() {
    assertEquals("Origin is longer than 255 bytes", refusal(Map.of(), NONCE, "https://" + "é".repeat(124)));
  }

  @Test
  void shouldRefuseMoreThanAHundredKeys() {
    Map<String, String> granted = new LinkedHashMap<>();
    for (int i = 0; i <= AttributeLimits.MAX_KEYS; i++) {
      granted.put("key" + i, "v");
    }
    assertEquals("At most 100 attributes may be requested, got 101", refusal(granted, NONCE, ORIGIN));
    assertEquals("At most 100 attributes may be requested, got 101",
        assertThrows(IllegalArgumentException.class, () -> AttributeLimits.checkKeyCount(101)).getMessage());
  }

  @Test
  void shouldRefuseALongValueAndAnImplicitKey() {
    assertEquals("The value of email is longer than 50000 bytes",
        refusal(Map.of("email", "é".repeat(25_001)), NONCE, ORIGIN));
    assertEquals("The key implicit:origin is reserved for the implicit fields",
        refusal(Map.of("implicit:origin", "https://evil.example"), NONCE, ORIGIN));
  }
}
