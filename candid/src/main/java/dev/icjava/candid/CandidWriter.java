package dev.icjava.candid;

import static dev.icjava.candid.CandidType.BOOL;
import static dev.icjava.candid.CandidType.FLOAT32;
import static dev.icjava.candid.CandidType.FLOAT64;
import static dev.icjava.candid.CandidType.INT;
import static dev.icjava.candid.CandidType.INT16;
import static dev.icjava.candid.CandidType.INT32;
import static dev.icjava.candid.CandidType.INT64;
import static dev.icjava.candid.CandidType.INT8;
import static dev.icjava.candid.CandidType.NAT;
import static dev.icjava.candid.CandidType.NAT16;
import static dev.icjava.candid.CandidType.NAT32;
import static dev.icjava.candid.CandidType.NAT64;
import static dev.icjava.candid.CandidType.NAT8;
import static dev.icjava.candid.CandidType.NULL;
import static dev.icjava.candid.CandidType.OPT;
import static dev.icjava.candid.CandidType.PRINCIPAL;
import static dev.icjava.candid.CandidType.RECORD;
import static dev.icjava.candid.CandidType.RESERVED;
import static dev.icjava.candid.CandidType.TEXT;
import static dev.icjava.candid.CandidType.VARIANT;
import static dev.icjava.candid.CandidType.VEC;

import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;

/**
 * Writes one Candid message: {@code DIDL}, the type table of the given argument types, then the
 * values, each checked against the type expected at that point. Values are written in order, depth
 * first; composite values open with a call that says how many parts follow:
 *
 * <pre>{@code
 * // (opt record { name : text; age : nat8 }, vec text)
 * CandidWriter w = new CandidWriter(CandidWriter.header(profileType, CandidType.vec(CandidType.text())));
 * w.some().record().text("alice").fixed(42);   // fields in the type's order (by field id)
 * w.vec(2).text("a").text("b");
 * SystemApi.msgReply(w.toMessage());
 * }</pre>
 *
 * <p>Record fields are written in the order of the {@link CandidType} (by field id, as the binary
 * format orders them: {@link CandidType#fieldIndex(String)} gives a name's position); a variant
 * value is its tag's position in that order, then its payload, which is written automatically when
 * the payload type is {@code null}. A value that does not fit the expected type is refused with
 * {@link IllegalArgumentException} (a negative {@code nat}, 300 as {@code nat8}, a 30-byte
 * principal, a text where a record is expected), so the writer never emits a message that a strict
 * reader refuses. {@link #toMessage()} refuses a message whose values are incomplete.
 *
 * <p>{@link CandidHeader} is the type table, computed once per set of types: build it in a {@code
 * StaticInit} class (a query's changes are discarded, lazy initialisation included). The lone
 * {@code (text)} and {@code (blob)} replies are {@link CandidReply}'s: this writer's header of that
 * type and its LEB128 routine, without a writer object ({@link #textMessage(String)} and {@link
 * #blobMessage(byte[])} are those; the tests compare them with the writer's own output).
 *
 * <p>Compiles under TeaVM: no reflection, no {@code BigInteger} ({@link CandidInteger} carries
 * {@code nat} and {@code int} of any size).
 */
public final class CandidWriter {
  private static final int MAX_PRINCIPAL_BYTES = 29;

  private final CandidHeader header;
  private byte[] buffer;
  private int length;
  private int argument;
  // The type of the one value that completes an opt or a variant value just opened: an opt's
  // content or a variant's payload is a single value, so it needs no frame.
  private CandidType pending;
  // The records and vectors being written (allocated at the first): their types, and per frame
  // the next field's position (records) and how many parts are still to be written.
  private CandidType[] frames;
  private int[] counters;
  private int depth;

  /**
   * A writer of a message of these argument types (the header is computed now).
   *
   * @param types the argument types
   */
  public CandidWriter(CandidType... types) {
    this(header(types));
  }

  /**
   * A writer of a message with this header: the types' table computed once, elsewhere. The writer
   * takes the header's buffer until {@link #toMessage()} or {@link #reply()}.
   *
   * @param header the header
   */
  public CandidWriter(CandidHeader header) {
    this.header = header;
    this.buffer = header.take();
    this.length = header.bytes.length;
  }

  /**
   * The type table and argument types of a message of {@code types}.
   *
   * @param types the argument types
   * @return the header
   */
  public static CandidHeader header(CandidType... types) {
    return new CandidHeader(TypeTableEncoder.encode(types), types.clone());
  }

  /**
   * The message {@code (text)}: {@link CandidReply#textMessage(String)}.
   *
   * @param text the text
   * @return the message
   */
  public static byte[] textMessage(String text) {
    return CandidReply.textMessage(text);
  }

  /**
   * The message {@code (blob)}: {@link CandidReply#blobMessage(byte[])}.
   *
   * @param data the bytes
   * @return the message
   */
  public static byte[] blobMessage(byte[] data) {
    return CandidReply.blobMessage(data);
  }

  // ---- values ----

  /**
   * A value of type {@code null} (or {@code reserved}).
   *
   * @return this writer
   */
  public CandidWriter nullValue() {
    CandidType t = next();
    if (t.opcode != NULL && t.opcode != RESERVED && t.opcode != OPT) {
      throw unexpected(t, "null");
    }
    if (t.opcode == OPT) {
      ensure(1);
      buffer[length++] = 0;
    }
    return done();
  }

  /**
   * Writes a {@code bool}; {@link IllegalArgumentException} where another type is expected.
   *
   * @param value the value
   * @return this writer
   */
  public CandidWriter bool(boolean value) {
    expect(BOOL, "bool");
    ensure(1);
    buffer[length++] = (byte) (value ? 1 : 0);
    return done();
  }

  /**
   * A {@code nat}; refuses a negative value.
   *
   * @param value the value, 0 or more
   * @return this writer
   */
  public CandidWriter nat(long value) {
    expect(NAT, "nat");
    if (value < 0) {
      throw negativeNat(value);
    }
    leb(value);
    return done();
  }

  /**
   * A {@code nat} of any size; refuses a negative value.
   *
   * @param value the value, 0 or more
   * @return this writer
   */
  public CandidWriter nat(CandidInteger value) {
    expect(NAT, "nat");
    if (value.signum() < 0) {
      throw negativeNat(value);
    }
    if (value.fitsInLong()) {
      leb(value.longValueExact());
    } else {
      bigLeb(value.magnitude(), false, false);
    }
    return done();
  }

  /**
   * An {@code int}.
   *
   * @param value the value
   * @return this writer
   */
  public CandidWriter integer(long value) {
    expect(INT, "int");
    sleb(value);
    return done();
  }

  /**
   * An {@code int} of any size.
   *
   * @param value the value
   * @return this writer
   */
  public CandidWriter integer(CandidInteger value) {
    expect(INT, "int");
    if (value.fitsInLong()) {
      sleb(value.longValueExact());
    } else {
      bigLeb(value.magnitude(), true, value.signum() < 0);
    }
    return done();
  }

  /**
   * A {@code nat8} ... {@code nat64} or {@code int8} ... {@code int64}, as the expected type says.
   * The value must fit that type ({@code 0..255} for {@code nat8}, ...); a {@code nat64} takes any
   * {@code long}, read as unsigned ({@code -1} is 2^64-1, as {@link Long#toUnsignedString(long)}
   * prints it).
   *
   * @param value the value
   * @return this writer
   */
  public CandidWriter fixed(long value) {
    CandidType t = next();
    int op = t.opcode;
    int width;
    switch (op) {
      case NAT8:
        width = 1;
        check(value >= 0 && value <= 0xFF, value, t);
        break;
      case NAT16:
        width = 2;
        check(value >= 0 && value <= 0xFFFF, value, t);
        break;
      case NAT32:
        width = 4;
        check(value >= 0 && value <= 0xFFFFFFFFL, value, t);
        break;
      case INT8:
        width = 1;
        check(value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE, value, t);
        break;
      case INT16:
        width = 2;
        check(value >= Short.MIN_VALUE && value <= Short.MAX_VALUE, value, t);
        break;
      case INT32:
        width = 4;
        check(value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE, value, t);
        break;
      case NAT64:
      case INT64:
        width = 8;
        break;
      default:
        throw unexpected(t, "a fixed-width integer");
    }
    ensure(width);
    for (int i = 0; i < width; i++) {
      buffer[length++] = (byte) (value >>> (8 * i));
    }
    return done();
  }

  /**
   * Writes a {@code float32}; {@link IllegalArgumentException} where another type is expected.
   *
   * @param value the value
   * @return this writer
   */
  public CandidWriter float32(float value) {
    expect(FLOAT32, "float32");
    int bits = Float.floatToRawIntBits(value);
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buffer[length++] = (byte) (bits >>> (8 * i));
    }
    return done();
  }

  /**
   * Writes a {@code float64}; {@link IllegalArgumentException} where another type is expected.
   *
   * @param value the value
   * @return this writer
   */
  public CandidWriter float64(double value) {
    expect(FLOAT64, "float64");
    long bits = Double.doubleToRawLongBits(value);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[length++] = (byte) (bits >>> (8 * i));
    }
    return done();
  }

  /**
   * A {@code text}: UTF-8, each unpaired surrogate written as U+FFFD (as {@link
   * Utf8#encode(String)}).
   *
   * @param value the text
   * @return this writer
   */
  public CandidWriter text(String value) {
    expect(TEXT, "text");
    int n = Utf8.encodedLength(value);
    leb(n);
    ensure(n);
    Utf8.encodeInto(value, n, buffer, length);
    length += n;
    return done();
  }

  /**
   * A {@code text} given as UTF-8; refused unless it is valid UTF-8.
   *
   * @param utf8 the text, as UTF-8
   * @return this writer
   */
  public CandidWriter textUtf8(byte[] utf8) {
    expect(TEXT, "text");
    if (Utf8.decode(utf8) == null) {
      throw notUtf8();
    }
    bytes(utf8);
    return done();
  }

  /**
   * A {@code blob} ({@code vec nat8}).
   *
   * @param value the bytes
   * @return this writer
   */
  public CandidWriter blob(byte[] value) {
    CandidType t = next();
    if (!t.isBlob()) {
      throw unexpected(t, "blob");
    }
    bytes(value);
    return done();
  }

  /**
   * A {@code principal}: its bytes, at most 29.
   *
   * @param value the principal's bytes
   * @return this writer
   */
  public CandidWriter principal(byte[] value) {
    expect(PRINCIPAL, "principal");
    if (value.length > MAX_PRINCIPAL_BYTES) {
      throw principalTooLong(value.length);
    }
    ensure(1);
    buffer[length++] = 1;
    bytes(value);
    return done();
  }

  /**
   * An absent {@code opt}.
   *
   * @return this writer
   */
  public CandidWriter none() {
    expect(OPT, "opt");
    ensure(1);
    buffer[length++] = 0;
    return done();
  }

  /**
   * A present {@code opt}: its content follows.
   *
   * @return this writer
   */
  public CandidWriter some() {
    CandidType t = expect(OPT, "opt");
    ensure(1);
    buffer[length++] = 1;
    pending = t.inner;
    return this;
  }

  /**
   * A {@code vec} of {@code count} elements, which follow (for a {@code blob}, use {@link #blob}).
   *
   * @param count the number of elements
   * @return this writer
   */
  public CandidWriter vec(int count) {
    CandidType t = expect(VEC, "vec");
    if (count < 0) {
      throw negativeCount(count);
    }
    leb(count);
    return open(t, count);
  }

  /**
   * A {@code record}: its fields follow, in the type's order.
   *
   * @return this writer
   */
  public CandidWriter record() {
    CandidType t = expect(RECORD, "record");
    return open(t, t.fieldIds.length);
  }

  /**
   * A {@code variant} value with the tag at {@code index} in the type's order; its payload follows
   * (nothing to write when the payload type is {@code null}).
   *
   * @param index the tag's position in the type
   * @return this writer
   */
  public CandidWriter variant(int index) {
    CandidType t = expect(VARIANT, "variant");
    if (index < 0 || index >= t.fieldIds.length) {
      throw badTag(index, t);
    }
    leb(index);
    CandidType payload = t.fieldTypes[index];
    if (payload.opcode == NULL) {
      return done();
    }
    pending = payload;
    return this;
  }

  /**
   * The message; every value must have been written.
   *
   * @return the message
   */
  public byte[] toMessage() {
    requireComplete();
    byte[] out = new byte[length];
    System.arraycopy(buffer, 0, out, 0, length);
    release();
    return out;
  }

  /** Replies with the message ({@code ic0.msg_reply}), from the writer's buffer: no copy. */
  public void reply() {
    requireComplete();
    SystemApi.msgReply(buffer, length);
    release();
  }

  /** Gives the buffer back to the header; the writer writes nothing more. */
  private void release() {
    header.giveBack(buffer, frames, counters);
    buffer = null;
    frames = null;
    counters = null;
    argument = Integer.MAX_VALUE;
  }

  private void requireComplete() {
    if (depth != 0 || pending != null || argument != header.types.length) {
      throw buffer == null ? new IllegalStateException("the message is made already") : incomplete();
    }
  }

  // ---- the type cursor ----

  /** The type of the next value, taken from the innermost open composite or the argument list. */
  private CandidType next() {
    CandidType t = pending;
    if (t != null) {
      pending = null;
      return t;
    }
    if (depth == 0) {
      if (argument >= header.types.length) {
        throw allWritten(header.types.length);
      }
      return header.types[argument++];
    }
    int top = depth - 1;
    CandidType frame = frames[top];
    counters[2 * top + 1]--;
    return frame.opcode == RECORD ? frame.fieldTypes[counters[2 * top]++] : frame.inner;
  }

  private CandidType expect(int opcode, String what) {
    CandidType t = next();
    if (t.opcode != opcode) {
      throw unexpected(t, what);
    }
    return t;
  }

  /** Opens a record or a vector of {@code parts} values. */
  private CandidWriter open(CandidType t, int parts) {
    if (frames == null) {
      frames = header.takeFrames();
      counters = header.takeCounters();
      if (frames == null) {
        frames = new CandidType[4];
        counters = new int[8];
      }
    } else if (depth == frames.length) {
      frames = java.util.Arrays.copyOf(frames, depth * 2);
      counters = java.util.Arrays.copyOf(counters, depth * 4);
    }
    frames[depth] = t;
    counters[2 * depth] = 0;
    counters[2 * depth + 1] = parts;
    depth++;
    return done();
  }

  /** Closes every record or vector whose parts are all written. */
  private CandidWriter done() {
    while (depth > 0 && counters[2 * depth - 1] == 0) {
      depth--;
      frames[depth] = null;
    }
    return this;
  }

  // ---- bytes ----

  private void bytes(byte[] value) {
    leb(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, buffer, length, value.length);
    length += value.length;
  }

  private void leb(long value) {
    if ((value & ~0x7FL) == 0 && length < buffer.length) { // one byte: tags, short lengths
      buffer[length++] = (byte) value;
      return;
    }
    ensure(10);
    length = Leb128.write(buffer, length, value, false);
  }

  private void sleb(long value) {
    ensure(10);
    length = Leb128.write(buffer, length, value, true);
  }

  /** {@code sign * magnitude} beyond 64 bits, as LEB128 ({@code nat}) or SLEB128 ({@code int}). */
  private void bigLeb(byte[] magnitude, boolean signed, boolean negative) {
    ensure(Leb128.bigSizeBound(magnitude.length));
    length = Leb128.writeBig(buffer, length, magnitude, signed, negative);
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      byte[] grown = new byte[Math.max(buffer.length * 2, length + more)];
      System.arraycopy(buffer, 0, grown, 0, length);
      buffer = grown;
    }
  }

  // ---- failures (built here, never at the throwing site: see CandidMessage) ----

  private IllegalStateException incomplete() {
    String unfinished = pending != null ? ", a " + pending + " value expected"
        : depth != 0 ? ", a " + frames[depth - 1] + " value unfinished" : "";
    return new IllegalStateException(
        "incomplete message: " + argument + " of " + header.types.length + " values written" + unfinished);
  }

  private static IllegalStateException allWritten(int count) {
    return new IllegalStateException("all " + count + " values are already written");
  }

  private static IllegalArgumentException notUtf8() {
    return new IllegalArgumentException("text is not valid UTF-8");
  }

  private static IllegalArgumentException negativeCount(int count) {
    return new IllegalArgumentException("vector of " + count + " elements");
  }

  private static IllegalArgumentException badTag(int index, CandidType t) {
    return new IllegalArgumentException("variant tag " + index + " of a variant with " + t.fieldIds.length + " tags");
  }

  private static IllegalArgumentException negativeNat(Object value) {
    return new IllegalArgumentException("nat " + value + " is negative");
  }

  private static IllegalArgumentException principalTooLong(int bytes) {
    return new IllegalArgumentException("principal of " + bytes + " bytes; at most " + MAX_PRINCIPAL_BYTES);
  }

  private static IllegalArgumentException unexpected(CandidType expected, String got) {
    return new IllegalArgumentException("a " + got + " value where " + expected + " is expected");
  }

  private static void check(boolean fits, long value, CandidType t) {
    if (!fits) {
      throw new IllegalArgumentException(value + " does not fit " + t);
    }
  }
}
