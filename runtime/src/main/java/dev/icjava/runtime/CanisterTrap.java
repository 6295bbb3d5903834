package dev.icjava.runtime;

/**
 * What {@link SystemApi#trap(String)} is typed to return, so that callers write {@code throw
 * SystemApi.trap("...")} and the compiler knows control ends there.
 *
 * <p>Inside a canister it is never actually thrown: {@code ic0.trap} ends the message first and the
 * IC rolls back every change the message made. On a JVM (unit tests of library code) it is thrown
 * with the trap's message, so tests can assert on it.
 *
 * <p>Libraries extend it for failures whose message is the whole story (a malformed Candid message,
 * an untrusted attribute signer, a consumed nonce): such an exception escaping an entry point traps
 * with exactly its message, without the {@code "Uncaught <class>"} prefix other exceptions get, and
 * JVM tests can still catch it by type.
 */
public class CanisterTrap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CanisterTrap(String message) {
    super(message, null, false, false);
  }
}
