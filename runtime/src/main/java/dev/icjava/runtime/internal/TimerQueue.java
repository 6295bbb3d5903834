package dev.icjava.runtime.internal;

import dev.icjava.runtime.Ic0;
import dev.icjava.runtime.SystemApi;
import org.teavm.interop.Address;

/**
 * The one global timer of a canister, shared by the library's timers ({@code Timers.setTimer}) and
 * the canister's own deadline ({@code SystemApi.globalTimerSet}, which calls the canister's {@code
 * @GlobalTimer} method): the design of DFINITY's {@code ic-cdk-timers} (dfinity/cdk-rs, {@code
 * ic-cdk-timers/src/global_timer.rs} and {@code timer_executor.rs}), in Java.
 *
 * <ul>
 *   <li>Timers wait in an array ordered by deadline, then by the order they were set (ic-cdk-timers
 *       uses a binary heap; a sorted array is less code in the module, and setting a timer shifts
 *       at most the timers that run before it); {@code
 *       ic0.global_timer_set} is set to the earliest of them and of the canister's own deadline
 *       after every change ({@link #rearm()}).
 *   <li>{@code canister_global_timer}, which the canister build always exports, calls {@link #fire()}:
 *       it takes every timer whose deadline has passed and runs each in a call of the canister to
 *       itself ({@code canister_update <icjava internal> timer}, {@link TimerExecutor}), then sets the
 *       global timer to the next deadline; its result tells the build's glue whether the canister's
 *       own deadline has passed, and so whether to call its {@code @GlobalTimer} method.
 *   <li>Why a call: the IC rolls back a whole message that traps. Run in {@code
 *       canister_global_timer} itself, one task that traps would take with it the other tasks'
 *       effects and the setting of the next deadline (the IC deactivates the global timer before it
 *       runs that message), so every other timer would wait until something set the timer again.
 *       Each task in a message of its own loses only its own effects: its call is rejected (code 5,
 *       CANISTER_ERROR), and the reject callback prints the reject message to the canister log and
 *       forgets the task. A call the IC could not deliver (code 2, SYS_TRANSIENT, or {@code
 *       ic0.call_perform} failing: queues full, cycles short) is retried at the next firing.
 *   <li>Only the canister itself may call the executor: any other caller gets a trap.
 * </ul>
 *
 * <p>Everything here is on the heap: an upgrade (which wipes the heap, and deactivates the global
 * timer) forgets every timer, as {@code ic-cdk-timers} does; code that sets timers from {@code @Init}
 * sets them from {@code @PostUpgrade} too. Calls outstanding make an upgrade fail ({@link
 * Callbacks#beforeUpgrade()}) until the timers they run have answered.
 *
 * <p>A canister that never sets a timer never creates a queue: {@link #fire()} then only checks the
 * canister's own deadline, and the executor is not compiled into the module (the canister build
 * links it only when {@link #schedule} is reached).
 */
public final class TimerQueue {
  private static final int TRANSIENT = 2;

  /** The canister's own deadline ({@code SystemApi.globalTimerSet}); 0 when none. */
  private static long userDeadline;

  /** Null until the first {@link #schedule}. */
  private static TimerQueue queue;

  /** Waiting timers, latest first: the next to run is at {@code size - 1}. */
  private Timer[] waiting = new Timer[4];
  private int size;

  /** Timers taken from {@link #waiting} whose call has not run them yet, in no order. */
  private Timer[] sent = new Timer[4];
  private int sentCount;

  private long lastId;
  private byte[] self;
  private byte[] method;

  private TimerQueue() {}

  /**
   * Schedules {@code task} at {@code deadline} (nanoseconds since 1970); its id, never 0.
   *
   * @param deadline when to run, in nanoseconds since 1970
   * @param task what to run
   * @return the timer's id
   */
  public static long schedule(long deadline, Runnable task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    TimerQueue q = queue;
    if (q == null) {
      q = new TimerQueue();
      queue = q;
    }
    Timer t = new Timer(deadline, ++q.lastId, task);
    q.push(t);
    rearm();
    return t.id;
  }

  /**
   * Forgets the timer {@code id} unless it has run; whether it was waiting.
   *
   * @param id the timer's id
   * @return whether it was waiting
   */
  public static boolean cancel(long id) {
    TimerQueue q = queue;
    return q != null && q.remove(id);
  }

  /**
   * Sets the canister's own deadline ({@code 0}: none) and returns the previous one ({@code 0} after
   * it has passed and the {@code @GlobalTimer} method was called).
   *
   * @param timestamp the new deadline, in nanoseconds since 1970, or 0
   * @return the previous deadline
   */
  public static long setUserDeadline(long timestamp) {
    long previous = userDeadline;
    userDeadline = timestamp;
    rearm();
    return previous;
  }

  /**
   * Called first in {@code canister_global_timer}: sends the timers that are due, sets the global
   * timer to the next deadline, and returns whether the canister's own deadline has passed (then the
   * glue calls its {@code @GlobalTimer} method, after this).
   *
   * @return whether the canister's own deadline has passed
   */
  public static boolean fire() {
    long now = Ic0.time();
    long user = userDeadline;
    boolean userDue = user != 0 && Long.compareUnsigned(now, user) >= 0;
    if (userDue) {
      userDeadline = 0;
    }
    TimerQueue q = queue;
    if (q != null) {
      q.dispatch(now);
    }
    rearm();
    return userDue;
  }

  /** Sets the global timer to the earliest deadline (0 deactivates it). */
  static void rearm() {
    long next = userDeadline;
    TimerQueue q = queue;
    if (q != null && q.size > 0) {
      long first = q.waiting[q.size - 1].deadline;
      if (next == 0 || Long.compareUnsigned(first, next) < 0) {
        next = first;
      }
    }
    Ic0.global_timer_set(next);
  }

  /** The executor's body, in the call the queue made to the canister itself. */
  static void execute() {
    TimerQueue q = queue;
    byte[] caller = SystemApi.msgCaller();
    byte[] self = q == null ? null : q.self();
    if (self == null || caller.length != self.length || !Utf8.equalBytes(caller, 0, self, 0, self.length)) {
      throw SystemApi.trap("This method runs the canister's timers: only the canister itself may call it");
    }
    if (SystemApi.msgArgDataSize() != 8) {
      throw SystemApi.trap("timer executor: argument of " + SystemApi.msgArgDataSize() + " bytes");
    }
    byte[] arg = new byte[8];
    SystemApi.msgArgDataInto(arg);
    long id = 0;
    for (int i = 7; i >= 0; i--) {
      id = (id << 8) | (arg[i] & 0xFF);
    }
    int i = q.sentIndex(id);
    if (i >= 0) { // otherwise cancelled since it was sent
      Runnable task = q.sent[i].task;
      q.removeSent(i);
      task.run();
    }
    Ic0.msg_reply();
  }

  /** The reject callback of a timer's call: the task trapped, or the call was not delivered. */
  void rejected(long id, int code, String message) {
    int i = sentIndex(id);
    if (i < 0) {
      return; // cancelled
    }
    Timer t = sent[i];
    removeSent(i); // if the task trapped, its message's removal of it was rolled back with the rest
    if (code == TRANSIENT) {
      push(t); // its deadline has passed: it runs at the next firing
      rearm();
      return;
    }
    log(new MessageBuilder().append("timer ").appendDecimal(id).append(" failed, reject code ").appendDecimal(code)
        .append(": ").append(message));
  }

  private void dispatch(long now) {
    while (size > 0 && Long.compareUnsigned(waiting[size - 1].deadline, now) <= 0) {
      Timer t = waiting[size - 1];
      if (!send(t.id)) {
        return; // still waiting: retried at the next firing, which rearm() makes the next round
      }
      waiting[--size] = null;
      if (sentCount == sent.length) {
        sent = grow(sent, sentCount);
      }
      sent[sentCount++] = t;
    }
  }

  /** Calls the executor for timer {@code id}; false when {@code ic0.call_perform} refused. */
  private boolean send(long id) {
    byte[] callee = self();
    byte[] name = method;
    int env = Callbacks.register(new Sent(this, id));
    Ic0.call_new(address(callee), callee.length, address(name), name.length, Callbacks.replyFunction(), env,
        Callbacks.rejectFunction(), env);
    Ic0.call_on_cleanup(Callbacks.cleanupFunction(), env);
    byte[] arg = new byte[8];
    for (int i = 0; i < 8; i++) {
      arg[i] = (byte) (id >>> (8 * i));
    }
    Ic0.call_data_append(address(arg), arg.length);
    int err = Ic0.call_perform();
    if (err != 0) {
      Callbacks.release(env);
      log(new MessageBuilder().append("timer ").appendDecimal(id)
          .append(" not sent (retried at the next firing): call_perform returned ").appendDecimal(err));
      return false;
    }
    return true;
  }

  private byte[] self() {
    if (self == null) {
      self = SystemApi.canisterSelf();
      method = Utf8.encode(TimerExecutor.METHOD); // a constant: this does not reach the executor's class
    }
    return self;
  }

  /** Inserts {@code t} after every timer that runs after it (a later deadline, or set later). */
  private void push(Timer t) {
    if (size == waiting.length) {
      waiting = grow(waiting, size);
    }
    int i = size;
    while (i > 0) {
      Timer other = waiting[i - 1];
      int c = Long.compareUnsigned(other.deadline, t.deadline);
      if (c > 0 || (c == 0 && other.id > t.id)) {
        break;
      }
      i--;
    }
    System.arraycopy(waiting, i, waiting, i + 1, size - i);
    waiting[i] = t;
    size++;
  }

  private boolean remove(long id) {
    for (int i = 0; i < size; i++) {
      if (waiting[i].id == id) {
        System.arraycopy(waiting, i + 1, waiting, i, --size - i);
        waiting[size] = null;
        rearm();
        return true;
      }
    }
    int s = sentIndex(id);
    if (s >= 0) {
      removeSent(s);
      return true;
    }
    return false;
  }

  private int sentIndex(long id) {
    for (int i = 0; i < sentCount; i++) {
      if (sent[i].id == id) {
        return i;
      }
    }
    return -1;
  }

  private void removeSent(int i) {
    sent[i] = sent[--sentCount];
    sent[sentCount] = null;
  }

  private static Timer[] grow(Timer[] timers, int count) {
    Timer[] grown = new Timer[count * 2];
    System.arraycopy(timers, 0, grown, 0, count);
    return grown;
  }

  private static int address(byte[] data) {
    return Address.ofData(data).toInt();
  }

  private static void log(MessageBuilder message) {
    Ic0.debug_print(address(message.buffer()), message.length());
  }

  /** One timer: when, its id (in the order timers were set), and what to run. */
  private static final class Timer {
    final long deadline;
    final long id;
    final Runnable task;

    Timer(long deadline, long id, Runnable task) {
      this.deadline = deadline;
      this.id = id;
      this.task = task;
    }
  }

  /** The continuation of one timer's call. */
  private static final class Sent implements Continuation {
    private final TimerQueue queue;
    private final long id;

    Sent(TimerQueue queue, long id) {
      this.queue = queue;
      this.id = id;
    }

    @Override
    public void onReply() {}

    @Override
    public void onReject() {
      queue.rejected(id, SystemApi.msgRejectCode(), SystemApi.msgRejectMsg());
    }

    @Override
    public void onCleanup() {}
  }
}
