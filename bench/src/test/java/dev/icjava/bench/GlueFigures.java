package dev.icjava.bench;

import dev.icjava.testkit.CallResult;

/**
 * The few figures to watch while changing the typed methods' glue, in seconds rather than the
 * benchmark's minutes: the samples' typed whoami beside the hand-tuned one on the four small calls
 * (raw count and the IC's counter), then the profile store's start and getProfile calls beside
 * DFINITY's library ({@link ProfilesComparison#startsAndReads()}). Run with the bench module's test
 * class path after building it ({@code mvn -o -B -Dnpm.skip=true -pl bench -am verify -DskipTests}):
 * {@code java -cp <bench test class path> dev.icjava.bench.GlueFigures}.
 */
public final class GlueFigures {
  private GlueFigures() {}

  public static void main(String[] args) {
    for (Calls.Entry e : Calls.ENTRIES.subList(0, 4)) {
      for (Implementation impl : new Implementation[] {Implementation.SAMPLE, Implementation.HAND_TUNED}) {
        CallResult r = e.run(impl);
        System.out.printf("%-32s %-10s raw %,7d IC %,7d%n", e.call(), impl, r.instructions(), r.icInstructions());
      }
    }
    System.out.print(ProfilesComparison.table(ProfilesComparison.startsAndReads()));
  }
}
