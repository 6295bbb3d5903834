package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The nonce store compiled into a canister: upgrades, trap rollback and single use, in the replica. */
class NonceStoreProbeTest {
  static final byte[] ALICE = {1, 2, 3, 0x02};
  static final byte[] BOB = {4, 5, 6, 0x02};
  static final int CAPACITY = 1024;
  static final int RING = 256;

  static Canister install() throws Exception {
    return new LocalReplica().install(NonceStoreProbeBuild.wasm(),
        InstallOptions.defaults().initArg(NonceStoreProbeBuild.geometry(CAPACITY, RING)));
  }

  static void upgrade(Canister c) throws Exception {
    c.upgrade(NonceStoreProbeBuild.wasm(), NonceStoreProbeBuild.geometry(CAPACITY, RING));
  }

  static String consume(Canister c, byte[] caller, byte[] nonce) {
    return new String(c.update("consume", Request.from(caller).withArg(nonce)).replyBytes(), StandardCharsets.US_ASCII);
  }

  @Test
  void shouldConsumeAfterAnUpgradeABoundAndAnUnboundNonceMintedBeforeIt() throws Exception {
    Canister c = install();
    byte[] bound = c.update("mint", Request.from(ALICE)).replyBytes();
    byte[] unbound = c.update("mint", Request.anonymous()).replyBytes();
    assertEquals(32, bound.length);
    assertEquals(32, unbound.length);
    c.update("fill", Request.from(BOB).withArg(NonceStoreProbeBuild.le32(300)));
    upgrade(c);
    assertEquals("consumed", consume(c, ALICE, bound));
    assertEquals("consumed", consume(c, BOB, unbound)); // unbound: any authenticated caller, once
    assertEquals("already consumed", consume(c, ALICE, bound));
    assertEquals("already consumed", consume(c, ALICE, unbound));
    upgrade(c);
    assertEquals("already consumed", consume(c, ALICE, bound));
    assertEquals("already consumed", consume(c, BOB, unbound));
  }

  /**
   * In the canister, where the store's keys come from ic0.time and the canister id: a reseed
   * replaces the caller table's key (header bytes 64..79 of the region at 65,536) and rehashes the
   * callers, so a bound nonce minted before it is consumed once after it, and after an upgrade.
   * Prints what the reseed cost with 301 bound nonces of 39 callers held, and with none.
   */
  @Test
  void shouldReplaceTheCallerTableKeyOnReseedAndConsumeEarlierBoundNoncesOnce() throws Exception {
    Canister c = install();
    byte[] empty = tableKey(c);
    CallResult quiet = c.update("reseed", Request.anonymous().withArg(new byte[32]));
    assertFalse(Arrays.equals(empty, tableKey(c)), "no caller held: only the key changes");
    byte[] bound = c.update("mint", Request.from(ALICE)).replyBytes();
    c.update("fill", Request.from(BOB).withArg(NonceStoreProbeBuild.le32(300)));
    byte[] derived = tableKey(c);
    byte[] entropy = new byte[32];
    Arrays.fill(entropy, (byte) 7);
    CallResult reseed = c.update("reseed", Request.anonymous().withArg(entropy));
    assertFalse(Arrays.equals(derived, tableKey(c)));
    assertEquals("minted for another caller", consume(c, BOB, bound));
    upgrade(c);
    assertEquals("consumed", consume(c, ALICE, bound));
    assertEquals("already consumed", consume(c, ALICE, bound));
    System.out.println("reseed, capacity " + CAPACITY + " (caller table 2,048 slots): no caller held "
        + quiet.instructions() + " instructions (IC " + quiet.icInstructions() + "); 39 callers, 301 bound nonces "
        + reseed.instructions() + " (IC " + reseed.icInstructions() + ")");
  }

  static byte[] tableKey(Canister c) {
    int at = 65_536 + LayoutVersion2.H_TABLE_KEY;
    return Arrays.copyOfRange(c.stableMemory(), at, at + 16);
  }

  @Test
  void shouldMintABoundNonceAtTheCanistersTimeWithMintBound() throws Exception {
    Canister c = install();
    byte[] bound = c.update("mintBound", Request.from(ALICE)).replyBytes();
    assertEquals(2, bound[7], "kind 2, bound, in the eighth byte");
    assertEquals("minted for another caller", consume(c, BOB, bound));
    assertEquals("consumed", consume(c, ALICE, bound));
    assertEquals("a nonce bound to the anonymous principal would be anyone's",
        c.update("mintBound", Request.anonymous()).trapMessage().replace("Uncaught java.lang.IllegalArgumentException: ", ""));
  }

  @Test
  void shouldRefuseAnUnboundNonceToTheAnonymousCallerAndABoundOneToAnotherCaller() throws Exception {
    Canister c = install();
    byte[] bound = c.update("mint", Request.from(ALICE)).replyBytes();
    byte[] unbound = c.update("mint", Request.anonymous()).replyBytes();
    assertEquals("presented by the anonymous principal", consume(c, new byte[] {4}, unbound));
    assertEquals("minted for another caller", consume(c, BOB, bound));
    assertEquals("consumed", consume(c, ALICE, unbound));
  }

  @Test
  void shouldNeverRefuseASignInWhenTheRingIsFullNorEvictABoundNonce() throws Exception {
    Canister c = install();
    byte[] bound = c.update("mint", Request.from(ALICE)).replyBytes();
    byte[] victim = c.update("mint", Request.anonymous()).replyBytes();
    CallResult flood = c.update("fillUnbound", Request.anonymous().withArg(NonceStoreProbeBuild.le32(RING)));
    assertEquals(CallResult.Reply.class, flood.getClass(), "the ring takes every mint");
    byte[] signIn = c.update("mint", Request.anonymous()).replyBytes(); // a full ring still mints
    upgrade(c);
    assertEquals("evicted by newer sign-ins; start again", consume(c, BOB, victim));
    assertEquals("consumed", consume(c, BOB, signIn));
    assertEquals("consumed", consume(c, ALICE, bound));
  }

  @Test
  void shouldRollBackAConsumptionWhenTheMessageTraps() throws Exception {
    Canister c = install();
    for (byte[] minter : new byte[][] {ALICE, {4}}) {
      byte[] nonce = c.update("mint", Request.from(minter)).replyBytes();
      CallResult trapped = c.update("consumeThenTrap", Request.from(ALICE).withArg(nonce));
      assertEquals("trapping after consumed", trapped.trapMessage());
      assertEquals("consumed", consume(c, ALICE, nonce));
      assertEquals("already consumed", consume(c, ALICE, nonce));
    }
  }

  @Test
  void shouldRefuseAnUpgradeThatAsksForAnotherGeometry() throws Exception {
    Canister c = install();
    byte[] nonce = c.update("mint", Request.from(ALICE)).replyBytes();
    assertThrows(RuntimeException.class, () -> c.upgrade(NonceStoreProbeBuild.wasm(), NonceStoreProbeBuild.geometry(2048, RING)));
    assertThrows(RuntimeException.class, () -> c.upgrade(NonceStoreProbeBuild.wasm(), NonceStoreProbeBuild.geometry(CAPACITY, 512)));
    assertEquals("consumed", consume(c, ALICE, nonce));
  }
}
