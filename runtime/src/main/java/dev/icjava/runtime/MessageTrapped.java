package dev.icjava.runtime;

/**
 * What {@link SystemApi#trap(String)} throws on a JVM, where no message can end: in a canister the
 * same call never returns ({@code ic0.trap} ends the message and the IC rolls it back), and nothing in
 * the canister can catch it.
 *
 * <p>It is an {@link Error}, so that the handlers canister code writes, {@code catch (CanisterTrap
 * e)}, {@code catch (RuntimeException e)} or {@code catch (Exception e)}, let it through on the JVM
 * exactly as they let {@code ic0.trap} through in a canister: a unit test that passes on the JVM
 * does not pass because it caught a trap the IC would not let it catch. The one difference left is
 * {@code catch (Error e)} and {@code catch (Throwable e)}, which catch this on the JVM; in a
 * canister the message has ended before any handler runs. Do not catch either around code that may
 * trap.
 *
 * <p>Tests assert on it: {@code assertThrows(MessageTrapped.class, () -> Auth.requireAuth(
 * anonymous)).getMessage()} is the trap message.
 */
public final class MessageTrapped extends Error {
  private static final long serialVersionUID = 1L;

  /**
   * The trap {@code ic0.trap} would have raised with {@code message} in a canister.
   *
   * @param message the trap message
   */
  public MessageTrapped(String message) {
    super(message, null, false, false);
  }
}
