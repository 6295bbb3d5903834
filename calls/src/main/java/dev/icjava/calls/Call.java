package dev.icjava.calls;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.internal.Callbacks;
import dev.icjava.runtime.internal.Continuation;
import dev.icjava.runtime.Ic0;
import dev.icjava.runtime.Platform;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.Address;

/**
 * An inter-canister call: the callee, the method, the argument bytes, cycles, and how long to wait,
 * assembled here and sent by {@link #perform()}, whose {@link CallFuture} runs handlers when the
 * response arrives.
 *
 * <pre>{@code
 * @Update("greet")
 * public static void greet() {
 *   Call.to(Principal.fromText("rrkah-fqaaa-aaaaa-aaaaq-cai"), "hello")
 *       .perform()
 *       .onReply(SystemApi::msgReply) // the callee's Candid reply, passed on as it is
 *       .onReject(r -> SystemApi.msgReject("hello failed: " + r.message()));
 * }
 * }</pre>
 *
 * <p>What the IC guarantees (interface spec, {@code canister-interface.md}, "Inter-canister method
 * calls"; see also {@code dev.icjava.runtime.internal.Callbacks}):
 *
 * <ul>
 *   <li>The call leaves only if the message that performs it ends without trapping. That message's
 *       state, before and after {@code perform()}, is committed when it ends, whatever the call's
 *       outcome: the callee may see and act on it.
 *   <li>Exactly one of reply and reject arrives, in a later message. Other messages (other callers,
 *       other responses) may run in between: re-read what the handler relies on; do not hold a
 *       decision taken before the call (a balance checked, a nonce marked) as still true.
 *   <li>A handler that traps loses only its own changes; the call's {@link #onCleanup} action then
 *       runs (it may not reply or call).
 *   <li>The message that performed the call may return without answering its own caller: the
 *       handler answers later. If no handler ever does, the IC rejects that caller (code 5) once no
 *       call it made is outstanding.
 *   <li>An upgrade while calls are outstanding is refused (the build's {@code canister_pre_upgrade}
 *       guard): stop the canister first, which waits for every response.
 * </ul>
 *
 * <p>Allowed where the spec allows {@code ic0.call_new}: update methods, callbacks, heartbeat and
 * global timer, and composite queries (then only query methods, and without cycles). Not in {@code
 * @Init} or {@code @PostUpgrade}: start calls there from a timer ({@code Timers.setTimer(0, task)}).
 */
public final class Call {
  private static final byte[] EMPTY_CANDID = {'D', 'I', 'D', 'L', 0, 0};

  private final Principal callee;
  private final String method;
  private byte[] args = EMPTY_CANDID;
  private long cyclesHigh;
  private long cyclesLow;
  private int timeoutSeconds = -1;
  private Runnable cleanup;

  private Call(Principal callee, String method) {
    this.callee = callee;
    this.method = method;
  }

  /**
   * A call of {@code method} on canister {@code callee}, with the empty Candid argument {@code ()}.
   *
   * @param callee the canister to call
   * @param method the method's name
   * @return the call, not yet sent
   */
  public static Call to(Principal callee, String method) {
    if (callee == null || method == null) {
      throw new NullPointerException(callee == null ? "callee" : "method");
    }
    return new Call(callee, method);
  }

  /**
   * The argument: a whole Candid message (not copied; do not change it before {@link #perform()}).
   *
   * @param candid the argument, a whole Candid message
   * @return this call
   */
  public Call withArgs(byte[] candid) {
    this.args = candid;
    return this;
  }

  /**
   * Sends {@code cycles} (unsigned) with the call ({@code ic0.call_cycles_add128}): taken from the
   * balance when the call is performed; what the callee does not accept comes back with the
   * response.
   *
   * @param cycles the cycles to send, unsigned
   * @return this call
   */
  public Call withCycles(long cycles) {
    return withCycles128(0, cycles);
  }

  /**
   * Sends the 128-bit amount {@code high} * 2^64 + {@code low} (both unsigned) with the call.
   *
   * @param high the amount's high 64 bits, unsigned
   * @param low its low 64 bits, unsigned
   * @return this call
   */
  public Call withCycles128(long high, long low) {
    this.cyclesHigh = high;
    this.cyclesLow = low;
    return this;
  }

  /**
   * Makes the call bounded-wait ({@code ic0.call_with_best_effort_response}): the IC answers within
   * about {@code timeoutSeconds} (bounded by its maximum, 300 s), possibly with {@link
   * Reject#SYS_UNKNOWN}, in which case the callee may or may not have run the call.
   *
   * @param timeoutSeconds the timeout, in seconds
   * @return this call
   */
  public Call withBestEffortResponse(int timeoutSeconds) {
    if (timeoutSeconds < 0) {
      throw new IllegalArgumentException("timeout " + timeoutSeconds + " s");
    }
    this.timeoutSeconds = timeoutSeconds;
    return this;
  }

  /**
   * What to run if a handler of this call's response traps ({@code ic0.call_on_cleanup}): release
   * what the call held (a lock, a reservation). It runs in the cleanup context: it may change state
   * but not reply or make calls; an exception it throws is logged and dropped.
   *
   * @param action what to run in the cleanup context
   * @return this call
   */
  public Call onCleanup(Runnable action) {
    this.cleanup = action;
    return this;
  }

  /**
   * Sends the call: a future of the reply's bytes (a Candid message). Throws {@link
   * CallPerformException} when the IC refuses to send it (nothing is sent then).
   *
   * @return a future of the reply's bytes, or of the reject
   */
  public CallFuture<byte[]> perform() {
    requireCanister();
    CallFuture<byte[]> future = new CallFuture<>(this);
    int env = Callbacks.register(new Pending(future, cleanup));
    newCall(Callbacks.replyFunction(), env, Callbacks.rejectFunction(), env);
    Ic0.call_on_cleanup(Callbacks.cleanupFunction(), env);
    int code = finish();
    if (code != 0) {
      Callbacks.release(env);
      throw new CallPerformException(code, callee.toText(), method);
    }
    return future;
  }

  /**
   * Sends the call and ignores its outcome (a one-way call): no callback runs, whatever the callee
   * does. Its callbacks are a table index no module has (-1), so even a response that arrived after
   * an upgrade would trap harmlessly, as Motoko and Rust's cdk make one-way calls.
   */
  public void performOneway() {
    requireCanister();
    newCall(-1, -1, -1, -1);
    int code = finish();
    if (code != 0) {
      throw new CallPerformException(code, callee.toText(), method);
    }
  }

  private void newCall(int replyFun, int replyEnv, int rejectFun, int rejectEnv) {
    byte[] id = callee.bytes();
    byte[] name = Utf8.encode(method);
    // addresses taken after the last allocation: TeaVM's collector moves arrays
    Ic0.call_new(address(id), id.length, address(name), name.length, replyFun, replyEnv, rejectFun, rejectEnv);
  }

  /** Appends the argument, cycles and timeout, and performs the call; {@code ic0.call_perform}'s code. */
  private int finish() {
    if (args.length > 0) {
      Ic0.call_data_append(address(args), args.length);
    }
    if (cyclesHigh != 0 || cyclesLow != 0) {
      Ic0.call_cycles_add128(cyclesHigh, cyclesLow);
    }
    if (timeoutSeconds >= 0) {
      Ic0.call_with_best_effort_response(timeoutSeconds);
    }
    return Ic0.call_perform();
  }

  /** {@code "the call to <callee> <method>"}: how traps and rejects name this call. */
  @Override
  public String toString() {
    return "the call to " + callee.toText() + " " + method;
  }

  private static int address(byte[] data) {
    return Address.ofData(data).toInt();
  }

  private static void requireCanister() {
    if (!Platform.inCanister()) {
      throw new IllegalStateException(
          "inter-canister calls are only available inside a canister; run this code in the test kit's local replica");
    }
  }

  /** The continuation of one call: completes its future from the callbacks. */
  private static final class Pending implements Continuation {
    private final CallFuture<byte[]> future;
    private final Runnable cleanup;

    Pending(CallFuture<byte[]> future, Runnable cleanup) {
      this.future = future;
      this.cleanup = cleanup;
    }

    @Override
    public void onReply() {
      future.complete(SystemApi.msgArgData());
    }

    @Override
    public void onReject() {
      future.fail(new Reject(SystemApi.msgRejectCode(), SystemApi.msgRejectMsg()));
    }

    @Override
    public void onCleanup() {
      if (cleanup != null) {
        cleanup.run();
      }
    }
  }
}
