package dev.icjava.samples;

import java.time.LocalDate;

/**
 * The benchmark: the Java sample and the Motoko peer installed in the same local replica, the same
 * calls made on each, figures printed as tables (instructions per call, module bytes, 10,000
 * consecutive registration pairs). Run from the repository root: {@code mvn -q -B -DskipTests
 * -Pbench verify} (this, then the nonce store's scaling table).
 */
public final class Bench {
  static final int PAIRS = 10_000;

  private Bench() {}

  public static void main(String[] args) {
    System.out.println("== whoami: Java (this project) beside Motoko (mo:core 2.5.0, moc 4.10.0), " + LocalDate.now());
    System.out.println("Instructions: Wasm instructions the local replica (Chicory 1.7.5) executed for the call,"
        + " each on a fresh install.\n");
    System.out.print(Comparison.table(Comparison.calls()));
    System.out.println();
    System.out.print(Comparison.table(Comparison.sizes()));
    System.out.println("\n== Evicting a user's unbound nonce (anonymous registerBegin floods)");
    System.out.print(EvictionCost.table());
    System.out.println("\n== " + PAIRS + " consecutive sign-ins (anonymous registerBegin, then registerFinish by one of 100"
        + " users, 1 s apart)");
    System.out.printf("%-8s %-14s %10s %10s %10s %9s  %s%n", "", "call", "p50", "p99", "max", "p99/p50", "memory reached");
    for (Implementation impl : Implementation.values()) {
      Steadiness.Result r = Steadiness.run(impl, PAIRS);
      print(impl, "registerBegin", r.begin(), r.memoryPages());
      print(impl, "registerFinish", r.finish(), r.memoryPages());
    }
  }

  private static void print(Implementation impl, String call, Steadiness.Percentiles p, int pages) {
    System.out.printf("%-8s %-14s %,10d %,10d %,10d %9.3f  %,d pages (%,d KiB)%n", impl, call, p.p50(), p.p99(),
        p.max(), (double) p.p99() / p.p50(), pages, pages * 64);
  }
}
