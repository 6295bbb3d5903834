package dev.icjava.attributes;

import org.teavm.interop.StaticInit;
import dev.icjava.runtime.CanisterTrap;

/**
 * Why attributes were not handed out. Escaping an entry point, it traps with exactly its message;
 * on a JVM, tests read {@link #reason()}. See {@link AttributeVerifier} for the table of outcomes.
 */
public final class AttributeException extends CanisterTrap {
  private static final long serialVersionUID = 1L;

  /** Each way verification can fail. */
  @StaticInit // constants built at instantiation, not inside the first call that names one
  public enum Reason {
    /** The call carries no attributes (its signer has size 0). */
    NO_ATTRIBUTES,
    /** No signer is trusted: the environment variable is unset or lists no principal. */
    SIGNERS_NOT_CONFIGURED,
    /** The environment variable has an entry that is not a principal text. */
    SIGNERS_INVALID,
    /** The attributes were signed by a principal that is not trusted. */
    UNTRUSTED_SIGNER,
    /** The caller is the anonymous principal, as which anyone can call: attributes prove nothing of it. */
    ANONYMOUS_CALLER,
    /** The bundle holds more than its signer signs ({@link BundleLimits}). */
    BEYOND_LIMITS,
    /**
     * The bundle is not a Candid ICRC-3 Map, its keys are not sorted and unique, or an implicit field
     * is missing, repeated or mistyped.
     */
    MALFORMED_BUNDLE,
    /** {@code implicit:origin} is not one of the expected origins. */
    WRONG_ORIGIN,
    /** {@code implicit:issued_at_timestamp_ns} is older than the freshness window allows. */
    STALE,
    /** {@code implicit:issued_at_timestamp_ns} is further ahead of {@code ic0.time} than allowed. */
    ISSUED_IN_FUTURE,
    /** The nonce check refused {@code implicit:nonce}. */
    BAD_NONCE,
    /** A requested attribute is absent. */
    MISSING_ATTRIBUTE,
    /** A requested attribute has another type than the one asked for, or appears more than once. */
    WRONG_ATTRIBUTE_TYPE
  }

  /** Why verification failed. */
  private final Reason reason;

  /**
   * A refusal for {@code reason}; {@code message} is the trap message.
   *
   * @param reason why verification failed
   * @param message the trap message
   */
  public AttributeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * With the message already UTF-8 (built without Java strings; see {@code MessageBuilder}).
   *
   * @param reason why verification failed
   * @param utf8Message the trap message, as UTF-8
   */
  public AttributeException(Reason reason, byte[] utf8Message) {
    super(utf8Message);
    this.reason = reason;
  }

  /**
   * Why verification failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
