package dev.icjava.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The identity-attributes module ({@code profiles.wasm}) beside DFINITY's Motoko library in the
 * scenario of {@link ProfilesDifferentialTest}: instructions per step, raw (the Wasm the local
 * replica executed) and on the IC's counter (what the IC bills), and the budget: at most 0.5 times
 * the library's instructions on the IC's counter at every step, except the steps recorded in {@link
 * #KNOWN_MISSES}, which may not get worse.
 */
public final class ProfilesComparison {
  /** One step: the Java module's and the library's instructions. */
  record Row(String step, long javaRaw, long javaIc, long motokoRaw, long motokoIc) {
    double rawRatio() {
      return (double) javaRaw / motokoRaw;
    }

    double icRatio() {
      return (double) javaIc / motokoIc;
    }
  }

  static final double BUDGET = 0.5;

  /**
   * The steps over budget on the IC's counter and their recorded Java counts (IC counter): calls so
   * small that the System API charges both sides pay alike (at least 10,000 of the IC's instructions
   * per call here: message, reply, caller info, environment) are most of either's cost.
   */
  static final Map<String, Long> KNOWN_MISSES = Map.of(
      "no attributes", 11_190L, // raw 1,448 against 2,962: within 0.5 of the Wasm it runs
      "... without attributes", 11_190L,
      "trusted_attribute_signers unset", 10_423L); // a trap; raw 1,582 against 2,201

  private ProfilesComparison() {}

  /**
   * This table alone: {@code cd samples && mvn -q -o exec:java -Dexec.classpathScope=test
   * -Dexec.mainClass=dev.icjava.samples.ProfilesComparison} (after a build; the benchmark prints it too).
   */
  public static void main(String[] args) throws Exception {
    List<Row> rows = scenario();
    System.out.println();
    System.out.print(table(rows));
    System.out.print(sizes());
  }

  /** The steps over budget and above their recorded count, one line each. */
  static List<String> budgetFailures(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.icRatio() <= BUDGET) {
        continue;
      }
      Long known = KNOWN_MISSES.get(r.step());
      if (known == null || r.javaIc() > known) {
        out.add(r.step() + ": IC counter " + r.javaIc() + " against the library's " + r.motokoIc()
            + (known == null ? " (over budget)" : " (over budget and above its recorded " + known + ")"));
      }
    }
    return out;
  }

  static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder(String.format("%-52s %10s %10s %6s | %10s %10s %6s  %s%n", "step",
        "Java raw", "Motoko", "ratio", "Java IC", "Motoko IC", "ratio", "budget " + BUDGET));
    for (Row r : rows) {
      b.append(String.format("%-52s %,10d %,10d %6.3f | %,10d %,10d %6.3f  %s%n", r.step(), r.javaRaw(),
          r.motokoRaw(), r.rawRatio(), r.javaIc(), r.motokoIc(), r.icRatio(),
          r.icRatio() <= BUDGET ? "ok" : KNOWN_MISSES.containsKey(r.step()) ? "OVER (recorded)" : "OVER"));
    }
    return b.toString();
  }

  /** The whole scenario: the main environment's steps, then the environments that lack a variable. */
  static List<Row> scenario() throws Exception {
    ProfilesDifferentialTest.build();
    List<Row> rows = new ArrayList<>(ProfilesDifferentialTest.run(
        ProfilesDifferentialTest.Pair.install(ProfilesDifferentialTest.environment()), ProfilesDifferentialTest.steps()));
    for (Map.Entry<Map<String, String>, List<ProfilesDifferentialTest.Step>> e : ProfilesDifferentialTest.environmentSteps()) {
      rows.addAll(ProfilesDifferentialTest.run(ProfilesDifferentialTest.Pair.install(e.getKey()), e.getValue()));
    }
    return rows;
  }

  /** Module bytes: the Java profile store as built, the library's as moc emits it and as lowered to wasm32. */
  static String sizes() {
    return String.format("%-52s %,10d%n%-52s %,10d  (ratio %.3f)%n%-52s %,10d%n",
        "profiles.wasm (TeaVM + wasm-opt -Oz)", ProfilesDifferentialTest.javaWasm.length,
        "Motoko library's profile store, as moc 4.10.0 emits it", ProfilesDifferentialTest.motokoEmitted.length,
        (double) ProfilesDifferentialTest.javaWasm.length / ProfilesDifferentialTest.motokoEmitted.length,
        "the same, lowered to wasm32 for the local replica", ProfilesDifferentialTest.motokoWasm.length);
  }
}
