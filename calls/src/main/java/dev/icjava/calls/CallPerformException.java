package dev.icjava.calls;

import dev.icjava.runtime.CanisterTrap;

/**
 * {@code ic0.call_perform} refused to send a call (it returned a non-zero code: the IC lacks the
 * resources, or the call's cycles would take the canister below its freezing threshold). Nothing was
 * sent and no callback will run. The spec gives the code the meaning of the reject code of the same
 * number: 2, SYS_TRANSIENT, the only one it returns today. Uncaught, it traps with its message.
 */
public final class CallPerformException extends CanisterTrap {
  private static final long serialVersionUID = 1L;

  private final int code;

  CallPerformException(int code, String callee, String method) {
    super("Call to " + callee + " " + method + " not performed: ic0.call_perform returned " + code);
    this.code = code;
  }

  /** What {@code ic0.call_perform} returned. */
  public int code() {
    return code;
  }
}
