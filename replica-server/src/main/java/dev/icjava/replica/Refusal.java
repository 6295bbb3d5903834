package dev.icjava.replica;

/**
 * A request the replica refuses before executing it, as the IC's HTTP handler does: an HTTP error
 * status with a plain-text message (malformed or unauthenticated requests), or, with a reject code,
 * a {@code non_replicated_rejection} (a call that passed authentication but cannot be delivered).
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  final int httpStatus;
  final int rejectCode;
  final String errorCode;

  private Refusal(int httpStatus, int rejectCode, String errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.rejectCode = rejectCode;
    this.errorCode = errorCode;
  }

  /** 400 Bad Request: malformed, expired, unauthenticated. */
  static Refusal badRequest(String message) {
    return new Refusal(400, 0, null, message);
  }

  static Refusal status(int httpStatus, String message) {
    return new Refusal(httpStatus, 0, null, message);
  }

  /** A rejection with the IC's reject code (https-interface.md, "Reject codes") and error code. */
  static Refusal reject(int rejectCode, String errorCode, String message) {
    return new Refusal(200, rejectCode, errorCode, message);
  }

  boolean isReject() {
    return rejectCode != 0;
  }
}
