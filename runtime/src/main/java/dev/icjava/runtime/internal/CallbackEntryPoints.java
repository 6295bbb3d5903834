package dev.icjava.runtime.internal;

import dev.icjava.runtime.SystemApi;
import org.teavm.interop.Export;

/**
 * The callback entry points of inter-canister calls: functions of type {@code (env : i32) -> ()} the
 * canister build puts in the module's table, whose indices {@link Callbacks#replyFunction()} and its
 * siblings name. The IC calls them when a response arrives (see {@link Callbacks}); Java never does.
 * They are compiled into a canister only when it makes calls.
 *
 * <p>Their {@code @Export}s only keep Binaryen's {@code wasm-opt} from emptying them (it cannot see
 * that the IC calls table functions); the build drops those exports from the module it writes.
 */
final class CallbackEntryPoints {
  private CallbackEntryPoints() {}

  /** The reply callback: {@code (env : i32) -> ()}, called by the IC, never by Java. */
  @Export(name = "icjava:callback:reply")
  static void reply(int env) {
    EntryPoints.enter();
    try {
      Callbacks.take(env, false).onReply();
    } catch (Throwable t) {
      EntryPoints.uncaught(t);
    }
  }

  /** The reject callback: {@code (env : i32) -> ()}, called by the IC, never by Java. */
  @Export(name = "icjava:callback:reject")
  static void reject(int env) {
    EntryPoints.enter();
    try {
      Callbacks.take(env, false).onReject();
    } catch (Throwable t) {
      EntryPoints.uncaught(t);
    }
  }

  /**
   * The cleanup callback: {@code (env : i32) -> ()}, called by the IC after the reply or reject
   * callback trapped (their changes, the freeing of the handle among them, were rolled back). Frees
   * the handle; an exception that escapes the continuation's cleanup is logged, not thrown, so that
   * the handle stays freed (a trap here would discard that too).
   */
  @Export(name = "icjava:callback:cleanup")
  static void cleanup(int env) {
    EntryPoints.enter();
    Continuation c = Callbacks.take(env, true);
    if (c == null) {
      return;
    }
    try {
      c.onCleanup();
    } catch (Throwable t) {
      SystemApi.debugPrint("cleanup of an inter-canister call failed: " + EntryPoints.describe(t));
    }
  }

}
