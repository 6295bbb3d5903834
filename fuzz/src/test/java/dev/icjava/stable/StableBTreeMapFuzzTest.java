package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.icjava.runtime.VectorStableMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link StableBTreeMap} under Jazzer (in package {@code dev.icjava.stable} for {@link
 * BTreeInvariants}, from stable-structures' test jar):
 *
 * <ul>
 *   <li>{@link #operations}: random inserts, removes, reads, ranges, clears and reopenings (what an
 *       upgrade does) against {@link TreeMap}, with fixed-size keys and values ({@code u64}) or
 *       unbounded ones (text keys, byte values that may spill into overflow pages), in a memory of
 *       a few pages that fills up: an operation refused for want of memory must leave the map as it
 *       was. The tree's invariants are checked at every reopening and at the end.
 *   <li>{@link #memory}: arbitrary bytes as the map's memory, opened with three pairs of Storables
 *       and read (size, first, last, get, containsKey, whole iteration, a range): every call either
 *       works or throws {@link StableStructureException} with a message; never another exception,
 *       never a hang or exhausted heap (node reads are bounded by the memory's size).
 * </ul>
 */
class StableBTreeMapFuzzTest {
  static final Path INPUTS = Path.of("src/test/resources/dev/icjava/stable/StableBTreeMapFuzzTestInputs");
  /** At most this many operations per input. */
  static final int MAX_OPERATIONS = 3_000;

  @FuzzTest
  void operations(FuzzedDataProvider data) {
    boolean fixed = data.consumeBoolean();
    int pages = data.consumeInt(1, 6);
    if (fixed) {
      run(data, pages, Storable.LONG, Storable.LONG, d -> (long) d.consumeInt(-40, 400), d -> d.consumeLong(),
          Long::compareUnsigned);
    } else {
      run(data, pages, Storable.STRING, Storable.BYTES, d -> d.consumeAsciiString(d.consumeInt(0, 12)), d -> {
        int n = d.consumeInt(0, 7) == 0 ? d.consumeInt(0, 5_000) : d.consumeInt(0, 40);
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) d.consumeInt(0, 255));
        return b;
      }, (a, b) -> Bytes.compare(Storable.STRING.toBytes(a), Storable.STRING.toBytes(b)));
    }
  }

  private static <K, V> void run(FuzzedDataProvider data, int pages, Storable<K> ks, Storable<V> vs,
      Function<FuzzedDataProvider, K> keys, Function<FuzzedDataProvider, V> values, Comparator<K> order) {
    VectorStableMemory memory = new VectorStableMemory(pages);
    Function<VectorStableMemory, StableBTreeMap<K, V>> open = m -> StableBTreeMap.init(m, ks, vs);
    StableBTreeMap<K, V> map = open.apply(memory);
    TreeMap<K, V> model = new TreeMap<>(order);
    for (int step = 0; step < MAX_OPERATIONS && data.remainingBytes() > 0; step++) {
      int op = data.consumeInt(0, 99);
      K k = keys.apply(data);
      if (op < 45) {
        V v = values.apply(data);
        try {
          same(map.insert(k, v), model.get(k));
          model.put(k, v);
        } catch (StableStructureException e) {
          map = refused(e, open, memory, model);
        }
      } else if (op < 75) {
        try {
          same(map.remove(k), model.get(k));
          model.remove(k);
        } catch (StableStructureException e) {
          map = refused(e, open, memory, model);
        }
      } else if (op < 85) {
        same(map.get(k), model.get(k));
        assertEquals(model.containsKey(k), map.containsKey(k));
      } else if (op < 90) {
        K k2 = keys.apply(data);
        K lo = order.compare(k, k2) <= 0 ? k : k2;
        K hi = order.compare(k, k2) <= 0 ? k2 : k;
        entries(model.subMap(lo, true, hi, false), map.range(lo, hi));
        entries(model.tailMap(lo, true), map.range(lo, null));
        entries(model.headMap(hi, false), map.range(null, hi));
      } else if (op < 94) {
        entry(model.isEmpty() ? null : model.firstEntry(), map.first());
        entry(model.isEmpty() ? null : model.lastEntry(), map.last());
      } else if (op < 99) {
        map = open.apply(memory); // an upgrade: the map from its memory alone
        BTreeInvariants.check(map, map::allocatedPages);
      } else {
        map.clear();
        model.clear();
      }
      assertEquals(model.size(), map.size());
      assertEquals(model.isEmpty(), map.isEmpty());
    }
    map = open.apply(memory);
    BTreeInvariants.check(map, map::allocatedPages);
    entries(model, map);
  }

  /**
   * An operation refused for want of memory: the map, and the map opened again from its memory,
   * still hold exactly the model's entries (the unit tests compare the memory byte for byte).
   */
  private static <K, V> StableBTreeMap<K, V> refused(StableStructureException e,
      Function<VectorStableMemory, StableBTreeMap<K, V>> open, VectorStableMemory memory, TreeMap<K, V> model) {
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("memory full"), m);
    StableBTreeMap<K, V> reopened = open.apply(memory);
    BTreeInvariants.check(reopened, reopened::allocatedPages);
    entries(model, reopened);
    return reopened;
  }

  private static void same(Object actual, Object expected) {
    if (expected instanceof byte[] b) {
      assertArrayEquals(b, (byte[]) actual);
    } else {
      assertEquals(expected, actual);
    }
  }

  private static <K, V> void entry(Map.Entry<K, V> expected, Map.Entry<K, V> actual) {
    if (expected == null) {
      assertNull(actual);
      return;
    }
    assertEquals(expected.getKey(), actual.getKey());
    same(actual.getValue(), expected.getValue());
  }

  private static <K, V> void entries(Map<K, V> expected, Iterable<Map.Entry<K, V>> actual) {
    Iterator<Map.Entry<K, V>> a = actual.iterator();
    for (Map.Entry<K, V> e : expected.entrySet()) {
      assertTrue(a.hasNext());
      entry(e, a.next());
    }
    assertFalse(a.hasNext());
  }

  // ---- arbitrary bytes as the memory ----

  /** The memory's page limit: the input rounded up to pages, plus room for init to create a map. */
  static final int MAX_PAGES = 4;

  @FuzzTest
  void memory(byte[] input) {
    if (input.length > (MAX_PAGES - 1) * 65_536) {
      return;
    }
    read(input, Storable.LONG, Storable.LONG, new Long[] {0L, 1L, 7L, -1L});
    read(input, Storable.STRING, Storable.BYTES, new String[] {"", "a", "k1", "zz"});
    read(input, Storable.BYTES, Storable.BYTES, new byte[][] {{}, {0}, {1, 2}});
  }

  /** Opens and reads; returns a description (the corpus replays compare nothing, but it keeps the work). */
  static <K, V> String read(byte[] input, Storable<K> ks, Storable<V> vs, K[] probes) {
    StringBuilder out = new StringBuilder();
    try {
      StableBTreeMap<K, V> map = StableBTreeMap.init(VectorStableMemory.of(input, MAX_PAGES), ks, vs);
      out.append(map.size()).append(map.isEmpty());
      out.append(map.first()).append(map.last());
      List<K> seen = new ArrayList<>();
      for (Map.Entry<K, V> e : map) {
        if (seen.size() < 8) {
          seen.add(e.getKey());
        }
        out.append('.');
      }
      for (K k : probes) {
        out.append(map.get(k)).append(map.containsKey(k));
      }
      for (K k : seen) {
        out.append(map.get(k) != null);
      }
      for (Map.Entry<K, V> e : map.range(probes[1], probes[probes.length - 1])) {
        out.append(',');
      }
    } catch (StableStructureException e) {
      String m = e.getMessage();
      if (m == null || m.isBlank()) {
        throw new AssertionError("a refusal without a message", e);
      }
      out.append("refused: ").append(m);
    }
    return out.toString();
  }

  /** A test that fails if a seed does not open: the seeds are maps, not refusals. */
  @Test
  void shouldOpenEverySeed() throws IOException {
    Path dir = INPUTS.resolve("memory");
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("seed-")).toList()) {
        byte[] in = Files.readAllBytes(f);
        String name = f.getFileName().toString();
        String d = name.contains("u64") ? read(in, Storable.LONG, Storable.LONG, new Long[] {0L, 1L, 7L, -1L})
            : read(in, Storable.STRING, Storable.BYTES, new String[] {"", "a", "k1", "zz"});
        assertFalse(d.startsWith("refused"), name + ": " + d);
      }
    }
  }

  /** Writes the seeds (only to regenerate them: {@code -Dfuzz.writeSeeds=true -Dtest=StableBTreeMapFuzzTest}). */
  @Test
  @EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
  void writeSeeds() throws IOException {
    Path dir = INPUTS.resolve("memory");
    Files.createDirectories(dir);
    for (int n : new int[] {0, 1, 11, 12, 200}) {
      VectorStableMemory m = new VectorStableMemory(MAX_PAGES);
      StableBTreeMap<Long, Long> map = StableBTreeMap.init(m, Storable.LONG, Storable.LONG);
      for (long k = 0; k < n; k++) {
        map.insert(k * 7 % 1000, k);
      }
      Files.write(dir.resolve("seed-u64-" + n), trimmed(m.toByteArray()));
    }
    for (int n : new int[] {3, 40}) {
      VectorStableMemory m = new VectorStableMemory(MAX_PAGES);
      StableBTreeMap<String, byte[]> map = StableBTreeMap.init(m, Storable.STRING, Storable.BYTES);
      for (int k = 0; k < n; k++) {
        map.insert("k" + k, new byte[k % 5 == 0 ? 1_500 : k]);
      }
      Files.write(dir.resolve("seed-text-" + n), trimmed(m.toByteArray()));
    }
  }

  private static byte[] trimmed(byte[] b) {
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--;
    }
    return Arrays.copyOf(b, n);
  }
}
