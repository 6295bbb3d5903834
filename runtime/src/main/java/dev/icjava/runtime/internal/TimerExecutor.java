package dev.icjava.runtime.internal;

import org.teavm.interop.Export;

/**
 * The method that runs one library timer, {@code canister_update <icjava internal> timer}: the
 * canister calls it on itself, one call per timer, with the timer's id (8 bytes, little-endian), so
 * that a timer whose task traps loses only its own message (see {@link TimerQueue}). It is not part
 * of the canister's Candid interface; any caller but the canister itself gets a trap. Compiled into a
 * canister only when it can set a timer: the canister build links {@link #execute()} when {@link
 * TimerQueue#schedule} is reached, and nothing else refers to this class (the queue uses the
 * constant {@link #METHOD}, which the Java compiler copies).
 */
final class TimerExecutor {
  /** The method name, after {@code canister_update} and a space in the export's name. */
  static final String METHOD = "<icjava internal> timer";

  private TimerExecutor() {}

  /** The exported method, inside the same exception-to-trap bridge as every entry point. */
  @Export(name = "canister_update <icjava internal> timer")
  static void execute() {
    EntryPoints.enter();
    try {
      TimerQueue.execute();
    } catch (Throwable t) {
      EntryPoints.uncaught(t);
    }
  }
}
