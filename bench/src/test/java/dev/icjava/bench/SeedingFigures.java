package dev.icjava.bench;

import dev.icjava.samples.Fixtures;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.Execution;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.SystemTask;
import java.util.List;
import java.util.Map;

/**
 * Prints what the samples' whoami's nonce seeding costs ({@code SeededNonceStore}: the timer's
 * {@code raw_rand} call and its callback, or a registerBegin that awaits it), and registerBegin and
 * registerFinish beside it, in both counts (raw, IC), each on a fresh install. Part of the
 * benchmark's output. The counts are deterministic.
 */
public final class SeedingFigures {
  private SeedingFigures() {}

  public static void main(String[] args) {
    print();
  }

  static void print() {
    Implementation java = Implementation.SAMPLE;
    {
      LocalReplica replica = new LocalReplica();
      Canister c = fresh(java, replica);
      List<SystemTask> tasks = replica.tick();
      for (SystemTask t : tasks) {
        show("the timer after install (seeds the store)", t.result());
      }
      show("registerBegin anonymous, first", c.update("registerBegin", Request.anonymous()));
      show("registerBegin anonymous, second", c.update("registerBegin", Request.anonymous()));
      show("registerBegin user, first (bound)", c.update("registerBegin", Request.from(Fixtures.USER)));
      show("registerBegin user, second", c.update("registerBegin", Request.from(Fixtures.USER)));
      byte[] b = Fixtures.bundle(Fixtures.beginAnonymously(c), replica, 0, Fixtures.ORIGIN, Fixtures.email("alice@example.com"));
      show("registerFinish, anonymous nonce (the guide's flow)",
          c.update("registerFinish", Request.from(Fixtures.USER).withCallerInfo(b, Fixtures.II)));
    }
    {
      LocalReplica replica = new LocalReplica();
      Canister c = fresh(java, replica);
      show("registerBegin anonymous before the timer ran", c.update("registerBegin", Request.anonymous()));
    }
    {
      LocalReplica replica = new LocalReplica();
      Canister c = fresh(java, replica);
      replica.tick();
      java.upgrade(c);
      for (SystemTask t : replica.tick()) {
        show("the timer after an upgrade (seeds again)", t.result());
      }
    }
  }

  /** Installed, before the first round (so before the seeding timer has run). */
  private static Canister fresh(Implementation java, LocalReplica replica) {
    return java.install(replica, Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai"));
  }

  static void show(String what, CallResult r) {
    System.out.printf("%-52s %9s raw %9s IC  %d message(s)%n", what, String.format("%,d", r.instructions()),
        String.format("%,d", r.icInstructions()), Math.max(1, r.messages()));
    if (r.messages() > 1) {
      for (Execution e : r.executions()) {
        System.out.printf("    %-48s %9s raw %9s IC  %s%n", (e.kind() == null ? "management canister" : e.kind().name())
            + " " + e.entry(), String.format("%,d", e.instructions()), String.format("%,d", e.icInstructions()),
            e.outcome().length() > 40 ? e.outcome().substring(0, 40) : e.outcome());
      }
    }
  }
}
