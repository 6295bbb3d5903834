package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.testkit.CanisterTrapException;
import dev.icjava.testkit.Identity;
import dev.icjava.testkit.TestCanister;
import dev.icjava.testkit.junit.CanisterTest;
import org.junit.jupiter.api.Test;

/**
 * The canister as built by {@code mvn verify} ({@code target/backend.wasm}), installed in test-kit's
 * local replica for each test, deployed as {@code icp.yaml} deploys it.
 */
@CanisterTest(wasm = "target/backend.wasm", environment = "trusted_attribute_signers=rdmx6-jaaaa-aaaaa-aaadq-cai")
class BackendTest {
  private final Identity alice = Identity.random();

  @Test
  void shouldAnswerAnonymousToTheAnonymousCaller(TestCanister backend) {
    assertEquals("anonymous", backend.query("whoAmI"));
  }

  @Test
  void shouldAnswerTheCallersPrincipal(TestCanister backend) {
    assertEquals(alice.text(), backend.as(alice).query("whoAmI"));
  }

  @Test
  void shouldRefuseTheProtectedActionToTheAnonymousCaller(TestCanister backend) {
    CanisterTrapException e = assertThrows(CanisterTrapException.class, () -> backend.call("protectedAction"));
    assertEquals("Anonymous principal not allowed.", e.trapMessage());
  }

  @Test
  void shouldPerformTheProtectedActionForASignedInCaller(TestCanister backend) {
    assertEquals("Action performed by " + alice.text(), backend.as(alice).call("protectedAction"));
  }

  @Test
  void shouldMintAFresh32ByteNonceForEachRegistration(TestCanister backend) {
    byte[] first = backend.call("registerBegin");
    byte[] second = backend.call("registerBegin");
    assertEquals(32, first.length);
    assertNotEquals(java.util.HexFormat.of().formatHex(first), java.util.HexFormat.of().formatHex(second));
  }

  @Test
  void shouldRefuseToRegisterTheAnonymousCaller(TestCanister backend) {
    CanisterTrapException e = assertThrows(CanisterTrapException.class, () -> backend.call("registerFinish"));
    assertEquals("Anonymous principal not allowed.", e.trapMessage());
  }

  @Test
  void shouldRefuseToRegisterWithoutIdentityAttributes(TestCanister backend) {
    CanisterTrapException e =
        assertThrows(CanisterTrapException.class, () -> backend.as(alice).call("registerFinish"));
    assertEquals(true, e.trapMessage().contains("no identity attributes"), e.trapMessage());
  }
}
