package dev.icjava.attributes;

import dev.icjava.callerauth.Principal;

/**
 * Decides whether {@code implicit:nonce} ties a bundle to this call: typically by consuming a nonce
 * the canister minted for this action (the nonce store provides one: {@code (caller, nonce, now) ->
 * store.refusal(caller, "register", nonce, now)}). Called last, after every other check has passed.
 */
@FunctionalInterface
public interface NonceCheck {
  /**
   * Accepts (and consumes) {@code nonce} for {@code caller} at {@code nowNanos} (the time the
   * verification checked freshness against: {@code ic0.time}, read once): returns {@code null} when
   * accepted, or the reason it is refused ({@code "already consumed"}, ...), which ends up in the
   * trap message.
   */
  String consume(Principal caller, byte[] nonce, long nowNanos);
}
