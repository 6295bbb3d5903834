package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.MessageKind;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SeededNonceStore} in a canister ({@code probe.SeededNonceStoreProbe}): the first mint of an
 * instance awaits {@code raw_rand} and reseeds the keys in stable memory (the store's header, bytes
 * 48..63 and 64..79) before minting; later mints do not wait; the library timer that opening the store
 * sets seeds it in the next round after install and after upgrade, sparing the wait, and a mint that
 * seeds first cancels it; an upgrade keeps the key and seeds again; nonces depend on {@code
 * raw_rand}'s bytes.
 */
class SeededNonceStoreProbeTest {
  static final int TAG_KEY = LayoutVersion2.H_TAG_KEY;
  static final List<MessageKind> AWAITED = Arrays.asList(MessageKind.UPDATE, null, MessageKind.REPLY_CALLBACK);
  static final List<MessageKind> SEEDING = Arrays.asList(MessageKind.GLOBAL_TIMER, MessageKind.UPDATE, null,
      MessageKind.REPLY_CALLBACK, MessageKind.REPLY_CALLBACK);
  static final byte[] EMPTY = {'D', 'I', 'D', 'L', 0, 0};
  static byte[] wasm;

  @BeforeAll
  static void build() throws Exception {
    wasm = Probes.buildTyped("dev.icjava.noncestore.probe.SeededNonceStoreProbe", "seeded-nonce-store-probe");
  }

  static LocalReplica replica(String seed) {
    LocalReplica replica = new LocalReplica();
    replica.setRandomSeed(seed.getBytes(StandardCharsets.UTF_8));
    return replica;
  }

  static byte[] tagKey(Canister c) {
    return Arrays.copyOfRange(c.stableMemory(), TAG_KEY, TAG_KEY + 16);
  }

  static byte[] tableKey(Canister c) {
    return Arrays.copyOfRange(c.stableMemory(), LayoutVersion2.H_TABLE_KEY, LayoutVersion2.H_TABLE_KEY + 16);
  }

  static List<MessageKind> kinds(CallResult r) {
    return r.executions().stream().map(e -> e.kind()).toList();
  }

  @Test
  void shouldAwaitRawRandBeforeTheFirstMintOnly() {
    Canister c = replica("one").install(wasm);
    byte[] derived = tagKey(c);
    byte[] derivedTableKey = tableKey(c);
    CallResult first = c.update("mint", Request.anonymous());
    assertEquals(AWAITED, kinds(first));
    assertEquals(32, Replies.blob(first).length);
    assertFalse(Arrays.equals(derived, tagKey(c)), "the key was reseeded before the nonce was minted");
    assertFalse(Arrays.equals(derivedTableKey, tableKey(c)), "and the caller table's key with it");
    CallResult second = c.update("mintUnbound", Request.anonymous());
    assertEquals(List.of(MessageKind.UPDATE), kinds(second), "a seeded instance mints at once");
    assertEquals(32, Replies.blob(second).length);
    assertEquals(32, Replies.blob(c.update("mint", Request.from(new byte[] {7, 0x02}))).length); // bound
  }

  @Test
  void shouldSeedFromTheLibraryTimerAfterInstallSoThatNoMintWaits() {
    LocalReplica replica = replica("one");
    Canister c = replica.install(wasm);
    byte[] derived = tagKey(c);
    assertEquals(replica.time(), c.globalTimer(), "opening the store set the timer for the next round");
    CallResult timer = replica.tick().get(0).result();
    // the global timer runs the library's seeding task in a call to the canister itself, which asks
    // for raw_rand; then the answer to that call, and raw_rand's reply, which reseeds
    assertEquals(SEEDING, kinds(timer));
    assertFalse(Arrays.equals(derived, tagKey(c)));
    assertEquals("true", Replies.value(c.query("isSeeded", Request.anonymous())).toString());
    assertEquals(List.of(MessageKind.UPDATE), kinds(c.update("mintUnbound", Request.anonymous())));
    assertEquals(0, c.globalTimer(), "nothing left to run");
  }

  @Test
  void shouldCancelTheTimerWhenAMintSeedsFirst() {
    LocalReplica replica = replica("one");
    Canister c = replica.install(wasm);
    assertEquals(AWAITED, kinds(c.update("mint", Request.anonymous())));
    byte[] seeded = tagKey(c);
    assertEquals(0, c.globalTimer(), "the mint's seeding cancelled the timer, and nothing else was due");
    assertEquals(List.of(), replica.tick(), "no timer message, no call");
    assertArrayEquals(seeded, tagKey(c));
  }

  @Test
  void shouldMakeNoncesDependOnRawRandNotOnlyOnTimeAndId() {
    // same time, same canister id: only raw_rand's bytes differ between the first two replicas
    byte[] a = Replies.blob(replica("one").install(wasm).update("mint", Request.anonymous()));
    byte[] b = Replies.blob(replica("two").install(wasm).update("mint", Request.anonymous()));
    byte[] again = Replies.blob(replica("one").install(wasm).update("mint", Request.anonymous()));
    assertFalse(Arrays.equals(a, b), "another raw_rand, another nonce");
    assertArrayEquals(a, again, "the replica's raw_rand is deterministic for a seed");
    assertArrayEquals(Arrays.copyOf(a, 8), Arrays.copyOf(b, 8), "only the tag depends on the key");
  }

  @Test
  void shouldKeepTheKeyAcrossAnUpgradeAndSeedTheNewInstanceAgain() {
    LocalReplica replica = replica("one");
    Canister c = replica.install(wasm);
    c.update("mint", Request.anonymous());
    byte[] seeded = tagKey(c);
    c.upgrade(wasm, EMPTY);
    assertArrayEquals(seeded, tagKey(c), "the key is in stable memory: the upgrade keeps it");
    assertEquals("false", Replies.value(c.query("isSeeded", Request.anonymous())).toString());
    CallResult first = c.update("mint", Request.anonymous());
    assertEquals(AWAITED, kinds(first), "the new instance's first mint awaits raw_rand again");
    assertFalse(Arrays.equals(seeded, tagKey(c)));
  }

  @Test
  void shouldSeedFromTheLibraryTimerAfterAnUpgradeBeforeAnyMint() {
    LocalReplica replica = replica("one");
    Canister c = replica.install(wasm);
    replica.tick();
    byte[] seeded = tagKey(c);
    c.upgrade(wasm, EMPTY);
    assertArrayEquals(seeded, tagKey(c), "the key is in stable memory: the upgrade keeps it");
    assertEquals(replica.time(), c.globalTimer(), "post_upgrade opened the store, which set the timer");
    assertEquals(SEEDING, kinds(replica.tick().get(0).result()));
    assertFalse(Arrays.equals(seeded, tagKey(c)), "the new instance mixed fresh raw_rand bytes in");
    assertEquals(List.of(MessageKind.UPDATE), kinds(c.update("mint", Request.anonymous())));
  }
}
