package dev.icjava.callerauth;

import dev.icjava.runtime.SystemApi;

/**
 * The principal that sent the current message, read from the System API on every call (nothing is
 * kept between messages: the Wasm heap outlives them).
 */
public final class Caller {
  private Caller() {}

  /**
   * The caller of the current message ({@code ic0.msg_caller_*}).
   *
   * @return the caller, read now
   */
  public static Principal principal() {
    return Principal.wrap(SystemApi.msgCaller());
  }
}
