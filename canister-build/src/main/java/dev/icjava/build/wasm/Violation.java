package dev.icjava.build.wasm;

/**
 * One way a module breaks a rule the IC enforces at install: {@code rule} is a stable identifier
 * (for tests and tooling), {@code item} names the offending import, export, section or function,
 * and {@code message} says what is wrong in words.
 */
public record Violation(String rule, String item, String message) {
  @Override
  public String toString() {
    return "[" + rule + "] " + item + ": " + message;
  }
}
