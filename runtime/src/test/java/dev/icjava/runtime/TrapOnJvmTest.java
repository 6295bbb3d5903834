package dev.icjava.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link SystemApi#trap(String)} on a JVM ends the call as {@code ic0.trap} ends a message in a
 * canister: the handlers canister code writes do not catch it (the test kit's {@code
 * TeaVMCanisterSemanticsTest} runs the same handlers in a canister, where the message traps). The
 * one documented difference: {@code catch (Error)} and {@code catch (Throwable)} catch it here.
 */
class TrapOnJvmTest {
  /** Library code that, wrongly, tries to recover from a trap. */
  static String recoverFromCanisterTrap() {
    try {
      throw SystemApi.trap("refused");
    } catch (CanisterTrap e) {
      return "recovered";
    }
  }

  static String recoverFromAnyException() {
    try {
      throw SystemApi.trapUtf8("refused".getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return "recovered";
    }
  }

  @Test
  void shouldNotBeCaughtAsACanisterTrapOrAnyException() {
    assertEquals("refused", assertThrows(MessageTrapped.class, TrapOnJvmTest::recoverFromCanisterTrap).getMessage());
    assertEquals("refused", assertThrows(MessageTrapped.class, TrapOnJvmTest::recoverFromAnyException).getMessage());
  }

  @Test
  void shouldBeCaughtOnlyByCatchingErrorOrThrowableWhichACanisterCannotDo() {
    // Documented difference: in a canister ic0.trap has ended the message before this handler runs.
    String outcome;
    try {
      throw SystemApi.trap("refused");
    } catch (Throwable t) {
      outcome = "caught on the JVM only: " + t.getMessage();
    }
    assertEquals("caught on the JVM only: refused", outcome);
  }

  @Test
  void shouldLeaveLibraryExceptionsCatchableAsInACanister() {
    // A CanisterTrap subclass is an ordinary exception on both sides: thrown, caught, or, escaping
    // an entry point, turned into a trap by the bridge.
    String outcome;
    try {
      throw new CanisterTrap("refused, and recoverable");
    } catch (CanisterTrap e) {
      outcome = e.getMessage();
    }
    assertEquals("refused, and recoverable", outcome);
  }
}
