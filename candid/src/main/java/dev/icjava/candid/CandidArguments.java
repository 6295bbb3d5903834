package dev.icjava.candid;

import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.Ic0;
import dev.icjava.runtime.Platform;
import dev.icjava.runtime.internal.StringInternals;
import org.teavm.interop.Address;
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

  /** The argument bytes the fast paths read, without allocating: the longest canonical one fits. */
  private static final byte[] SCRATCH = new byte[64];
  /** {@code DIDL 00 00}, little-endian: the empty message. */
  private static final long EMPTY = 'D' | ('I' << 8) | ('D' << 16) | ((long) 'L' << 24);
  private static final long SIX_BYTES = 0xFFFF_FFFF_FFFFL;
  /** {@code DIDL 00 01 68 01}, little-endian: one principal argument, the reference form. */
  private static final long ONE_PRINCIPAL = EMPTY | (1L << 40) | (0x68L << 48) | (1L << 56);
  /** {@code DIDL 00 01 71}, little-endian (seven bytes): one text argument. */
  private static final long ONE_TEXT = EMPTY | (1L << 40) | (0x71L << 48);
  private static final long SEVEN_BYTES = 0xFF_FFFF_FFFF_FFFFL;

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
    if (size == 6 && (copyArgument(6) & SIX_BYTES) == EMPTY) {
      return; // DIDL 00 00, compared in one go
    }
    CandidMessage.parse(SystemApi.msgArgData()).validate();
  }

  /**
   * The bytes of the one {@code principal} argument when the message is exactly {@code DIDL 00 01
   * 68 01}, the length (at most 29) and the bytes, as every Candid library encodes {@code
   * (principal)}; {@code null} otherwise, for the strict reader ({@link #decode}) to read the
   * message or refuse it with its messages. Reads the argument without allocating.
   *
   * @return the principal's bytes, or {@code null}
   */
  public static byte[] principalOnly() {
    int size = SystemApi.msgArgDataSize();
    if (size < 9 || size > 9 + 29 || copyArgument(size) != ONE_PRINCIPAL) {
      return null;
    }
    byte[] b = SCRATCH;
    int n = RawArrays.getByte(b, 8);
    if (size != 9 + n) {
      return null;
    }
    byte[] principal = new byte[n];
    if (Platform.inCanister()) {
      Address.moveMemoryBlock(Address.ofData(b).add(9), Address.ofData(principal), n);
    } else {
      System.arraycopy(b, 9, principal, 0, n);
    }
    return principal;
  }

  /**
   * The one {@code text} argument when the message is exactly {@code DIDL 00 01 71}, a one-byte
   * length and that many ASCII bytes; {@code null} otherwise (longer or non-ASCII text, anything
   * else), for the strict reader ({@link #decode}) to read or refuse.
   *
   * @return the text, or {@code null}
   */
  public static String asciiTextOnly() {
    int size = SystemApi.msgArgDataSize();
    if (size < 8 || size > 8 + 56 || (copyArgument(size) & SEVEN_BYTES) != ONE_TEXT) {
      return null;
    }
    byte[] b = SCRATCH;
    int n = RawArrays.getByte(b, 7);
    if (size != 8 + n) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (RawArrays.getByte(b, 8 + i) < 0) {
        return null;
      }
    }
    return StringInternals.latin1(b, 8, n);
  }

  /**
   * Copies the first {@code size} bytes of the argument (at most 64) into {@link #SCRATCH}; returns
   * its first eight bytes as a little-endian long (bytes past {@code size} are stale: mask them).
   */
  private static long copyArgument(int size) {
    byte[] b = SCRATCH;
    if (Platform.inCanister()) {
      Ic0.msg_arg_data_copy(Address.ofData(b).toInt(), 0, size);
      return Address.ofData(b).getLong();
    }
    byte[] all = SystemApi.msgArgData(); // not reached: SystemApi refuses outside a canister
    System.arraycopy(all, 0, b, 0, size);
    return (RawArrays.getIntLE(b, 0) & 0xFFFF_FFFFL) | ((long) RawArrays.getIntLE(b, 4) << 32);
  }

  /**
   * The argument's values at {@code types}.
   *
   * @param types the expected argument types
   * @return the values, one per type
   */
  public static CandidValue[] decode(CandidType[] types) {
    return CandidMessage.parse(SystemApi.msgArgData()).decode(types);
  }

  /**
   * A {@code nat} or {@code int} value as a {@code long}; traps naming {@code what} when it does
   * not fit.
   *
   * @param v the value
   * @param what the argument's name, for the trap message
   * @return the value as a {@code long}
   */
  public static long longValue(CandidValue v, String what) {
    CandidInteger i = v.integer();
    if (!i.fitsInLong() || (v.type().opcode == CandidType.NAT && i.longValueExact() < 0)) {
      throw tooLarge(what, i);
    }
    return i.longValueExact();
  }

  /**
   * A text value as a string.
   *
   * @param v the value
   * @return the text
   */
  public static String text(CandidValue v) {
    return Utf8.decode(v.textUtf8());
  }

  /**
   * {@code value}, unless it is null: then a trap naming {@code what}, which was required.
   *
   * @param <T> the value's type
   * @param value the value
   * @param what the argument's name, for the trap message
   * @return {@code value}
   */
  public static <T> T present(T value, String what) {
    if (value == null) {
      throw nullValue(what);
    }
    return value;
  }

  /**
   * {@code value}, if it lies in {@code [min, max]}; a trap naming {@code what} and the type
   * otherwise.
   *
   * @param value the value
   * @param min the smallest allowed
   * @param max the largest allowed
   * @param what the argument's name, for the trap message
   * @param type the type's name, for the trap message
   * @return {@code value}
   */
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
