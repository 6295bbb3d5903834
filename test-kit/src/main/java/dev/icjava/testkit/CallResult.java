package dev.icjava.testkit;

import java.nio.charset.StandardCharsets;

/**
 * What a message ended in, and the Wasm instructions it executed (what {@code
 * ic0.performance_counter(0)} would have read at its end).
 */
public sealed interface CallResult {
  /** Instructions executed by the message, start function and lifecycle hooks included. */
  long instructions();

  /** The canister replied with these bytes. */
  record Reply(byte[] bytes, long instructions) implements CallResult {
    @Override
    public String toString() {
      return "Reply(" + bytes.length + " bytes, " + instructions + " instructions)";
    }
  }

  /**
   * The call was rejected: by the canister ({@code ic0.msg_reject}, code 4), or by the system (code
   * 3: no such method; code 5: the canister did not reply).
   */
  record Reject(int code, String message, long instructions) implements CallResult {}

  /** The message trapped with this message; every change it made was rolled back. */
  record Trap(String message, long instructions) implements CallResult {}

  /** The reply's bytes; throws {@link CanisterTrapException} or {@link CanisterRejectException} otherwise. */
  default byte[] replyBytes() {
    if (this instanceof Reply r) {
      return r.bytes();
    }
    if (this instanceof Trap t) {
      throw new CanisterTrapException(t.message());
    }
    Reject j = (Reject) this;
    throw new CanisterRejectException(j.code(), j.message());
  }

  /** The trap message; throws {@link AssertionError} when the message did not trap. */
  default String trapMessage() {
    if (this instanceof Trap t) {
      return t.message();
    }
    throw new AssertionError("expected a trap, got " + this + describeReply(this));
  }

  private static String describeReply(CallResult r) {
    if (r instanceof Reply reply) {
      return ": " + new String(reply.bytes(), StandardCharsets.ISO_8859_1);
    }
    return "";
  }
}
