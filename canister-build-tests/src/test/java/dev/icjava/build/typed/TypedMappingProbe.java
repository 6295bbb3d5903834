package dev.icjava.build.typed;

import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidInteger;
import dev.icjava.candid.Result;
import dev.icjava.runtime.Candid;
import dev.icjava.runtime.CandidName;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.Update;
import java.util.List;
import java.util.Optional;

/**
 * A canister of typed echo methods, one per type mapping: each decodes its argument at the Candid
 * type its Java signature maps to and replies it encoded at the same type. {@code
 * TypedMappingProbeTest} sends values encoded by {@code @dfinity/candid} and ic4j-candid and decodes the
 * replies with them. Its {@code .did} is generated.
 */
public final class TypedMappingProbe {
  private TypedMappingProbe() {}

  /** {@code record { name : opt text; "e-mail" : opt text; age : nat8 }}. */
  public record Profile(Optional<String> name, @CandidName("e-mail") Optional<String> email, @Candid("nat8") int age) {}

  /** {@code variant { Red; Green; Blue }}. */
  public enum Color { Red, Green, @CandidName("blue") Blue }

  /** {@code variant { NoAttributes; MissingField : record { field : text }; Stale : record { ageNs : nat } }}. */
  public sealed interface Error permits NoAttributes, MissingField, Stale {}

  public record NoAttributes() implements Error {}

  public record MissingField(String field) implements Error {}

  public record Stale(@Candid("nat") long ageNs) implements Error {}

  /** A recursive record: {@code type Tree = record { label : text; children : vec Tree }}. */
  public record Tree(String label, List<Tree> children) {}

  @Query("text") public static String text(String v) { return v; }
  @Query("bool") public static boolean bool(boolean v) { return v; }
  @Query("blob") public static byte[] blob(byte[] v) { return v; }
  @Query("principal") public static Principal principal(Principal v) { return v; }
  @Query("nat64") public static @Candid("nat64") long nat64(@Candid("nat64") long v) { return v; }
  @Query("int64") public static long int64(long v) { return v; }
  @Query("int32") public static int int32(int v) { return v; }
  @Query("int16") public static Short int16(Short v) { return v; }
  @Query("int8") public static byte int8(byte v) { return v; }
  @Query("nat32") public static @Candid("nat32") long nat32(@Candid("nat32") long v) { return v; }
  @Query("nat16") public static @Candid("nat16") int nat16(@Candid("nat16") int v) { return v; }
  @Query("nat8") public static @Candid("nat8") byte nat8(@Candid("nat8") byte v) { return v; }
  @Query("nat") public static @Candid("nat") CandidInteger nat(@Candid("nat") CandidInteger v) { return v; }
  @Query("int") public static @Candid("int") CandidInteger integer(@Candid("int") CandidInteger v) { return v; }
  @Query("natInLong") public static @Candid("nat") long natInLong(@Candid("nat") long v) { return v; }
  @Query("float32") public static float float32(float v) { return v; }
  @Query("float64") public static double float64(double v) { return v; }
  @Query("opt") public static Optional<String> opt(Optional<String> v) { return v; }
  @Query("list") public static List<@Candid("nat16") Integer> list(List<@Candid("nat16") Integer> v) { return v; }
  @Query("bytes") public static List<@Candid("nat8") Integer> bytes(List<@Candid("nat8") Integer> v) { return v; }
  @Query("array") public static String[] array(String[] v) { return v; }
  @Query("record") public static Profile record(Profile v) { return v; }
  @Query("enum") public static Color color(Color v) { return v; }
  @Query("sealed") public static Error error(Error v) { return v; }
  @Query("result") public static Result<Void, Error> result(Result<Void, Error> v) { return v; }
  @Query("resultText") public static Result<String, Color> resultText(Result<String, Color> v) { return v; }
  @Query("tree") public static Tree tree(Tree v) { return v; }

  /** Two arguments and an update: {@code (text, nat8) -> (text)}. */
  @Update("repeat")
  public static String repeat(String s, @Candid("nat8") int times) {
    return s.repeat(times);
  }

  /**
   * String concatenation as the canister build compiles it (one allocation, {@code String.valueOf}
   * of each piece): every kind of piece, {@code null} included.
   */
  @Query("concat")
  public static String concat(String a, int n, Optional<String> maybe) {
    String absent = maybe.orElse(null);
    char c = 'c';
    long big = -4L;
    return a + n + c + absent + true + big + (byte) 3 + (short) -5 + 2.5 + "|" + a + a + a + n;
  }

  /** A principal's text three ways: {@code toText()}, {@code toString()} (concatenated), {@code textBytes()}. */
  @Query("principalText")
  public static String principalText(Principal p) {
    return p.toText() + " " + p + " " + dev.icjava.runtime.internal.Utf8.decode(p.textBytes());
  }

  /** A principal's text joined with itself: both pieces' ASCII bytes remembered in turn. */
  @Query("principalTwice")
  public static String principalTwice(Principal p) {
    return p.toText() + p;
  }

  /** A literal before a principal's text: the literal's bytes packed at build time, copied. */
  @Query("prefixed")
  public static String prefixed(Principal p) {
    return "by " + p;
  }

  /** A literal after a principal's text (an odd number of characters: half of its last packed one). */
  @Query("suffixed")
  public static String suffixed(Principal p) {
    return p.toText() + " acted.";
  }

  /**
   * Returned literals (the glue replies each with its message made at instantiation) and a string
   * equal to one of them but not the same object (replied the usual way).
   */
  @Query("literal")
  public static String literal(String v) {
    if (v.isEmpty()) {
      return "empty";
    }
    return v.equals("u") ? "non-ASCII literal \u00fc\u00e9" : v.equals("copy") ? new String("empty") : v;
  }

  /** A null where Candid has none: traps naming the result. */
  @Query("nullText")
  public static String nullText() {
    return null;
  }

  /** {@code () -> ()}: {@code Void} makes a method without parameters typed; the glue replies {@code ()}. */
  @Update("nothing")
  public static Void nothing() {
    return null;
  }
}
