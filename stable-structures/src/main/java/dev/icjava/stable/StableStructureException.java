package dev.icjava.stable;

import dev.icjava.runtime.CanisterTrap;

/**
 * A stable structure cannot do what was asked: the memory holds something else, a layout version
 * this build does not read, a stored bound other than the {@link Storable}'s, a value outside its
 * bound, or a memory that cannot grow any further. Thrown before anything is written; escaping an
 * entry point, it traps with exactly its message.
 */
public final class StableStructureException extends CanisterTrap {
  private static final long serialVersionUID = 1L;

  /**
   * Refuses with {@code message}, which the trap carries as it is.
   *
   * @param message the trap message
   */
  public StableStructureException(String message) {
    super(message);
  }
}
