package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.icjava.samples.Attacks.Attack;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every attack of {@link Attacks} against the compiled sample, each on a fresh install in the local
 * replica: it must end in a trap whose message names the reason (the keywords of its expected
 * outcome), never a reply, and cost at most {@link #COST_FACTOR} times the successful call of the
 * same method plus {@link #PER_BYTE} per byte of argument or bundle it sent. Prints the table:
 * attack, expected, instructions, bytes sent, ratio to the successful call, observed trap message.
 */
class AdversarialTest {
  /** "Within a few times the successful call's." */
  static final double COST_FACTOR = 4;
  /**
   * Plus, for inputs the attacker makes as large or as deep as it likes, this much per byte sent:
   * reading is linear in the input. (For an update the canister already pays the IC 2,000 cycles
   * per ingress byte received; 250 instructions cost it 250 cycles on a 13-node subnet: dfinity/ic
   * {@code rs/config/src/subnet_config.rs} at 002d5530, {@code ingress_byte_reception_fee} 2,000,
   * {@code ten_update_instructions_execution_fee} 10.)
   */
  static final long PER_BYTE = 250;

  @Test
  void shouldRefuseEveryAttackWithAMessageThatNamesTheReason() {
    Map<String, Long> success = successfulCalls();
    Attacks attacks = new Attacks();
    List<String> problems = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    table.append("Successful calls:");
    success.forEach((m, n) -> table.append(String.format(" %s %,d;", m, n)));
    table.append(String.format("%n%-3s %-9s %-62s %-36s %9s %6s %5s  %s%n", "#", "category", "attack",
        "expected trap naming", "instr.", "bytes", "x ok", "observed"));
    Set<String> names = new HashSet<>();
    int n = 0;
    for (Attack a : Attacks.ALL) {
      n++;
      if (!names.add(a.name())) {
        problems.add("two attacks named " + a.name());
      }
      LocalReplica replica = new LocalReplica();
      Canister c = Sample.deployed(replica);
      attacks.sent = 0;
      CallResult r = a.scenario().run(c, replica, attacks);
      String problem = a.expected().check(r);
      long instructions = r.instructions();
      double ratio = (double) instructions / success.get(a.method());
      String observed = r instanceof CallResult.Trap t ? t.message() : r.toString();
      if (problem != null) {
        problems.add(a.name() + ": " + problem);
      }
      long bound = (long) (COST_FACTOR * success.get(a.method())) + PER_BYTE * attacks.sent;
      if (instructions > bound) {
        problems.add(a.name() + ": " + instructions + " instructions, " + String.format("%.1f", ratio)
            + " x the successful " + a.method() + ", for " + attacks.sent + " bytes (bound " + bound + ")");
      }
      table.append(String.format("%-3d %-9s %-62s %-36s %,9d %6d %5.2f  %s%n", n, a.category(), a.name(),
          String.join(" + ", a.expected().keywords()), instructions, attacks.sent, ratio, observed));
    }
    System.out.print(table);
    assertTrue(Attacks.ALL.size() >= 40, "at least 40 attacks");
    if (!problems.isEmpty()) {
      fail(table + String.join("\n", problems));
    }
  }

  /** The successful call of each method, as the attacks' yardstick (same replica, fresh installs). */
  static Map<String, Long> successfulCalls() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("whoAmI", ok(Sample.deployed(new LocalReplica()).query("whoAmI", Request.from(Fixtures.USER))));
    out.put("protectedAction",
        ok(Sample.deployed(new LocalReplica()).update("protectedAction", Request.from(Fixtures.USER))));
    out.put("registerBegin",
        ok(Sample.deployed(new LocalReplica()).update("registerBegin", Request.from(Fixtures.USER))));
    LocalReplica replica = new LocalReplica();
    Canister c = Sample.deployed(replica);
    byte[] nonce = Fixtures.begin(c);
    out.put("registerFinish", ok(c.update("registerFinish", Request.from(Fixtures.USER)
        .withCallerInfo(new Attacks().bundle("good", nonce), Fixtures.II))));
    return out;
  }

  static long ok(CallResult r) {
    if (!(r instanceof CallResult.Reply)) {
      throw new IllegalStateException("the successful call failed: " + r);
    }
    return r.instructions();
  }
}
