package dev.icjava.replica;

import dev.icjava.callerauth.Principal;
import dev.icjava.testkit.CallResult;

/**
 * How a message ended, in the terms of the HTTPS interface: a reply, or a reject code, message and
 * error code as the IC words them (https-interface.md, "Reject codes", "Error codes"; the messages
 * follow the IC's for the same cases: {@code Error from Canister <id>: Canister called `ic0.trap`
 * with message: '<message>'.}, IC0503).
 */
record Outcome(byte[] reply, int rejectCode, String rejectMessage, String errorCode) {
  static final String TRAP_DOC =
      "Consider gracefully handling failures from this canister or altering the canister to handle exceptions. "
          + "See documentation: https://internetcomputer.org/docs/current/references/execution-errors#trapped-explicitly";

  boolean replied() {
    return reply != null;
  }

  static Outcome reject(int code, String errorCode, String message) {
    return new Outcome(null, code, message, errorCode);
  }

  static Outcome of(CallResult r, byte[] canisterId) {
    String from = "Error from Canister " + Principal.fromBytes(canisterId).toText() + ": ";
    if (r instanceof CallResult.Reply reply) {
      return new Outcome(reply.bytes(), 0, null, null);
    }
    if (r instanceof CallResult.Reject j) {
      return switch (j.code()) {
        case 4 -> reject(4, "IC0406", j.message());
        case 3 -> reject(3, "IC0536", from + j.message() + ".");
        default -> reject(5, "IC0506", from + "Canister did not reply to the call");
      };
    }
    String trap = ((CallResult.Trap) r).message();
    // test-kit words its own traps this way; anything else is the canister's ic0.trap message
    if (trap.startsWith("Wasm trap: ")) {
      return reject(5, "IC0502", from + "Canister trapped: " + trap.substring("Wasm trap: ".length()) + ".\n" + TRAP_DOC);
    }
    if (trap.startsWith("instruction limit exceeded")) {
      return reject(5, "IC0522", from + "Canister exceeded the limit of instructions for single message execution.");
    }
    if (trap.startsWith("ic0.")) {
      return reject(5, "IC0504", from + "Canister violated contract: " + trap);
    }
    return reject(5, "IC0503", from + "Canister called `ic0.trap` with message: '" + trap + "'.\n" + TRAP_DOC);
  }
}
