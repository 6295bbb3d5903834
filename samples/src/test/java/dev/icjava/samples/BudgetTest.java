package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The budgets of issue 7, held on every build on the IC's own instruction counter (issue 17): against
 * a live Motoko peer (mo:core 2.5.0, built by moc 4.10.0) in the same replica, each call of the
 * contract costs at most half the peer's instructions, and the module is at most half the peer's
 * bytes. The peer's side is an estimate of the real wasm64 canister's counter that errs low (see
 * {@link Comparison}). Counts and bytes are
 * deterministic, so a regression fails here when it is made.
 */
class BudgetTest {
  /**
   * Budgets missed on the IC's counter, with Java's IC figure last measured: the budget stays 0.5
   * (the table prints OVER) and the test fails if any of these gets worse. On the raw count only
   * the two refusals "no attributes" and "no trusted signers set" missed (issue 7). On the IC's
   * counter every System API call costs at least 500 and the reply 50 per byte, the same for both
   * implementations (both make the same calls: msg_arg_data_size/copy, msg_caller_size/copy,
   * msg_reply_data_append, msg_reply: 3,857 for whoAmI anonymous), so small calls tend to 1 whatever
   * the code around them; a trap pays 53 per byte of its message, and Java's messages are longer.
   * (registerFinish read the caller and the time twice each until issue 14: 2,035 more.) Issue 15
   * (calls, the seeding timer, the upgrade guard) changed the module around these methods, not the
   * methods; binaryen then inlined a little differently: 0 to 70 more on the IC's counter. Issue 18's
   * text paths took whoAmI and protectedAction of a user 1,400 lower. Re-recorded after both, and
   * after issue 16 made CallerInfo static-init (its class initialisation left every registerFinish:
   * 567 lower on the IC's counter).
   */
  static final Map<String, Long> KNOWN_MISSES = Map.ofEntries(
      Map.entry("whoAmI anonymous", 4_436L),
      Map.entry("whoAmI 29-byte user", 9_934L),
      Map.entry("protectedAction anonymous", 4_803L),
      Map.entry("protectedAction user", 11_384L),
      // issue 14: a bound nonce dirties three 4 KiB stable pages (its slot, its caller's list, the
      // header) at 1,000 each; the guide's anonymous flow writes one ring slot and stays within
      Map.entry("registerBegin user, first (bound)", 23_572L),
      Map.entry("registerFinish, bound nonce", 80_324L),
      Map.entry("registerFinish anonymous", 4_987L),
      Map.entry("registerFinish, no attributes", 6_947L),
      Map.entry("registerFinish, no trusted signers set", 11_821L),
      Map.entry("registerFinish, email missing", 68_455L),
      Map.entry("registerFinish, email not text", 76_941L));

  /**
   * The module's bytes, recorded over budget since issue 14 (half the peer's 410,434 is 205,217):
   * layout 2 of the nonce store (the ring, two kinds, the migration from layout 1), Internet
   * Identity's limits and the Candid quotas took it from 197,760 to 219,658; issue 18's
   * concatenation support, wider UTF-8 loops and principal text in two widths to 223,770; issue 15's
   * upgrade guard every canister now has and the nonce store's seeding from raw_rand (the calls
   * module, its callbacks, the timer) to 244,593; issue 16's one Candid encoder to 244,495; issue 29's
   * repair of TeaVM's heap growth (one allocation larger than the free space) to 244,712. Most of it
   * is TeaVM's {@code FULL} inlining: the
   * same sample at {@code ADVANCED} is 182,598 bytes (before issue 15) but runs 1.5 to 2.8 times the
   * instructions (registerFinish 75,512 instead of 43,538). The test fails if it grows further.
   */
  static final int KNOWN_MODULE_BYTES = 244_712;

  @Test
  void shouldExecuteAtMostHalfThePeersInstructionsOnEveryCall() {
    List<Comparison.Row> rows = Comparison.calls();
    String table = Comparison.table(rows) + Comparison.stylesTable(rows);
    System.out.print(table);
    for (Comparison.Row r : rows) {
      Long known = KNOWN_MISSES.get(r.entry().call());
      assertTrue(r.withinBudget() || (known != null && r.javaIc() <= known),
          r.entry().call() + " over budget" + (known == null ? "" : " and above its recorded " + known) + ":\n" + table);
    }
  }

  @Test
  void shouldBeAtMostHalfThePeersModuleBytes() {
    Comparison.Sizes sizes = Comparison.sizes();
    System.out.print(Comparison.table(sizes));
    assertTrue(sizes.withinBudget() || sizes.java() <= KNOWN_MODULE_BYTES,
        "over budget and above its recorded " + KNOWN_MODULE_BYTES + ":\n" + Comparison.table(sizes));
  }

  @Test
  void shouldStaySteadyOverThousandsOfRegistrations() {
    // The long run (10,000 pairs, both implementations) is the benchmark's; 2,000 pairs here cover
    // many collections of TeaVM's 1 MiB initial heap at a fraction of the time.
    Steadiness.Result r = Steadiness.run(Implementation.JAVA, 2_000);
    String figures = "registerBegin " + r.begin() + " (IC " + r.beginIc() + "), registerFinish " + r.finish()
        + " (IC " + r.finishIc() + ")";
    System.out.println(figures);
    assertTrue(r.beginIc().steady() && r.finishIc().steady(), "p99 above twice p50 on the IC's counter: " + figures);
    assertTrue(r.begin().steady() && r.finish().steady(), "p99 above twice p50: " + figures);
  }
}
