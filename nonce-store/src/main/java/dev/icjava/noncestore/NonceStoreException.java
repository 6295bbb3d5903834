package dev.icjava.noncestore;

import dev.icjava.runtime.CanisterTrap;

/**
 * The nonce store cannot do what was asked: full, a caller over its cap, or stable memory that is
 * not a nonce store this build can read. Escaping an entry point, it traps with exactly its message.
 */
public final class NonceStoreException extends CanisterTrap {
  private static final long serialVersionUID = 1L;

  /**
   * Refuses with {@code message}, which the trap carries as it is.
   *
   * @param message the trap message
   */
  public NonceStoreException(String message) {
    super(message);
  }

  /**
   * With the message already UTF-8 (see {@code MessageBuilder}).
   *
   * @param utf8Message the trap message, as UTF-8
   */
  public NonceStoreException(byte[] utf8Message) {
    super(utf8Message);
  }
}
