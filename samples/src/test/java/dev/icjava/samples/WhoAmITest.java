package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Replies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ic4j.types.Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code whoAmI} on the compiled sample in the local replica; expected texts come from
 * implementations independent of this project's: npm {@code @dfinity/principal}, and ic4j for fixed
 * vectors (ic4j leaves a trailing dash when the text is a multiple of five characters, so it is not
 * used for random lengths).
 */
class WhoAmITest {
  static Canister canister;

  @BeforeAll
  static void install() throws Exception {
    canister = new LocalReplica().install(Sample.whoami());
  }

  static String whoAmI(byte[] caller) {
    return Replies.text(canister.query("whoAmI", Request.from(caller)));
  }

  /** The caller given as its text. */
  static String whoAmI(String caller) {
    return Replies.text(canister.query("whoAmI", Request.from(caller)));
  }

  @Test
  void shouldAnswerAnonymousToTheAnonymousPrincipal() {
    assertEquals("anonymous", whoAmI("2vxsx-fae"));
    assertEquals("anonymous", whoAmI(Request.anonymousPrincipal()));
  }

  @Test
  void shouldAnswerTheTextOfASelfAuthenticatingPrincipal() throws Exception {
    byte[] user = Demo.selfAuthenticating();
    assertEquals(29, user.length);
    assertEquals(Principal.from(user).toString(), whoAmI(user));
  }

  @Test
  void shouldAnswerTheTextOfTheManagementCanisterAndOfACanisterId() {
    assertEquals("aaaaa-aa", whoAmI(new byte[0]));
    assertEquals("aaaaa-aa", whoAmI("aaaaa-aa"));
    assertEquals("rdmx6-jaaaa-aaaaa-aaadq-cai", whoAmI("rdmx6-jaaaa-aaaaa-aaadq-cai"));
  }

  @Test
  void shouldAgreeWithDfinityPrincipalOnPrincipalsOfEveryLength() {
    Random random = new Random(20261121);
    List<byte[]> principals = new ArrayList<>();
    for (int length = 0; length <= 29; length++) {
      for (int i = 0; i < 10; i++) {
        byte[] p = new byte[length];
        random.nextBytes(p);
        if (length == 1 && p[0] == 4) {
          continue; // the anonymous principal is answered "anonymous"
        }
        principals.add(p);
      }
    }
    List<String> expected = NodeReference.principalTexts(principals);
    for (int i = 0; i < principals.size(); i++) {
      assertEquals(expected.get(i), whoAmI(principals.get(i)), "length " + principals.get(i).length);
    }
  }

  /**
   * A query's changes are discarded: whoAmI allocates on the heap (the reply, the principal's
   * text), so its Wasm memory would differ after it if the replica kept them.
   */
  @Test
  void shouldNotLetAQueryChangeTheCanister() {
    byte[] memory = canister.mainMemory();
    byte[] stable = canister.stableMemory();
    whoAmI(new byte[] {1, 2, 3});
    org.junit.jupiter.api.Assertions.assertArrayEquals(memory, canister.mainMemory());
    org.junit.jupiter.api.Assertions.assertArrayEquals(stable, canister.stableMemory());
    // the same allocations in an update stay: the comparison above can tell
    canister.update("protectedAction", Request.from(new byte[] {1, 2, 3}));
    org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(memory, canister.mainMemory()));
  }
}
