package dev.icjava.callerauth;

/** A principal's text or bytes break a rule of the format; {@link #reason()} says which. */
public final class PrincipalFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rule that failed. */
  public enum Reason {
    /** A character outside lowercase base32 ({@code a-z}, {@code 2-7}) and the dash. */
    CHARACTER,
    /** Not groups of five characters joined by single dashes. */
    GROUPING,
    /** Not a checksum plus 0 to 29 bytes, or non-zero padding bits. */
    LENGTH,
    /** The CRC-32 does not match the bytes. */
    CHECKSUM
  }

  private final Reason reason;

  public PrincipalFormatException(Reason reason, String message) {
    super("invalid principal (" + reason.name().toLowerCase(java.util.Locale.ROOT) + "): " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
