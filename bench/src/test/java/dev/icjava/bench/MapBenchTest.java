package dev.icjava.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.CandidArgs;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Request;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The map benchmark's canisters build and answer correctly at 1,000 entries (outcomes, not timings):
 * each canister fills its maps itself and answers gets, ranges, inserts and removes as the
 * entries' definition says; and the benchmark's own path (the Java map built on the JVM and loaded,
 * the Motoko map filled by calls, every operation checked against its expected reply) runs through
 * at 1,000. The figures themselves: {@code -Pmapbench} ({@link MapBench}).
 */
class MapBenchTest {
  private static final int N = 1_000;

  @Test
  void shouldAnswerAlikeWhenEachCanisterFillsItsOwnMaps() {
    Canister java = new LocalReplica().install(MapBench.javaWasm(), InstallOptions.defaults());
    Canister motoko = MapBench.motokoCanister(new LocalReplica());
    for (Canister c : List.of(java, motoko)) {
      for (MapBench.Kind kind : MapBench.Kind.values()) {
        MapBench.fill(kind, c, 0, N, 500);
        MapBench.check(kind, c, N);
        String s = kind.suffix();
        long absent = N + 5;
        assertEquals(0, MapBench.nat64(c.query("get" + s, arg(kind.key(absent))), "get absent"), kind + " " + c);
        assertEquals(1, MapBench.nat64(c.update("insert" + s, arg(kind.key(absent), kind.value(absent))), "insert"));
        assertEquals(0, MapBench.nat64(c.update("insert" + s, arg(kind.key(absent), kind.value(absent))), "again"));
        assertEquals(kind.found(absent), MapBench.nat64(c.query("get" + s, arg(kind.key(absent))), "get"));
        assertEquals(kind.found(absent), MapBench.nat64(c.update("remove" + s, arg(kind.key(absent))), "remove"));
        assertEquals(0, MapBench.nat64(c.update("remove" + s, arg(kind.key(absent))), "remove again"));
        assertEquals(N, MapBench.nat64(c.query("size" + s, Request.anonymous()), "size"));
        assertEquals(0, MapBench.nat64(c.query("read" + s + "Base", arg(kind.key(3))), "base"));
      }
      // the smallest key's range: the 100 smallest entries
      long[] keys = new long[N];
      for (int i = 0; i < N; i++) {
        keys[i] = MapBenchProbe.u64Key(i) ^ Long.MIN_VALUE;
      }
      Arrays.sort(keys);
      long sum = 0;
      for (int j = 0; j < MapBenchProbe.RANGE; j++) {
        sum += MapBenchProbe.u64Value(keys[j] ^ Long.MIN_VALUE);
      }
      assertEquals(sum, MapBench.nat64(c.query("rangeU64", arg(CandidArgs.unsigned("nat64", 0))), "range"));
      assertEquals(101L * MapBenchProbe.RANGE, MapBench.nat64(c.query("rangeText", arg("")), "range text"));
      assertEquals(101L * 3, MapBench.nat64(c.query("rangeText",
          arg(String.format("%016x", keys[N - 3] ^ Long.MIN_VALUE))), "the last three"));
      byte[] value = MapBench.reply(c.query("valueText", arg(MapBenchProbe.textKey(42))), "valueText");
      byte[] expected = MapBenchProbe.textValue(42);
      assertArrayEquals(expected, Arrays.copyOfRange(value, value.length - expected.length, value.length));
    }
  }

  @Test
  void shouldRunTheBenchmarkThroughAtAThousandEntries() {
    List<MapBench.Row> rows = new MapBench(3).run(List.of(MapBench.Kind.values()), List.of((long) N), N);
    assertEquals(2 * MapBench.Op.values().length, rows.size());
    for (MapBench.Row r : rows) {
      assertTrue(r.motoko() != null, r.toString());
    }
    String table = MapBench.table(rows, 3, java.time.Duration.ZERO);
    assertTrue(table.contains("| u64 → 8 bytes | insert | 1,000 |"), table);
    assertTrue(table.contains("btreemap_v2_insert_u64_u64"), table);
  }

  private static Request arg(Object... args) {
    return Request.anonymous().withArg(CandidArgs.encode(args));
  }
}
