package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.testkit.Call;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The nonce store compiled into a canister: upgrades, trap rollback and single use, in the replica. */
class NonceStoreInCanisterTest {
  static final byte[] ALICE = {1, 2, 3, 0x02};
  static final byte[] BOB = {4, 5, 6, 0x02};

  static Canister install() throws Exception {
    return new LocalReplica().install(NonceProbeBuild.wasm(),
        InstallOptions.defaults().initArg(NonceProbeBuild.le32(1024)));
  }

  static String consume(Canister c, byte[] caller, byte[] nonce) {
    return new String(c.update("consume", Call.from(caller).withArg(nonce)).replyBytes(), StandardCharsets.US_ASCII);
  }

  @Test
  void shouldConsumeAfterAnUpgradeANonceMintedBeforeIt() throws Exception {
    Canister c = install();
    byte[] nonce = c.update("mint", Call.from(ALICE)).replyBytes();
    c.update("fill", Call.from(BOB).withArg(NonceProbeBuild.le32(300)));
    c.upgrade(NonceProbeBuild.wasm(), NonceProbeBuild.le32(1024));
    assertEquals("consumed", consume(c, ALICE, nonce));
    assertEquals("already consumed", consume(c, ALICE, nonce));
    c.upgrade(NonceProbeBuild.wasm(), NonceProbeBuild.le32(1024));
    assertEquals("already consumed", consume(c, ALICE, nonce));
  }

  @Test
  void shouldRollBackAConsumptionWhenTheMessageTraps() throws Exception {
    Canister c = install();
    byte[] nonce = c.update("mint", Call.from(ALICE)).replyBytes();
    CallResult trapped = c.update("consumeThenTrap", Call.from(ALICE).withArg(nonce));
    assertEquals("trapping after consumed", trapped.trapMessage());
    assertEquals("minted for another caller", consume(c, BOB, nonce));
    assertEquals("consumed", consume(c, ALICE, nonce));
    assertEquals("already consumed", consume(c, ALICE, nonce));
  }

  @Test
  void shouldRefuseAnUpgradeThatAsksForAnotherGeometry() throws Exception {
    Canister c = install();
    byte[] nonce = c.update("mint", Call.from(ALICE)).replyBytes();
    org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> c.upgrade(NonceProbeBuild.wasm(), NonceProbeBuild.le32(2048)));
    assertEquals("consumed", consume(c, ALICE, nonce));
  }
}
