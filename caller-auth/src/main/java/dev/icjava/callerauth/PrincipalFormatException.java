package dev.icjava.callerauth;

import org.teavm.interop.StaticInit;

/** A principal's text or bytes break a rule of the format; {@link #reason()} says which. */
public final class PrincipalFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rule that failed. */
  @StaticInit // constants built at instantiation, not inside the first call that names one
  public enum Reason {
    /** A character outside lowercase base32 ({@code a-z}, {@code 2-7}) and the dash. */
    CHARACTER("character"),
    /** Not groups of five characters joined by single dashes. */
    GROUPING("grouping"),
    /** Not a checksum plus 0 to 29 bytes, or non-zero padding bits. */
    LENGTH("length"),
    /** The CRC-32 does not match the bytes. */
    CHECKSUM("checksum");

    // Spelled out: String.toLowerCase would pull Unicode case tables into every module.
    private final String word;

    Reason(String word) {
      this.word = word;
    }

    /**
     * The rule's name in lower case, as messages print it.
     *
     * @return the rule's name
     */
    public String word() {
      return word;
    }
  }

  /** The rule that failed. */
  private final Reason reason;

  /**
   * A principal that breaks {@code reason}; {@code message} says where (it follows the reason's
   * word in {@link #getMessage()}).
   *
   * @param reason the rule the principal breaks
   * @param message where it breaks it
   */
  public PrincipalFormatException(Reason reason, String message) {
    super("invalid principal (" + reason.word() + "): " + message);
    this.reason = reason;
  }

  /**
   * The rule that failed.
   *
   * @return the rule that failed
   */
  public Reason reason() {
    return reason;
  }
}
