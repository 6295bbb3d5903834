package dev.icjava.testkit;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The replica's message queue: calls and responses between canisters, each executed as a message of
 * its own (interface spec, abstract-behavior.md: "Call context creation", "Message execution",
 * "Callback invocation", "Call context starvation").
 *
 * <ul>
 *   <li>A performed call becomes a request to its callee once the message that performed it ends
 *       without trapping; the callee runs the method in a new call context (an update, or a query in
 *       replicated mode), with the calling canister as caller and no caller info.
 *   <li>The callee's answer becomes a response to the caller, whose reply or reject callback runs in
 *       the call context that made the call, seeing that context's caller and caller info; if the
 *       callback traps, its changes are rolled back and the cleanup callback runs.
 *   <li>A context that still owes an answer and has no call outstanding after a message is answered
 *       for the canister: with the message's trap (code 5, the IC's words), or {@code "No response"}
 *       (code 5) to a canister, {@code "did not reply to the call"} (IC0506) to a user.
 *   <li>Calls to the management canister are answered by {@link ManagementCanisterModel}; calls to a
 *       canister that does not exist are rejected with code 3.
 *   <li>Calls to a {@link SystemCanister} (Java, at a fixed id) are answered by its handler, which may
 *       itself call and continue when the answer comes ({@link SystemContinuation}).
 * </ul>
 *
 * <p>Messages run one at a time, oldest first, so every pair of canisters sees its requests in the
 * order they were sent. A composite query's tree runs in a queue of its own ({@link #composite}), in
 * non-replicated mode, every canister's changes discarded at its end.
 */
final class MessageScheduler {
  /** Messages one ingress call may cause before the replica assumes an endless loop of calls. */
  static final int MAX_MESSAGES = 1_000_000;

  /** An answer to a call context, before it is turned into what its origin receives. */
  record Answer(byte[] reply, int rejectCode, String rejectMessage, String errorCode, String trapMessage) {
    static Answer reply(byte[] bytes) {
      return new Answer(bytes, 0, null, null, null);
    }

    static Answer reject(int code, String message, String errorCode) {
      return new Answer(null, code, message, errorCode, null);
    }

    /** The message trapped with {@code message} ({@code errorCode} IC0503, IC0502, ...). */
    static Answer trap(String message, String errorCode) {
      return new Answer(null, 5, null, errorCode, message);
    }

    boolean isReply() {
      return reply != null;
    }
  }

  private sealed interface Queued permits QueuedCall, Response {}

  /** A call to {@code callee}: from a user ({@code callback} null) or from a canister. */
  private record QueuedCall(
      byte[] callee, String method, byte[] arg, byte[] caller, byte[] callerInfoData, byte[] callerInfoSigner,
      long cycles, CallbackRecord callback, Ingress ingress, Ingress tree) implements Queued {}

  /** The answer to a canister's call, for its callback. */
  private record Response(CallbackRecord callback, Answer answer, long refund, Ingress tree) implements Queued {}

  private final LocalReplica replica;
  private final boolean composite;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();

  MessageScheduler(LocalReplica replica, boolean composite) {
    this.replica = replica;
    this.composite = composite;
  }

  /** Whether messages wait to run. */
  boolean busy() {
    return !queue.isEmpty();
  }

  /**
   * How a {@link SystemCanister}'s message goes on once the call it made is answered: the canister,
   * its id, the request it is handling, and what to do with the answer.
   */
  record SystemContinuation(SystemCanister canister, byte[] id, Object request,
      java.util.function.Function<SystemCanister.Answer, SystemCanister.Response> then) {}

  // ---- ingress ----

  /**
   * Queues an ingress call of {@code method} to the canister with id {@code callee} (a {@link
   * SystemCanister}, the management canister, or none: then the call is rejected as the IC rejects a
   * call to a canister that does not exist) for {@code ingress}.
   */
  void submitTo(byte[] callee, String method, Request call, Ingress ingress) {
    queue.add(new QueuedCall(callee.clone(), method, call.arg(), call.caller(), call.callerInfoData(),
        call.callerInfoSigner(), 0, null, ingress, ingress));
  }

  /**
   * Queues an ingress call of {@code method} (already resolved to an export of {@code canister}) for
   * {@code ingress}.
   */
  void submit(Canister canister, String method, Request call, Ingress ingress) {
    queue.add(new QueuedCall(canister.id(), method, call.arg(), call.caller(), call.callerInfoData(),
        call.callerInfoSigner(), 0, null, ingress, ingress));
  }

  /** Runs {@code kind} (a system task) on {@code canister} in a context of its own; its result. */
  CallResult runTask(Canister canister, MessageKind kind, Ingress tree) {
    CallContext ctx = replica.newContext(canister, CallContext.Origin.SYSTEM, new byte[0], new byte[0], new byte[0],
        null, null, 0, false, 0);
    RunningMessage m = new RunningMessage(kind, Request.from(new byte[0]), replica.limits().update());
    m.context = ctx;
    CanisterExecution.Ran ran = canister.run(m, kind.export);
    record(tree, canister, kind, kind.export, ran);
    after(ctx, ran, tree);
    return ran.result();
  }

  // ---- running ----

  /** Runs the oldest waiting message; false when none waits. */
  boolean step() {
    Queued next = queue.poll();
    if (next == null) {
      return false;
    }
    if (next instanceof QueuedCall r) {
      deliver(r);
    } else if (((Response) next).callback.system != null) {
      continueSystem((Response) next);
    } else {
      respond((Response) next);
    }
    return true;
  }

  /** Runs messages until none waits. */
  void runUntilIdle() {
    int n = 0;
    while (step()) {
      if (++n > MAX_MESSAGES) {
        queue.clear();
        throw new IllegalStateException("more than " + MAX_MESSAGES + " messages without an end: an endless loop of calls?");
      }
    }
  }

  private void deliver(QueuedCall r) {
    if (r.callee.length == 0) {
      callManagementCanister(r);
      return;
    }
    SystemCanister system = replica.systemCanister(r.callee);
    if (system != null) {
      SystemCanister.Response first = system.handle(new SystemCanister.Request(r.caller, r.method, r.arg, r.cycles,
          true, replica.time()));
      proceedSystem(system, r, first);
      return;
    }
    Canister target = replica.canister(r.callee);
    Answer refused = refuseByState(r, target);
    if (refused != null) {
      answerCall(r, refused);
      return;
    }
    if (target == null) {
      // message routing's StateError::CanisterNotFound
      answerCall(r, Answer.reject(3, "Canister " + Ic0Host.principalText(r.callee) + " not found", "IC0301"));
      return;
    }
    String export;
    MessageKind kind;
    if (composite) {
      if (target.exports("canister_query " + r.method)) {
        export = "canister_query " + r.method;
        kind = MessageKind.QUERY;
      } else if (target.exports("canister_composite_query " + r.method)) {
        export = "canister_composite_query " + r.method;
        kind = MessageKind.COMPOSITE_QUERY;
      } else {
        answerCall(r, Answer.reject(5, IcErrors.noSuchMethod(target.text(), "query", r.method), "IC0536"));
        return;
      }
    } else if (target.exports("canister_update " + r.method)) {
      export = "canister_update " + r.method;
      kind = MessageKind.UPDATE;
    } else if (target.exports("canister_query " + r.method)) {
      export = "canister_query " + r.method;
      kind = MessageKind.REPLICATED_QUERY;
    } else if (target.exports("canister_composite_query " + r.method)) {
      answerCall(r, Answer.reject(5, "IC0527: Composite query cannot be called in replicated mode", "IC0527"));
      return;
    } else {
      answerCall(r, Answer.reject(5, IcErrors.noSuchMethod(target.text(), "update", r.method), "IC0536"));
      return;
    }
    long deadline = r.callback == null ? 0 : r.callback.deadline;
    CallContext ctx = replica.newContext(target,
        r.callback == null ? CallContext.Origin.INGRESS : CallContext.Origin.CANISTER, r.caller,
        r.callerInfoData, r.callerInfoSigner, r.callback, r.ingress, deadline, composite, r.cycles);
    Request call = Request.from(r.caller).withArg(r.arg).withCallerInfo(r.callerInfoData, r.callerInfoSigner);
    RunningMessage m = new RunningMessage(kind, call, composite ? replica.limits().query() : replica.limits().update());
    m.context = ctx;
    CanisterExecution.Ran ran = target.run(m, export);
    record(r.tree, target, kind, export, ran);
    after(ctx, ran, r.tree);
  }

  private void callManagementCanister(QueuedCall r) {
    boolean fromCanister = r.callback != null;
    ManagementCanister.Answer a =
        replica.managementCanister().handle(r.caller, fromCanister, r.method, r.arg, r.cycles);
    Answer answer;
    if (a.refusal() == null) {
      answer = Answer.reply(a.reply());
    } else {
      ManagementErrors.Refusal f = a.refusal();
      // a canister reads the IC's UserError printed whole, "<code>: <description>"; a user gets both apart
      String message = fromCanister && f.errorCode() != null ? f.errorCode() + ": " + f.message() : f.message();
      answer = Answer.reject(f.code(), message, f.errorCode());
    }
    if (r.tree != null) {
      r.tree.record(new Execution("aaaaa-aa", null, r.method, describe(answer), 0, 0));
    }
    if (!fromCanister) {
      r.ingress.answer(ingressResult(answer, "aaaaa-aa"));
    } else {
      queue.add(new Response(r.callback, answer, r.cycles - a.cyclesAccepted(), r.tree));
    }
  }

  /** A refusal of the callee's state (a canister without a module, a stopped one), or null to run the call. */
  private Answer refuseByState(QueuedCall r, Canister target) {
    ManagedCanister m = replica.managementCanister().find(r.callee);
    ManagementErrors.Refusal f = null;
    if (target == null && m != null) {
      f = ManagementErrors.empty(r.callee);
    } else if (target != null && target.status() != ManagedCanister.RUNNING) {
      f = ManagementErrors.notRunning(r.callee, target.status());
    }
    if (f == null) {
      return null;
    }
    return Answer.reject(f.code(), r.callback != null ? f.errorCode() + ": " + f.message() : f.message(), f.errorCode());
  }

  /** Answers a request that no message of the callee handled (no canister, no method). */
  private void answerCall(QueuedCall r, Answer answer) {
    answerCall(r, answer, r.cycles);
  }

  /** Answers {@code r} with {@code answer}, {@code refund} of its cycles going back to a calling canister. */
  private void answerCall(QueuedCall r, Answer answer, long refund) {
    if (r.callback == null) {
      r.ingress.answer(ingressResult(answer, Ic0Host.principalText(r.callee)));
    } else {
      queue.add(new Response(r.callback, answer, refund, r.tree));
    }
  }

  // ---- system canisters ----

  /** Carries out what a system canister decided for request {@code r}: answer it, or call and wait. */
  private void proceedSystem(SystemCanister system, QueuedCall r, SystemCanister.Response response) {
    String callee = Ic0Host.principalText(r.callee);
    if (r.tree != null) {
      r.tree.record(new Execution(callee, null, r.method, response.getClass().getSimpleName().toLowerCase(), 0, 0));
    }
    if (response instanceof SystemCanister.Reply reply) {
      long accepted = Math.max(0, Math.min(reply.cyclesAccepted(), r.cycles));
      answerCall(r, Answer.reply(reply.bytes()), r.cycles - accepted);
    } else if (response instanceof SystemCanister.Reject reject) {
      answerCall(r, Answer.reject(reject.code(), reject.message(), reject.errorCode()));
    } else if (response instanceof SystemCanister.Trap trap) {
      Answer trapped = Answer.trap(trap.message(), "IC0503");
      answerCall(r, r.callback == null ? trapped : forCaller(trapped, callee));
    } else {
      SystemCanister.Call call = (SystemCanister.Call) response;
      CallbackRecord cb = new CallbackRecord(replica.nextCallbackId(),
          new SystemContinuation(system, r.callee, r, call.then()));
      queue.add(new QueuedCall(call.callee().clone(), call.method(), call.arg(), r.callee, new byte[0], new byte[0],
          call.cycles(), cb, null, r.tree));
    }
  }

  /** A system canister's call was answered: its message goes on. */
  private void continueSystem(Response response) {
    SystemContinuation k = response.callback.system;
    Answer a = response.answer;
    SystemCanister.Answer answer = a.isReply()
        ? new SystemCanister.Answer(a.reply(), 0, null, response.refund)
        : new SystemCanister.Answer(null, a.rejectCode(), rejectText(a), response.refund);
    proceedSystem(k.canister(), (QueuedCall) k.request(), k.then().apply(answer));
  }

  private void respond(Response r) {
    CallbackRecord cb = r.callback;
    CallContext ctx = cb.context;
    Canister canister = ctx.canister;
    ctx.outstanding--;
    canister.sent(cb.call.callee, -1);
    canister.depositCycles(r.refund);
    boolean reply = r.answer.isReply();
    MessageKind kind = ctx.composite
        ? (reply ? MessageKind.COMPOSITE_REPLY_CALLBACK : MessageKind.COMPOSITE_REJECT_CALLBACK)
        : (reply ? MessageKind.REPLY_CALLBACK : MessageKind.REJECT_CALLBACK);
    long limit = ctx.composite ? replica.limits().query() : replica.limits().update();
    RunningMessage m = callbackMessage(kind, ctx, r, limit);
    OutgoingCall.Closure closure = reply ? cb.call.reply : cb.call.reject;
    CanisterExecution.Ran ran = canister.runTable(m, closure.fun(), closure.env());
    record(r.tree, canister, kind, callbackEntry(kind, closure), ran);
    if (ran.trapped() && cb.call.cleanup != null) {
      MessageKind cleanupKind = ctx.composite ? MessageKind.COMPOSITE_CLEANUP : MessageKind.CLEANUP;
      RunningMessage c = callbackMessage(cleanupKind, ctx, r, Math.max(0, limit - m.icInstructions));
      CanisterExecution.Ran cleaned = canister.runTable(c, cb.call.cleanup.fun(), cb.call.cleanup.env());
      record(r.tree, canister, cleanupKind, callbackEntry(cleanupKind, cb.call.cleanup), cleaned);
      if (cleaned.trapped()) {
        // dfinity/ic HypervisorError::Cleanup: the callback's error, then the cleanup's
        ran = ran.withTrap(ran.trap().message() + "\n\ncall_on_cleanup also failed:\n\n" + cleaned.trap().message());
      }
    }
    after(ctx, ran, r.tree);
  }

  private static RunningMessage callbackMessage(MessageKind kind, CallContext ctx, Response r, long limit) {
    Request call = Request.from(ctx.caller).withArg(r.answer.isReply() ? r.answer.reply() : new byte[0])
        .withCallerInfo(ctx.callerInfoData, ctx.callerInfoSigner);
    RunningMessage m = new RunningMessage(kind, call, limit);
    m.context = ctx;
    m.rejectCode = r.answer.isReply() ? 0 : r.answer.rejectCode();
    m.rejectMessage = r.answer.isReply() ? "" : rejectText(r.answer);
    m.cyclesRefunded = r.refund;
    return m;
  }

  /** After a message of {@code ctx}: its calls go out, its answer goes back, or starvation is answered. */
  private void after(CallContext ctx, CanisterExecution.Ran ran, Ingress tree) {
    RunningMessage m = ran.message();
    if (!ran.trapped()) {
      for (OutgoingCall call : m.performed) {
        ctx.outstanding++;
        ctx.canister.sent(call.callee, 1);
        long deadline = call.timeoutSeconds < 0 ? 0 : replica.time() + call.timeoutSeconds * 1_000_000_000L;
        CallbackRecord cb = new CallbackRecord(replica.nextCallbackId(), ctx, call, deadline);
        queue.add(new QueuedCall(call.callee, call.method, call.payload.toByteArray(), ctx.canister.id(), new byte[0],
            new byte[0], call.cycles, cb, null, tree));
      }
      if (m.replied) {
        answer(ctx, Answer.reply(m.reply.toByteArray()), tree);
        return;
      }
      if (m.rejected != null) {
        answer(ctx, Answer.reject(4, m.rejected, "IC0406"), tree);
        return;
      }
    }
    if (ctx.needsToRespond && ctx.outstanding == 0) {
      answer(ctx, ran.trapped() ? Answer.trap(ran.trap().message(), ran.trap().errorCode()) : null, tree);
    }
  }

  /** Answers {@code ctx}'s origin; a null answer is the IC's for a context that ran out of messages. */
  private void answer(CallContext ctx, Answer answer, Ingress tree) {
    ctx.needsToRespond = false;
    long refund = ctx.availableCycles;
    ctx.availableCycles = 0;
    switch (ctx.origin) {
      case INGRESS -> ctx.ingress.answer(answer == null
          ? new CallResult.Reject(5, "Canister " + ctx.canister.text() + " did not reply to the call", "IC0506", 0, 0)
          : ingressResult(answer, ctx.canister.text()));
      case CANISTER -> queue.add(new Response(ctx.callback,
          answer == null ? Answer.reject(5, "No response", "IC0506") : forCaller(answer, ctx.canister.text()), refund,
          tree));
      case SYSTEM -> {}
    }
  }

  /** What a calling canister receives: a trap becomes a reject in the IC's words. */
  private static Answer forCaller(Answer answer, String callee) {
    if (answer.trapMessage() != null) {
      return Answer.reject(5, IcErrors.rejectFor(callee, answer.trapMessage(), answer.errorCode()), answer.errorCode());
    }
    return answer;
  }

  private static String rejectText(Answer answer) {
    return answer.rejectMessage();
  }

  /** What a user receives, in the test kit's terms (a trap stays a trap, with its own message). */
  private static CallResult ingressResult(Answer answer, String canister) {
    if (answer.isReply()) {
      return new CallResult.Reply(answer.reply(), 0, 0);
    }
    if (answer.trapMessage() != null) {
      return new CallResult.Trap(answer.trapMessage(), answer.errorCode(), 0, 0);
    }
    return new CallResult.Reject(answer.rejectCode(), answer.rejectMessage(), answer.errorCode(), 0, 0);
  }

  private static void record(Ingress tree, Canister canister, MessageKind kind, String entry, CanisterExecution.Ran ran) {
    if (ran.message().context != null) {
      ran.message().context.instructions += ran.message().icInstructions;
    }
    if (tree != null) {
      tree.record(new Execution(canister.text(), kind, entry, ran.describe(), ran.message().instructions,
          ran.message().icInstructions));
    }
  }

  private static String callbackEntry(MessageKind kind, OutgoingCall.Closure closure) {
    return "table[" + closure.fun() + "](env " + closure.env() + ")";
  }

  private static String describe(Answer a) {
    return a.isReply() ? "reply " + a.reply().length + " bytes" : "reject " + a.rejectCode() + ": " + a.rejectMessage();
  }

  /** Equality of canister ids, for the replica's lookup. */
  static boolean sameId(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  List<Object> pending() {
    return List.copyOf(queue);
  }
}
