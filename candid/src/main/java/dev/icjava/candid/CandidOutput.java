package dev.icjava.candid;

import dev.icjava.runtime.Platform;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.AsciiTexts;
import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.Address;
import org.teavm.interop.StaticInit;

/**
 * The reply that the code generated for typed entry points writes: a header of constant bytes
 * ({@code DIDL}, the type table and the argument types, computed once per method by {@link
 * CandidWriter#header}), then the values, appended in the order the types give, straight into one
 * buffer that every reply reuses. Not for hand-written code: unlike {@link CandidWriter}, it does
 * not follow the types, so only code generated from them writes a valid message with it. What can
 * still go wrong with a Java value (a negative {@code nat}, a principal longer than 29 bytes) is
 * refused here with the writer's messages.
 *
 * <p>One reply at a time (a canister runs one message at a time, and the generated code writes a
 * reply from {@link #begin} to {@link #reply} without giving control to the canister's own code).
 * The buffer is made when the module is instantiated ({@code @StaticInit}) and kept while it stays
 * at most {@value #KEPT_BYTES} bytes, so the common replies allocate nothing: a query's changes are
 * discarded, its writes into the buffer included, and the buffer is still there for the next one.
 */
@StaticInit
public final class CandidOutput {
  /** The largest buffer kept for the next reply. */
  static final int KEPT_BYTES = 64 * 1024;

  private static final int MAX_PRINCIPAL_BYTES = 29;

  /** The header of {@code (text)}: no type definitions, one argument of type {@code text}. */
  public static final byte[] TEXT = {'D', 'I', 'D', 'L', 0, 1, (byte) (CandidType.TEXT & 0x7F)};
  /** The header of {@code (blob)}: one definition, {@code vec nat8}, and one argument of it. */
  public static final byte[] BLOB =
      {'D', 'I', 'D', 'L', 1, (byte) (CandidType.VEC & 0x7F), (byte) (CandidType.NAT8 & 0x7F), 1, 0};

  private static byte[] kept = new byte[1024];
  private static byte[] buffer = kept;
  private static int length;

  private CandidOutput() {}

  /**
   * The header bytes of a message of {@code types} ({@code DIDL}, the type table, the argument
   * types): what {@link #begin} takes, computed once (in a {@code @StaticInit} class).
   *
   * @param types the argument types
   * @return the header bytes
   */
  public static byte[] header(CandidType... types) {
    return TypeTableEncoder.encode(types.clone());
  }

  /**
   * Starts a reply with these header bytes.
   *
   * @param header header bytes from {@link #header}
   */
  public static void begin(byte[] header) {
    byte[] b = kept;
    int n = header.length;
    if (n > b.length) {
      b = new byte[n + 64];
    }
    copy(header, b, 0, n);
    buffer = b;
    length = n;
  }

  /** {@code to[at..at+n) = from[0..n)}, ranges checked by the caller: one {@code memory.copy} in a canister. */
  private static void copy(byte[] from, byte[] to, int at, int n) {
    if (Platform.inCanister()) {
      Address.moveMemoryBlock(Address.ofData(from), Address.ofData(to).add(at), n);
    } else {
      System.arraycopy(from, 0, to, at, n);
    }
  }

  /** {@code DIDL 00 01 71}, little-endian: the header of {@code (text)}, its length to go in the top byte. */
  private static final long TEXT_HEADER = 'D' | 'I' << 8 | 'D' << 16 | (long) 'L' << 24 | 1L << 40 | 0x71L << 48;

  /**
   * Replies {@code (text)} with {@code s} when its ASCII bytes are remembered ({@link AsciiTexts}:
   * a principal's text, such a text joined with a literal) and it is shorter than 128 characters:
   * the header and the length in one 64-bit store, then one copy of the bytes, straight into the
   * kept buffer. Returns false, having written nothing, otherwise.
   *
   * @param s the text
   * @return whether it replied
   */
  public static boolean replyRememberedText(String s) {
    byte[] known = AsciiTexts.of(s);
    if (known == null || !Platform.inCanister()) {
      return false;
    }
    int n = s.length();
    byte[] b = kept;
    if (n >= 128 || 8 + n > b.length) {
      return false;
    }
    Address at = Address.ofData(b);
    at.putLong(TEXT_HEADER | (long) n << 56);
    Address.moveMemoryBlock(Address.ofData(known), at.add(8), n);
    SystemApi.msgReply(b, 8 + n);
    return true;
  }

  /** Sends the reply ({@code ic0.msg_reply}) from the buffer. */
  public static void reply() {
    byte[] b = buffer;
    int n = length;
    if (b.length <= KEPT_BYTES) {
      kept = b;
    }
    SystemApi.msgReply(b, n);
  }

  /**
   * The message written since {@link #begin}, as a new array, instead of replying with it: what the
   * code the canister build generates for {@code Storable.candid} stores (stable-structures). The
   * buffer is then free for the next message.
   */
  public static byte[] bytes() {
    return message();
  }

  /** The bytes written since {@link #begin}: for tests. */
  static byte[] message() {
    byte[] out = new byte[length];
    System.arraycopy(buffer, 0, out, 0, length);
    return out;
  }

  /**
   * One byte: an {@code opt}'s flag, a {@code bool}, a {@code nat8}.
   *
   * @param value the byte, 0 to 255
   */
  public static void put(int value) {
    ensure(1);
    buffer[length++] = (byte) value;
  }

  /**
   * Unsigned LEB128: a length, a variant's index, a {@code nat} the caller has checked is not
   * negative.
   *
   * @param value the value, read as unsigned
   */
  public static void leb(long value) {
    if ((value & ~0x7FL) == 0 && length < buffer.length) { // one byte: tags, short lengths
      buffer[length++] = (byte) value;
      return;
    }
    ensure(10);
    length = Leb128.write(buffer, length, value, false);
  }

  /**
   * A {@code nat}; refuses a negative value.
   *
   * @param value the value, 0 or more
   */
  public static void nat(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("nat " + value + " is negative");
    }
    leb(value);
  }

  /**
   * An {@code int}: signed LEB128.
   *
   * @param value the value
   */
  public static void integer(long value) {
    ensure(10);
    length = Leb128.write(buffer, length, value, true);
  }

  /**
   * A {@code nat} of any size; refuses a negative value.
   *
   * @param value the value, 0 or more
   */
  public static void nat(CandidInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("nat " + value + " is negative");
    }
    if (value.fitsInLong()) {
      leb(value.longValueExact());
    } else {
      big(value.magnitude(), false, false);
    }
  }

  /**
   * An {@code int} of any size.
   *
   * @param value the value
   */
  public static void integer(CandidInteger value) {
    if (value.fitsInLong()) {
      integer(value.longValueExact());
    } else {
      big(value.magnitude(), true, value.signum() < 0);
    }
  }

  private static void big(byte[] magnitude, boolean signed, boolean negative) {
    ensure(Leb128.bigSizeBound(magnitude.length));
    length = Leb128.writeBig(buffer, length, magnitude, signed, negative);
  }

  /**
   * The low {@code width} bytes of {@code value}, little-endian: a fixed-width integer the caller
   * has range-checked.
   *
   * @param value the value
   * @param width its size, in bytes
   */
  public static void fixed(long value, int width) {
    ensure(width);
    byte[] b = buffer;
    int o = length;
    for (int i = 0; i < width; i++) {
      b[o + i] = (byte) (value >>> (8 * i));
    }
    length = o + width;
  }

  /**
   * A {@code bool}: one byte, 0 or 1.
   *
   * @param value the value
   */
  public static void bool(boolean value) {
    put(value ? 1 : 0);
  }

  /**
   * A {@code float32}: its IEEE 754 bits, little-endian.
   *
   * @param value the value
   */
  public static void float32(float value) {
    fixed(Float.floatToRawIntBits(value), 4);
  }

  /**
   * A {@code float64}: its IEEE 754 bits, little-endian.
   *
   * @param value the value
   */
  public static void float64(double value) {
    fixed(Double.doubleToRawLongBits(value), 8);
  }

  /**
   * A {@code text}: its UTF-8 length, then the bytes, written straight from the string's
   * characters (one pass when it is ASCII); each unpaired surrogate becomes U+FFFD, as in {@link
   * Utf8#encode(String)}.
   *
   * @param value the text
   */
  public static void text(String value) {
    byte[] known = AsciiTexts.of(value);
    if (known != null) { // the same bytes as a blob's: length, then the ASCII text
      int n = value.length();
      if (n < 128 && length + 1 + n <= buffer.length) { // a principal's text, a short prefix and one
        byte[] b = buffer;
        int at = length;
        b[at] = (byte) n;
        copy(known, b, at + 1, n);
        length = at + 1 + n;
      } else {
        bytes(known, n);
      }
      return;
    }
    int n = value.length();
    int lebSize = n < 128 ? 1 : Leb128.size(n);
    ensure(lebSize + n);
    int at = length;
    if (Utf8.encodeAscii(value, buffer, at + lebSize) == n) {
      Leb128.write(buffer, at, n);
      length = at + lebSize + n;
      return;
    }
    int utf8 = Utf8.encodedLength(value);
    lebSize = Leb128.size(utf8);
    ensure(lebSize + utf8);
    Leb128.write(buffer, at, utf8);
    Utf8.encodeInto(value, utf8, buffer, at + lebSize);
    length = at + lebSize + utf8;
  }

  /**
   * A {@code blob} ({@code vec nat8}): its length, then the bytes.
   *
   * @param value the bytes
   */
  public static void blob(byte[] value) {
    bytes(value, value.length);
  }

  /** The length {@code n}, then the first {@code n} bytes of {@code value}. */
  private static void bytes(byte[] value, int n) {
    ensure(5 + n);
    int at = Leb128.write(buffer, length, n);
    copy(value, buffer, at, n);
    length = at + n;
  }

  /**
   * A {@code principal}: {@code 01}, its length and bytes; at most 29 bytes.
   *
   * @param value the principal's bytes
   */
  public static void principal(byte[] value) {
    if (value.length > MAX_PRINCIPAL_BYTES) {
      throw new IllegalArgumentException("principal of " + value.length + " bytes; at most " + MAX_PRINCIPAL_BYTES);
    }
    put(1);
    blob(value);
  }

  private static void ensure(int more) {
    byte[] b = buffer;
    if (length + more > b.length) {
      byte[] grown = new byte[Math.max(b.length * 2, length + more)];
      System.arraycopy(b, 0, grown, 0, length);
      buffer = grown;
    }
  }
}
