package dev.icjava.fuzz;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.attributes.CallerInfo;
import dev.icjava.attributes.EnvironmentList;
import dev.icjava.attributes.Icrc3Value;
import dev.icjava.attributes.NonceCheck;
import dev.icjava.attributes.TrustedSigners;
import dev.icjava.attributes.VerifiedAttributes;
import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidLimits;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.noncestore.ConsumeOutcome;
import dev.icjava.noncestore.NonceInfo;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.internal.Utf8;

/**
 * The fuzz targets' logic, shared by the Jazzer tests on the JVM and by {@code CorpusProbe}, the same
 * code compiled into a canister: each target takes the fuzzer's bytes and returns a description of
 * what the library made of them, or lets the library's own exception escape. Anything else (an
 * {@link AssertionError} for a broken invariant, an index error, a stack overflow) is a finding.
 *
 * <p>The descriptions are compared between the JVM and the canister, so they only use what both
 * compute the same way.
 */
public final class Targets {
  static final String II = "rdmx6-jaaaa-aaaaa-aaadq-cai";
  static final String ORIGIN = "https://your-app.icp0.io";
  /** The nonce the fuzzed bundles' nonce check accepts (the seed bundles carry it). */
  static final byte[] NONCE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  /** The time the attribute target verifies at (the seed bundles were issued then). */
  static final long NOW = 1_767_225_600_000_000_000L;
  static final long MINUTE = 60_000_000_000L;
  /** The limits of the Candid target: small enough that the fuzzer reaches them. */
  static final CandidLimits SMALL = new CandidLimits(16, 256, 4);

  private Targets() {}

  // ---- principal text ----

  /**
   * The input as principal text (must be UTF-8) and as principal bytes: whatever parses prints
   * back to the same text, and any 0..29 bytes print to text that parses back to them.
   */
  public static String principalText(byte[] input) {
    String bytesSide = "";
    if (input.length <= Principal.MAX_LENGTH) {
      Principal p = Principal.fromBytes(input);
      String text = p.toText();
      check(Principal.fromText(text).equals(p), "bytes -> text -> bytes changed the principal");
      check(text.length() == p.textLength(), "textLength differs from the text");
      bytesSide = text + " ";
    }
    String text = Utf8.decode(input);
    if (text == null) {
      return bytesSide + "not UTF-8";
    }
    Principal p = Principal.fromText(text);
    check(p.toText().equals(text), "parsed text does not print back the same");
    return bytesSide + "parsed " + p.length();
  }

  /** The input as the value of {@code trusted_attribute_signers} or another list variable. */
  public static String signerList(byte[] input) {
    String text = Utf8.decode(input);
    if (text == null) {
      return "not UTF-8";
    }
    int items = EnvironmentList.split(text).size();
    Principal[] signers = TrustedSigners.parseEnvironmentValue(text);
    check(signers.length == items, "signers and list items differ in number");
    return "signers " + signers.length + " of " + items;
  }

  // ---- Candid ----

  private static CandidType[] expectedTypes() {
    CandidType list = CandidType.forward();
    list.define(CandidType.opt(CandidType.record(CandidType.field("head", CandidType.integer()),
        CandidType.field("tail", list))));
    return new CandidType[] {
      CandidType.nat(),
      CandidType.integer(),
      CandidType.text(),
      CandidType.opt(CandidType.nat64()),
      CandidType.blob(),
      CandidType.vec(CandidType.opt(CandidType.text())),
      CandidType.record(CandidType.field("a", CandidType.nat()), CandidType.field("b", CandidType.opt(CandidType.text()))),
      CandidType.variant(CandidType.field("x", CandidType.nullType()), CandidType.field("y", CandidType.int8())),
      CandidType.tuple(CandidType.bool(), CandidType.float64(), CandidType.principal()),
      CandidType.reserved(),
      list,
      Icrc3Value.candidType(),
    };
  }

  /**
   * The input as a whole Candid message: {@code validate} reads every value; a message it accepts
   * is never malformed at any expected type (only a mismatch or a limit), and a message it refuses
   * is refused at every expected type. Returns the validation and one letter per expected type.
   */
  public static String candidMessage(byte[] input) {
    String validation;
    boolean valid;
    try {
      CandidMessage.parse(input, SMALL).validate();
      validation = "valid";
      valid = true;
    } catch (CandidException e) {
      check(e.getMessage() != null && e.offset() >= 0 && e.offset() <= input.length, "bad offset");
      validation = e.kind().name();
      valid = false;
    }
    StringBuilder out = new StringBuilder(validation).append(' ');
    for (CandidType t : expectedTypes()) {
      try {
        CandidValue v = CandidMessage.parse(input, SMALL).decode(t)[0];
        check(valid, "a message validate refuses decodes at " + t);
        out.append(describe(v, 0));
      } catch (CandidException e) {
        check(!valid || e.kind() != CandidException.Kind.MALFORMED,
            "a valid message is malformed at " + t + ": " + e.getMessage());
        out.append(e.kind() == CandidException.Kind.MISMATCH ? 'm' : e.kind() == CandidException.Kind.LIMIT ? 'l' : 'x');
      }
      out.append(';');
    }
    return out.toString();
  }

  /** A short account of a decoded value, touching every part of it (depth-bounded). */
  private static String describe(CandidValue v, int depth) {
    if (depth > 3) {
      return "…";
    }
    String kind = v.type().toString();
    switch (kind) {
      case "nat":
      case "int":
        // decimal only when small: printing is quadratic in the length (CandidInteger.toString)
        return v.integer().magnitude().length <= 16 ? v.integer().toString() : "big" + v.integer().magnitude().length;
      case "text":
        return "t" + v.textLength();
      case "opt":
        return v.option() == null ? "none" : "some(" + describe(v.option(), depth + 1) + ")";
      case "vec":
        return "v" + v.size();
      case "record":
        {
          StringBuilder b = new StringBuilder("{");
          for (int i = 0; i < v.type().fieldCount(); i++) {
            b.append(describe(v.field(i), depth + 1)).append(',');
          }
          return b.append('}').toString();
        }
      case "variant":
        return "#" + v.variantIndex() + "(" + describe(v.variantValue(), depth + 1) + ")";
      case "bool":
        return v.bool() ? "T" : "F";
      case "float64":
        return Long.toHexString(Double.doubleToRawLongBits(v.float64()));
      case "principal":
        return "p" + v.principal().length;
      case "nat64":
      case "int8":
        return Long.toString(v.fixedInteger());
      default:
        return kind;
    }
  }

  /** The input as an attribute bundle: an ICRC-3 {@code Value}, walked whole. */
  public static String bundle(byte[] input) {
    Icrc3Value v = Icrc3Value.decode(input);
    return walk(v, 0);
  }

  private static String walk(Icrc3Value v, int depth) {
    switch (v.kind()) {
      case NAT:
        return "n" + v.nat().magnitude().length;
      case INT:
        return "i" + v.integer().signum() + v.integer().magnitude().length;
      case BLOB:
        return "b" + v.blob().length;
      case TEXT:
        return "t" + v.textUtf8().length;
      case ARRAY:
        {
          StringBuilder b = new StringBuilder("[");
          for (int i = 0; i < v.size() && i < 8; i++) {
            b.append(walk(v.element(i), depth + 1)).append(',');
          }
          return b.append(']').toString();
        }
      default:
        {
          StringBuilder b = new StringBuilder("{");
          for (int i = 0; i < v.size() && i < 8; i++) {
            b.append(v.key(i).length()).append(':').append(walk(v.value(i), depth + 1)).append(',');
          }
          return b.append('}').toString();
        }
    }
  }

  // ---- attribute verification ----

  /**
   * Byte 0 chooses the signer (bits 0-1: Internet Identity, another canister, anonymous, a 29-byte
   * self-authenticating principal), the caller (bit 2: a user or anonymous) and the clock (bits 3-5: minutes
   * added to the seeds' issue time, -3..4 minutes of skew, and beyond); the rest is the bundle.
   * Verification trusts Internet Identity, expects {@link #ORIGIN} and accepts only {@link #NONCE}.
   */
  public static String attributes(byte[] input) {
    if (input.length == 0) {
      return "empty";
    }
    int selector = input[0] & 0xFF;
    byte[] data = new byte[input.length - 1];
    System.arraycopy(input, 1, data, 0, data.length);
    Principal[] signers = {Principal.fromText(II), Principal.fromText("ryjl3-tyaaa-aaaaa-aaaba-cai"),
        Principal.anonymous(), Principal.selfAuthenticating(new byte[] {4, 5, 6})};
    Principal signer = signers[selector & 3];
    Principal caller =
        (selector & 4) == 0 ? Principal.selfAuthenticating(new byte[] {1, 2, 3}) : Principal.anonymous();
    long now = NOW + ((selector >>> 3) & 7) * 2 * MINUTE - 3 * MINUTE;
    NonceCheck check = (c, nonce, t) -> java.util.Arrays.equals(nonce, NONCE) ? ConsumeOutcome.CONSUMED
        : ConsumeOutcome.UNKNOWN;
    VerifiedAttributes a =
        AttributeVerifier.create()
            .trustedSigners(TrustedSigners.of(Principal.fromText(II)))
            .expectedOrigins(ORIGIN)
            .verify(CallerInfo.of(signer, data), caller, now, check);
    check(signer.toText().equals(II), "verified a bundle of an untrusted signer");
    check(!caller.isAnonymous(), "verified a bundle for the anonymous caller");
    check(ORIGIN.equals(a.origin()), "verified another origin");
    check(a.issuedAtNanos() >= now - AttributeVerifier.DEFAULT_MAX_AGE_NANOS
        && a.issuedAtNanos() <= now + AttributeVerifier.DEFAULT_MAX_FUTURE_NANOS, "verified a stale or future bundle");
    String email = a.unverifiedEmail();
    return "verified " + (email == null ? "-" : "t" + email.length());
  }

  // ---- nonce store in stable memory ----

  static final NonceStore.Config CONFIG = new NonceStore.Config().ringSlots(16).capacity(4).perCallerCap(2)
      .sweepPerCall(2).seed(new byte[] {42});
  static final long TTL = 5 * MINUTE;
  /** Where layout 2 puts the ring and the bound table for {@link #CONFIG} (ring 16, 8 table slots). */
  static final int RING_AT = 128;
  static final int BOUND_AT = RING_AT + 16 * 48;

  /**
   * Opens a store (ring 16, capacity 4, cap 2) over {@code memory} as another build left it (layout
   * 2, or layout 1, which it migrates), then uses it: inspects and consumes the nonce of every slot
   * it holds, unbound and bound, mints both kinds, consumes each twice, purges, and opens it again.
   * Any corruption must end in the store's own refusal; what it accepts must behave.
   */
  public static String nonceStore(StableMemory memory) {
    NonceStore s = NonceStore.open(memory, 0, CONFIG);
    StringBuilder out = new StringBuilder("held ").append(s.boundHeld());
    Principal owner = null;
    Principal stranger = Principal.selfAuthenticating(new byte[] {7});
    for (int i = 0; i < 16 + 8; i++) {
      long at = i < 16 ? RING_AT + 48L * i : BOUND_AT + 80L * (i - 16);
      byte[] nonce = new byte[NonceStore.NONCE_BYTES];
      if (at + 48 <= memory.size() * StableMemory.PAGE_BYTES) {
        memory.read(at + 8, nonce, 0, 8); // the word
        memory.read(at + 24, nonce, 8, 24); // the tag
      }
      NonceInfo info = s.inspect(nonce);
      out.append(info == null ? " -" : info.consumed() ? " c" : " l");
      if (info != null) {
        Principal by = info.bound() ? info.owner() : stranger;
        owner = info.bound() ? info.owner() : owner;
        out.append(s.consume(by, "fuzz", nonce, NOW).ordinal());
      }
    }
    Principal user = owner != null ? owner : stranger;
    for (Principal minter : new Principal[] {user, Principal.anonymous()}) {
      try {
        byte[] nonce = s.mint(minter, "fuzz", NOW, TTL);
        ConsumeOutcome first = s.consume(user, "fuzz", nonce, NOW);
        ConsumeOutcome second = s.consume(user, "fuzz", nonce, NOW);
        check(first == ConsumeOutcome.CONSUMED, "a fresh nonce was not consumed: " + first);
        check(second == ConsumeOutcome.ALREADY_CONSUMED, "a consumed nonce was accepted again: " + second);
        out.append(" minted");
      } catch (dev.icjava.noncestore.NonceStoreException e) {
        // an unbound mint is never refused for room; a corrupt store is refused whatever is asked
        check(!minter.isAnonymous() || e.getMessage().startsWith("Nonce store corrupt"),
            "an unbound mint was refused: " + e.getMessage());
        out.append(" full");
      }
    }
    out.append(" purged ").append(s.purgeExpired(NOW + 2 * TTL, 64));
    NonceStore again = NonceStore.open(memory, 0, CONFIG);
    check(again.boundHeld() == s.boundHeld(), "reopened store holds another count");
    check(again.minted() == s.minted(), "reopened store has another counter");
    return out.append(" held ").append(again.boundHeld()).toString();
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
