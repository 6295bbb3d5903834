package dev.icjava.calls;

/**
 * A call that ended without a reply: the reject code and message the IC delivered to the reject
 * callback ({@code ic0.msg_reject_code}, {@code ic0.msg_reject_msg_*}).
 *
 * <p>Codes (interface spec, {@code https-interface.md}, "Reject codes"): {@link #SYS_FATAL} 1,
 * {@link #SYS_TRANSIENT} 2 (retrying may help), {@link #DESTINATION_INVALID} 3 (no such canister),
 * {@link #CANISTER_REJECT} 4 (the callee called {@code ic0.msg_reject}), {@link #CANISTER_ERROR} 5
 * (the callee trapped, has no such method, or did not answer), {@link #SYS_UNKNOWN} 6 (a bounded-wait
 * call's outcome is unknown: the callee may or may not have run it).
 */
public final class Reject {
  /** 1: a fatal system error. */
  public static final int SYS_FATAL = 1;
  /** 2: a transient system error; retrying may help. */
  public static final int SYS_TRANSIENT = 2;
  /** 3: the destination is invalid (no such canister). */
  public static final int DESTINATION_INVALID = 3;
  /** 4: the callee rejected the call itself ({@code ic0.msg_reject}). */
  public static final int CANISTER_REJECT = 4;
  /** 5: the callee trapped, has no such method, or did not answer. */
  public static final int CANISTER_ERROR = 5;
  /** 6: a bounded-wait call's outcome is unknown; the callee may or may not have run it. */
  public static final int SYS_UNKNOWN = 6;

  private final int code;
  private final String message;

  /**
   * A reject with the given code (see the constants) and message, as the IC delivered them.
   *
   * @param code the reject code
   * @param message the reject message
   */
  public Reject(int code, String message) {
    this.code = code;
    this.message = message;
  }

  /**
   * The reject code, 1 to 6 (the spec may add more).
   *
   * @return the reject code
   */
  public int code() {
    return code;
  }

  /**
   * The reject message, as the callee or the system wrote it.
   *
   * @return the reject message
   */
  public String message() {
    return message;
  }

  /**
   * Whether the callee rejected the call itself ({@code ic0.msg_reject}).
   *
   * @return whether the code is {@link #CANISTER_REJECT}
   */
  public boolean isCanisterReject() {
    return code == CANISTER_REJECT;
  }

  @Override
  public String toString() {
    return "reject " + code + ": " + message;
  }
}
