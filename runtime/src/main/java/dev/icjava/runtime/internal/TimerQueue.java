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
 *   <li>Timers wait in a binary heap ordered by deadline, then by the order they were set; {@code
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

  // The heap: entry i's children are 2i+1 and 2i+2; the root is the earliest (deadline, id).
  private long[] deadlines = new long[4];
  private long[] ids = new long[4];
  private Runnable[] tasks = new Runnable[4];
  private int size;

  // Timers taken from the heap whose call has not run them yet.
  private long[] sentIds = new long[4];
  private Runnable[] sentTasks = new Runnable[4];
  private int sent;

  private long lastId;
  private byte[] self;
  private byte[] method;

  private TimerQueue() {}

  /** Schedules {@code task} at {@code deadline} (nanoseconds since 1970); its id, never 0. */
  public static long schedule(long deadline, Runnable task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    TimerQueue q = queue;
    if (q == null) {
      q = new TimerQueue();
      queue = q;
    }
    long id = q.push(deadline, ++q.lastId, task);
    rearm();
    return id;
  }

  /** Forgets the timer {@code id} unless it has run; whether it was waiting. */
  public static boolean cancel(long id) {
    TimerQueue q = queue;
    return q != null && q.remove(id);
  }

  /**
   * Sets the canister's own deadline ({@code 0}: none) and returns the previous one ({@code 0} after
   * it has passed and the {@code @GlobalTimer} method was called).
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
    if (q != null && q.size > 0 && (next == 0 || Long.compareUnsigned(q.deadlines[0], next) < 0)) {
      next = q.deadlines[0];
    }
    Ic0.global_timer_set(next);
  }

  /** The executor's body, in the call the queue made to the canister itself. */
  static void execute() {
    TimerQueue q = queue;
    byte[] caller = SystemApi.msgCaller();
    if (q == null || !java.util.Arrays.equals(caller, q.self())) {
      throw SystemApi.trap("This method runs the canister's timers: only the canister itself may call it");
    }
    byte[] arg = new byte[8];
    if (SystemApi.msgArgDataSize() != 8) {
      throw SystemApi.trap("timer executor: argument of " + SystemApi.msgArgDataSize() + " bytes");
    }
    SystemApi.msgArgDataInto(arg);
    long id = 0;
    for (int i = 7; i >= 0; i--) {
      id = (id << 8) | (arg[i] & 0xFF);
    }
    Runnable task = q.takeSent(id); // null: cancelled since it was sent
    if (task != null) {
      task.run();
    }
    Ic0.msg_reply();
  }

  /** The reject callback of a timer's call: the task trapped, or the call was not delivered. */
  void rejected(long id, int code, String message) {
    int i = sentIndex(id);
    if (i < 0) {
      return; // it ran (the reject came after: cannot be) or was cancelled
    }
    if (code == TRANSIENT) {
      Runnable task = sentTasks[i];
      removeSent(i);
      push(Ic0.time(), id, task);
      rearm();
      return;
    }
    removeSent(i); // its message's removal of it was rolled back with the rest
    SystemApi.debugPrint("timer " + id + " failed (reject code " + code + "): " + message);
  }

  private void dispatch(long now) {
    while (size > 0 && Long.compareUnsigned(deadlines[0], now) <= 0) {
      long deadline = deadlines[0];
      long id = ids[0];
      Runnable task = tasks[0];
      removeAt(0);
      if (!send(id)) {
        push(deadline, id, task); // retried at the next firing, which rearm() makes the next round
        return;
      }
      addSent(id, task);
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
      SystemApi.debugPrint("timer " + id + ": call_perform failed with code " + err + "; retried at the next firing");
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

  private long push(long deadline, long id, Runnable task) {
    if (size == ids.length) {
      deadlines = java.util.Arrays.copyOf(deadlines, size * 2);
      ids = java.util.Arrays.copyOf(ids, size * 2);
      tasks = java.util.Arrays.copyOf(tasks, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(deadline, id, deadlines[parent], ids[parent])) {
        break;
      }
      set(i, deadlines[parent], ids[parent], tasks[parent]);
      i = parent;
    }
    set(i, deadline, id, task);
    return id;
  }

  private boolean remove(long id) {
    for (int i = 0; i < size; i++) {
      if (ids[i] == id) {
        removeAt(i);
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

  private void removeAt(int i) {
    int last = --size;
    long d = deadlines[last];
    long id = ids[last];
    Runnable task = tasks[last];
    tasks[last] = null;
    if (i == last) {
      return;
    }
    // Up first (the moved entry may precede i's parent), then down.
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(d, id, deadlines[parent], ids[parent])) {
        break;
      }
      set(i, deadlines[parent], ids[parent], tasks[parent]);
      i = parent;
    }
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(deadlines[child + 1], ids[child + 1], deadlines[child], ids[child])) {
        child++;
      }
      if (!before(deadlines[child], ids[child], d, id)) {
        break;
      }
      set(i, deadlines[child], ids[child], tasks[child]);
      i = child;
    }
    set(i, d, id, task);
  }

  private void set(int i, long deadline, long id, Runnable task) {
    deadlines[i] = deadline;
    ids[i] = id;
    tasks[i] = task;
  }

  /** Earlier deadline first (unsigned nanoseconds), then the timer set first. */
  private static boolean before(long d1, long id1, long d2, long id2) {
    int c = Long.compareUnsigned(d1, d2);
    return c < 0 || (c == 0 && id1 < id2);
  }

  private void addSent(long id, Runnable task) {
    if (sent == sentIds.length) {
      sentIds = java.util.Arrays.copyOf(sentIds, sent * 2);
      sentTasks = java.util.Arrays.copyOf(sentTasks, sent * 2);
    }
    sentIds[sent] = id;
    sentTasks[sent++] = task;
  }

  private int sentIndex(long id) {
    for (int i = 0; i < sent; i++) {
      if (sentIds[i] == id) {
        return i;
      }
    }
    return -1;
  }

  private Runnable takeSent(long id) {
    int i = sentIndex(id);
    if (i < 0) {
      return null;
    }
    Runnable task = sentTasks[i];
    removeSent(i);
    return task;
  }

  private void removeSent(int i) {
    int last = --sent;
    sentIds[i] = sentIds[last];
    sentTasks[i] = sentTasks[last];
    sentTasks[last] = null;
  }

  private static int address(byte[] data) {
    return Address.ofData(data).toInt();
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
