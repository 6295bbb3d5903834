package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.icjava.testkit.probe.IdentityHashProbe;
import org.junit.jupiter.api.Test;

/**
 * Objects with identity hash codes survive many young collections (the build's repair of TeaVM
 * 0.13.1's collector, {@code org.teavm.runtime.IcjavaHeapGrowth#storeGapsInCardTable}). TeaVM keeps
 * an object's identity hash, a counter that only grows, in the object's second word, where a free
 * chunk keeps its size; its young collection marked the card of every region each free chunk of the
 * last collection spans, reading the size again although allocation had since put an object there.
 * Once the counter passed about the heap's size, that marked bytes past the card table, in the
 * collector's free-chunk list, and a later access went to a wild address: "out of bounds memory
 * access: attempted to access address 68,4xx,xxx", after some 45,000 inserts into a {@code
 * StableBTreeMap} (which hashes its nodes) in a canister with the default 1 MiB heap.
 */
class IdentityHashGcTest {
  @Test
  void objectsWithIdentityHashesSurviveYoungCollectionsOnceTheCounterPassesTheHeapSize() throws Exception {
    byte[] wasm = Probes.build(IdentityHashProbe.class.getName(), "identity-hash-probe");
    Canister c = new LocalReplica().install(wasm);
    int draws = 1_200_000; // more than the 1 MiB heap's size in bytes
    byte[] arg = {(byte) draws, (byte) (draws >>> 8), (byte) (draws >>> 16), (byte) (draws >>> 24)};
    CallResult r = c.update("run", Request.anonymous().withArg(arg));
    CallResult.Reply reply = assertInstanceOf(CallResult.Reply.class, r, () -> "run: " + r);
    byte[] b = reply.bytes();
    assertEquals(IdentityHashProbe.KEPT / 2,
        (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24);
  }
}
