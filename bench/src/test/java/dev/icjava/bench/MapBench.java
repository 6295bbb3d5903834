package dev.icjava.bench;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.CandidArgs;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.OpcodeCounts;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.reference.MotokoBuild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The stable map benchmark: instructions per {@code insert}, {@code get}, {@code remove} and a
 * 100-entry {@code range} of this project's {@code StableBTreeMap} compiled into a Java canister
 * ({@link MapBenchProbe}, {@code target/map-bench.wasm}) and of mo:core's {@code Map} in a Motoko
 * canister ({@code peer-motoko/MapBench.mo}), in the same local replica, at several sizes, for u64
 * keys with 8-byte values and text keys (16 characters) with 100-byte values; beside them the figures
 * dfinity/stable-structures publishes from its own canbench runs.
 *
 * <p>An operation's cost is that of one message doing it on a map of that size minus that of a
 * message taking the same arguments and doing nothing ({@code ...Base}), both counters, averaged over
 * {@link #samples} keys drawn at random, the same for both canisters (present keys for get, range
 * and remove; new keys for insert). Queries (get, range) are measured as queries, insert and remove
 * as updates. The Java
 * canister's maps are built on the JVM by the same {@code StableBTreeMap} code over an in-memory
 * stable memory and copied into the canister (then upgraded), as a million inserts in the
 * interpreter take too long; the Motoko map is filled by update calls of {@link #MOTOKO_BATCH}
 * entries, up to {@code icjava.mapbench.motokoMax} entries (sizes beyond are reported as not
 * measured).
 *
 * <p>{@code mvn -o -B -Dnpm.skip=true -pl bench -am verify -DskipTests -Pmapbench}; properties
 * {@code icjava.mapbench.sizes} (comma-separated, default {@code 1000,100000,1000000}), {@code
 * icjava.mapbench.samples} (default 10), {@code icjava.mapbench.motokoMax} (the largest Motoko map
 * filled; the profile's default is 100000, as filling a million by calls takes the interpreter tens of
 * minutes per map), {@code icjava.mapbench.kinds} ({@code u64,text}). Prints a markdown table and writes it to {@code
 * bench/target/map-bench.md}.
 */
public final class MapBench {
  /** Motoko entries added per fill message (well under the update limit). */
  static final int MOTOKO_BATCH = 5_000;
  static final byte[] EMPTY_ARGUMENTS = {'D', 'I', 'D', 'L', 0, 0};

  /** The two maps measured. */
  enum Kind {
    U64("u64 → 8 bytes"), TEXT("text (16 chars) → 100 bytes");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    String suffix() {
      return this == U64 ? "U64" : "Text";
    }

    Object key(long i) {
      return this == U64 ? CandidArgs.unsigned("nat64", MapBenchProbe.u64Key(i)) : MapBenchProbe.textKey(i);
    }

    Object value(long i) {
      return this == U64 ? CandidArgs.unsigned("nat64", MapBenchProbe.u64Value(MapBenchProbe.u64Key(i)))
          : MapBenchProbe.textValue(i);
    }

    /** What get and remove reply for entry i. */
    long found(long i) {
      return this == U64 ? MapBenchProbe.u64Value(MapBenchProbe.u64Key(i)) : MapBenchProbe.TEXT_VALUE_BYTES + 1;
    }
  }

  /** The four operations. */
  enum Op {
    INSERT, GET, REMOVE, RANGE;

    String label() {
      return this == RANGE ? "range (100)" : name().toLowerCase();
    }
  }

  /**
   * An operation's mean cost; {@code icWasm64} is the IC's counter again for Java, its wasm64 estimate
   * for the Motoko peer.
   */
  record Cost(long raw, long ic, long icWasm64) {}

  /** One row: Java and Motoko at one size (null when not measured). */
  record Row(Kind kind, Op op, long size, Cost java, Cost motoko) {}

  private final int samples;

  MapBench(int samples) {
    this.samples = samples;
  }

  /** Runs the benchmark with the system properties' settings (see the class comment). */
  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    List<Long> sizes = new ArrayList<>();
    for (String s : System.getProperty("icjava.mapbench.sizes", "1000,100000,1000000").split(",")) {
      sizes.add(Long.parseLong(s.trim().replace("_", "")));
    }
    int samples = Integer.getInteger("icjava.mapbench.samples", 10);
    long motokoMax = Long.getLong("icjava.mapbench.motokoMax", 100_000L);
    List<Kind> kinds = new ArrayList<>();
    for (String s : System.getProperty("icjava.mapbench.kinds", "u64,text").split(",")) {
      kinds.add(Kind.valueOf(s.trim().toUpperCase()));
    }
    MapBench bench = new MapBench(samples);
    List<Row> rows = bench.run(kinds, sizes, motokoMax);
    String table = table(rows, samples, Duration.ofNanos(System.nanoTime() - started));
    System.out.print(table);
    Path out = BenchPaths.target("map-bench.md");
    Files.writeString(out, table, StandardCharsets.UTF_8);
    System.out.println("written to " + out);
  }

  List<Row> run(List<Kind> kinds, List<Long> sizes, long motokoMax) {
    // Java first (minutes), then Motoko (the fills are the long part): figures print as they come
    List<List<Cost[]>> java = new ArrayList<>();
    for (Kind kind : kinds) {
      java.add(javaSide(kind, sizes));
    }
    List<List<Cost[]>> motoko = new ArrayList<>();
    for (Kind kind : kinds) {
      motoko.add(motokoSide(kind, sizes, motokoMax));
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < kinds.size(); k++) {
      for (Op op : Op.values()) {
        for (int s = 0; s < sizes.size(); s++) {
          Cost[] m = motoko.get(k).get(s);
          rows.add(new Row(kinds.get(k), op, sizes.get(s), java.get(k).get(s)[op.ordinal()],
              m == null ? null : m[op.ordinal()]));
        }
      }
    }
    return rows;
  }

  // ---- the Java canister

  static byte[] javaWasm() {
    return BenchPaths.read(BenchPaths.target("map-bench.wasm"));
  }

  private List<Cost[]> javaSide(Kind kind, List<Long> sizes) {
    List<Cost[]> out = new ArrayList<>();
    VectorStableMemory image = new VectorStableMemory(1 << 16);
    MemoryManager memories = MemoryManager.init(image);
    StableBTreeMap<Long, Long> u64 = StableBTreeMap.init(memories.get(0), Storable.LONG, Storable.LONG);
    StableBTreeMap<String, byte[]> text = StableBTreeMap.init(memories.get(1), Storable.STRING, Storable.BYTES);
    long filled = 0;
    for (long size : sizes) {
      long t0 = System.nanoTime();
      for (long i = filled; i < size; i++) {
        if (kind == Kind.U64) {
          long k = MapBenchProbe.u64Key(i);
          u64.insert(k, MapBenchProbe.u64Value(k));
        } else {
          text.insert(MapBenchProbe.textKey(i), MapBenchProbe.textValue(i));
        }
      }
      filled = size;
      long t1 = System.nanoTime();
      Canister c = javaCanister(image);
      long t2 = System.nanoTime();
      System.out.printf("Java %s, %,d entries: built on the JVM in %.1f s, %,d stable pages loaded in %.1f s%n",
          kind, size, (t1 - t0) / 1e9, image.size(), (t2 - t1) / 1e9);
      check(kind, c, size);
      out.add(measure(kind, c, null, size));
      System.out.printf("  measured in %.1f s: %s%n", (System.nanoTime() - t2) / 1e9, show(out.get(out.size() - 1)));
    }
    return out;
  }

  /** A fresh Java canister holding {@code image} as its stable memory, upgraded so that it opens it. */
  static Canister javaCanister(VectorStableMemory image) {
    Canister c = new LocalReplica().install(javaWasm(), InstallOptions.defaults().maxStablePages(1 << 16));
    int chunk = 1 << 20;
    long total = image.size() * StableMemory.PAGE_BYTES;
    byte[] part = new byte[chunk];
    for (long at = 0; at < total; at += chunk) {
      int n = (int) Math.min(chunk, total - at);
      if (part.length != n) {
        part = new byte[n];
      }
      image.read(at, part, 0, n);
      if (at + n < total && isZero(part)) {
        continue;
      }
      reply(c.update("loadStable", Request.anonymous().withArg(
          CandidArgs.encode(CandidArgs.unsigned("nat64", at), part))), "loadStable");
    }
    c.upgrade(javaWasm(), EMPTY_ARGUMENTS);
    return c;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  // ---- the Motoko canister

  private static MotokoBuild.Built motoko;

  static synchronized MotokoBuild.Built motokoWasm() {
    if (motoko == null) {
      motoko = MotokoBuild.build(BenchPaths.peer("MapBench.mo"), BenchPaths.target("peer-motoko"), "map-bench-motoko");
    }
    return motoko;
  }

  static Canister motokoCanister(LocalReplica replica) {
    return replica.install(motokoWasm().lowered(), InstallOptions.defaults().lowered64());
  }

  /** Fills {@code c}'s map of {@code kind} from entry {@code from} to {@code to - 1}, in batches. */
  static void fill(Kind kind, Canister c, long from, long to, int batch) {
    for (long first = from; first < to; first += batch) {
      long count = Math.min(batch, to - first);
      long size = nat64(c.update("fill" + kind.suffix(), Request.anonymous().withArg(CandidArgs.encode(
          CandidArgs.unsigned("nat64", first), CandidArgs.unsigned("nat64", count)))), "fill");
      if (size < first + count) {
        throw new IllegalStateException(
            "fill" + kind.suffix() + " replied size " + size + " after entry " + (first + count));
      }
    }
  }

  private List<Cost[]> motokoSide(Kind kind, List<Long> sizes, long motokoMax) {
    List<Cost[]> out = new ArrayList<>();
    LocalReplica replica = new LocalReplica();
    Canister c = motokoCanister(replica);
    long filled = 0;
    for (long size : sizes) {
      if (size > motokoMax) {
        System.out.printf("Motoko %s, %,d entries: not measured (beyond icjava.mapbench.motokoMax=%,d)%n", kind, size,
            motokoMax);
        out.add(null);
        continue;
      }
      long t0 = System.nanoTime();
      fill(kind, c, filled, size, MOTOKO_BATCH);
      filled = size;
      long t1 = System.nanoTime();
      System.out.printf("Motoko %s, %,d entries: filled by update calls in %.1f s (%,d memory pages)%n", kind, size,
          (t1 - t0) / 1e9, c.memoryPages());
      check(kind, c, size);
      out.add(measure(kind, c, replica, size));
      System.out.printf("  measured in %.1f s: %s%n", (System.nanoTime() - t1) / 1e9, show(out.get(out.size() - 1)));
    }
    return out;
  }

  // ---- measuring

  /** One line of figures: op raw/IC/IC64 each. */
  private static String show(Cost[] costs) {
    StringBuilder b = new StringBuilder();
    for (Op op : Op.values()) {
      Cost c = costs[op.ordinal()];
      b.append(String.format("%s %,d/%,d/%,d; ", op.label(), c.raw(), c.ic(), c.icWasm64()));
    }
    return b.toString();
  }

  /** Checks the map's size and a few entries, so that nothing is measured on a wrong map. */
  static void check(Kind kind, Canister c, long size) {
    long reported = nat64(c.query("size" + kind.suffix(), Request.anonymous()), "size");
    if (reported != size) {
      throw new IllegalStateException(kind + ": size " + reported + ", expected " + size);
    }
    for (long i : new long[] {0, size / 2, size - 1}) {
      long got = nat64(c.query("get" + kind.suffix(), arg(kind.key(i))), "get");
      if (got != kind.found(i)) {
        throw new IllegalStateException(
            kind + ": get of entry " + i + " replied " + got + ", expected " + kind.found(i));
      }
    }
  }

  /**
   * Every operation on {@code c}, whose map of {@code kind} holds entries 0 to {@code size - 1}; on
   * return it holds entries 0 to {@code size + samples - 1} (the inserted ones; removed ones are put
   * back). {@code replica} counts opcodes for the wasm64 estimate (the Motoko peer), or is null.
   */
  private Cost[] measure(Kind kind, Canister c, LocalReplica replica, long size) {
    long[] sorted = sortedKeys(size);
    Cost[] costs = new Cost[Op.values().length];
    List<Long> present = distinct(kind, size);
    String s = kind.suffix();
    costs[Op.GET.ordinal()] = average(present, replica, "get",
        i -> c.query("get" + s, arg(kind.key(i))), i -> c.query("read" + s + "Base", arg(kind.key(i))), kind::found);
    costs[Op.RANGE.ordinal()] = average(present, replica, "range",
        i -> c.query("range" + s, arg(kind.key(i))), i -> c.query("read" + s + "Base", arg(kind.key(i))),
        i -> expectedRange(kind, sorted, MapBenchProbe.u64Key(i)));
    List<Long> fresh = new ArrayList<>();
    for (long j = 0; j < samples; j++) {
      fresh.add(size + j);
    }
    costs[Op.INSERT.ordinal()] = average(fresh, replica, "insert",
        i -> c.update("insert" + s, arg(kind.key(i), kind.value(i))),
        i -> c.update("insert" + s + "Base", arg(kind.key(i), kind.value(i))), i -> 1);
    costs[Op.REMOVE.ordinal()] = average(present, replica, "remove",
        i -> c.update("remove" + s, arg(kind.key(i))), i -> c.update("remove" + s + "Base", arg(kind.key(i))),
        kind::found);
    for (long i : present) {
      nat64(c.update("insert" + s, arg(kind.key(i), kind.value(i))), "re-insert");
    }
    return costs;
  }

  private interface Call {
    CallResult run(long i);
  }

  private interface Expected {
    long of(long i);
  }

  /**
   * The mean of op minus base over {@code indices}, checking each op's reply. With a replica, the
   * wasm64 estimate: the IC's counter plus loads and stores (2 each for a wasm64 module) minus the
   * wraps and extends the lowering to 32 bits added (errs low: a wasm64 module's own are taken off too).
   */
  private Cost average(List<Long> indices, LocalReplica replica, String what, Call op, Call base, Expected expected) {
    long raw = 0;
    long ic = 0;
    long icWasm64 = 0;
    if (replica != null) {
      replica.countOpcodes(true);
    }
    for (long i : indices) {
      CallResult o = op.run(i);
      long oCorrection = correction(replica, o);
      CallResult b = base.run(i);
      long bCorrection = correction(replica, b);
      long got = nat64(o, what);
      if (got != expected.of(i)) {
        throw new IllegalStateException(what + " of entry " + i + " replied " + got + ", expected " + expected.of(i));
      }
      nat64(b, what + " base");
      raw += o.instructions() - b.instructions();
      ic += o.icInstructions() - b.icInstructions();
      icWasm64 += (o.icInstructions() + oCorrection) - (b.icInstructions() + bCorrection);
    }
    if (replica != null) {
      replica.countOpcodes(false);
    }
    int n = indices.size();
    return new Cost(Math.round((double) raw / n), Math.round((double) ic / n), Math.round((double) icWasm64 / n));
  }

  private static long correction(LocalReplica replica, CallResult r) {
    if (replica == null) {
      return 0;
    }
    OpcodeCounts ops = replica.lastMessageOpcodes();
    if (ops == null || ops.total() != r.instructions()) {
      throw new IllegalStateException("the opcode counts are not the measured call's");
    }
    return ops.loadsAndStores() - ops.wrapsAndExtends();
  }

  /** The entries sampled at {@code size}: the same for Java and Motoko, whatever else is run. */
  private List<Long> distinct(Kind kind, long size) {
    Random random = new Random(27L * 1_000_003 + kind.ordinal() * 7_919L + size);
    Set<Long> picked = new LinkedHashSet<>();
    while (picked.size() < Math.min(samples, size)) {
      picked.add((long) (random.nextDouble() * size));
    }
    return new ArrayList<>(picked);
  }

  private static Request arg(Object... args) {
    return Request.anonymous().withArg(CandidArgs.encode(args));
  }

  /** Entry keys 0 to size - 1, sorted as unsigned numbers (stored with the sign bit flipped). */
  private static long[] sortedKeys(long size) {
    long[] keys = new long[(int) size];
    for (int i = 0; i < size; i++) {
      keys[i] = MapBenchProbe.u64Key(i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(keys);
    return keys;
  }

  /** What range replies from key {@code from}, a present key (the text keys sort as the u64 ones). */
  private static long expectedRange(Kind kind, long[] sorted, long from) {
    int at = Arrays.binarySearch(sorted, from ^ Long.MIN_VALUE);
    long sum = 0;
    for (int j = at; j < Math.min(sorted.length, at + MapBenchProbe.RANGE); j++) {
      long k = sorted[j] ^ Long.MIN_VALUE;
      sum += kind == Kind.U64 ? MapBenchProbe.u64Value(k) : MapBenchProbe.TEXT_VALUE_BYTES + 1;
    }
    return sum;
  }

  static byte[] reply(CallResult r, String what) {
    if (!(r instanceof CallResult.Reply reply)) {
      throw new IllegalStateException(what + ": " + r);
    }
    return reply.bytes();
  }

  /** A reply of one {@code nat64}. */
  static long nat64(CallResult r, String what) {
    byte[] b = reply(r, what);
    if (b.length != 15 || b[0] != 'D' || b[4] != 0 || b[5] != 1 || b[6] != 0x78) {
      throw new IllegalStateException(what + ": not a nat64 reply: " + Arrays.toString(b));
    }
    long v = 0;
    for (int i = 14; i >= 7; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  // ---- the table

  static String table(List<Row> rows, int samples, Duration took) {
    StringBuilder t = new StringBuilder();
    t.append("## StableBTreeMap (Java) beside mo:core Map (Motoko) and dfinity/stable-structures, ")
        .append(LocalDate.now()).append("\n\n");
    t.append("Instructions per operation: one message doing it minus one taking the same arguments and doing"
        + " nothing, mean of ").append(samples).append(" random keys. raw: Wasm instructions executed; IC: the IC's"
        + " counter (the Motoko peer runs lowered to 32-bit memory: its IC64 column estimates the real wasm64"
        + " canister, loads and stores at 2 and the lowering's wraps and extends taken off). Rust: canbench's"
        + " figure per operation (the IC's counter) for 10,000 operations on maps of up to 10,000 entries;"
        + " see the notes.\n\n");
    t.append("| map | op | entries | Java raw | Java IC | Motoko raw | Motoko IC | Motoko IC64 | Rust IC"
        + " | Java/Motoko IC64 | Java/Rust IC |\n");
    t.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      Long rust = RustFigures.perOp(r.kind(), r.op());
      t.append("| ").append(r.kind().label).append(" | ").append(r.op().label()).append(" | ")
          .append(String.format("%,d", r.size())).append(" | ")
          .append(String.format("%,d", r.java().raw())).append(" | ")
          .append(String.format("%,d", r.java().ic())).append(" | ");
      if (r.motoko() == null) {
        t.append("not measured | not measured | not measured | ");
      } else {
        t.append(String.format("%,d | %,d | %,d | ", r.motoko().raw(), r.motoko().ic(), r.motoko().icWasm64()));
      }
      t.append(rust == null ? "—" : String.format("%,d", rust)).append(" | ");
      t.append(r.motoko() == null ? "—" : String.format("%.2f", (double) r.java().ic() / r.motoko().icWasm64()))
          .append(" | ");
      t.append(rust == null ? "—" : String.format("%.2f", (double) r.java().ic() / rust)).append(" |\n");
    }
    if (rows.stream().anyMatch(r -> r.motoko() == null)) {
      t.append("\nMotoko \"not measured\": the map is filled by update calls in the interpreter, only up to"
          + " -Dicjava.mapbench.motokoMax entries (the fill times above say how long each size took).\n");
    }
    t.append("\n").append(RustFigures.NOTES);
    t.append(String.format("%nThe benchmark took %d min %d s.%n", took.toMinutes(), took.toSecondsPart()));
    return t.toString();
  }
}
