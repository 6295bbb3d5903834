package dev.icjava.bench;

import dev.icjava.samples.Fixtures;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Replies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Consecutive sign-ins on one install, as a busy canister sees them, in the integration guide's
 * flow: registerBegin by the anonymous principal, then registerFinish by one of 100 users in turn,
 * the replica's clock one second further at each pair, every bundle encoded by {@code
 * @dfinity/candid}. TeaVM's garbage collector runs inside some of these calls; the percentiles show
 * what that costs.
 *
 * <p>All bundles are encoded in one Node batch before the run, each with a 32-byte placeholder
 * where the nonce goes; the nonce registerBegin replies is then copied over the placeholder (a
 * blob's bytes, so the encoding is unchanged).
 */
final class Steadiness {
  static final int USERS = 100;
  static final long STEP_NANOS = 1_000_000_000L;
  private static final byte[] PLACEHOLDER = Fixtures.PLACEHOLDER;

  /** Instruction percentiles of one call type. */
  record Percentiles(long p50, long p99, long max) {
    static Percentiles of(long[] counts) {
      long[] sorted = counts.clone();
      Arrays.sort(sorted);
      return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long at(long[] sorted, double q) {
      return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }

    boolean steady() {
      return p99 <= 2 * p50;
    }
  }

  /**
   * The figures of one run: percentiles per call type, on the raw count and on the IC's counter, and
   * the Wasm memory reached.
   */
  record Result(int pairs, Percentiles begin, Percentiles finish, int memoryPages, long[] beginCounts,
      long[] finishCounts, Percentiles beginIc, Percentiles finishIc) {}

  private Steadiness() {}

  static Result run(Implementation impl, int pairs) {
    LocalReplica replica = new LocalReplica();
    long t0 = replica.time();
    Canister c = impl.deployed(replica);
    List<byte[]> users = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      byte[] p = new byte[29];
      for (int i = 0; i < 28; i++) {
        p[i] = (byte) (u * 31 + i * 7 + 1);
      }
      p[28] = 2;
      users.add(p);
    }
    List<String> jsons = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      jsons.add(Icrc3Json.bundle(PLACEHOLDER, Fixtures.ORIGIN, t0 + i * STEP_NANOS, Fixtures.email("user" + (i % USERS) + "@example.com")));
    }
    List<NodeReference.Encoded> bundles = NodeReference.encodeIcrc3Values(jsons);
    long[] begin = new long[pairs];
    long[] finish = new long[pairs];
    long[] beginIc = new long[pairs];
    long[] finishIc = new long[pairs];
    for (int i = 0; i < pairs; i++) {
      replica.setTime(t0 + i * STEP_NANOS);
      byte[] user = users.get(i % USERS);
      CallResult b = c.update("registerBegin", Request.anonymous());
      begin[i] = b.instructions();
      beginIc[i] = b.icInstructions();
      byte[] nonce = Replies.blob(b);
      byte[] bundle = bundles.get(i).message().clone();
      int at = Fixtures.indexOf(bundle, PLACEHOLDER);
      if (nonce.length != PLACEHOLDER.length || at < 0) {
        throw new IllegalStateException("pair " + i + ": a " + nonce.length + "-byte nonce, placeholder at " + at);
      }
      System.arraycopy(nonce, 0, bundle, at, nonce.length);
      CallResult f = c.update("registerFinish", Request.from(user).withCallerInfo(bundle, Fixtures.II));
      if (!(f instanceof CallResult.Reply)) {
        throw new IllegalStateException(impl + ", pair " + i + ": " + f);
      }
      finish[i] = f.instructions();
      finishIc[i] = f.icInstructions();
    }
    return new Result(pairs, Percentiles.of(begin), Percentiles.of(finish), c.memoryPages(), begin, finish,
        Percentiles.of(beginIc), Percentiles.of(finishIc));
  }
}
