package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ICP ledger's account identifier against two independent implementations: PocketIC's account
 * of the anonymous principal (dfinity/ic {@code rs/pocket_ic_server/src/pocket_ic.rs}, "the account
 * of the anonymous principal") and icp-cli 1.5.0's {@code icp identity account-id} (Rust,
 * ic-ledger-types) on random principals and subaccounts.
 */
class AccountIdentifierTest {
  static final Path ICP = RealClientsTest.ICP;
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path home;

  @Test
  void shouldGivePocketIcsAccountOfTheAnonymousPrincipal() {
    assertEquals("1c7a48ba6a562aa9eaa2481a9049cdf0433b9738c992d698c31d8abf89cadc79",
        HexFormat.of().formatHex(AccountIdentifier.of(new byte[] {4}, null)));
  }

  @Test
  void shouldAgreeWithIcpCliOnRandomPrincipalsAndSubaccounts() throws Exception {
    for (int i = 0; i < 6; i++) {
      byte[] p = new byte[1 + RANDOM.nextInt(29)];
      RANDOM.nextBytes(p);
      byte[] sub = null;
      List<String> cmd = new ArrayList<>(List.of(ICP.toString(), "identity", "account-id", "--of-principal",
          Principal.fromBytes(p).toText()));
      if (i % 2 == 1) {
        sub = new byte[32];
        RANDOM.nextBytes(sub);
        cmd.add("--of-subaccount");
        cmd.add(HexFormat.of().formatHex(sub));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(home.toFile());
      pb.environment().put("HOME", home.toString());
      pb.environment().put("DO_NOT_TRACK", "1");
      Process proc = pb.start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, proc.exitValue(), out);
      assertEquals(out, HexFormat.of().formatHex(AccountIdentifier.of(p, sub)), Principal.fromBytes(p).toText());
    }
  }

  @Test
  void shouldCheckTheChecksum() {
    byte[] id = AccountIdentifier.of(new byte[] {4}, null);
    assertTrue(AccountIdentifier.isValid(id));
    id[31] ^= 1;
    assertFalse(AccountIdentifier.isValid(id));
    assertFalse(AccountIdentifier.isValid(new byte[31]));
  }

  @Test
  void shouldDeriveTheMintingSubaccountOfAPrincipal() {
    byte[] sub = AccountIdentifier.subaccountOf(new byte[] {7, 8});
    assertEquals("0207080000000000000000000000000000000000000000000000000000000000", HexFormat.of().formatHex(sub));
  }
}
