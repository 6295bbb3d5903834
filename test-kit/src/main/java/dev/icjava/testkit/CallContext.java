package dev.icjava.testkit;

/**
 * The IC's call context (interface spec, abstract-behavior.md, "Call contexts"): one per call a
 * canister receives (from a user, from a canister, or from the system for a system task), shared by
 * the method's message and every callback of the calls it makes. It knows whom to answer, whether an
 * answer is still due, and how many of its calls are outstanding; when none is and no answer came,
 * the replica answers for the canister ("Call context starvation").
 */
final class CallContext {
  /** Whom the answer goes to. */
  enum Origin {
    /** An ingress message: the answer ends the test's call. */
    INGRESS,
    /** Another canister's (or this one's own) call: the answer goes back to its callback. */
    CANISTER,
    /** A system task, which nobody answers. */
    SYSTEM
  }

  final long id;
  final Canister canister;
  final Origin origin;
  /** The caller every message of the context sees ({@code ic0.msg_caller}). */
  final byte[] caller;
  final byte[] callerInfoData;
  final byte[] callerInfoSigner;
  /** For {@link Origin#CANISTER}: the callback of the caller that the answer resumes. */
  final CallbackRecord callback;
  /** For {@link Origin#INGRESS}: the test's handle, answered with the outcome. */
  final Ingress ingress;
  /** {@code ic0.msg_deadline}: the bounded-wait call's deadline, 0 otherwise. */
  final long deadline;
  /** Part of a composite query's call tree. */
  final boolean composite;
  boolean needsToRespond;
  /** Calls this context made whose callbacks have not run yet. */
  int outstanding;
  /** Cycles the caller sent that the canister has not accepted yet ({@code msg_cycles_available}). */
  long availableCycles;
  /**
   * The IC-counter instructions of the context's messages run so far ({@code performance_counter}
   * type 1, which adds the running message's own).
   */
  long instructions;

  CallContext(long id, Canister canister, Origin origin, byte[] caller, byte[] callerInfoData, byte[] callerInfoSigner,
      CallbackRecord callback, Ingress ingress, long deadline, boolean composite, long cycles) {
    this.id = id;
    this.canister = canister;
    this.origin = origin;
    this.caller = caller;
    this.callerInfoData = callerInfoData;
    this.callerInfoSigner = callerInfoSigner;
    this.callback = callback;
    this.ingress = ingress;
    this.deadline = deadline;
    this.composite = composite;
    this.needsToRespond = origin != Origin.SYSTEM;
    this.availableCycles = cycles;
  }
}
