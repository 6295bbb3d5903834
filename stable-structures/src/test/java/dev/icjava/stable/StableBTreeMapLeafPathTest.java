package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.runtime.VectorStableMemory;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The leaf-only insert and remove of {@link StableBTreeMap} (done on a leaf's bytes, without the
 * general path's nodes) write exactly what the general path writes: the same random operations on
 * two maps, one with the leaf-only paths switched off, leave byte-identical memories, for
 * fixed-size keys and for text keys with values that spill into overflow pages.
 */
class StableBTreeMapLeafPathTest {
  @Test
  void shouldWriteWhatTheGeneralPathWritesForFixedSizeKeys() {
    Random r = new Random(27);
    compare(Storable.LONG, Storable.LONG, () -> r.nextInt(3) == 0 ? r.nextLong() : (long) r.nextInt(4_000),
        () -> r.nextLong(), r, 30_000);
  }

  @Test
  void shouldWriteWhatTheGeneralPathWritesForTextKeysAndLargeValues() {
    Random r = new Random(28);
    compare(Storable.STRING, Storable.BYTES, () -> "k" + r.nextInt(3_000) + "x".repeat(r.nextInt(40)),
        () -> new byte[r.nextInt(8) == 0 ? 300 + r.nextInt(1_500) : r.nextInt(60)], r, 20_000);
  }

  @Test
  void shouldWriteWhatTheGeneralPathWritesForLargeFixedKeysSpillingPastThePage() {
    // Pages of 2,684 bytes (3/4 of 7 + 11 x (8 + 300 + 8) + 8 x 12): from 9 entries on, an internal
    // node's keys run past its first page and a leaf spills into an overflow page; lookups and the
    // leaf paths then read nodes whole.
    Random r = new Random(29);
    Storable<byte[]> key300 = Storable.of(Bound.fixed(300), b -> b, b -> b);
    Storable<byte[]> value8 = Storable.of(Bound.atMost(8), b -> b, b -> b);
    compare(key300, value8, () -> {
      byte[] k = new byte[300];
      k[0] = (byte) r.nextInt(40);
      k[299] = (byte) r.nextInt(50);
      return k;
    }, () -> new byte[r.nextInt(9)], r, 8_000);
  }

  private static <K, V> void compare(Storable<K> ks, Storable<V> vs, Supplier<K> keys,
      Supplier<V> values, Random r, int steps) {
    VectorStableMemory fastMemory = new VectorStableMemory(1 << 16);
    VectorStableMemory generalMemory = new VectorStableMemory(1 << 16);
    StableBTreeMap<K, V> fast = StableBTreeMap.init(MemoryManager.init(fastMemory).get(1), ks, vs);
    StableBTreeMap<K, V> general =
        StableBTreeMap.init(MemoryManager.init(generalMemory).get(1), ks, vs);
    general.leafPaths = false;
    for (int step = 0; step < steps; step++) {
      K k = keys.get();
      int op = r.nextInt(100);
      if (op < 50) {
        V v = values.get();
        assertEquals(describe(general.insert(k, v)), describe(fast.insert(k, v)));
      } else if (op < 60) {
        assertEquals(describe(general.get(k)), describe(fast.get(k)));
        assertEquals(general.containsKey(k), fast.containsKey(k));
      } else {
        assertEquals(describe(general.remove(k)), describe(fast.remove(k)));
      }
      if (step % 1_000 == 999) {
        assertArrayEquals(generalMemory.toByteArray(), fastMemory.toByteArray(), "step " + step);
      }
    }
    assertEquals(general.size(), fast.size());
    assertArrayEquals(generalMemory.toByteArray(), fastMemory.toByteArray());
    BTreeInvariants.check(fast, fast::allocatedPages);
    // Every entry, read by the map's lookups, is what its iteration (nodes read whole) holds.
    long n = 0;
    for (java.util.Map.Entry<K, V> e : fast) {
      assertEquals(describe(e.getValue()), describe(fast.get(e.getKey())));
      n++;
    }
    assertEquals(fast.size(), n);
  }

  private static String describe(Object o) {
    return o instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(o);
  }
}
