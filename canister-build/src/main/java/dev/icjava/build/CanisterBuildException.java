package dev.icjava.build;

import dev.icjava.build.wasm.Violation;
import java.util.List;

/** The canister could not be built: TeaVM reported errors, or the module breaks an IC rule. */
public final class CanisterBuildException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  /**
   * A failed build, with no IC rule broken.
   *
   * @param message why the build failed
   */
  public CanisterBuildException(String message) {
    super(message);
    this.violations = List.of();
  }

  /**
   * A failed build caused by {@code cause}.
   *
   * @param message why the build failed
   * @param cause the underlying failure
   */
  public CanisterBuildException(String message, Throwable cause) {
    super(message, cause);
    this.violations = List.of();
  }

  /**
   * A module that breaks these IC rules.
   *
   * @param message why the build failed
   * @param violations the IC rules broken
   */
  public CanisterBuildException(String message, List<Violation> violations) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  /**
   * The IC rules the module broke, when that is why the build failed.
   *
   * @return the rules broken; empty when the build failed for another reason
   */
  public List<Violation> violations() {
    return violations;
  }
}
