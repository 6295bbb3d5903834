package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.CanisterInstallException;
import dev.icjava.testkit.Ingress;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.MessageKind;
import dev.icjava.testkit.Replies;
import dev.icjava.testkit.SystemTask;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample's nonces come from a key seeded with the management canister's raw_rand, by the
 * library's {@code SeededNonceStore}: opening it at install and upgrade sets a library timer that
 * calls its {@code seed()}, which fetches 32 bytes in the next round (the sample has no timer code of
 * its own); a registerBegin that comes first awaits raw_rand itself (its {@code mint} returns a
 * future the typed method returns, and its seeding cancels the timer); the key lives in
 * stable memory (the store's header, bytes 48..63), so the seed survives upgrades, and each upgrade
 * mixes in fresh bytes.
 */
class NonceSeedingTest {
  static final int TAG_KEY = 48;

  @Test
  void shouldSeedTheKeyFromRawRandInTheFirstRound() {
    LocalReplica replica = replica("one");
    Canister c = install(replica);
    byte[] derived = tagKey(c);
    List<SystemTask> tasks = replica.tick();
    assertEquals(1, tasks.size());
    CallResult timer = tasks.get(0).result();
    // the timer runs the library's seeding task in a call to the canister itself, which asks for
    // raw_rand; then the answer to that call, and raw_rand's reply, which reseeds
    assertEquals(java.util.Arrays.asList(MessageKind.GLOBAL_TIMER, MessageKind.UPDATE, null,
        MessageKind.REPLY_CALLBACK, MessageKind.REPLY_CALLBACK), timer.executions().stream().map(e -> e.kind()).toList());
    assertFalse(Arrays.equals(derived, tagKey(c)), "the key changed");
    assertEquals(0, c.globalTimer(), "the timer fired once and was not set again");
    CallResult begin = c.update("registerBegin", Request.anonymous());
    assertEquals(1, begin.messages(), "a seeded instance mints at once");
    assertEquals(32, Replies.blob(begin).length);
  }

  @Test
  void shouldAwaitRawRandWhenRegisterBeginComesBeforeTheTimer() {
    LocalReplica replica = replica("one");
    Canister c = install(replica);
    byte[] derived = tagKey(c);
    CallResult begin = c.update("registerBegin", Request.anonymous());
    assertEquals(java.util.Arrays.asList(MessageKind.UPDATE, null, MessageKind.REPLY_CALLBACK),
        begin.executions().stream().map(e -> e.kind()).toList());
    assertEquals(32, Replies.blob(begin).length);
    byte[] seeded = tagKey(c);
    assertFalse(Arrays.equals(derived, seeded));
    // the seeding cancelled the library timer: nothing runs in the next round
    assertEquals(0, c.globalTimer());
    assertEquals(List.of(), replica.tick());
    assertArrayEquals(seeded, tagKey(c));
  }

  @Test
  void shouldMakeNoncesDependOnRawRandNotOnlyOnTimeAndId() {
    // same time, same canister id: only raw_rand's seed differs between the first two replicas
    byte[] a = firstNonce(replica("one"));
    byte[] b = firstNonce(replica("two"));
    byte[] again = firstNonce(replica("one"));
    assertFalse(Arrays.equals(a, b), "another raw_rand, another nonce");
    assertArrayEquals(a, again, "the replica's raw_rand is deterministic for a seed");
    // the counter half of the nonce is the same: only the tag depends on the key
    assertArrayEquals(Arrays.copyOf(a, 8), Arrays.copyOf(b, 8));
  }

  @Test
  void shouldKeepTheSeedAcrossAnUpgradeAndMixInFreshBytes() {
    LocalReplica replica = replica("one");
    Canister c = install(replica);
    replica.tick();
    byte[] seeded = tagKey(c);
    Sample.upgrade(c);
    assertArrayEquals(seeded, tagKey(c), "the key is in stable memory: the upgrade keeps it");
    assertTrue(c.globalTimer() != 0, "post_upgrade opened the store, which set the timer");
    replica.tick();
    assertFalse(Arrays.equals(seeded, tagKey(c)), "the new instance mixed fresh raw_rand bytes in");
  }

  @Test
  void shouldRefuseAnUpgradeWhileRegisterBeginAwaitsRawRand() {
    LocalReplica replica = replica("one");
    Canister c = install(replica);
    Ingress pending = replica.submit(c, "registerBegin", Request.anonymous());
    assertTrue(replica.step()); // registerBegin asked for raw_rand
    CanisterInstallException e = assertThrows(CanisterInstallException.class, () -> Sample.upgrade(c));
    assertTrue(e.getMessage().contains("Upgrade refused: inter-canister calls are outstanding"), e.getMessage());
    replica.runUntilIdle();
    assertEquals(32, Replies.blob(pending.result()).length);
    Sample.upgrade(c);
  }

  private static LocalReplica replica(String seed) {
    LocalReplica replica = new LocalReplica();
    replica.setRandomSeed(seed.getBytes(StandardCharsets.UTF_8));
    return replica;
  }

  private static Canister install(LocalReplica replica) {
    return Sample.install(replica, Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai"));
  }

  private static byte[] firstNonce(LocalReplica replica) {
    Canister c = install(replica);
    replica.tick();
    return Replies.blob(c.update("registerBegin", Request.anonymous()));
  }

  private static byte[] tagKey(Canister c) {
    return Arrays.copyOfRange(c.stableMemory(), TAG_KEY, TAG_KEY + 16);
  }
}
