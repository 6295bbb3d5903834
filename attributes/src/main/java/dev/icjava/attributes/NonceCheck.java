package dev.icjava.attributes;

import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.ConsumeOutcome;

/**
 * Decides whether {@code implicit:nonce} ties a bundle to this call: typically by consuming a nonce
 * the canister minted for this action, which the nonce store's {@code consume} does in this very
 * shape: {@code (caller, nonce, now) -> store.consume(caller, "register", nonce, now)}. Called last,
 * after every other check has passed, and in a canister only in replicated execution: a query's
 * changes are discarded, so a nonce consumed there would stay valid ({@link AttributeVerifier}).
 */
@FunctionalInterface
public interface NonceCheck {
  /**
   * Consumes {@code nonce} for {@code caller} at {@code nowNanos} (the time the verification checked
   * freshness against: {@code ic0.time}, read once): {@link ConsumeOutcome#CONSUMED} accepts it; any
   * other outcome refuses the bundle, its {@link ConsumeOutcome#description()} in the trap message
   * ({@code Attribute nonce refused: already consumed}); so does {@code null} ({@code ...: null}).
   *
   * @param caller the verified caller
   * @param nonce the bundle's {@code implicit:nonce}
   * @param nowNanos the verification's time, in nanoseconds since 1970
   * @return the outcome
   */
  ConsumeOutcome consume(Principal caller, byte[] nonce, long nowNanos);
}
