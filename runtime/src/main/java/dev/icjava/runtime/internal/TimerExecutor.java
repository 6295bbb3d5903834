package dev.icjava.runtime.internal;

import org.teavm.interop.Export;

/**
 * The method that runs one library timer, {@code canister_update <icjava internal> timer}: the
 * canister calls it on itself, one call per timer, with the timer's id (8 bytes, little-endian), so
 * that a timer whose task traps loses only its own message (see {@link TimerQueue}). It is not part
 * of the canister's Candid interface; any caller but the canister itself gets a trap. Compiled into a
 * canister only when it sets a timer: the queue reaches this class ({@link #methodName()}), and TeaVM
 * then compiles its export.
 */
final class TimerExecutor {
  /** The method name, after {@code canister_update} and a space in the export's name. */
  static final String METHOD = "<icjava internal> timer";

  private TimerExecutor() {}

  /** {@link #METHOD} in UTF-8, for {@code ic0.call_new}. */
  static byte[] methodName() {
    return Utf8.encode(METHOD);
  }

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
