package dev.icjava.stable;

import static dev.icjava.stable.StableMapProbeTest.le;
import static dev.icjava.stable.StableMapProbeTest.longAt;
import static dev.icjava.stable.StableMapProbeTest.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.stable.probe.StableMapProbe;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.Request;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Entries inserted by the canister, three upgrades, every entry read back; and what an upgrade
 * costs with no entries and with a million (the million-entry memory is built by the same Java code
 * on the JVM and copied into the canister's stable memory, because inserting a million entries in
 * the interpreter takes too long). Minutes, not seconds: the inserts run in the Wasm interpreter.
 *
 * <p>30,000 entries by default, for time; {@code -Dstable.entries=100000} inserts 100,000. Beyond
 * about 45,000 that used to trap ("out of bounds memory access: attempted to access address
 * 68,4xx,xxx"): TeaVM's young collection corrupted its own free-chunk list once the identity-hash
 * counter, which the map's inserts advance, passed the heap's size; the build now repairs that
 * step, and test-kit's {@code IdentityHashGcTest} reproduces it in seconds.
 */
class StableMapUpgradeProbeTest {
  private static final int ENTRIES = Integer.getInteger("stable.entries", 30_000);
  private static final int BATCH = Integer.getInteger("stable.batch", 10_000);

  @Test
  void shouldReturnEveryEntryAfterThreeUpgrades() throws Exception {
    Canister c = StableMapProbeTest.install();
    long instructions = 0;
    for (int first = 0; first < ENTRIES; first += BATCH) {
      dev.icjava.testkit.CallResult r = c.update("fill", Request.anonymous().withArg(range(first, BATCH)));
      assertEquals(first + BATCH, longAt(r.replyBytes(), 0), r.toString());
      instructions += r.instructions();
    }
    System.out.printf("%,d inserts: %,d instructions, %,d per insert%n", ENTRIES, instructions,
        instructions / ENTRIES);
    for (int upgrade = 1; upgrade <= 3; upgrade++) {
      long cost = c.upgrade(StableMapProbeTest.wasm(), new byte[0]);
      System.out.printf("upgrade %d with %,d entries: %,d instructions%n", upgrade, ENTRIES, cost);
    }
    assertEveryEntry(c, ENTRIES);
  }

  /** Keys 0 to {@code entries - 1}, each with its value, read back by the canister's scans, and nothing after. */
  private static void assertEveryEntry(Canister c, int entries) {
    assertEquals(entries, longAt(c.query("size", Request.anonymous()).replyBytes(), 0));
    int seen = 0;
    long from = 0;
    while (seen < entries) {
      byte[] page = c.query("scan", Request.anonymous().withArg(range(from, BATCH))).replyBytes();
      assertEquals(16 * Math.min(BATCH, entries - seen), page.length);
      for (int i = 0; i < page.length; i += 16) {
        long k = longAt(page, i);
        assertEquals(seen, k);
        assertEquals(StableMapProbe.valueOf(k), longAt(page, i + 8));
        seen++;
      }
      from = seen;
    }
    assertEquals(0, c.query("scan", Request.anonymous().withArg(range(entries, 10)))
        .replyBytes().length);
  }

  /**
   * 100,000 entries, written into the canister's stable memory by the same library code on the JVM
   * (inserting them through the interpreter takes about 7 minutes: {@code -Dstable.entries=100000}
   * above), three upgrades, and every entry read back by the canister.
   */
  @Test
  void shouldReturnEveryOfAHundredThousandEntriesAfterThreeUpgrades() throws Exception {
    int entries = 100_000;
    VectorStableMemory image = new VectorStableMemory(1 << 16);
    StableBTreeMap<Long, Long> map =
        StableBTreeMap.init(MemoryManager.init(image).get(0), Storable.LONG, Storable.LONG);
    for (long k = 0; k < entries; k++) {
      map.insert(k, StableMapProbe.valueOf(k));
    }
    Canister c = StableMapProbeTest.install();
    upload(c, image);
    for (int upgrade = 1; upgrade <= 3; upgrade++) {
      c.upgrade(StableMapProbeTest.wasm(), new byte[0]);
    }
    assertEveryEntry(c, entries);
  }

  @Test
  void shouldCostTheSameToUpgradeWithAMillionEntriesAsWithNone() throws Exception {
    Canister empty = StableMapProbeTest.install();
    empty.upgrade(StableMapProbeTest.wasm(), new byte[0]);
    long none = empty.upgrade(StableMapProbeTest.wasm(), new byte[0]);

    VectorStableMemory image = new VectorStableMemory(1 << 16);
    StableBTreeMap<Long, Long> map =
        StableBTreeMap.init(MemoryManager.init(image).get(0), Storable.LONG, Storable.LONG);
    for (long k = 0; k < 1_000_000; k++) {
      map.insert(k, StableMapProbe.valueOf(k));
    }
    Canister full = StableMapProbeTest.install();
    upload(full, image);
    full.upgrade(StableMapProbeTest.wasm(), new byte[0]);
    long million = full.upgrade(StableMapProbeTest.wasm(), new byte[0]);
    assertEquals(1_000_000, longAt(full.query("size", Request.anonymous()).replyBytes(), 0));
    assertEquals(StableMapProbe.valueOf(765_432),
        longAt(full.query("get", Request.anonymous().withArg(le(765_432, 8))).replyBytes(), 0));
    System.out.printf("upgrade with 0 entries: %,d instructions; with 1,000,000: %,d"
        + " (memory manager buckets: %d)%n", none, million,
        (image.size() - 1 + MemoryManager.DEFAULT_BUCKET_PAGES - 1)
            / MemoryManager.DEFAULT_BUCKET_PAGES);
    assertEquals(none, million, "no upgrade work grows with the entries");
  }

  /** Copies the image into the canister's stable memory, 1 MiB per call (all-zero chunks skipped). */
  static void upload(Canister c, VectorStableMemory image) {
    byte[] all = image.toByteArray();
    int chunk = 1 << 20;
    for (int at = 0; at < all.length; at += chunk) {
      int n = Math.min(chunk, all.length - at);
      byte[] part = Arrays.copyOfRange(all, at, at + n);
      boolean last = at + n == all.length;
      if (!last && Bytes.isZero(part)) {
        continue;
      }
      byte[] arg = new byte[8 + n];
      System.arraycopy(le(at, 8), 0, arg, 0, 8);
      System.arraycopy(part, 0, arg, 8, n);
      c.update("loadStable", Request.anonymous().withArg(arg)).replyBytes();
    }
    assertEquals(all.length / StableMemory.PAGE_BYTES, c.stableMemory().length / StableMemory.PAGE_BYTES);
  }
}
