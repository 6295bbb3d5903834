package dev.icjava.stable;

import static dev.icjava.stable.StableMapProbeTest.le;
import static dev.icjava.stable.StableMapProbeTest.longAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.build.CanisterBuild;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.stable.probe.StableMapProbe;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.InstructionProfile;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one {@code insert}, {@code get} and {@code remove} of a {@code StableBTreeMap<Long, Long>}
 * (random {@code u64} keys, in memory 0 of a memory manager) costs in the compiled canister ({@link
 * StableMapProbe}), printed, not timed: raw Wasm instructions and the IC's counter per operation,
 * each the cost of a message doing {@code n} operations less that of the same message doing none,
 * divided by {@code n}.
 *
 * <ul>
 *   <li>dfinity/stable-structures' canbench workload ({@code benchmarks/btreemap/src/main.rs}):
 *       10,000 random keys inserted into an empty map in one message, then all got, then all
 *       removed;
 *   <li>a map of 1,000 entries: 100 operations of each kind;
 *   <li>a map of 100,000 entries (built on the JVM by the same code and copied into the canister,
 *       as {@link StableMapUpgradeProbeTest} does): 1,000 of each.
 * </ul>
 *
 * <p>{@code -Dstable.profile=true} also prints the costliest functions of each measured message (a
 * module built with its function names).
 */
class StableMapCostProbeTest {
  private static final long SEED = 0x5EED;
  private static final boolean PROFILE = Boolean.getBoolean("stable.profile");

  @Test
  void shouldPrintTheCostPerOperation() throws Exception {
    byte[] wasm = PROFILE ? named() : StableMapProbeTest.wasm();
    System.out.println("StableBTreeMap<Long, Long>, random u64 keys, per operation: raw / IC counter");

    Canister rust = new LocalReplica().install(wasm, InstallOptions.defaults());
    measure(rust, "canbench workload (0 -> 10,000)", 0, 10_000, 0, 10_000, 10_000);

    Canister small = new LocalReplica().install(wasm, InstallOptions.defaults());
    assertEquals(1_000, longAt(small.update("insertKeys",
        Request.anonymous().withArg(arg(0, 1_000))).replyBytes(), 0));
    measure(small, "1,000 entries", 1_000, 100, 0, 100, 100);

    VectorStableMemory image = new VectorStableMemory(1 << 16);
    StableBTreeMap<Long, Long> map =
        StableBTreeMap.init(MemoryManager.init(image).get(0), Storable.LONG, Storable.LONG);
    for (int i = 0; i < 100_000; i++) {
      long k = StableMapProbe.keyAt(SEED, i);
      map.insert(k, StableMapProbe.valueOf(k));
    }
    Canister large = new LocalReplica().install(wasm, InstallOptions.defaults());
    StableMapUpgradeProbeTest.upload(large, image);
    large.upgrade(wasm, new byte[0]);
    measure(large, "100,000 entries", 100_000, 1_000, 0, 1_000, 1_000);
  }

  /**
   * Inserts keys {@code [size, size + inserts)}, gets keys {@code [getsFrom, getsFrom + n)}, removes
   * keys {@code [getsFrom + n, ...)} unless {@code removes == inserts} (then the inserted ones, for
   * the canbench workload), printing each one's cost per operation.
   */
  private static void measure(Canister c, String what, int size, int inserts, int getsFrom, int gets,
      int removes) {
    System.out.println("== " + what);
    CallResult in = call(c, "insertKeys", size, inserts, true);
    assertEquals(size + inserts, longAt(in.replyBytes(), 0));
    print("insert", in, call(c, "insertKeys", 0, 0, true), inserts);
    CallResult get = call(c, "getKeys", getsFrom, gets, false);
    assertEquals(gets, longAt(get.replyBytes(), 0));
    print("get", get, call(c, "getKeys", 0, 0, false), gets);
    int removeFrom = size == 0 ? 0 : getsFrom + gets;
    CallResult rm = call(c, "removeKeys", removeFrom, removes, true);
    assertEquals(removes, longAt(rm.replyBytes(), 0));
    print("remove", rm, call(c, "removeKeys", 0, 0, true), removes);
  }

  private static CallResult call(Canister c, String method, int first, int count, boolean update) {
    Request r = Request.anonymous().withArg(arg(first, count));
    InstructionProfile profile = PROFILE && count > 0 ? c.startProfiling() : null;
    CallResult result = update ? c.update(method, r) : c.query(method, r);
    if (profile != null) {
      c.stopProfiling();
      System.out.println("  profile of " + method + " x " + count + ":");
      profile.top(25).forEach(line -> System.out.println("    " + line));
    }
    result.replyBytes();
    return result;
  }

  private static void print(String op, CallResult r, CallResult none, int n) {
    System.out.printf("  %-7s %,9d raw  %,9d IC   (%,d operations in one message: %,d raw, %,d IC)%n",
        op, (r.instructions() - none.instructions()) / n,
        (r.icInstructions() - none.icInstructions()) / n, n, r.instructions(), r.icInstructions());
  }

  private static byte[] arg(int first, int count) {
    byte[] a = new byte[16];
    System.arraycopy(le(SEED, 8), 0, a, 0, 8);
    System.arraycopy(le(first, 4), 0, a, 8, 4);
    System.arraycopy(le(count, 4), 0, a, 12, 4);
    return a;
  }

  private static byte[] named() throws Exception {
    Path module = Probes.moduleDirectory();
    Path out = module.resolve("target/probe");
    Files.createDirectories(out);
    Path did = out.resolve("stable-map-probe-named.did");
    Files.writeString(did, "service : {}\n");
    Path wasm = new CanisterBuild()
        .canisterClass("dev.icjava.stable.probe.StableMapProbe")
        .classPath(List.of(module.resolve("target/test-classes").toFile(),
            module.resolve("target/classes").toFile()))
        .outputDirectory(out)
        .name("stable-map-probe-named")
        .candid(did)
        .checkInterface(false)
        .functionNames(true)
        .run();
    return Files.readAllBytes(wasm);
  }
}
