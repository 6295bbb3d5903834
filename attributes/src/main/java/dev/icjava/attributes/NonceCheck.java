package dev.icjava.attributes;

import dev.icjava.callerauth.Principal;

/**
 * Decides whether {@code implicit:nonce} ties a bundle to this call: typically by consuming a nonce
 * the canister minted for this caller and action (the nonce store provides one). Called last, after
 * every other check has passed.
 */
@FunctionalInterface
public interface NonceCheck {
  /**
   * Accepts (and consumes) {@code nonce} for {@code caller}: returns {@code null} when accepted, or
   * the reason it is refused ({@code "already consumed"}, ...), which ends up in the trap message.
   */
  String consume(Principal caller, byte[] nonce);
}
