package dev.icjava.noncestore;

import dev.icjava.testkit.Call;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Instructions per mint and per consume with 1,000, 100,000 and 1,000,000 nonces outstanding,
 * counted by the local replica on the compiled {@code NonceProbe} (capacity 2^20, so the tables
 * are about half full at the largest size). Filling a million nonces runs about ten billion
 * instructions in the interpreter: minutes, not for every CI run. Run it with {@code mvn -pl
 * nonce-store -am -Pbench verify} (or exec:java with the test classpath).
 */
public final class NonceStoreBench {
  private NonceStoreBench() {}

  public static void main(String[] args) throws Exception {
    int capacity = 1 << 20;
    int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
        : new int[] {1_000, 100_000, 1_000_000};
    LocalReplica replica = new LocalReplica();
    Canister c = replica.install(NonceProbeBuild.wasm(),
        InstallOptions.defaults().initArg(NonceProbeBuild.le32(capacity)).maxStablePages(16_384));
    long region = NonceStore.regionBytes(new NonceStore.Config().capacity(capacity).perCallerCap(8));
    System.out.printf("nonce store: capacity %,d, region %,d bytes of stable memory (%,d per nonce of capacity)%n",
        capacity, region, region / capacity);
    System.out.printf("%12s %14s %14s%n", "outstanding", "mint (median)", "consume (median)");
    int held = 0;
    List<long[]> rows = new ArrayList<>();
    for (int size : sizes) {
      while (held < size) {
        int n = Math.min(50_000, size - held);
        CallResult r = c.update("fill", Call.from(new byte[] {9, 0x02}).withArg(NonceProbeBuild.le32(n)));
        if (!(r instanceof CallResult.Reply)) {
          throw new IllegalStateException("fill: " + r);
        }
        held += n;
      }
      List<Long> mints = new ArrayList<>();
      List<Long> consumes = new ArrayList<>();
      for (int i = 0; i < 21; i++) {
        byte[] caller = {(byte) i, 7, 7, 0x02};
        CallResult m = c.update("mint", Call.from(caller));
        mints.add(m.instructions());
        CallResult k = c.update("consume", Call.from(caller).withArg(m.replyBytes()));
        consumes.add(k.instructions());
      }
      Collections.sort(mints);
      Collections.sort(consumes);
      rows.add(new long[] {size, mints.get(10), consumes.get(10)});
      System.out.printf("%,12d %,14d %,14d%n", size, mints.get(10), consumes.get(10));
    }
    long minMint = Long.MAX_VALUE, maxMint = 0, minConsume = Long.MAX_VALUE, maxConsume = 0;
    for (long[] r : rows) {
      minMint = Math.min(minMint, r[1]);
      maxMint = Math.max(maxMint, r[1]);
      minConsume = Math.min(minConsume, r[2]);
      maxConsume = Math.max(maxConsume, r[2]);
    }
    System.out.printf("largest / smallest: mint %.3f, consume %.3f (budget 1.5)%n",
        (double) maxMint / minMint, (double) maxConsume / minConsume);
  }
}
