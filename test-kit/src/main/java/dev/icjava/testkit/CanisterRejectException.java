package dev.icjava.testkit;

/** A test expected a reply but the call was rejected; carries the reject code and message. */
public final class CanisterRejectException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  public CanisterRejectException(int code, String message) {
    super("call rejected (code " + code + "): " + message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
