package dev.icjava.fuzz;

/** What every fuzz target demands of a refusal: the library's own exception, with a message. */
final class Outcomes {
  private Outcomes() {}

  static void requireMessage(RuntimeException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      throw new AssertionError("a refusal without a message: " + e.getClass().getName(), e);
    }
  }
}
