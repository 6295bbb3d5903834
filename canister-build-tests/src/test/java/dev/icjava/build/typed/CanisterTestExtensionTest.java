package dev.icjava.build.typed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.Canister;
import dev.icjava.testkit.CandidArgs;
import dev.icjava.testkit.CanisterTrapException;
import dev.icjava.testkit.Identity;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.TestCanister;
import dev.icjava.testkit.junit.CanisterTest;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * test-kit's {@link CanisterTest} and {@link TestCanister} on the typed echo canister: arguments
 * written by {@link CandidArgs} must decode in the canister at the types its Java signatures map to
 * (the build's own reader), and the replies come back through ic4j-candid as the Java values sent.
 * The module is {@code TypedMappingProbeTest}'s when that test ran first, else the extension builds
 * the class itself (its IDE path).
 */
@CanisterTest(wasm = "target/probe/mapping-probe.wasm", canister = TypedMappingProbe.class)
class CanisterTestExtensionTest {
  private TestCanister fromBeforeEach;

  @BeforeEach
  void remember(TestCanister canister) {
    fromBeforeEach = canister;
  }

  @Test
  void shouldHandTheSameInstallToEveryParameterOfOneTest(TestCanister canister, Canister raw, LocalReplica replica) {
    assertSame(fromBeforeEach, canister);
    assertSame(raw, canister.canister());
    assertSame(replica, canister.replica());
  }

  @Test
  void shouldEchoEveryPrimitiveItMaps(TestCanister echo) {
    assertEquals("Ada ✓", echo.query("text", "Ada ✓"));
    assertEquals(true, echo.query("bool", true));
    assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, echo.<byte[]>query("blob", (Object) new byte[] {0, 1, (byte) 0xff}));
    assertEquals(-7, (int) echo.<Integer>query("int32", -7));
    assertEquals(Long.MIN_VALUE, (long) echo.<Long>query("int64", Long.MIN_VALUE));
    assertEquals((short) -300, (short) echo.<Short>query("int16", (short) -300));
    assertEquals((byte) -1, (byte) echo.<Byte>query("int8", (byte) -1));
    assertEquals(2.5, (double) echo.<Double>query("float64", 2.5));
    assertEquals(Optional.of("x"), echo.query("opt", Optional.of("x")));
  }

  @Test
  void shouldSendUnsignedAndUnboundedIntegers(TestCanister echo) {
    BigInteger big = BigInteger.TWO.pow(100).add(BigInteger.ONE);
    assertEquals(big, echo.query("nat", CandidArgs.nat(big)));
    assertEquals(big.negate(), echo.query("int", big.negate()));
    // ic4j-candid reads nat64 into a long keeping the bits, as typed methods do: 2^64 - 1 is -1
    assertEquals(-1L, ((Number) echo.query("nat64", CandidArgs.unsigned("nat64", -1L))).longValue());
    assertEquals(250, ((Number) echo.query("nat8", CandidArgs.unsigned("nat8", 250))).intValue() & 0xff);
  }

  @Test
  void shouldSendAPrincipalAndReplyItsText(TestCanister echo) {
    Identity alice = Identity.fromSeed(25);
    String expected = org.ic4j.types.Principal.selfAuthenticating(alice.derPublicKey()).toString();
    assertEquals(expected, alice.text());
    assertEquals(expected, echo.query("principal", alice));
  }

  @Test
  void shouldSendSeveralArgumentsAndCallUpdates(TestCanister echo) {
    assertEquals("abababab", echo.call("repeat", "ab", CandidArgs.unsigned("nat8", 4)));
    assertNull(echo.call("nothing"));
  }

  @Test
  void shouldThrowTheCanistersTrap(TestCanister echo) {
    CanisterTrapException e = assertThrows(CanisterTrapException.class, () -> echo.query("nullText"));
    assertTrue(e.trapMessage().contains("the result of nullText is null"), e.trapMessage());
  }
}
