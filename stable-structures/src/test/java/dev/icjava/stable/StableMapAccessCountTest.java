package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.stable.probe.StableMapProbe;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What one {@code insert}, {@code get} and {@code remove} of a {@code StableBTreeMap<Long, Long>}
 * (random {@code u64} keys, in a memory manager's memory) asks of stable memory and of the heap,
 * on the JVM: stable reads and writes per operation and their bytes (each {@code stable64_read} or
 * {@code _write} costs the IC 20 instructions plus its size), and bytes allocated per operation
 * (each allocation costs a canister instructions, and garbage collections later). Printed, for
 * {@code docs/stable-structures.md}; {@link StableMapCostProbeTest} gives the instructions in the
 * compiled canister. Checked: a get writes nothing and reads at most one node per level.
 */
class StableMapAccessCountTest {
  private static final long SEED = 0x5EED;

  /** A memory counting what passes through it. */
  static final class CountingMemory implements StableMemory {
    final StableMemory inner;
    long reads;
    long readBytes;
    long writes;
    long writeBytes;

    CountingMemory(StableMemory inner) {
      this.inner = inner;
    }

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public long grow(long pages) {
      return inner.grow(pages);
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      reads++;
      readBytes += length;
      inner.read(offset, dst, dstOffset, length);
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      writes++;
      writeBytes += length;
      inner.write(offset, src, srcOffset, length);
    }

    void reset() {
      reads = 0;
      readBytes = 0;
      writes = 0;
      writeBytes = 0;
    }
  }

  @Test
  void shouldPrintStableAccessesAndAllocationsPerOperation() {
    measure(1_000, false); // warms the JVM up, so that its own allocations stay out of the figures
    canbench();
    measure(1_000, true);
    measure(100_000, true);
  }

  /** dfinity/stable-structures' canbench workload: 10,000 random keys into an empty map, got, removed. */
  private static void canbench() {
    CountingMemory memory = new CountingMemory(new VectorStableMemory(1 << 16));
    StableBTreeMap<Long, Long> map =
        StableBTreeMap.init(MemoryManager.init(memory).get(0), Storable.LONG, Storable.LONG);
    int ops = 10_000;
    System.out.println("StableBTreeMap<Long, Long>, canbench workload (0 -> 10,000), per operation (JVM):");
    for (String op : new String[] {"insert", "get", "remove"}) {
      memory.reset();
      long before = allocated();
      for (int i = 0; i < ops; i++) {
        long k = StableMapProbe.keyAt(SEED, i);
        switch (op) {
          case "insert" -> map.insert(k, StableMapProbe.valueOf(k));
          case "get" -> assertNotNull(map.get(k));
          default -> assertNotNull(map.remove(k));
        }
      }
      print(op, memory, allocated() - before, ops);
    }
    assertEquals(0, map.size());
  }

  private static void print(String op, CountingMemory memory, long bytes, int ops) {
    System.out.printf("  %-7s stable reads %5.2f (%,6d bytes), writes %5.2f (%,6d bytes),"
        + " heap %,7d bytes%n", op, (double) memory.reads / ops, memory.readBytes / ops,
        (double) memory.writes / ops, memory.writeBytes / ops, bytes / ops);
  }

  private static void measure(int n, boolean print) {
    {
      CountingMemory memory = new CountingMemory(new VectorStableMemory(1 << 16));
      StableBTreeMap<Long, Long> map =
          StableBTreeMap.init(MemoryManager.init(memory).get(0), Storable.LONG, Storable.LONG);
      for (int i = 0; i < n; i++) {
        long k = StableMapProbe.keyAt(SEED, i);
        map.insert(k, StableMapProbe.valueOf(k));
      }
      int ops = Math.min(1_000, n / 10);
      int depth = depth(n);
      if (print) {
        System.out.printf("StableBTreeMap<Long, Long>, %,d entries, per operation (JVM):%n", n);
      }
      for (String op : new String[] {"insert", "get", "remove"}) {
        memory.reset();
        long before = allocated();
        for (int i = 0; i < ops; i++) {
          switch (op) {
            case "insert" -> {
              long k = StableMapProbe.keyAt(SEED, n + i);
              map.insert(k, StableMapProbe.valueOf(k));
            }
            case "get" -> assertNotNull(map.get(StableMapProbe.keyAt(SEED, i)));
            default -> assertNotNull(map.remove(StableMapProbe.keyAt(SEED, ops + i)));
          }
        }
        long bytes = allocated() - before;
        if (print) {
          print(op, memory, bytes, ops);
        }
        if (op.equals("get")) {
          assertEquals(0, memory.writes, "a get writes nothing");
          assertTrue(memory.reads <= (long) ops * depth, "a get reads one node per level");
        }
      }
      assertEquals(n, map.size());
    }
  }

  /**
   * The most levels a tree of {@code n} entries can have (every node but the root at least B - 1 =
   * 5 entries: h levels hold at least 2 x 6^(h-1) - 1), plus one for a value in an overflow page.
   */
  private static int depth(int n) {
    int levels = 1;
    long least = 11;
    while (least <= n) {
      least = least * 6 + 5;
      levels++;
    }
    return levels + 1;
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
