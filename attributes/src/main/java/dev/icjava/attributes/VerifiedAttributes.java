package dev.icjava.attributes;

import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidValue;
import dev.icjava.runtime.internal.MessageBuilder;
import dev.icjava.runtime.internal.Utf8;

/**
 * Attributes whose signer is trusted and whose implicit fields passed {@link AttributeVerifier}.
 * Typed access to the requested ones: {@link #verifiedEmail()}, {@link #unverifiedEmail()}, {@link
 * #name()}, OpenID-scoped keys such as {@code openid:https://accounts.google.com:verified_email}
 * through {@link #text(String)}, and any key as an {@link Icrc3Value} through {@link #get(String)}.
 *
 * <p><b>Two emails.</b> Internet Identity issues both (dfinity/internet-identity#3637): {@code
 * verified_email} is an address the identity provider (Google, Apple, Microsoft, an SSO domain)
 * checked; {@code email} is whatever the user typed, checked by nobody. That the signer is trusted
 * only means Internet Identity vouches that the user <em>said</em> it. Use {@link #verifiedEmail()}
 * for anything that relies on the address belonging to the user (account recovery, matching an
 * existing account, sending codes, access by domain); use {@link #unverifiedEmail()} only as a
 * contact the user chose, never to identify them.
 *
 * <p>{@code text} and {@code get} return {@code null} for an absent key; the {@code require} forms
 * trap with {@code MISSING_ATTRIBUTE}. A key present twice, or with another type than asked, traps
 * with {@code WRONG_ATTRIBUTE_TYPE}: an ambiguous attribute is never guessed at.
 */
public final class VerifiedAttributes {
  private final Principal caller;
  private final Principal signer;
  private final Icrc3Value bundle;
  private final CandidValue origin;
  private final long issuedAtNanos;
  private final byte[] nonce;

  VerifiedAttributes(
      Principal caller, Principal signer, Icrc3Value bundle, CandidValue origin, long issuedAtNanos,
      byte[] nonce) {
    this.caller = caller;
    this.signer = signer;
    this.bundle = bundle;
    this.origin = origin;
    this.issuedAtNanos = issuedAtNanos;
    this.nonce = nonce;
  }

  /**
   * The caller the attributes were verified for.
   *
   * @return the caller
   */
  public Principal caller() {
    return caller;
  }

  /**
   * The trusted signer.
   *
   * @return the signer
   */
  public Principal signer() {
    return signer;
  }

  /**
   * {@code implicit:origin}.
   *
   * @return the origin
   */
  public String origin() {
    return origin.text();
  }

  /**
   * {@code implicit:issued_at_timestamp_ns}.
   *
   * @return the issue time, in nanoseconds since 1970
   */
  public long issuedAtNanos() {
    return issuedAtNanos;
  }

  /**
   * {@code implicit:nonce} (a copy).
   *
   * @return the nonce
   */
  public byte[] nonce() {
    return nonce.clone();
  }

  /**
   * The whole bundle, a {@code Map}, implicit fields included.
   *
   * @return the bundle
   */
  public Icrc3Value bundle() {
    return bundle;
  }

  /**
   * {@code email}: the address the user typed into Internet Identity, <b>checked by nobody</b>; or
   * {@code null}. Never use it to identify the user or to decide access: see {@link
   * #verifiedEmail()}.
   *
   * @return the unverified email, or {@code null}
   */
  public String unverifiedEmail() {
    return text("email");
  }

  /**
   * {@code name}, as the user or its identity provider gave it, or {@code null}.
   *
   * @return the name, or {@code null}
   */
  public String name() {
    return text("name");
  }

  /**
   * {@code verified_email}: an address the identity provider checked belongs to the user, or {@code
   * null}. (OpenID-scoped forms, {@code openid:<issuer>:verified_email}, through {@link
   * #text(String)}.)
   *
   * @return the verified email, or {@code null}
   */
  public String verifiedEmail() {
    return text("verified_email");
  }

  /**
   * The {@code Text} attribute {@code key}, or {@code null} when absent.
   *
   * @param key the attribute's key
   * @return its text, or {@code null}
   */
  public String text(String key) {
    CandidValue v = textValueOf(key, false);
    return v == null ? null : v.text();
  }

  /**
   * The {@code Text} attribute {@code key}; traps when absent.
   *
   * @param key the attribute's key
   * @return its text
   */
  public String requireText(String key) {
    return textValueOf(key, true).text();
  }

  /**
   * The {@code Text} attribute {@code key} as a Candid value, to copy its UTF-8 bytes into a reply
   * without building a {@code String} ({@link CandidValue#copyText}); {@code null} when absent.
   *
   * @param key the attribute's key
   * @return its Candid value, or {@code null}
   */
  public CandidValue textValue(String key) {
    return textValueOf(key, false);
  }

  /**
   * {@link #textValue(String)}, trapping when the attribute is absent (as {@link #requireText}).
   *
   * @param key the attribute's key
   * @return its Candid value
   */
  public CandidValue requireTextValue(String key) {
    return textValueOf(key, true);
  }

  private CandidValue textValueOf(String key, boolean required) {
    Icrc3Value v = value(key, required);
    if (v == null) {
      return null;
    }
    if (v.kind() != Icrc3Value.Kind.TEXT) {
      throw wrongType(key, v.kind());
    }
    return v.textValue();
  }

  /**
   * The attribute {@code key} of any type, or {@code null} when absent.
   *
   * @param key the attribute's key
   * @return its value, or {@code null}
   */
  public Icrc3Value get(String key) {
    return value(key, false);
  }

  /**
   * The attribute {@code key} of any type; traps when absent.
   *
   * @param key the attribute's key
   * @return its value
   */
  public Icrc3Value require(String key) {
    return value(key, true);
  }

  private Icrc3Value value(String key, boolean required) {
    byte[] utf8 = Utf8.encode(key);
    int index = bundle.find(utf8);
    if (index == Icrc3Value.DUPLICATE) {
      throw duplicate(key, bundle.count(utf8));
    }
    if (index < 0) {
      if (required) {
        throw missing(utf8);
      }
      return null;
    }
    return bundle.value(index);
  }

  // Failures are built in these factories, never at the throwing site: the canister build does not
  // inline a method returning an exception, so the lookups stay small.

  private static AttributeException wrongType(String key, Icrc3Value.Kind kind) {
    return new AttributeException(
        AttributeException.Reason.WRONG_ATTRIBUTE_TYPE,
        new MessageBuilder().append(Messages.ATTRIBUTE).append(key).append(Messages.IS_A).append(kind.name())
            .append(Messages.NOT_TEXT).toArray());
  }

  private static AttributeException duplicate(String key, int count) {
    return new AttributeException(
        AttributeException.Reason.WRONG_ATTRIBUTE_TYPE, "Attribute " + key + " appears " + count + " times.");
  }

  private static AttributeException missing(byte[] keyUtf8) {
    return new AttributeException(
        AttributeException.Reason.MISSING_ATTRIBUTE,
        new MessageBuilder().append(Messages.ATTRIBUTE).append(keyUtf8).append(Messages.IS_MISSING).toArray());
  }
}
