package dev.icjava.testkit;

/**
 * Thrown by {@code ic0.trap} (the IC's error code IC0503) and by failed checks (a contract
 * violation, IC0504); ends the message as a trap.
 */
final class TrapSignal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String errorCode;

  TrapSignal(String message) {
    this(message, "IC0504");
  }

  TrapSignal(String message, String errorCode) {
    super(message, null, false, false);
    this.errorCode = errorCode;
  }

  String errorCode() {
    return errorCode;
  }
}
