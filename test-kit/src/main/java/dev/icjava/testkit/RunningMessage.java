package dev.icjava.testkit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The state of the message being executed, which the {@code ic0} entries ({@link Ic0Host}) read and
 * change: its kind and inputs, the reply or reject it made, its call context, the calls it made and
 * the one under construction, its cycles, and its instructions in both counts against its limit.
 */
final class RunningMessage {
  final MessageKind kind;
  final byte[] caller;
  final byte[] arg;
  final byte[] callerInfoData;
  final byte[] callerInfoSigner;
  final String methodName;
  final ByteArrayOutputStream reply = new ByteArrayOutputStream();
  final BitSet dirtyStablePages = new BitSet();
  boolean replied;
  String rejected;
  boolean accepted;
  /** Executions per opcode, when the replica counts them; null otherwise. */
  long[] opcodes;
  /** System API calls and their IC charges by entry, when the replica counts opcodes. */
  java.util.Map<String, long[]> systemApi;
  long instructions;
  long icInstructions;
  long limit;
  /** The call context this message runs in (null for install, upgrade and the start function). */
  CallContext context;
  /** The call under construction ({@code ic0.call_new} .. {@code ic0.call_perform}). */
  OutgoingCall pending;
  /** Calls performed, sent if the message ends without trapping. */
  final List<OutgoingCall> performed = new ArrayList<>();
  /** In callbacks and cleanup: the response's reject code (0 for a reply); -1 elsewhere. */
  int rejectCode = -1;
  String rejectMessage;
  /** In callbacks: the cycles the callee did not accept, back with the response. */
  long cyclesRefunded;
  /** Cycles accepted from the call context in this message. */
  long cyclesAccepted;
  /** Cycles moved onto calls in this message (back to the balance if it traps). */
  long cyclesSent;

  RunningMessage(MessageKind kind, Request call, long limit) {
    this(kind, call, null, limit);
  }

  RunningMessage(MessageKind kind, Request call, String methodName, long limit) {
    this.kind = kind;
    this.caller = kind.isSystemTask() ? new byte[0] : call.caller();
    this.arg = call.arg();
    this.callerInfoData = call.callerInfoData();
    this.callerInfoSigner = call.callerInfoSigner();
    this.methodName = methodName;
    this.limit = limit;
  }

  boolean responded() {
    return replied || rejected != null;
  }

  /** Whether {@code msg_reply}/{@code msg_reject} may answer: its context still awaits an answer. */
  boolean mayRespond() {
    return !responded() && (context == null || context.needsToRespond);
  }

  /** Adds {@code amount} to the IC counter; past the limit, the message ends. */
  void charge(long amount) {
    icInstructions += amount;
    if (icInstructions > limit || icInstructions < 0) {
      throw new InstructionLimitExceeded();
    }
  }
}
