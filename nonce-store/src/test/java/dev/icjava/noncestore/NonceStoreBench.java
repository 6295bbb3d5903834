package dev.icjava.noncestore;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Instructions per bound mint and consume with 1,000, 100,000 and 1,000,000 bound nonces
 * outstanding, and per unbound mint and consume beside them, counted by the local replica on the
 * compiled {@code NonceStoreProbe} (capacity 2^20, so the tables are about half full at the largest
 * size; a ring of 2^18 unbound nonces, filled as far as the bound ones). Filling a million nonces runs about ten billion
 * instructions in the interpreter: minutes, not for every CI run. Run it with {@code mvn -pl
 * nonce-store -am -Pbench verify} (or exec:java with the test classpath).
 */
public final class NonceStoreBench {
  private NonceStoreBench() {}

  public static void main(String[] args) throws Exception {
    int capacity = 1 << 20;
    int ring = 1 << 18;
    int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
        : new int[] {1_000, 100_000, 1_000_000};
    LocalReplica replica = new LocalReplica();
    Canister c = replica.install(NonceStoreProbeBuild.wasm(),
        InstallOptions.defaults().initArg(NonceStoreProbeBuild.geometry(capacity, ring)).maxStablePages(16_384));
    long region = NonceStore.regionBytes(new NonceStore.Config().capacity(capacity).ringSlots(ring).perCallerCap(8));
    System.out.printf("nonce store: bound capacity %,d, ring %,d, region %,d bytes of stable memory%n",
        capacity, ring, region);
    System.out.printf("%12s %14s %14s %16s %16s%n", "outstanding", "bound mint", "bound consume", "unbound mint",
        "unbound consume");
    int held = 0;
    List<long[]> rows = new ArrayList<>();
    for (int size : sizes) {
      while (held < size) {
        int n = Math.min(50_000, size - held);
        CallResult r = c.update("fill", Request.from(new byte[] {9, 0x02}).withArg(NonceStoreProbeBuild.le32(n)));
        CallResult u = c.update("fillUnbound", Request.anonymous().withArg(NonceStoreProbeBuild.le32(Math.min(n, ring))));
        if (!(r instanceof CallResult.Reply) || !(u instanceof CallResult.Reply)) {
          throw new IllegalStateException("fill: " + r + ", " + u);
        }
        held += n;
      }
      List<Long> mints = new ArrayList<>();
      List<Long> consumes = new ArrayList<>();
      List<Long> unboundMints = new ArrayList<>();
      List<Long> unboundConsumes = new ArrayList<>();
      for (int i = 0; i < 21; i++) {
        byte[] caller = {(byte) i, 7, 7, 0x02};
        CallResult m = c.update("mint", Request.from(caller));
        mints.add(m.instructions());
        CallResult k = c.update("consume", Request.from(caller).withArg(m.replyBytes()));
        consumes.add(k.instructions());
        CallResult um = c.update("mint", Request.anonymous());
        unboundMints.add(um.instructions());
        unboundConsumes.add(c.update("consume", Request.from(caller).withArg(um.replyBytes())).instructions());
      }
      Collections.sort(mints);
      Collections.sort(consumes);
      Collections.sort(unboundMints);
      Collections.sort(unboundConsumes);
      rows.add(new long[] {size, mints.get(10), consumes.get(10)});
      System.out.printf("%,12d %,14d %,14d %,16d %,16d%n", size, mints.get(10), consumes.get(10),
          unboundMints.get(10), unboundConsumes.get(10));
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
