package dev.icjava.testkit;

/**
 * One message the replica executed for a call, in the order it ran: the canister (principal text), the
 * kind of message ({@link MessageKind#UPDATE}, {@link MessageKind#REPLY_CALLBACK}, ...), what ran
 * (the export, or the callback's table index and env), how it ended, and its instructions in both
 * counts (Chicory's raw count and the IC's counter). The management canister's work runs no Wasm and
 * appears as {@code kind} null with zero instructions.
 */
public record Execution(
    String canister, MessageKind kind, String entry, String outcome, long instructions, long icInstructions) {
  @Override
  public String toString() {
    return canister + " " + (kind == null ? "management canister" : kind.name()) + " " + entry + ": " + outcome + " ("
        + instructions + " instructions, " + icInstructions + " IC)";
  }
}
