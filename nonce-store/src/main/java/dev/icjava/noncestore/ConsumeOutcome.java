package dev.icjava.noncestore;

import org.teavm.interop.StaticInit;

/** What {@link NonceStore#consume} found. Only {@link #CONSUMED} accepts the nonce. */
@StaticInit // constants built at instantiation, not inside the first call that names one
public enum ConsumeOutcome {
  /** Accepted: it is now consumed and will never be accepted again. */
  CONSUMED("consumed"),
  /** Never minted by this store, altered, or reclaimed long after it expired. */
  UNKNOWN("unknown nonce"),
  /**
   * An unbound nonce overwritten by newer unbound ones before it was used (the ring keeps the
   * newest {@code ringSlots}): start again with a new nonce.
   */
  EVICTED("evicted by newer sign-ins; start again"),
  /** An unbound nonce presented by the anonymous principal, as which anyone can call. */
  ANONYMOUS_CALLER("presented by the anonymous principal"),
  /** A bound nonce presented by another caller than the one it was minted for. */
  OTHER_CALLER("minted for another caller"),
  /** Minted for this caller, but for another action. */
  OTHER_ACTION("minted for another action"),
  /** Already consumed. */
  ALREADY_CONSUMED("already consumed"),
  /** Its time to live has passed. */
  EXPIRED("expired");

  private final String description;

  ConsumeOutcome(String description) {
    this.description = description;
  }

  /**
   * A short lower-case phrase for messages ({@code "already consumed"}).
   *
   * @return the phrase
   */
  public String description() {
    return description;
  }
}
