package dev.icjava.candid;

import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.internal.MessageBuilder;
import org.teavm.interop.StaticInit;

/**
 * A Candid message that cannot be read at the expected types, with the byte offset where reading
 * stopped and the reason. Its message, {@code "Candid: <reason> at byte <offset>"}, is the trap
 * message when it escapes an entry point.
 */
public final class CandidException extends CanisterTrap {
  private static final long serialVersionUID = 1L;
  private static final byte[] CANDID = {'C', 'a', 'n', 'd', 'i', 'd', ':', ' '};
  private static final byte[] AT_BYTE = {' ', 'a', 't', ' ', 'b', 'y', 't', 'e', ' '};

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

  /** What went wrong. */
  private final Kind kind;
  /** Where reading stopped, in bytes from the message's first. */
  private final int offset;
  /** Why, once joined from {@code pieces} (or given whole). */
  private String reason;
  // The pieces of a reason not yet joined: a mismatch under opt (or at an opt field) is caught and
  // the value read as absent, once per element of a vector if need be, so it must cost no string.
  /** The reason's parts not yet joined, or {@code null} when it was given whole. */
  private final Object[] pieces;

  /** A reason known whole (most refusals escape, and a string costs nothing more to keep). */
  CandidException(Kind kind, int offset, String reason) {
    super((String) null); // the message is built only when asked for
    this.kind = kind;
    this.offset = offset;
    this.reason = reason;
    this.pieces = null;
  }

  /** A reason joined from {@code pieces} ({@code String.valueOf} of each) only when asked for. */
  CandidException(Kind kind, int offset, Object... pieces) {
    super((String) null);
    this.kind = kind;
    this.offset = offset;
    this.pieces = pieces;
  }

  /** {@code "Candid: <reason> at byte <offset>"}. */
  @Override
  public String getMessage() {
    return "Candid: " + reason() + " at byte " + offset;
  }

  /** The message as UTF-8, from pre-encoded pieces: the trap message when this escapes an entry point. */
  @Override
  protected byte[] buildMessageUtf8() {
    return new MessageBuilder().append(CANDID).append(reason()).append(AT_BYTE).appendDecimal(offset).toArray();
  }

  /**
   * What went wrong.
   *
   * @return the kind of failure
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The offset in the message, from its first byte ({@code D} of {@code DIDL}).
   *
   * @return the offset, in bytes
   */
  public int offset() {
    return offset;
  }

  /**
   * The reason, without the offset.
   *
   * @return the reason
   */
  public String reason() {
    if (reason == null) {
      StringBuilder b = new StringBuilder();
      for (Object piece : pieces) {
        b.append(piece);
      }
      reason = b.toString();
    }
    return reason;
  }
}
