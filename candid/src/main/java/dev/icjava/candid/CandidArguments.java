package dev.icjava.candid;

import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.internal.RawArrays;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.StaticInit;

/**
 * What the code the canister build generates for typed entry points calls: the argument decoded at
 * the declared types by the strict reader (the spec's subtyping: extra arguments and fields skipped,
 * missing {@code opt} fields read as null, {@code nat} read as {@code int}), and the conversions
 * that can fail, each trapping with a message that names the parameter and the value. Not meant to
 * be called by hand.
 */
@StaticInit
public final class CandidArguments {
  /**
   * The largest argument a method without parameters reads (64 KiB): it only validates and skips
   * what it gets, and a larger one is refused before it is copied into the heap (an ingress message
   * may carry 2 MiB, more than the heap a canister starts with).
   */
  public static final int MAX_UNREAD_ARGUMENT_BYTES = 65_536;

  private static final byte[] SCRATCH = new byte[6];
  private static final int DIDL = 'D' | ('I' << 8) | ('D' << 16) | ('L' << 24);

  private CandidArguments() {}

  /**
   * Checks the argument of a method without parameters: {@code DIDL 00 00}, checked without
   * allocating, or any valid message of at most {@link #MAX_UNREAD_ARGUMENT_BYTES} (extra arguments
   * are allowed, and read through).
   */
  public static void none() {
    int size = SystemApi.msgArgDataSize();
    if (size > MAX_UNREAD_ARGUMENT_BYTES) {
      throw unreadTooLarge(size);
    }
    if (size == 6) {
      byte[] b = SCRATCH;
      SystemApi.msgArgDataInto(b);
      if (RawArrays.getIntLE(b, 0) == DIDL && RawArrays.getByte(b, 4) == 0 && RawArrays.getByte(b, 5) == 0) {
        return;
      }
    }
    CandidMessage.parse(SystemApi.msgArgData()).validate();
  }

  /** The argument's values at {@code types}. */
  public static CandidValue[] decode(CandidType[] types) {
    return CandidMessage.parse(SystemApi.msgArgData()).decode(types);
  }

  /** A {@code nat} or {@code int} value as a {@code long}; traps naming {@code what} when it does not fit. */
  public static long longValue(CandidValue v, String what) {
    CandidInteger i = v.integer();
    if (!i.fitsInLong() || (v.type().opcode == CandidType.NAT && i.longValueExact() < 0)) {
      throw tooLarge(what, i);
    }
    return i.longValueExact();
  }

  /** A text value as a string. */
  public static String text(CandidValue v) {
    return Utf8.decode(v.textUtf8());
  }

  /** {@code value}, unless it is null: then a trap naming {@code what}, which was required. */
  public static <T> T present(T value, String what) {
    if (value == null) {
      throw nullValue(what);
    }
    return value;
  }

  /** {@code value}, if it lies in {@code [min, max]}; a trap naming {@code what} and the type otherwise. */
  public static long inRange(long value, long min, long max, String what, String type) {
    if (value < min || value > max) {
      throw outOfRange(what, value, type);
    }
    return value;
  }

  private static CanisterTrap unreadTooLarge(int size) {
    return new CanisterTrap("Candid: an argument of " + size + " bytes; this method takes none and reads at most "
        + MAX_UNREAD_ARGUMENT_BYTES + ".");
  }

  private static CanisterTrap tooLarge(String what, CandidInteger i) {
    return new CanisterTrap("Candid: " + what + " does not fit a Java long (" + i.magnitude().length + " bytes)");
  }

  private static CanisterTrap nullValue(String what) {
    return new CanisterTrap(what + " is null; Candid has no null here (use Optional for opt)");
  }

  private static CanisterTrap outOfRange(String what, long value, String type) {
    return new CanisterTrap(what + " is " + value + ", which does not fit " + type);
  }
}
