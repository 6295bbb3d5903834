package dev.icjava.testkit;

import dev.icjava.build.wasm.Violation;
import java.util.List;

/** Install or upgrade failed: the module breaks an IC rule, or its start, init or upgrade hooks trapped. */
public final class CanisterInstallException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  /**
   * A failed install or upgrade: {@code message} says why, {@code violations} lists the IC rules
   * the module breaks (empty when a hook trapped).
   *
   * @param message why it failed
   * @param violations the IC rules broken
   */
  public CanisterInstallException(String message, List<Violation> violations) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  /**
   * The IC rules the module breaks; empty when a hook trapped instead.
   *
   * @return the rules broken
   */
  public List<Violation> violations() {
    return violations;
  }
}
