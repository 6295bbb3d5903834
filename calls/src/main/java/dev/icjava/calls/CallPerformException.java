package dev.icjava.calls;

import dev.icjava.runtime.CanisterTrap;

/**
 * {@code ic0.call_perform} refused to send a call (it returned a non-zero code: the queue to the
 * callee is full, the IC lacks other resources, or the call's cycles would take the canister below
 * its freezing threshold). Nothing was sent, the call's cycles are back, and no callback will run;
 * trying again later may succeed. The spec returns only 2, which is SYS_TRANSIENT's number (its text
 * says the semantics are those of "the corresponding SYS_FATAL reject code", which is 1).
 * Uncaught, it traps with its message.
 */
public final class CallPerformException extends CanisterTrap {
  private static final long serialVersionUID = 1L;

  /** What {@code ic0.call_perform} returned (non-zero). */
  private final int code;

  CallPerformException(int code, String callee, String method) {
    super("Call to " + callee + " " + method + " not performed: ic0.call_perform returned " + code);
    this.code = code;
  }

  /**
   * What {@code ic0.call_perform} returned.
   *
   * @return the non-zero code {@code ic0.call_perform} returned
   */
  public int code() {
    return code;
  }
}
