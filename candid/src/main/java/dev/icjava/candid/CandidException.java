package dev.icjava.candid;

import org.teavm.interop.StaticInit;
import dev.icjava.runtime.CanisterTrap;

/**
 * A Candid message that cannot be read at the expected types, with the byte offset where reading
 * stopped and the reason. Its message, {@code "Candid: <reason> at byte <offset>"}, is the trap
 * message when it escapes an entry point.
 */
public final class CandidException extends CanisterTrap {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  @StaticInit // constants built at instantiation, not inside the first call that names one
  public enum Kind {
    /** The bytes break the binary format: the message is invalid whatever the expected type. */
    MALFORMED,
    /** The message is well formed, but a value does not coerce to the expected type. */
    MISMATCH,
    /** Reading would exceed a {@link CandidLimits limit}: too deep, or too much work for its size. */
    LIMIT
  }

  private final Kind kind;
  private final int offset;
  private final String reason;

  CandidException(Kind kind, int offset, String reason) {
    super("Candid: " + reason + " at byte " + offset);
    this.kind = kind;
    this.offset = offset;
    this.reason = reason;
  }

  public Kind kind() {
    return kind;
  }

  /** The offset in the message, from its first byte ({@code D} of {@code DIDL}). */
  public int offset() {
    return offset;
  }

  /** The reason, without the offset. */
  public String reason() {
    return reason;
  }
}
