package dev.icjava.runtime;

/**
 * What {@link SystemApi#trap(String)} is typed to return, so that callers write {@code throw
 * SystemApi.trap("...")} and the compiler knows control ends there.
 *
 * <p>Inside a canister it is never actually thrown: {@code ic0.trap} ends the message first and the
 * IC rolls back every change the message made. On a JVM (unit tests of library code) it is thrown
 * with the trap's message, so tests can assert on it.
 */
public final class CanisterTrap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CanisterTrap(String message) {
    super(message, null, false, false);
  }
}
