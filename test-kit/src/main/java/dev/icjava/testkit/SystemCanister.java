package dev.icjava.testkit;

import java.util.function.Function;

/**
 * A canister written in Java on the replica's side, at a fixed id: the ledgers and the cycles
 * minting canister a local network provides (what PocketIC installs as Wasm, a local replica may
 * play in Java: nobody observes the difference but through their Candid interfaces). Register one
 * with {@link LocalReplica#registerSystemCanister}; from then on ingress calls
 * ({@code LocalReplica.submit}) and calls from canisters reach it like any canister's,
 * in the same message queue, and it may call other canisters (the management canister included)
 * and continue when the answer comes.
 *
 * <p>A system canister has no Wasm, no instruction count, no inspection and no rollback: {@link
 * #handle} must validate everything before it changes its state, so that a refusal changes nothing
 * (what a trap's rollback gives a Wasm canister). Queries ({@link #isQuery}) must not change state.
 * It runs on the replica's single executor, one message at a time, like every canister.
 */
public interface SystemCanister {
  /**
   * Whether {@code method} is a query method: run non-replicated at the query endpoint.
   *
   * @param method the method's name
   * @return whether it is a query
   */
  boolean isQuery(String method);

  /**
   * Handles one message; a query ({@code request.replicated()} false) must not change state.
   *
   * @param request the message
   * @return the response
   */
  Response handle(Request request);

  /**
   * One message to the canister: the caller, the method, the argument bytes, the cycles attached
   * (0 for ingress), whether it runs replicated (an update, or a query called as an update), and
   * the replica's time ({@code ic0.time}).
   */
  record Request(byte[] caller, String method, byte[] arg, long cycles, boolean replicated, long time) {}

  /** What the canister does with a message: reply, reject, trap, or call and continue. */
  sealed interface Response permits Reply, Reject, Trap, Call {}

  /** Replies {@code bytes}, keeping {@code cyclesAccepted} of the attached cycles (the rest go back). */
  record Reply(byte[] bytes, long cyclesAccepted) implements Response {
    /**
     * A reply that accepts no cycles.
     *
     * @param bytes the reply
     * @return the response
     */
    public static Reply of(byte[] bytes) {
      return new Reply(bytes, 0);
    }
  }

  /**
   * Rejects with {@code code} (interface spec's reject codes: 4 canister reject, 5 canister error),
   * {@code message} and the IC's error code ({@code IC0406} for a canister's own reject, {@code
   * IC0536} for a method it does not have, ...); the attached cycles go back.
   */
  record Reject(int code, String message, String errorCode) implements Response {
    /**
     * A canister's own reject ({@code ic0.msg_reject}): code 4, {@code IC0406}.
     *
     * @param message the reject message
     * @return the response
     */
    public static Reject of(String message) {
      return new Reject(4, message, "IC0406");
    }
  }

  /**
   * Traps with {@code message}: the caller sees what it sees when a Wasm canister calls {@code
   * ic0.trap} (code 5, IC0503); the attached cycles go back.
   */
  record Trap(String message) implements Response {}

  /**
   * Calls {@code method} of {@code callee} (the empty array: the management canister) with {@code
   * arg} and {@code cycles}; when the answer arrives, {@code then} decides what this message does
   * next (reply, reject, trap, or call again). The caller of the original message waits until then.
   */
  record Call(byte[] callee, String method, byte[] arg, long cycles, Function<Answer, Response> then)
      implements Response {}

  /**
   * The answer to a system canister's call: a reply's bytes, or a reject code and message; and the
   * cycles that came back.
   */
  record Answer(byte[] reply, int rejectCode, String rejectMessage, long refund) {
    /**
     * Whether the callee replied.
     *
     * @return whether it replied
     */
    public boolean replied() {
      return reply != null;
    }
  }
}
