package dev.icjava.samples;

import dev.icjava.testkit.Call;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The sample's instruction budgets: half of what the Motoko peer (mo:core) executes for the same
 * call on a Chicory interpreter counting every instruction. The peer's figures are the ones issue 3
 * gives; a live Motoko peer in the same replica is the benchmark issue's work.
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

  static final List<Entry> ENTRIES =
      List.of(
          new Entry("whoAmI anonymous", 2_434, c -> c.query("whoAmI", Call.anonymous())),
          new Entry("whoAmI 29-byte user", 8_627, c -> c.query("whoAmI", Call.from(USER))),
          new Entry("protectedAction anonymous", 1_934, c -> c.update("protectedAction", Call.anonymous())),
          new Entry("protectedAction user", 9_140, c -> c.update("protectedAction", Call.from(USER))));

  private Budgets() {}

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
