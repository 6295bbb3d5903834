package dev.icjava.runtime.internal;

import dev.icjava.runtime.SystemApi;

/**
 * What runs when the response to an inter-canister call arrives: registered with {@link
 * Callbacks#register}, called by the IC through the callback entry points the canister build puts in
 * the module's table. Each method runs as a message of its own, in the call context of the message
 * that made the call (the caller it sees is that message's caller).
 *
 * <p>This is the layer the {@code calls} module builds its API on; canister code uses that API
 * ({@code dev.icjava.calls.Call}), not this interface.
 */
public interface Continuation {
  /**
   * The callee replied: read its reply with {@link SystemApi#msgArgData()}. Runs in the spec's reply
   * callback context ({@code Ry}); it may reply to its own caller and make further calls. An
   * exception that escapes traps: the IC rolls back what this method changed and runs {@link
   * #onCleanup()}.
   */
  void onReply();

  /**
   * The call was rejected, by the callee or by the system: {@link SystemApi#msgRejectCode()}, {@link
   * SystemApi#msgRejectMsg()}. Runs in the reject callback context ({@code Rt}); otherwise as {@link
   * #onReply()}.
   */
  void onReject();

  /**
   * {@link #onReply()} or {@link #onReject()} trapped: their changes are gone, and this runs instead,
   * in the cleanup context ({@code C}), which may not reply or call; its own changes are kept unless
   * it traps too. Free what the call held here.
   */
  void onCleanup();
}
