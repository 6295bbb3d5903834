package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.AttributeBundle;
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
    assertTrue(e.trapMessage().contains("no identity attributes"), e.trapMessage());
  }

  @Test
  void shouldRegisterTheEmailInternetIdentitySignedOnce(TestCanister backend) {
    byte[] nonce = backend.call("registerBegin"); // anonymously, as the guide's frontend asks for it
    byte[] bundle = AttributeBundle.issued(nonce, "https://your-app.icp0.io", backend.replica().time())
        .text("email", "alice@example.com")
        .encode();
    TestCanister signedIn = backend.as(alice).withAttributes(bundle);
    assertEquals("Registered " + alice.text() + " with email alice@example.com", signedIn.call("registerFinish"));
    CanisterTrapException replay = assertThrows(CanisterTrapException.class, () -> signedIn.call("registerFinish"));
    assertTrue(replay.trapMessage().contains("already consumed"), replay.trapMessage());
  }
}
