package dev.icjava.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The budgets of issue 7, held on every build on the IC's own instruction counter (issue 17) for the
 * samples' whoami, what users copy (typed methods, since issue 30; the hand-tuned whoami before):
 * against a live Motoko peer (mo:core 2.5.0, built by moc 4.10.0) in the same replica, each call of
 * the contract costs at most half the peer's instructions, and the module is at most half the
 * peer's bytes. The peer's side is an estimate of the real wasm64 canister's counter that errs low
 * (see {@link Comparison}). Counts and bytes are deterministic, so a regression fails here when it is
 * made. Every call's outcome is checked for the hand-tuned and plain whoami too ({@link
 * Comparison#calls()}).
 */
class BudgetTest {
  /**
   * Budgets missed on the IC's counter, with the sample's IC figure last measured: the budget stays
   * 0.5 (the table prints OVER) and the test fails if any of these gets worse. They are the calls the
   * hand-tuned whoami missed too (its figures, recorded here until issue 30: 4,436, 9,934, 4,803,
   * 11,384, 23,572, 80,324, 4,987, 6,947, 11,821, 68,455, 76,941). On the IC's counter every System
   * API call costs at least 500 and the reply 50 per byte, the same for both implementations (both
   * make the same calls: msg_arg_data_size/copy, msg_caller_size/copy, msg_reply_data_append,
   * msg_reply: 3,857 for whoAmI anonymous), so small calls tend to 1 whatever the code around them; a
   * trap pays 53 per byte of its message, and Java's messages are longer. A bound nonce dirties three
   * 4 KiB stable pages (its slot, its caller's list, the header) at 1,000 each; the guide's anonymous
   * flow writes one ring slot and stays within. A typed method costs 100 to 1,200 more on the IC's
   * counter than the hand-tuned one: the glue checks the empty argument and replies through a call
   * deeper, and registerBegin returns a future ({@code SeededNonceStore}). The registerFinish calls
   * carry 59 more since the Candid reader became three classes (the constructor chain), and those that
   * reach the nonce check 1,060 more since a nonce is consumed only in replicated execution: two
   * {@code ic0.in_replicated_execution} calls at 500 each (the verifier's, before it calls the nonce
   * check, and the store's, in {@code consume}). Since the sample keeps each registration (principal
   * to email) in a {@code StableBTreeMap} (module stable-structures), a successful registerFinish
   * costs about 26,000 more on the IC's counter (the guide's flow over budget since), and the other
   * calls moved by 66 to 143 with the larger module. Every implementation now does that same work:
   * the hand-tuned and plain whoami keep the registrations in the same map, and the Motoko peer in a
   * mo:core {@code Map} of its persistent actor (its guide's flow 157,923 to 159,412 on the estimate,
   * 1,341 raw more); all answer {@code registeredEmail}. The typed glue's literal replies, the
   * remembered ASCII bytes in scratch arrays and the fused text reply (issue 28) took whoAmI anonymous
   * from 5,089 to 4,481, of a user from 11,055 to 10,595, protectedAction of a user from 14,281 to
   * 13,274. registeredEmail (a principal argument, a map lookup, an {@code opt text} reply) is over
   * on both counters: the B-tree's lookup in stable memory (every node read through {@code
   * stable_read}, 500 a call on the IC's counter) against the peer's lookup in its heap.
   */
  static final Map<String, Long> KNOWN_MISSES = Map.ofEntries(
      Map.entry("whoAmI anonymous", 4_481L),
      Map.entry("whoAmI 29-byte user", 10_595L),
      Map.entry("protectedAction anonymous", 4_975L),
      // 13,786 before the typed glue copied the principal's text into the reply (raw 4,348 -> 4,190):
      // the copies are bulk operations, charged per byte on the IC's counter, where the conversion
      // loop they replace was not; 14,281 before the literal's bytes were packed at build time
      Map.entry("protectedAction user", 13_274L),
      Map.entry("registerBegin user, first (bound)", 23_471L),
      Map.entry("registerFinish, anonymous nonce (the guide's flow)", 100_729L),
      Map.entry("registerFinish, bound nonce", 110_473L),
      Map.entry("registerFinish anonymous", 4_984L),
      Map.entry("registerFinish, no attributes", 7_091L),
      Map.entry("registerFinish, no trusted signers set", 11_965L),
      Map.entry("registerFinish, email missing", 69_551L),
      Map.entry("registerFinish, email not text", 78_159L),
      // 5,237 before the B-tree's reads were bounded (a depth check per level, node addresses
      // checked against the memory's size on a cache miss): 14 more
      Map.entry("registeredEmail, none", 5_251L), // peer's estimate 5,981
      Map.entry("registeredEmail, registered", 18_162L)); // peer's estimate 9,918

  /**
   * The module's bytes, recorded over budget (half the peer's 410,434 is 205,217). The hand-tuned
   * whoami went from 197,760 to 244,495 as the library grew (the nonce store's layout 2, Internet
   * Identity's limits and the Candid quotas, the text paths, the upgrade guard and the seeding from
   * raw_rand with the calls module, one Candid encoder); the samples' typed whoami is 250,954 with
   * the same seeding ({@code SeededNonceStore}, the calls module, the timer), its generated glue and
   * the typed methods' 64 KiB argument guard, and 251,177 with the repair of TeaVM's heap growth
   * ({@code HeapGrowthTransformer}: one allocation larger than the free space), 255,106 with a
   * nonce consumed only in replicated execution (two checks, their trap messages) and the caller
   * table rehashed by {@code NonceStore.reseed} (3,929 bytes together), 337,531 plus those since it
   * keeps registrations in stable memory (the stable-structures module: memory manager and B-tree),
   * and 3,638 fewer when the typed glue wrote its replies straight into a reused buffer
   * (CandidOutput: no type table, no CandidWriter for text and blob replies), and 129 more with the
   * repaired young-collection step ({@code IcjavaHeapGrowth.storeGapsInCardTable}), and 3,013 more
   * (338,532 to 341,545) for issue 28's fast paths, which every typed canister gets: the replies of
   * returned literals (their messages as string constants, unpacked at instantiation), the two
   * scratch arrays of {@code AsciiTexts} with the double-buffer logic, the concatenation of a literal
   * and a value (two more entry points of {@code StringConcatSupport}, the packed literal) and the
   * fused reply of a remembered text ({@code CandidOutput.replyRememberedText}); they took 492, 156
   * and 587 raw instructions off whoAmI anonymous, of a user and protectedAction of a user. Most of it is TeaVM's {@code FULL} inlining: the
   * hand-tuned sample at {@code ADVANCED} was 182,598 bytes but ran 1.5 to 2.8 times the
   * instructions. 7,279 fewer (338,532 before) with the B-tree's reworked canister paths (among
   * the changes: its writes no longer use HashMap and LinkedHashSet). 10,469 more (341,722;
   * 349,522 against 338,532 before the B-tree's rework) since the library's timers seed the nonce
   * store without a timer in the sample: the timer queue ({@code TimerQueue}: the sorted queue, the
   * self-call per task, its executor export and reject handling) and {@code canister_global_timer}
   * now the build's, against the sample's two lines and its {@code @GlobalTimer} method (no call's
   * instruction count moved). Then the storable branch (Storable.candid, the B-tree's bounds on
   * reading memory no map wrote, shorter corruption messages): measured after the merge, the parts
   * not told apart: 347,544 with all of it (Storable.candid's code generation is not in whoami, which
   * stores no record; the bounds and the typed glue's fast paths are). The test fails if it grows
   * further.
   */
  static final int KNOWN_MODULE_BYTES = 347_544;

  /**
   * Calls where the samples' typed whoami misses a raw-count budget, with its raw count last
   * measured (the test fails if it gets worse): at most 0.4 of the peer's ({@code RAW_PEER}), and
   * at most 15 % or 300 instructions above the hand-tuned whoami ({@code NEAR_HAND_TUNED}). The
   * calls over 0.4 are over it hand-tuned too: their cost is the attribute verification's, not the
   * glue's: since every implementation records the registration (the hand-tuned and plain whoami
   * in the same {@code StableBTreeMap}, the peer in a mo:core {@code Map}), registerFinish compares
   * like for like, and its misses are the B-tree insert's against the peer's heap map. registeredEmail
   * is over hand-tuned too: the B-tree's lookup in stable memory against the peer's in its heap.
   */
  static final Map<String, Long> KNOWN_RAW_PEER_MISSES = Map.ofEntries(
      Map.entry("registerFinish, anonymous nonce (the guide's flow)", 61_808L), // hand-tuned 60,726 (0.489)
      Map.entry("registerFinish, bound nonce", 67_274L), // hand-tuned 66,190 (0.528)
      Map.entry("registerFinish, no attributes", 1_149L), // hand-tuned 1,121 (0.540)
      Map.entry("registerFinish, no trusted signers set", 1_687L), // hand-tuned 1,659 (0.714): a trap
      Map.entry("registerFinish, email not text", 48_495L), // hand-tuned 48,322 (0.458)
      // 1,314 before the B-tree's bounded reads (8 more); hand-tuned 1,112 (0.401)
      Map.entry("registeredEmail, none", 1_322L),
      Map.entry("registeredEmail, registered", 8_526L)); // hand-tuned 8,913 (1.600)

  /**
   * Where the typed whoami's user code makes strings the hand-tuned one never makes: {@code
   * "Action performed by " + caller} is a concatenation of the principal's text as a {@code String}
   * (its characters besides the bytes the reply copies) into a second {@code String}. Met since issue
   * 28: whoAmI anonymous (924, now 432 against 395: the returned literal replied from a message made
   * at instantiation), whoAmI of a user (3,312, now 3,156 against 2,796: its bytes in a scratch
   * array, the fused reply), and registerFinish (61,830 against 43,033 while only the sample recorded
   * the registration; now 1.018 of the hand-tuned whoami, which records it too).
   */
  static final Map<String, Long> KNOWN_NEAR_HAND_TUNED_MISSES = Map.ofEntries(
      // hand-tuned 3,055: 1.179, 90 beyond its 15 % (4,190 before issue 28; 0.394 of the peer now,
      // within its 0.4, which it missed at 0.458)
      Map.entry("protectedAction user", 3_603L));

  private static List<Comparison.Row> rows;

  /** Every call of the contract on every implementation, once for this class (about two minutes). */
  private static synchronized List<Comparison.Row> rows() {
    if (rows == null) {
      rows = Comparison.calls();
    }
    return rows;
  }

  @Test
  void shouldCostAsLittleAsHandTunedCodeInTypedMethods() {
    List<Comparison.Row> rows = rows();
    String table = Comparison.stylesTable(rows);
    System.out.print(table);
    StringBuilder failures = new StringBuilder();
    for (Comparison.Row r : rows) {
      if (!r.entry().budgeted()) {
        continue;
      }
      Long peer = KNOWN_RAW_PEER_MISSES.get(r.entry().call());
      if (!r.rawWithinPeerBudget() && (peer == null || r.java() > peer)) {
        failures.append(r.entry().call()).append(": raw ").append(r.java()).append(" over 0.4 of the peer's ")
            .append(r.motoko()).append(peer == null ? "" : " and above its recorded " + peer).append('\n');
      }
      Long hand = KNOWN_NEAR_HAND_TUNED_MISSES.get(r.entry().call());
      if (!r.typedNearHandTuned() && (hand == null || r.java() > hand)) {
        failures.append(r.entry().call()).append(": raw ").append(r.java()).append(" beyond the hand-tuned ")
            .append(r.handTuned()).append(" + 15 % (or + 300)").append(hand == null ? "" : " and above its recorded "
                + hand).append('\n');
      }
    }
    assertTrue(failures.length() == 0, failures + table);
  }

  @Test
  void shouldExecuteAtMostHalfThePeersInstructionsOnEveryCall() {
    List<Comparison.Row> rows = rows();
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
    Steadiness.Result r = Steadiness.run(Implementation.SAMPLE, 2_000);
    String figures = "registerBegin " + r.begin() + " (IC " + r.beginIc() + "), registerFinish " + r.finish()
        + " (IC " + r.finishIc() + ")";
    System.out.println(figures);
    assertTrue(r.beginIc().steady() && r.finishIc().steady(), "p99 above twice p50 on the IC's counter: " + figures);
    assertTrue(r.begin().steady() && r.finish().steady(), "p99 above twice p50: " + figures);
  }
}
