package dev.icjava.bench;

import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.reference.NodeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The identity-attributes module ({@code profiles.wasm}) beside DFINITY's Motoko library in the
 * scenario of {@link ProfilesDifferentialTest}: instructions per step, raw (the Wasm the local
 * replica executed) and on the IC's counter (what the IC bills), and the budget: at most 0.5 times
 * the library's instructions on the IC's counter at every step, except the steps recorded in {@link
 * #KNOWN_MISSES}, which may not get worse; and at most 0.5 times on the raw count for the calls
 * around the sign-ins ({@link #startsAndReads()}: start and getProfile), except {@link
 * #KNOWN_RAW_MISSES}.
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

  static final String START_FIRST = "start, the first of an instance (awaits raw_rand)";
  static final String START_SECOND = "start, the second";
  static final String PROFILE_NONE = "getProfile, none stored";
  static final String PROFILE_EMPTY = "getProfile, a profile with no fields";
  static final String PROFILE_FULL = "getProfile, a stored profile (name, email)";

  /**
   * The steps over budget on the IC's counter and their recorded Java counts (IC counter): calls so
   * small that the System API charges both sides pay alike (at least 10,000 of the IC's instructions
   * per call here: message, reply, caller info, environment) are most of either's cost.
   */
  static final Map<String, Long> KNOWN_MISSES = Map.ofEntries(
      // the first start of an instance awaits raw_rand and seeds the nonce store (SeededNonceStore):
      // the store's key derivation and the call's round trip, which the library's start pays at
      // every call (its second start costs it as much; this module's about a fifth)
      // (64,587 when the store was opened there; 43,952 since Profiles opens it at install)
      Map.entry(START_FIRST, 43_952L),
      // a query with a principal argument: the System API charges (about 5,000 of the IC's
      // instructions for argument, reply and the call itself) are most of either side's count.
      // Since the profiles live in a StableBTreeMap (they survive upgrades; the library's survive
      // only under Motoko's enhanced orthogonal persistence, on its heap), a stored profile is read
      // from stable memory: the B-tree's node reads, about 5,200 and 7,600 more on the IC's
      // counter than the heap map (7,162 and 9,345 before); 6,367, 18,277 and 23,976 (11,000 to
      // 14,600 above the heap map) before the B-tree's lookups searched nodes in place
      Map.entry(PROFILE_NONE, 6_327L),
      Map.entry(PROFILE_EMPTY, 12_404L),
      Map.entry(PROFILE_FULL, 16_955L),
      // raw 1,449 against 2,962: within 0.5 of the Wasm it runs. 2 more since typed methods without
      // parameters check the argument's size first (the 64 KiB guard of CandidArguments.none)
      Map.entry("no attributes", 11_192L),
      Map.entry("... without attributes", 11_192L),
      Map.entry("trusted_attribute_signers unset", 10_425L)); // a trap; raw 1,584 against 2,201

  private ProfilesComparison() {}

  /**
   * The calls around the sign-ins, in a fresh pair: the anonymous start call (the first of the
   * instance, which awaits raw_rand on both sides, then the second), and {@code getProfile} of the
   * user with the argument {@code @dfinity/candid} encodes, before any sign-in, after one with only
   * the implicit fields and after one with a name and a verified email. Each getProfile reply is
   * the library's ({@code @dfinity/candid} decodes both alike).
   */
  static List<Row> startsAndReads() {
    ProfilesDifferentialTest.build();
    ProfilesDifferentialTest.Pair pair =
        ProfilesDifferentialTest.Pair.install(ProfilesDifferentialTest.environment());
    List<Row> rows = new ArrayList<>();
    rows.add(row(START_FIRST, pair, c -> c.update("_internet_identity_sign_in_start", Request.anonymous())));
    rows.add(row(START_SECOND, pair, c -> c.update("_internet_identity_sign_in_start", Request.anonymous())));
    byte[] arg = ProfilesDifferentialTest.getProfileArgument();
    rows.add(row(PROFILE_NONE, pair, c -> c.query("getProfile", Request.anonymous().withArg(arg))));
    signIn(pair);
    rows.add(row(PROFILE_EMPTY, pair, c -> c.query("getProfile", Request.anonymous().withArg(arg))));
    signIn(pair, Icrc3Json.entry("name", Icrc3Json.text("Alice")),
        Icrc3Json.entry("verified_email", Icrc3Json.text("alice@example.com")));
    rows.add(row(PROFILE_FULL, pair, c -> c.query("getProfile", Request.anonymous().withArg(arg))));
    return rows;
  }

  private static Row row(String step, ProfilesDifferentialTest.Pair pair, Function<Canister, CallResult> call) {
    CallResult j = call.apply(pair.java());
    CallResult m = call.apply(pair.motoko());
    if (step.startsWith("getProfile")) {
      List<String> replies = ProfilesDifferentialTest.decode(ProfilesDifferentialTest.PROFILE, List.of(j, m));
      if (!replies.get(0).equals(replies.get(1)) || replies.get(0).startsWith("trap")) {
        throw new IllegalStateException(step + ": Java replied " + replies.get(0) + ", the library " + replies.get(1));
      }
    } else if (!(j instanceof CallResult.Reply) || !(m instanceof CallResult.Reply)) {
      throw new IllegalStateException(step + ": Java " + j + ", the library " + m);
    }
    return new Row(step, j.instructions(), j.icInstructions(), m.instructions(), m.icInstructions());
  }

  /** A verified sign-in of the user on both sides, with the implicit fields and {@code extra}. */
  private static void signIn(ProfilesDifferentialTest.Pair pair, String... extra) {
    byte[] jn = ProfilesDifferentialTest.start(pair.java());
    byte[] mn = ProfilesDifferentialTest.start(pair.motoko());
    long now = pair.replica().time();
    List<NodeReference.Encoded> bundles = NodeReference.encodeIcrc3Values(List.of(
        ProfilesDifferentialTest.standard(jn, now, ProfilesDifferentialTest.A, extra),
        ProfilesDifferentialTest.standard(mn, now, ProfilesDifferentialTest.A, extra)));
    List<String> replies = ProfilesDifferentialTest.decode(ProfilesDifferentialTest.RESULT, List.of(
        ProfilesDifferentialTest.finish(pair.java(), ProfilesDifferentialTest.USER, bundles.get(0).message(),
            ProfilesDifferentialTest.II),
        ProfilesDifferentialTest.finish(pair.motoko(), ProfilesDifferentialTest.USER, bundles.get(1).message(),
            ProfilesDifferentialTest.II)));
    if (!replies.get(0).equals("{\"ok\":null}") || !replies.get(1).equals(replies.get(0))) {
      throw new IllegalStateException("sign-in: Java " + replies.get(0) + ", the library " + replies.get(1));
    }
  }

  /**
   * This table alone (the benchmark prints it too): {@code mvn -q -B -DskipTests -pl bench -am verify
   * exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.icjava.bench.ProfilesComparison} fails on
   * the modules before bench (exec:java runs in every module of the reactor); run it from an IDE, or
   * as the benchmark does.
   */
  public static void main(String[] args) {
    List<Row> rows = scenario(true);
    System.out.println();
    System.out.print(table(rows));
    System.out.print(sizes());
  }

  /**
   * Steps over budget on the raw count, with the Java raw count last measured (may not get worse):
   * the first start of an instance awaits raw_rand and derives the nonce store's key (nonce-store's
   * SipHash, about 10,000), and getProfile before any sign-in, where the library's query is the
   * cheapest it makes; and getProfile of a stored profile, read from the StableBTreeMap in stable
   * memory since the profiles survive upgrades (3,269 for a full profile on the heap before; 1,698,
   * 8,371 and 11,263 before the B-tree's lookups searched nodes in place).
   */
  static final Map<String, Long> KNOWN_RAW_MISSES = Map.of(START_FIRST, 20_671L, PROFILE_NONE, 1_327L,
      PROFILE_EMPTY, 4_441L, PROFILE_FULL, 7_212L);

  /** The calls around the sign-ins over budget on the raw count and above their recorded count. */
  static List<String> rawBudgetFailures(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      Long known = KNOWN_RAW_MISSES.get(r.step());
      if (r.rawRatio() > BUDGET && (known == null || r.javaRaw() > known)) {
        out.add(r.step() + ": raw " + r.javaRaw() + " against the library's " + r.motokoRaw()
            + (known == null ? " (over budget)" : " (over budget and above its recorded " + known + ")"));
      }
    }
    return out;
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

  /**
   * The whole scenario: the main environment's steps, then the environments that lack a variable;
   * or, not {@code whole}, its first step only.
   */
  static List<Row> scenario(boolean whole) {
    ProfilesDifferentialTest.build();
    List<ProfilesDifferentialTest.Step> steps = ProfilesDifferentialTest.steps();
    List<Row> rows = new ArrayList<>(startsAndReads());
    rows.addAll(ProfilesDifferentialTest.run(
        ProfilesDifferentialTest.Pair.install(ProfilesDifferentialTest.environment()), whole ? steps : steps.subList(0, 1)));
    if (whole) {
      for (Map.Entry<Map<String, String>, List<ProfilesDifferentialTest.Step>> e
          : ProfilesDifferentialTest.environmentSteps()) {
        rows.addAll(ProfilesDifferentialTest.run(ProfilesDifferentialTest.Pair.install(e.getKey()), e.getValue()));
      }
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
