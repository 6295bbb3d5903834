package dev.icjava.testkit;

/** A test expected a reply but the canister trapped; carries the trap message. */
public final class CanisterTrapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CanisterTrapException(String message) {
    super("canister trapped: " + message);
  }
}
