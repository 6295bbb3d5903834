package dev.icjava.testkit;

/**
 * A test expected a reply but the canister trapped; {@link #trapMessage()} is the canister's message
 * as it gave it ({@code getMessage()} prefixes it with {@code canister trapped: }).
 */
public final class CanisterTrapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The canister's own trap message. */
  private final String trapMessage;

  /**
   * A trap with the canister's message {@code message}.
   *
   * @param message the canister's trap message
   */
  public CanisterTrapException(String message) {
    super("canister trapped: " + message);
    this.trapMessage = message;
  }

  /**
   * The trap's message, as the canister passed it to {@code ic0.trap} (or the IC's words for a Wasm
   * trap).
   *
   * @return the trap message
   */
  public String trapMessage() {
    return trapMessage;
  }
}
