package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Replies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code protectedAction} on the compiled sample, for each class of caller. */
class ProtectedActionTest {
  static Canister canister;

  @BeforeAll
  static void install() throws Exception {
    canister = new LocalReplica().install(Sample.whoami());
  }

  static String reply(byte[] caller) {
    return Replies.text(canister.update("protectedAction", Request.from(caller)));
  }

  @Test
  void shouldTrapForTheAnonymousPrincipal() {
    CallResult r = canister.update("protectedAction", Request.anonymous());
    assertEquals("Anonymous principal not allowed.", r.trapMessage());
  }

  @Test
  void shouldNotCarryOneCallersIdentityIntoTheNextMessage() throws Exception {
    byte[] first = Demo.selfAuthenticating();
    byte[] second = Demo.selfAuthenticating();
    List<String> texts = NodeReference.principalTexts(List.of(first, second));
    for (int round = 0; round < 3; round++) {
      assertEquals("Action performed by " + texts.get(0), reply(first));
      assertEquals("Anonymous principal not allowed.", canister.update("protectedAction", Request.anonymous()).trapMessage());
      assertEquals("Action performed by " + texts.get(1), reply(second));
    }
  }

  @Test
  void shouldActForTheManagementCanisterACanisterIdAndASelfAuthenticatingUser() throws Exception {
    byte[] user = Demo.selfAuthenticating();
    byte[] canisterId = {0, 0, 0, 0, 0, 0, 0, 7, 1, 1};
    List<byte[]> callers = List.of(new byte[0], canisterId, user);
    List<String> texts = NodeReference.principalTexts(callers);
    assertEquals(List.of("aaaaa-aa", "rdmx6-jaaaa-aaaaa-aaadq-cai", texts.get(2)), texts);
    for (int i = 0; i < callers.size(); i++) {
      assertEquals("Action performed by " + texts.get(i), reply(callers.get(i)));
    }
  }
}
