package dev.icjava.identityattributes;

import dev.icjava.callerauth.Principal;

/**
 * What the canister does with a verified sign-in: called by {@code
 * _internet_identity_sign_in_finish} with the caller (never anonymous) and its attributes, before
 * the method replies {@code ok}. An exception it throws traps the call, so nothing of it is kept.
 */
@FunctionalInterface
public interface OnVerified {
  /**
   * Called with the verified caller (never anonymous) and its attributes; throwing traps the call.
   *
   * @param caller the verified caller
   * @param attributes what the sign-in said
   */
  void onVerified(Principal caller, IdentityAttributes attributes);
}
