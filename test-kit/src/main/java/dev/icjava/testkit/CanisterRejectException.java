package dev.icjava.testkit;

/** A test expected a reply but the call was rejected; carries the reject code and message. */
public final class CanisterRejectException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The reject code. */
  private final int code;

  /**
   * A reject with this code and message, as the replica gave them.
   *
   * @param code the reject code
   * @param message the reject message
   */
  public CanisterRejectException(int code, String message) {
    super("call rejected (code " + code + "): " + message);
    this.code = code;
  }

  /**
   * The reject code (4 when the canister rejected, 5 for a canister error; see the interface spec's
   * reject codes).
   *
   * @return the reject code
   */
  public int code() {
    return code;
  }
}
