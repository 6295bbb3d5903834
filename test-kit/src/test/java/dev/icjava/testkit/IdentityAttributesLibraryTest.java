package dev.icjava.testkit;

import dev.icjava.testkit.reference.MotokoBuild;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DFINITY's Motoko relying-party library, identity-attributes 0.4.0 (aterga/identity-attributes at
 * the commit in {@code src/test/motoko/identity-attributes/COMMIT}, Apache-2.0, its licence and
 * notice beside it), included in {@code IdentityAttributesHost.mo} and built with npm motoko 4.10.0.
 * Its {@code _internet_identity_sign_in_start} awaits {@code Random.blob()}, the management
 * canister's {@code raw_rand}: in this replica it returns the 32 bytes raw_rand gave, fresh at each
 * call.
 */
class IdentityAttributesLibraryTest {
  static final byte[] SEED = "identity-attributes".getBytes(StandardCharsets.UTF_8);
  static byte[] wasm;

  @BeforeAll
  static void build() {
    Path library = Path.of("src/test/motoko/identity-attributes/src");
    wasm = MotokoBuild.build(Path.of("src/test/motoko/IdentityAttributesHost.mo"), Fixtures.OUT,
        "identity-attributes-host", Map.of("identity-attributes", library)).lowered();
  }

  @Test
  void shouldReturnThirtyTwoFreshBytesFromSignInStart() throws Exception {
    LocalReplica replica = new LocalReplica();
    replica.setRandomSeed(SEED);
    Canister c = replica.install(wasm, InstallOptions.defaults().lowered64());
    CallResult first = c.update("_internet_identity_sign_in_start", Request.anonymous());
    CallResult second = c.update("_internet_identity_sign_in_start", Request.anonymous());
    byte[] a = Replies.blob(first);
    byte[] b = Replies.blob(second);
    assertEquals(32, a.length);
    assertEquals(32, b.length);
    assertFalse(Arrays.equals(a, b), "a fresh nonce each time");
    assertArrayEquals(random(0), a, "the nonce is raw_rand's bytes as they came");
    assertArrayEquals(random(1), b);
    // Challenges.issue is a local async function: moc runs it as a call to the canister itself
    // (__motoko_async_helper), which awaits raw_rand; every step is a message of its own.
    assertTrue(first.messages() >= 3, first.executions().toString());
    assertTrue(first.executions().stream().anyMatch(e -> e.entry().equals("raw_rand")), first.executions().toString());
    System.out.println("identity-attributes _internet_identity_sign_in_start: " + first.messages() + " messages, "
        + first.instructions() + " instructions (" + first.icInstructions() + " on the IC's counter)");
    for (Execution e : first.executions()) {
      System.out.println("  " + e);
    }
  }

  private static byte[] random(long n) throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(SEED);
    for (int i = 0; i < 8; i++) {
      sha.update((byte) (n >>> (8 * i)));
    }
    return sha.digest();
  }
}
