package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.runtime.VectorStableMemory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StableBTreeMap} against {@link TreeMap} over random operations and random reopenings (what
 * an upgrade does: the map is opened again from its memory alone), through a {@link MemoryManager}
 * memory, with fixed-size keys and with text keys whose values spill into overflow pages.
 */
class StableBTreeMapDifferentialTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void shouldAgreeWithTreeMapOnUnsignedLongKeys(long seed) {
    Random r = new Random(seed);
    run(r, Storable.LONG, Storable.LONG, () -> (long) r.nextInt(3000) - 1500,
        () -> r.nextLong(), Long::compareUnsigned, 60_000);
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void shouldAgreeWithTreeMapOnTextKeysAndLargeValues(long seed) {
    Random r = new Random(seed);
    run(r, Storable.STRING, Storable.BYTES, () -> "k" + r.nextInt(800) + "-".repeat(r.nextInt(3)),
        () -> {
          byte[] b = new byte[r.nextInt(10) == 0 ? r.nextInt(3000) : r.nextInt(40)];
          r.nextBytes(b);
          return b;
        },
        (a, b) -> Bytes.compare(Storable.STRING.toBytes(a), Storable.STRING.toBytes(b)), 20_000);
  }

  interface Gen<T> {
    T next();
  }

  private static <K, V> void run(Random r, Storable<K> ks, Storable<V> vs, Gen<K> keys,
      Gen<V> values, java.util.Comparator<K> order, int steps) {
    VectorStableMemory mem = new VectorStableMemory(1 << 16);
    Function<VectorStableMemory, StableBTreeMap<K, V>> open =
        m -> StableBTreeMap.init(MemoryManager.init(m).get(3), ks, vs);
    StableBTreeMap<K, V> map = open.apply(mem);
    TreeMap<K, V> model = new TreeMap<>(order);
    for (int step = 0; step < steps; step++) {
      int op = r.nextInt(100);
      K k = keys.next();
      if (op < 50) {
        V v = values.next();
        assertSame(model.put(k, v), map.insert(k, v));
      } else if (op < 85) {
        assertSame(model.remove(k), map.remove(k));
      } else if (op < 93) {
        assertSame(model.get(k), map.get(k));
        assertEquals(model.containsKey(k), map.containsKey(k));
      } else if (op < 97) {
        K k2 = keys.next();
        K lo = order.compare(k, k2) <= 0 ? k : k2;
        K hi = order.compare(k, k2) <= 0 ? k2 : k;
        assertEntries(model.subMap(lo, true, hi, false), map.range(lo, hi), 200);
        assertEntries(model.tailMap(lo, true), map.range(lo, null), 50);
      } else if (op < 99) {
        assertEntry(model.isEmpty() ? null : model.firstEntry(), map.first());
        assertEntry(model.isEmpty() ? null : model.lastEntry(), map.last());
      } else {
        map = open.apply(mem);
        BTreeInvariants.check(map, map::allocatedPages);
      }
      assertEquals(model.size(), map.size());
      if (r.nextInt(5000) == 0) {
        map.clear();
        model.clear();
      }
    }
    map = open.apply(mem);
    BTreeInvariants.check(map, map::allocatedPages);
    assertEntries(model, map, Integer.MAX_VALUE);
    List<K> all = new ArrayList<>(model.keySet());
    for (K k : all) {
      assertSame(model.remove(k), map.remove(k));
    }
    assertEquals(0, map.size());
    assertEquals(null, map.first());
  }

  private static void assertSame(Object expected, Object actual) {
    if (expected instanceof byte[]) {
      org.junit.jupiter.api.Assertions.assertArrayEquals((byte[]) expected, (byte[]) actual);
    } else {
      assertEquals(expected, actual);
    }
  }

  private static <K, V> void assertEntry(Map.Entry<K, V> expected, Map.Entry<K, V> actual) {
    if (expected == null) {
      assertEquals(null, actual);
      return;
    }
    assertEquals(expected.getKey(), actual.getKey());
    assertSame(expected.getValue(), actual.getValue());
  }

  private static <K, V> void assertEntries(Map<K, V> expected, Iterable<Map.Entry<K, V>> actual,
      int limit) {
    Iterator<Map.Entry<K, V>> e = expected.entrySet().iterator();
    Iterator<Map.Entry<K, V>> a = actual.iterator();
    int n = 0;
    while (e.hasNext() && n++ < limit) {
      assertEquals(true, a.hasNext());
      assertEntry(e.next(), a.next());
    }
    if (n <= limit) {
      assertEquals(false, a.hasNext());
    }
  }
}
