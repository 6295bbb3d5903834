package dev.icjava.testkit;

/** Stops execution when a message passes its instruction limit. */
final class InstructionLimitExceeded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InstructionLimitExceeded() {
    super(null, null, false, false);
  }
}
