package dev.icjava.identityattributes;

import dev.icjava.attributes.BundleLimits;
import dev.icjava.attributes.Icrc3Value;
import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidInteger;
import dev.icjava.candid.Result;
import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.internal.Utf8;
import java.util.List;
import org.teavm.interop.StaticInit;

/**
 * The checks of the Motoko library's {@code Verify.verify} after the bundle is found trusted
 * (src/Internal/Verify.mo), in its order, each ending in its variant:
 *
 * <ol>
 *   <li>the bytes decode to an ICRC-3 {@code Map}: else {@code MalformedCandid};
 *   <li>{@code frontend_origins} lists an origin: else {@code FrontendOriginsNotConfigured};
 *   <li>{@code implicit:origin} is a {@code Text}: else {@code MissingField}; listed: else {@code
 *       FrontendOriginMismatch};
 *   <li>{@code implicit:issued_at_timestamp_ns} is a {@code Nat}: else {@code MissingField}; at most 5
 *       minutes old: else {@code Stale} with the age;
 *   <li>{@code implicit:nonce} is a {@code Blob}: else {@code MissingField}; consumed now: else
 *       {@code UnknownNonce};
 *   <li>name, email and SSO ({@link AttributeRules}), with {@code trusted_sso_domains} read only now.
 * </ol>
 *
 * <p>Stricter than the library (the table in docs/identity-attributes.md): a bundle beyond what Internet Identity signs
 * ({@link BundleLimits#INTERNET_IDENTITY}: entries, key and value sizes, keys sorted and unique, so
 * no implicit field twice, no nested values; not the origin's size, which {@code frontend_origins}
 * decides) is {@code MalformedCandid}, and so are bytes that are not Candid at all (on which the
 * library's {@code from_candid} traps); a timestamp beyond 64 bits, or more than a minute
 * ahead of {@code ic0.time}, traps (the library accepts any timestamp ahead).
 */
@StaticInit // its keys encoded once, when the module starts (initialiser: constants and Utf8 only)
final class BundleCheck {
  static final long MAX_AGE_NANOS = 300_000_000_000L;
  static final long MAX_AHEAD_NANOS = 60_000_000_000L;
  static final String ORIGIN = "implicit:origin";
  static final String ISSUED_AT = "implicit:issued_at_timestamp_ns";
  static final String NONCE = "implicit:nonce";
  private static final byte[] ORIGIN_UTF8 = Utf8.encode(ORIGIN);
  private static final byte[] ISSUED_AT_UTF8 = Utf8.encode(ISSUED_AT);
  private static final byte[] NONCE_UTF8 = Utf8.encode(NONCE);

  /** Consumes a nonce; false when it is unknown, consumed already or expired. */
  @FunctionalInterface
  interface NonceConsumer {
    boolean consume(byte[] nonce, long nowNanos);
  }

  static final String FRONTEND_ORIGINS = "frontend_origins";
  static final String TRUSTED_SSO_DOMAINS = "trusted_sso_domains";

  /**
   * The list in an environment variable, read when asked, as {@link AttributeRules#parseList}
   * parses it (empty when unset).
   */
  @FunctionalInterface
  interface Environment {
    List<String> list(String name);
  }

  private BundleCheck() {}

  static Result<IdentityAttributes, SignInError> check(byte[] data, Environment env, long now,
      NonceConsumer nonces) {
    Icrc3Value bundle = decode(data, BundleLimits.INTERNET_IDENTITY);
    if (bundle == null) {
      return Result.err(new SignInError.MalformedCandid());
    }
    List<String> origins = env.list(FRONTEND_ORIGINS);
    if (origins.isEmpty()) {
      return Result.err(new SignInError.FrontendOriginsNotConfigured());
    }
    String origin = AttributeRules.text(bundle, ORIGIN_UTF8);
    if (origin == null) {
      return Result.err(new SignInError.MissingField(ORIGIN));
    }
    if (!origins.contains(origin)) {
      return Result.err(new SignInError.FrontendOriginMismatch(origins, origin));
    }
    Icrc3Value issuedAt = AttributeRules.first(bundle, ISSUED_AT_UTF8, Icrc3Value.Kind.NAT);
    if (issuedAt == null) {
      return Result.err(new SignInError.MissingField(ISSUED_AT));
    }
    CandidInteger t = issuedAt.nat();
    if (!t.fitsInLong()) {
      throw beyond64Bits(t);
    }
    long issued = t.longValueExact();
    if (issued <= now) {
      if (now - issued > MAX_AGE_NANOS) {
        return Result.err(new SignInError.Stale(now - issued));
      }
    } else if (issued - now > MAX_AHEAD_NANOS) {
      throw ahead(issued, now);
    }
    Icrc3Value nonce = AttributeRules.first(bundle, NONCE_UTF8, Icrc3Value.Kind.BLOB);
    if (nonce == null) {
      return Result.err(new SignInError.MissingField(NONCE));
    }
    if (!nonces.consume(nonce.blob(), now)) {
      return Result.err(new SignInError.UnknownNonce());
    }
    return AttributeRules.resolve(bundle, env.list(TRUSTED_SSO_DOMAINS));
  }

  /**
   * The bundle as a {@code Map} within {@code limits}, or null: not Candid, not an ICRC-3 {@code
   * Map}, or beyond the limits (each is {@code MalformedCandid}).
   */
  static Icrc3Value decode(byte[] data, BundleLimits limits) {
    if (data.length > limits.maxBundleBytes()) {
      return null;
    }
    Icrc3Value bundle;
    try {
      bundle = Icrc3Value.decode(data, limits.candidLimits());
    } catch (CandidException e) {
      return null;
    }
    if (bundle.kind() != Icrc3Value.Kind.MAP) {
      return null;
    }
    int size = bundle.size();
    if (size > limits.maxEntries()) {
      return null;
    }
    for (int i = 0; i < size; i++) {
      int keyBytes = bundle.keyValue(i).textLength();
      if (keyBytes > limits.maxKeyBytes()) {
        return null;
      }
      if (i > 0 && limits.sortedUniqueKeys() && bundle.keyValue(i - 1).compareText(bundle.keyValue(i)) >= 0) {
        return null;
      }
      Icrc3Value value = bundle.value(i);
      Icrc3Value.Kind kind = value.kind();
      if (limits.flatValues() && kind != Icrc3Value.Kind.NAT && kind != Icrc3Value.Kind.TEXT
          && kind != Icrc3Value.Kind.BLOB) {
        return null;
      }
      int valueBytes = kind == Icrc3Value.Kind.TEXT ? value.textValue().textLength()
          : kind == Icrc3Value.Kind.BLOB ? value.blob().length : 0;
      if (valueBytes > limits.maxValueBytes()) {
        return null;
      }
    }
    return bundle;
  }

  private static CanisterTrap beyond64Bits(CandidInteger t) {
    return new CanisterTrap("Attributes issued at a timestamp beyond the 64-bit range of ic0.time ("
        + t.magnitude().length + " bytes).");
  }

  private static CanisterTrap ahead(long issued, long now) {
    return new CanisterTrap("Attributes issued at " + issued + " ns, more than 60 s after now (" + now
        + " ns).");
  }
}
