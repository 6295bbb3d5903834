package dev.icjava.runtime;

import dev.icjava.runtime.internal.TimerQueue;

/**
 * Timers: a task that runs once, after a delay, in a message of its own, as DFINITY's {@code
 * ic-cdk-timers} runs them for Rust canisters. Any number of timers share the canister's one global
 * timer ({@code ic0.global_timer_set}): the canister build makes {@code canister_global_timer} run
 * the timers that are due, in order of deadline (then of setting), and then the canister's own
 * {@link GlobalTimer @GlobalTimer} method if its deadline ({@link SystemApi#globalTimerSet}) has
 * passed.
 *
 * <pre>{@code
 * @Init
 * public static void init() {
 *   Timers.setTimer(0, () -> refresh()); // in the next round, not in the install itself
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>A message per task.</b> Each task runs in a call the canister makes to itself (its method
 *       {@code canister_update <icjava internal> timer}, which refuses any other caller). A task that
 *       throws traps its own message only: the IC rolls back what that task did, the canister log
 *       gets a line naming the timer and the trap, and the other timers run as planned. A call the IC
 *       could not deliver (its queues full, cycles short) is retried at the next firing. The call
 *       costs cycles, as in {@code ic-cdk-timers}; a task may itself make calls ({@code
 *       dev.icjava.calls}), as in any update.
 *   <li><b>On the heap.</b> An upgrade forgets every timer (the IC also deactivates the global timer
 *       when the module changes): set them again from {@link PostUpgrade @PostUpgrade}. While timer
 *       calls are outstanding, an upgrade is refused, as with any outstanding call.
 *   <li><b>Where.</b> In every entry point that may change the canister (init, post-upgrade,
 *       updates, callbacks, the global timer); not in queries, whose changes are discarded.
 *   <li><b>Your own timer.</b> {@link SystemApi#globalTimerSet} keeps working as the IC defines it,
 *       for the {@code @GlobalTimer} method alone: it sets the canister's own deadline and returns the
 *       previous one, and the library keeps the IC's timer at the earlier of that deadline and its
 *       own. Do not call {@link Ic0#global_timer_set} directly: it would move the timer under the
 *       library, and its timers would wait until the next call of either method above.
 * </ul>
 */
public final class Timers {
  private Timers() {}

  /**
   * Runs {@code task} once, {@code delayNanos} nanoseconds from now ({@code ic0.time}) or later: 0
   * means in the next round. Returns the timer's id, for {@link #clearTimer(long)}.
   *
   * @param delayNanos nanoseconds from now, at least 0
   * @param task what to run, in a message of its own
   * @return the timer's id, never 0
   */
  public static long setTimer(long delayNanos, Runnable task) {
    requireCanister();
    if (delayNanos < 0) {
      throw new IllegalArgumentException("delayNanos < 0");
    }
    long now = Ic0.time();
    long deadline = now + delayNanos;
    if (Long.compareUnsigned(deadline, now) < 0) {
      throw new IllegalArgumentException("delayNanos: the deadline is past 2554");
    }
    return TimerQueue.schedule(deadline, task);
  }

  /**
   * Cancels the timer {@code id} unless its task has started.
   *
   * @param id what {@link #setTimer(long, Runnable)} returned
   * @return whether the timer was waiting (false once its task has run, or after an upgrade)
   */
  public static boolean clearTimer(long id) {
    requireCanister();
    return TimerQueue.cancel(id);
  }

  private static void requireCanister() {
    if (!Platform.inCanister()) {
      throw new IllegalStateException("timers are only available inside a canister; run this code in the test"
          + " kit's local replica");
    }
  }
}
