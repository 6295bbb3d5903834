package dev.icjava.noncestore;

import dev.icjava.callerauth.Principal;

/**
 * What the store holds about one nonce, for operators: its owner (none for an unbound nonce), the
 * hash of its action, when it expires, and whether it was consumed. (A plain class: TeaVM 0.13.1 does not compile records'
 * generated methods.)
 */
public final class NonceInfo {
  private final Principal owner;
  private final int actionHash;
  private final long expiresAtNanos;
  private final boolean consumed;

  NonceInfo(Principal owner, int actionHash, long expiresAtNanos, boolean consumed) {
    this.owner = owner;
    this.actionHash = actionHash;
    this.expiresAtNanos = expiresAtNanos;
    this.consumed = consumed;
  }

  /**
   * The caller a bound nonce was minted for; {@code null} for an unbound nonce.
   *
   * @return the owner, or {@code null}
   */
  public Principal owner() {
    return owner;
  }

  /**
   * Whether only {@link #owner()} may consume it.
   *
   * @return whether the nonce is bound
   */
  public boolean bound() {
    return owner != null;
  }

  /**
   * {@link NonceStore#actionHash(String)} of the action it was minted for.
   *
   * @return the action's hash
   */
  public int actionHash() {
    return actionHash;
  }

  /**
   * When it expires: IC time ({@code ic0.time}), nanoseconds since the Unix epoch.
   *
   * @return the expiry, in nanoseconds since 1970
   */
  public long expiresAtNanos() {
    return expiresAtNanos;
  }

  /**
   * Whether it was consumed (a consumed nonce is kept until it expires, so a replay is refused).
   *
   * @return whether it was consumed
   */
  public boolean consumed() {
    return consumed;
  }
}
