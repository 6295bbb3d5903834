package dev.icjava.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a message ended in, and what it cost, counted two ways: {@link #instructions()}, every Wasm
 * instruction Chicory executed, and {@link #icInstructions()}, the IC's own count of the same
 * execution, which {@code ic0.performance_counter(0)} reads, the instruction limits bound and the IC
 * bills (its per-instruction weights, the size of bulk memory operations, and the fixed and per-byte
 * charges of System API calls: see docs/performance-figures.md, the IC's cost model).
 *
 * <p>A call whose canister makes inter-canister calls is answered after several messages: the
 * method's, its callees', its callbacks'. Then the counts are the totals of every message of the
 * call's tree, and {@link #executions()} lists each, in the order they ran.
 */
public sealed interface CallResult {
  /**
   * Wasm instructions executed (Chicory's count), start function and hooks included; summed over
   * the tree.
   *
   * @return the instructions, Chicory's count
   */
  long instructions();

  /**
   * The IC's instruction counter: what it would bill and limit; summed over the call's tree.
   *
   * @return the instructions, the IC's count
   */
  long icInstructions();

  /**
   * Every message run for this call, in order (one for a call that made no inter-canister call).
   *
   * @return the executions
   */
  List<Execution> executions();

  /**
   * The same outcome with these executions, the counts being their sums.
   *
   * @param executions the executions
   * @return the outcome with them
   */
  CallResult withExecutions(List<Execution> executions);

  /**
   * The number of messages run for this call.
   *
   * @return the number of messages
   */
  default int messages() {
    return executions().size();
  }

  /** The canister replied with these bytes (for init, upgrades and system tasks: completed, no bytes). */
  record Reply(byte[] bytes, long instructions, long icInstructions, List<Execution> executions) implements CallResult {
    /**
     * A reply with no executions recorded.
     *
     * @param bytes the reply
     * @param instructions Chicory's count
     * @param icInstructions the IC's count
     */
    public Reply(byte[] bytes, long instructions, long icInstructions) {
      this(bytes, instructions, icInstructions, List.of());
    }

    @Override
    public CallResult withExecutions(List<Execution> list) {
      return new Reply(bytes, raw(list), ic(list), list);
    }

    @Override
    public String toString() {
      return "Reply(" + bytes.length + " bytes, " + instructions + " instructions, " + icInstructions + " IC"
          + (executions.size() > 1 ? ", " + executions.size() + " messages" : "") + ")";
    }
  }

  /**
   * The call was rejected: by the canister ({@code ic0.msg_reject}, code 4), by its {@code
   * canister_inspect_message} (code 4, IC0406; code 5 when it trapped), or by the system (code 5:
   * IC0536 no such method, IC0506 the method returned without answering, IC0527 a composite query
   * called as an update). {@code errorCode} is the IC's error code ({@code IC0506}).
   */
  record Reject(int code, String message, String errorCode, long instructions, long icInstructions,
      List<Execution> executions) implements CallResult {
    /**
     * A reject with no executions recorded.
     *
     * @param code the reject code
     * @param message the reject message
     * @param errorCode the IC's error code
     * @param instructions Chicory's count
     * @param icInstructions the IC's count
     */
    public Reject(int code, String message, String errorCode, long instructions, long icInstructions) {
      this(code, message, errorCode, instructions, icInstructions, List.of());
    }

    @Override
    public CallResult withExecutions(List<Execution> list) {
      return new Reject(code, message, errorCode, raw(list), ic(list), list);
    }
  }

  /**
   * The message trapped with this message; every change it made was rolled back. {@code errorCode}
   * says how, as the IC would: IC0503 the canister called {@code ic0.trap}, IC0502 the Wasm engine
   * trapped, IC0504 a System API contract violation (a call from the wrong context, a second reply),
   * IC0522 the instruction limit.
   */
  record Trap(String message, String errorCode, long instructions, long icInstructions, List<Execution> executions)
      implements CallResult {
    /**
     * A trap with no executions recorded.
     *
     * @param message the trap message
     * @param errorCode the IC's error code
     * @param instructions Chicory's count
     * @param icInstructions the IC's count
     */
    public Trap(String message, String errorCode, long instructions, long icInstructions) {
      this(message, errorCode, instructions, icInstructions, List.of());
    }

    @Override
    public CallResult withExecutions(List<Execution> list) {
      return new Trap(message, errorCode, raw(list), ic(list), list);
    }
  }

  private static long raw(List<Execution> list) {
    long sum = 0;
    for (Execution e : list) {
      sum += e.instructions();
    }
    return sum;
  }

  private static long ic(List<Execution> list) {
    long sum = 0;
    for (Execution e : list) {
      sum += e.icInstructions();
    }
    return sum;
  }

  /**
   * The reply's bytes; throws {@link CanisterTrapException} or {@link CanisterRejectException}
   * otherwise.
   *
   * @return the reply's bytes
   */
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

  /**
   * The trap message; throws {@link AssertionError} when the message did not trap.
   *
   * @return the trap message
   */
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
