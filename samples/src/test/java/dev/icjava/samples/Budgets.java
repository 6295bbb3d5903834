package dev.icjava.samples;

import dev.icjava.testkit.Call;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.Icrc3Json;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.NodeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The sample's instruction budgets: half of what the Motoko peer (mo:core) executes for the same
 * call on a Chicory interpreter counting every instruction. The peer's figures are the ones issues
 * 3 and 4 give; a live Motoko peer in the same replica is the benchmark issue's work.
 */
final class Budgets {
  /** One budgeted call: its name, the Motoko peer's count, and how to make it. */
  record Entry(String call, long motoko, Function<Canister, CallResult> run) {
    long budget() {
      return motoko / 2;
    }
  }

  /** A measured entry. */
  record Measured(Entry entry, CallResult result) {
    boolean withinBudget() {
      return result.instructions() <= entry.budget();
    }
  }

  static final byte[] USER = user();
  static final byte[] II = {0, 0, 0, 0, 0, 0, 0, 7, 1, 1}; // rdmx6-jaaaa-aaaaa-aaadq-cai
  static final byte[] UNTRUSTED = {0, 0, 0, 0, 0, 0, 0, 2, 1, 1};


  static final List<Entry> ENTRIES =
      List.of(
          new Entry("whoAmI anonymous", 2_434, c -> c.query("whoAmI", Call.anonymous())),
          new Entry("whoAmI 29-byte user", 8_627, c -> c.query("whoAmI", Call.from(USER))),
          new Entry("protectedAction anonymous", 1_934, c -> c.update("protectedAction", Call.anonymous())),
          new Entry("protectedAction user", 9_140, c -> c.update("protectedAction", Call.from(USER))),
          new Entry("registerFinish, 4-entry bundle", 124_396, c -> registerFinish(c, II)),
          new Entry("registerFinish, untrusted signer", 77_232, c -> registerFinish(c, UNTRUSTED)));


  /**
   * registerBegin, then registerFinish with a bundle of the three implicit fields and an email,
   * encoded by {@code @dfinity/candid}, signed by {@code signer}. Expects a reply from a trusted
   * signer and a trap from another, so that a budget is never met by failing early.
   */
  static CallResult registerFinish(Canister c, byte[] signer) {
    CallResult begin = c.update("registerBegin", Call.from(USER));
    byte[] reply = begin.replyBytes();
    byte[] nonce = java.util.Arrays.copyOfRange(reply, reply.length - 16, reply.length);
    String json = Icrc3Json.bundle(nonce, "https://your-app.icp0.io", LocalReplica.DEFAULT_TIME,
        Icrc3Json.entry("email", Icrc3Json.text("alice@example.com")));
    byte[] bundle = NodeReference.encodeIcrc3Values(List.of(json)).get(0).message();
    CallResult r = c.update("registerFinish", Call.from(USER).withCallerInfo(bundle, signer));
    boolean trusted = signer == II;
    if (trusted != (r instanceof CallResult.Reply)) {
      throw new IllegalStateException("registerFinish: unexpected " + r);
    }
    return r;
  }

  private Budgets() {}

  /** Installs the sample as deployed: trusting the Internet Identity backend's signatures. */
  static Canister install(byte[] wasm) {
    return new LocalReplica().install(wasm, dev.icjava.testkit.InstallOptions.defaults()
        .environment(java.util.Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai")));
  }

  static List<Measured> measure(Canister canister) {
    List<Measured> out = new ArrayList<>();
    for (Entry e : ENTRIES) {
      out.add(new Measured(e, e.run().apply(canister)));
    }
    return out;
  }

  /** A fixed 29-byte self-authenticating principal, so that counts repeat run after run. */
  private static byte[] user() {
    byte[] b = new byte[29];
    for (int i = 0; i < 28; i++) {
      b[i] = (byte) (0x9d * (i + 1));
    }
    b[28] = 2;
    return b;
  }
}
