package dev.icjava.runtime.internal;

import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.Ic0;
import dev.icjava.runtime.SystemApi;


/**
 * How the response to an inter-canister call reaches Java: the callback entry points, and the calls
 * waiting for them.
 *
 * <p>The IC addresses a callback by an index into the module's function table and passes it one
 * value, {@code env} ({@code ic0.call_new}'s {@code reply_fun}/{@code reply_env}, {@code
 * reject_fun}/{@code reject_env}, {@code ic0.call_on_cleanup}'s {@code fun}/{@code env}). The
 * canister build puts three functions in the table, {@link CallbackEntryPoints}' {@code reply},
 * {@code reject} and {@code cleanup}, each of type {@code (env : i32) -> ()}, and compiles {@link
 * #replyFunction()}, {@link #rejectFunction()} and {@link #cleanupFunction()} to their table indices
 * (constants). The {@code env} of a call is a handle to its {@link Continuation} here, on the heap;
 * the entry point takes the continuation out and runs it, inside the same exception-to-trap bridge
 * as every entry point.
 *
 * <p>What the IC guarantees (interface spec, {@code canister-interface.md} "Inter-canister method
 * calls" and {@code abstract-behavior.md} "Callback invocation"):
 *
 * <ul>
 *   <li>A call is sent only if the message that made it ends without trapping: everything the
 *       message did before {@code ic0.call_perform}, and after it, is committed with it, or nothing
 *       is (a trap discards the call too).
 *   <li>Exactly one of the reply and reject callbacks runs, as a new message, later; other messages
 *       (other callers, other callbacks) may run in between and change the state the call was made
 *       from: code after a call must not assume what it read before it still holds.
 *   <li>A trap in a callback rolls back that callback only (not the message that made the call) and
 *       then runs the cleanup callback, whose changes are kept unless it traps too.
 *   <li>Upgrades: the IC delivers responses to calls made before an upgrade to the new module,
 *       through the same table index and {@code env} (the spec's {@code management-canister.md}:
 *       "Some canisters may not be able to make sense of callbacks after upgrades; these should be
 *       stopped first"). The new module's heap holds none of the old continuations, and its table
 *       index may name another function. So that no callback ever runs stale code, every canister
 *       this project builds refuses an upgrade ({@link #beforeUpgrade()}, called first in {@code
 *       canister_pre_upgrade}) while calls are outstanding, unless the canister is stopped, as
 *       Motoko's runtime does (dfinity/motoko {@code src/codegen/compile_enhanced.ml}, {@code
 *       export_upgrade_methods}). A reinstall, or an upgrade with {@code skip_pre_upgrade}, skips
 *       that check: stop the canister first. As defence in depth, a handle from another instance of
 *       the module is refused with a trap (the handle carries the low 16 bits of the canister version
 *       the instance first called at), unless those bits collide.
 * </ul>
 */
public final class Callbacks {
  private static final int SLOT_BITS = 16;
  private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;

  private static Continuation[] slots;
  private static int[] freeSlots;
  private static int freeCount;
  private static int used;
  private static int outstanding;
  private static int instanceTag = -1;

  private Callbacks() {}

  /**
   * The table index of {@code CallbackEntryPoints.reply(env)}; set by the canister build.
   *
   * @return the table index
   */
  public static native int replyFunction();

  /**
   * The table index of {@code CallbackEntryPoints.reject(env)}; set by the canister build.
   *
   * @return the table index
   */
  public static native int rejectFunction();

  /**
   * The table index of {@code CallbackEntryPoints.cleanup(env)}; set by the canister build.
   *
   * @return the table index
   */
  public static native int cleanupFunction();

  /**
   * Keeps {@code continuation} until the response to the call being assembled arrives; returns the
   * {@code env} to pass to {@code ic0.call_new} (both callbacks) and {@code ic0.call_on_cleanup}.
   * If {@code ic0.call_perform} then fails, give it back with {@link #release(int)}.
   *
   * @param continuation what handles the response
   * @return the {@code env} handle
   */
  public static int register(Continuation continuation) {
    if (continuation == null) {
      throw new NullPointerException("continuation");
    }
    if (instanceTag < 0) {
      instanceTag = (int) (SystemApi.canisterVersion() & 0xFFFF);
    }
    int slot;
    if (freeCount > 0) {
      slot = freeSlots[--freeCount];
    } else {
      if (slots == null) {
        slots = new Continuation[8];
        freeSlots = new int[8];
      } else if (used == slots.length) {
        if (used > SLOT_MASK) {
          throw tooManyCalls();
        }
        Continuation[] grown = new Continuation[Math.min(slots.length * 2, SLOT_MASK + 1)];
        System.arraycopy(slots, 0, grown, 0, slots.length);
        slots = grown;
        int[] grownFree = new int[grown.length];
        System.arraycopy(freeSlots, 0, grownFree, 0, freeCount);
        freeSlots = grownFree;
      }
      slot = used++;
    }
    slots[slot] = continuation;
    outstanding++;
    return (instanceTag << SLOT_BITS) | slot;
  }

  /**
   * Gives back the handle of a call that {@code ic0.call_perform} did not send.
   *
   * @param env the handle {@link #register} returned
   */
  public static void release(int env) {
    take(env, true);
  }

  /**
   * Calls sent whose response has not been handled yet.
   *
   * @return the number of calls outstanding
   */
  public static int outstanding() {
    return outstanding;
  }

  /**
   * Refuses an upgrade while calls are outstanding, unless the canister is stopped (then none is: a
   * stopped canister has no open call context). Called first in {@code canister_pre_upgrade} by
   * every canister the project builds; see the class comment.
   */
  public static void beforeUpgrade() {
    if (outstanding != 0 && Ic0.canister_status() != 3) {
      throw SystemApi.trap(
          "Upgrade refused: inter-canister calls are outstanding, and the IC would deliver their responses"
              + " to the new module (stop the canister before upgrading)");
    }
  }

  /** Takes the continuation of {@code env} out; null (lenient) or a trap when there is none. */
  static Continuation take(int env, boolean lenient) {
    int slot = env & SLOT_MASK;
    Continuation c = null;
    if ((env >>> SLOT_BITS) == instanceTag && slots != null && slot < used) {
      c = slots[slot];
    }
    if (c == null) {
      if (lenient) {
        return null;
      }
      throw unknownHandle(env);
    }
    slots[slot] = null;
    freeSlots[freeCount++] = slot;
    outstanding--;
    return c;
  }

  private static CanisterTrap unknownHandle(int env) {
    return SystemApi.trap(
        "No call is waiting for this response (callback handle "
            + env
            + "): it was made by another instance of the module, before an upgrade or reinstall");
  }

  private static CanisterTrap tooManyCalls() {
    return SystemApi.trap("More than " + (SLOT_MASK + 1) + " inter-canister calls outstanding");
  }
}
