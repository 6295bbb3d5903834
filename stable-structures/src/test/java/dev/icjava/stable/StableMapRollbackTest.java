package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.stable.probe.RollbackProbe;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.CandidArgs;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.TestCanister;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In a compiled canister: updates that insert and remove enough to split and merge nodes and to grow
 * stable memory, then trap, leave stable memory exactly as it was (the replica rolls the message
 * back; the map writes nothing that outlives it), the map reads as before, and later changes work;
 * and a map whose memory cannot grow refuses the insert with its message, intact.
 */
class StableMapRollbackTest {
  private static byte[] wasm;

  @BeforeAll
  static void build() throws Exception {
    wasm = Probes.buildTyped(RollbackProbe.class.getName(), "rollback");
  }

  private static Object call(Canister c, String method, Object... args) {
    CallResult r = c.update(method, Request.anonymous().withArg(CandidArgs.encode(args)));
    assertInstanceOf(CallResult.Reply.class, r, r.toString());
    return TestCanister.decode(r);
  }

  private static Object query(Canister c, String method, Object... args) {
    CallResult r = c.query(method, Request.anonymous().withArg(CandidArgs.encode(args)));
    assertInstanceOf(CallResult.Reply.class, r, r.toString());
    return TestCanister.decode(r);
  }

  private static long number(Object o) {
    return o instanceof BigInteger b ? b.longValue() : ((Number) o).longValue();
  }

  /** The canister's map opened on the JVM from a copy of its stable memory: invariants and entries. */
  private static void checkOnTheJvm(Canister c, long from, int count) {
    StableBTreeMap<Long, byte[]> map = StableBTreeMap.init(
        VectorStableMemory.of(c.stableMemory(), 1 << 16), Storable.LONG, Storable.BYTES);
    BTreeInvariants.check(map, map::allocatedPages);
    long k = from;
    for (Map.Entry<Long, byte[]> e : map) {
      assertEquals(k, e.getKey());
      assertArrayEquals(RollbackProbe.valueOf(k), e.getValue());
      k++;
    }
    assertEquals(from + count, k);
  }

  @Test
  void shouldLeaveNothingOfAnUpdateThatTrappedAfterSplitsMergesAndGrowth() {
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    assertEquals(600, number(call(c, "fill", 0L, 600)));
    byte[] before = c.stableMemory();

    CallResult r = c.update("fillThenTrap", Request.anonymous().withArg(CandidArgs.encode(600L, 1_200)));
    CallResult.Trap trap = assertInstanceOf(CallResult.Trap.class, r, r.toString());
    assertTrue(trap.message().contains("fillThenTrap: trapping after 1200 entries"), trap.message());
    assertArrayEquals(before, c.stableMemory(), "stable memory after the trapped update");

    r = c.update("removeThenTrap", Request.anonymous().withArg(CandidArgs.encode(0L, 550)));
    trap = assertInstanceOf(CallResult.Trap.class, r, r.toString());
    assertTrue(trap.message().contains("removeThenTrap: trapping after 51 entries"), trap.message());
    assertArrayEquals(before, c.stableMemory(), "stable memory after the trapped removes");

    assertEquals(600, number(query(c, "size")));
    assertEquals(true, query(c, "holds", 0L, 600));
    checkOnTheJvm(c, 0, 600);

    // later changes work, from the state before the traps; the same inserts as the trapped update's
    // grow stable memory, so that update had grown it too before it trapped
    assertEquals(1_800, number(call(c, "fill", 600L, 1_200)));
    assertTrue(c.stableMemory().length > before.length, "the memory grew for the inserts");
    assertEquals(1_200, number(call(c, "removeRange", 0L, 600)));
    assertEquals(true, query(c, "holds", 600L, 1_200));
    checkOnTheJvm(c, 600, 1_200);
  }

  @Test
  void shouldRefuseAnInsertIntoAFullMemoryWithItsMessageAndKeepTheMap() {
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    long at = 64; // pages: the limited memory's place, after the first map's
    String reply = (String) call(c, "fillLimited", at, false);
    String[] parts = reply.split(" \\| ");
    assertTrue(parts[0].startsWith("StableBTreeMap.insert: memory full, cannot grow from " + RollbackProbe.LIMIT_PAGES
        + " by 1 pages"), reply);
    int held = Integer.parseInt(parts[1]);
    assertTrue(held > 500, reply); // three pages of 100-byte values
    checkLimitedOnTheJvm(c, at, held);
    assertEquals(true, query(c, "limitedHolds", at, held));
    byte[] before = c.stableMemory();

    CallResult r = c.update("fillLimited", Request.anonymous().withArg(CandidArgs.encode(at, true)));
    CallResult.Trap trap = assertInstanceOf(CallResult.Trap.class, r, r.toString());
    assertEquals(parts[0], trap.message().substring(trap.message().indexOf("StableBTreeMap.insert")));
    assertArrayEquals(before, c.stableMemory());
    assertEquals(true, query(c, "limitedHolds", at, held));

    checkLimitedOnTheJvm(c, at, held);
  }

  /** The limited map's pages, opened on the JVM: the tree is whole and holds keys 0 to held - 1. */
  private static void checkLimitedOnTheJvm(Canister c, long at, int held) {
    byte[] all = c.stableMemory();
    byte[] region = Arrays.copyOfRange(all, (int) (at * StableMemory.PAGE_BYTES), all.length);
    StableBTreeMap<Long, byte[]> map =
        StableBTreeMap.init(VectorStableMemory.of(region, RollbackProbe.LIMIT_PAGES), Storable.LONG, Storable.BYTES);
    BTreeInvariants.check(map, map::allocatedPages);
    assertEquals(held, map.size());
    long k = 0;
    for (Map.Entry<Long, byte[]> e : map) {
      assertEquals(k, e.getKey());
      assertArrayEquals(RollbackProbe.valueOf(k), e.getValue());
      k++;
    }
    assertEquals(held, k);
  }
}
