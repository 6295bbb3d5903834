package dev.icjava.bench;

import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.LocalReplica;
import java.time.LocalDate;
import java.util.List;

/**
 * The benchmark: the samples' whoami, the same contract hand-tuned and in plain Java, and the Motoko
 * peer installed in the same local replica, the same calls made on each, figures printed as tables
 * (instructions per call, module bytes, the profile store beside DFINITY's library, the cost of
 * evicting a nonce, 10,000 consecutive sign-ins). Run from the repository root or from {@code
 * bench/}: {@code mvn -q -B -DskipTests -Pbench verify} (the nonce store's scaling table first, then
 * this). Every path it reads is resolved by {@link BenchPaths}, so the working directory does not
 * matter. Argument {@code tiny}: one call per table and a few sign-ins, to check that every table
 * prints ({@code BenchFromRootTest}).
 */
public final class Bench {
  static final int PAIRS = 10_000;

  /** How much of each table to run. */
  record Scale(List<Calls.Entry> calls, boolean allProfileSteps, int pairs) {
    static final Scale WHOLE = new Scale(Calls.ENTRIES, true, PAIRS);
    static final Scale TINY = new Scale(Calls.ENTRIES.subList(0, 1), false, 3);
  }

  private Bench() {}

  public static void main(String[] args) {
    run(args.length > 0 && args[0].equals("tiny") ? Scale.TINY : Scale.WHOLE);
  }

  static void run(Scale scale) {
    System.out.println("== whoami: Java (the samples' whoami) beside Motoko (mo:core 2.5.0, moc 4.10.0), "
        + LocalDate.now());
    System.out.println("Raw: Wasm instructions the local replica (Chicory 1.7.5) executed for the call, each on a"
        + " fresh install.\nIC: the IC's instruction counter for the same execution (what ic0.performance_counter"
        + " reads, the limits bound and the IC bills: see docs/performance-figures.md, the IC's cost model).\n");
    List<Comparison.Row> rows = Comparison.calls(scale.calls());
    System.out.print(Comparison.table(rows));
    System.out.println("\n== The same contract in plain Java (methods replying by hand) and hand-tuned, beside the"
        + " samples' typed whoami");
    System.out.print(Comparison.stylesTable(rows));
    System.out.println("\nSystem API charges on the IC's counter (count x, charge), beside the Wasm the call ran:");
    for (Calls.Entry e : scale.calls()) {
      if (e.call().equals("whoAmI anonymous") || e.call().equals("registerFinish, anonymous nonce (the guide's flow)")) {
        for (Implementation impl : Implementation.values()) {
          LocalReplica replica = new LocalReplica();
          replica.countOpcodes(true);
          CallResult r = e.scenario().run(impl, replica);
          System.out.printf("%-10s %-32s IC %,9d: %s%n", impl, e.call(), r.icInstructions(),
              String.join(", ", replica.lastMessageOpcodes().systemApiCharges()));
        }
      }
    }
    System.out.println();
    System.out.print(Comparison.table(Comparison.sizes()));
    System.out.println("\n== identity-attributes: the profile store (Java module) beside DFINITY's Motoko library"
        + " (identity-attributes 0.4.0), the differential test's scenario, each step after its own start call");
    System.out.print(ProfilesComparison.table(ProfilesComparison.scenario(scale.allProfileSteps())));
    System.out.print(ProfilesComparison.sizes());
    System.out.println("\n== Seeding the samples' nonce store from raw_rand (each on a fresh install)");
    SeedingFigures.print();
    System.out.println("\n== Evicting a user's unbound nonce (anonymous registerBegin floods)");
    System.out.print(EvictionCost.table());
    System.out.println("\n== " + scale.pairs() + " consecutive sign-ins (anonymous registerBegin, then registerFinish by"
        + " one of 100 users, 1 s apart)");
    System.out.printf("%-10s %-18s %10s %10s %10s %9s  %s%n", "", "call", "p50", "p99", "max", "p99/p50",
        "memory reached");
    for (Implementation impl : Implementation.values()) {
      Steadiness.Result r = Steadiness.run(impl, scale.pairs());
      print(impl, "registerBegin", r.begin(), r.memoryPages());
      print(impl, "registerFinish", r.finish(), r.memoryPages());
      print(impl, "registerBegin IC", r.beginIc(), r.memoryPages());
      print(impl, "registerFinish IC", r.finishIc(), r.memoryPages());
    }
  }

  private static void print(Implementation impl, String call, Steadiness.Percentiles p, int pages) {
    System.out.printf("%-10s %-18s %,10d %,10d %,10d %9.3f  %,d pages (%,d KiB)%n", impl, call, p.p50(), p.p99(),
        p.max(), (double) p.p99() / p.p50(), pages, pages * 64);
  }
}
