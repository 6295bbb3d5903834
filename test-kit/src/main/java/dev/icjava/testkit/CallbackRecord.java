package dev.icjava.testkit;

/**
 * A performed call's callbacks, kept by the calling canister until the response arrives (dfinity/ic's
 * {@code Callback}): the call context that made it, the closures, the cycles sent, and what was
 * called (for the test's view of the call tree).
 */
final class CallbackRecord {
  final long id;
  final CallContext context;
  final OutgoingCall call;
  /** {@code ic0.msg_deadline} in the callee and in these callbacks' context: 0 for unbounded waits. */
  final long deadline;
  /** For a call a {@link SystemCanister} made: how its message goes on (context and call are null). */
  final MessageScheduler.SystemContinuation system;

  CallbackRecord(long id, CallContext context, OutgoingCall call, long deadline) {
    this.id = id;
    this.context = context;
    this.call = call;
    this.deadline = deadline;
    this.system = null;
  }

  CallbackRecord(long id, MessageScheduler.SystemContinuation system) {
    this.id = id;
    this.context = null;
    this.call = null;
    this.deadline = 0;
    this.system = system;
  }
}
