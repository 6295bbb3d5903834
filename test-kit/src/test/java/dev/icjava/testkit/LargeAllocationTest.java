package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.icjava.build.CanisterBuild;
import dev.icjava.testkit.probe.LargeInputProbe;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One allocation larger than the Java heap's free space grows the heap (the build's runtime support
 * for TeaVM 0.13.1: {@code HeapGrowthTransformer}, {@code org.teavm.runtime.IcjavaHeapGrowth}):
 * arguments and caller-info bundles from 1 KB to 5 MB, in random order, to one instance of {@link
 * LargeInputProbe} built with the default 1 MiB initial heap, each copied whole onto the heap by
 * {@code SystemApi.msgArgData()} or {@code msgCallerInfoData()} while the last three inputs are
 * still held (and checked, at every call, to be unchanged), between calls that fragment the heap
 * with thousands of small arrays (some kept, and checked too). Before the fix, 1,048,576 bytes trapped
 * on a fresh instance ({@code undefined element}) and 3,000,740 bytes spun to the instruction limit.
 *
 * <p>The IC delivers at most 2 MiB of ingress (an application subnet's {@code
 * max_ingress_bytes_per_message}, dfinity/ic {@code rs/limits}; the caller info travels inside the
 * request); 5 MB goes past it so that the heap's growth, not the size of today's inputs, is what
 * passes. Past the maximum heap ({@code maxHeapSize}) the trap says so.
 */
class LargeAllocationTest {
  static final int[] SIZES = {
    1_000, 50_209, 64_000, 500_290, 1_048_576, 1_200_416, 2_000_000, 2_097_152, 3_000_740, 5_000_000
  };
  static final byte[] II = {0, 0, 0, 0, 0, 0, 0, 7, 1, 1};

  static byte[] wasm;
  static Canister canister;

  @BeforeAll
  static void install() throws Exception {
    wasm = Probes.build(LargeInputProbe.class.getName(), "large-input-probe");
    canister = new LocalReplica().install(wasm);
  }

  static void assertAccepted(byte[] data, CallResult r, String what) {
    CallResult.Reply reply = assertInstanceOf(CallResult.Reply.class, r, () -> what + " of " + data.length + " bytes: " + r);
    assertArrayEquals(LargeInputProbe.reply(data), reply.bytes(), () -> what + " of " + data.length + " bytes");
  }

  @Test
  void everyArgumentAndBundleFromOneKilobyteToFiveMegabytesInRandomOrderIsAccepted() {
    Random random = new Random(29);
    List<int[]> plan = new ArrayList<>();
    for (int round = 0; round < 2; round++) { // every size twice, as an argument and as a bundle
      for (int size : SIZES) {
        plan.add(new int[] {size, 0});
        plan.add(new int[] {size, 1});
      }
      for (int i = 0; i < 10; i++) {
        plan.add(new int[] {1_000 + random.nextInt(5_000_000), random.nextInt(2)});
        plan.add(new int[] {random.nextInt(2_000), 2});
      }
    }
    Collections.shuffle(plan, random);
    for (int[] step : plan) {
      if (step[1] == 2) {
        byte[] seedAndCount = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putInt(random.nextInt()).putInt(step[0]).array();
        assertInstanceOf(CallResult.Reply.class, canister.update("churn", Request.anonymous().withArg(seedAndCount)));
        continue;
      }
      byte[] data = new byte[step[0]];
      random.nextBytes(data);
      if (step[1] == 0) {
        assertAccepted(data, canister.update("arg", Request.anonymous().withArg(data)), "argument");
      } else {
        Request withInfo = Request.from(new byte[] {1, 2, 3}).withCallerInfo(data, II);
        assertAccepted(data, canister.update("callerInfo", withInfo), "caller info");
      }
    }
  }

  @Test
  void aLargeArgumentToAFreshInstanceAndToAQueryIsAccepted() {
    Canister fresh = new LocalReplica().install(wasm);
    for (int size : new int[] {1_048_576, 3_000_740}) {
      byte[] data = new byte[size];
      new Random(size).nextBytes(data);
      assertAccepted(data, fresh.query("argInQuery", Request.anonymous().withArg(data)), "query argument");
    }
  }

  @Test
  void pastTheMaximumHeapTheTrapSaysSo() throws Exception {
    Path out = Path.of("target", "probe");
    Files.createDirectories(out);
    Path did = out.resolve("large-input-probe-2mib.did");
    Files.writeString(did, "service : {}\n");
    new CanisterBuild()
        .canisterClass(LargeInputProbe.class.getName())
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name("large-input-probe-2mib")
        .candid(did)
        .checkInterface(false)
        .maxHeapSize(2 << 20)
        .run();
    Canister small = new LocalReplica().install(Files.readAllBytes(out.resolve("large-input-probe-2mib.wasm")));
    byte[] fits = new byte[1_500_000];
    assertAccepted(fits, small.update("arg", Request.anonymous().withArg(fits)), "argument");
    byte[] tooLarge = new byte[3_000_000];
    assertEquals(
        "Out of memory: the Java heap reached its maximum size (raise maxHeapSize)",
        small.update("arg", Request.anonymous().withArg(tooLarge)).trapMessage());
  }
}
