package dev.icjava.runtime;

import dev.icjava.runtime.internal.MessageBuilder;
import dev.icjava.runtime.internal.Utf8;

/**
 * What {@link SystemApi#trap(String)} is typed to return, so that callers write {@code throw
 * SystemApi.trap("...")} and the compiler knows control ends there; {@code SystemApi.trap} itself
 * never returns one (in a canister {@code ic0.trap} ends the message; on a JVM it throws {@link
 * MessageTrapped}).
 *
 * <p>Libraries extend it for failures whose message is the whole story (a malformed Candid message,
 * an untrusted attribute signer, a consumed nonce): such an exception escaping an entry point traps
 * with exactly its message, without the {@code "Uncaught <class>"} prefix other exceptions get, and
 * JVM tests can still catch it by type.
 */
public class CanisterTrap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message already encoded as UTF-8, or {@code null} when it was given as a string. */
  private byte[] utf8;

  /**
   * A trap whose message is {@code message}, encoded as UTF-8 when the trap is raised.
   *
   * @param message the trap message
   */
  public CanisterTrap(String message) {
    super(message, null, false, false);
  }

  /**
   * A trap whose message is already UTF-8 (see {@link MessageBuilder}): the entry-point bridge
   * passes these bytes to {@code ic0.trap} as they are, and {@link #getMessage()} decodes them only
   * when asked (on a JVM).
   *
   * @param utf8Message the trap message, as UTF-8 (not copied)
   */
  public CanisterTrap(byte[] utf8Message) {
    super(null, null, false, false);
    this.utf8 = utf8Message;
  }

  @Override
  public String getMessage() {
    if (utf8 != null) {
      String s = Utf8.decode(utf8);
      return s == null ? "(invalid UTF-8 trap message)" : s;
    }
    return super.getMessage();
  }

  /**
   * The message as UTF-8.
   *
   * @return the message, as UTF-8
   */
  public final byte[] messageUtf8() {
    // final and small, so the entry-point bridge calls it directly (or inlines it)
    return utf8 != null ? utf8 : buildMessageUtf8();
  }

  /**
   * The message as UTF-8 when it was not given as UTF-8: the string message encoded, or, in a
   * subclass constructed without a message, the message it builds only when asked (for failures
   * that are often caught and never printed).
   *
   * @return the message, as UTF-8
   */
  protected byte[] buildMessageUtf8() {
    return Utf8.encode(String.valueOf(super.getMessage()), SystemApi.MAX_MESSAGE_BYTES);
  }
}
