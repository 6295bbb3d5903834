package dev.icjava.candid;

import dev.icjava.runtime.internal.Utf8;

/**
 * A value decoded at an expected {@link CandidType}: its accessors follow that type, so a value
 * decoded at {@code record { name : text }} has a field {@code name} whatever the sender's own type
 * looked like. An accessor that does not match the type throws {@link IllegalStateException}.
 *
 * <p>Arrays returned are copies; {@link #textEquals(byte[])} compares without copying.
 */
public final class CandidValue {
  private final CandidType type;
  private final long bits;
  // One typed field per kind of content, so that no accessor needs a checked cast (each cast is a
  // type test and a throw path in the compiled canister).
  private final byte[] bytes; // text (UTF-8), blob, principal
  private final CandidValue[] values; // vec elements other than a blob's, record fields
  private final CandidValue inner; // opt content, variant payload
  private final CandidInteger integer; // nat, int

  private CandidValue(CandidType type, long bits, byte[] bytes, CandidValue[] values, CandidValue inner,
      CandidInteger integer) {
    this.type = type;
    this.bits = bits;
    this.bytes = bytes;
    this.values = values;
    this.inner = inner;
    this.integer = integer;
  }

  /** A value without content: null, reserved, bool, a fixed-width number, an absent opt. */
  CandidValue(CandidType type, long bits) {
    this(type, bits, null, null, null, null);
  }

  /** text, blob or principal. */
  CandidValue(CandidType type, byte[] bytes) {
    this(type, 0, bytes, null, null, null);
  }

  /** vec (other than blob) or record. */
  CandidValue(CandidType type, CandidValue[] values) {
    this(type, 0, null, values, null, null);
  }

  /** A present opt ({@code bits} 1) or a variant ({@code bits} = tag position). */
  CandidValue(CandidType type, long bits, CandidValue inner) {
    this(type, bits, null, null, inner, null);
  }

  /** nat or int. */
  CandidValue(CandidType type, CandidInteger integer) {
    this(type, 0, null, null, null, integer);
  }

  /**
   * The expected type this value was decoded at.
   *
   * @return the type
   */
  public CandidType type() {
    return type;
  }

  /**
   * {@code null} of type {@code null}, an absent {@code opt}, or a {@code reserved} value.
   *
   * @return whether the value is null or absent
   */
  public boolean isNull() {
    int op = type.opcode;
    return op == CandidType.NULL || op == CandidType.RESERVED || (op == CandidType.OPT && inner == null);
  }

  /**
   * The content of an {@code opt} value, or {@code null} when absent.
   *
   * @return the content, or {@code null}
   */
  public CandidValue option() {
    require(CandidType.OPT);
    return inner;
  }

  /**
   * A {@code bool} value; {@link IllegalStateException} for a value of another type.
   *
   * @return the value
   */
  public boolean bool() {
    require(CandidType.BOOL);
    return bits != 0;
  }

  /**
   * A {@code nat8} ... {@code nat64} or {@code int8} ... {@code int64} value. A {@code nat64} above
   * {@link Long#MAX_VALUE} comes back negative: read it with {@link Long#toUnsignedString(long)}.
   *
   * @return the value
   */
  public long fixedInteger() {
    int op = type.opcode;
    if (op > CandidType.NAT8 || op < CandidType.INT64) {
      throw wrongType("a fixed-width integer");
    }
    return bits;
  }

  /**
   * A {@code nat} or {@code int} value.
   *
   * @return the value
   */
  public CandidInteger integer() {
    if (type.opcode != CandidType.NAT && type.opcode != CandidType.INT) {
      throw wrongType("nat or int");
    }
    return integer;
  }

  /**
   * A {@code float32} value; {@link IllegalStateException} for a value of another type.
   *
   * @return the value
   */
  public float float32() {
    require(CandidType.FLOAT32);
    return Float.intBitsToFloat((int) bits);
  }

  /**
   * A {@code float64} value; {@link IllegalStateException} for a value of another type.
   *
   * @return the value
   */
  public double float64() {
    require(CandidType.FLOAT64);
    return Double.longBitsToDouble(bits);
  }

  /**
   * A {@code text} value.
   *
   * @return the value
   */
  public String text() {
    return Utf8.decode(utf8());
  }

  /**
   * A {@code text} value's UTF-8 bytes (a copy).
   *
   * @return the bytes
   */
  public byte[] textUtf8() {
    return utf8().clone();
  }

  /**
   * The length of a {@code text} value in UTF-8 bytes.
   *
   * @return the length, in bytes
   */
  public int textLength() {
    return utf8().length;
  }

  /**
   * Whether a {@code text} value is exactly these UTF-8 bytes.
   *
   * @param expectedUtf8 the text to compare with, as UTF-8
   * @return whether they are equal
   */
  public boolean textEquals(byte[] expectedUtf8) {
    byte[] utf8 = utf8();
    return utf8.length == expectedUtf8.length && Utf8.equalBytes(utf8, 0, expectedUtf8, 0, utf8.length);
  }

  /**
   * Whether a {@code text} value starts with these UTF-8 bytes.
   *
   * @param prefixUtf8 the prefix, as UTF-8
   * @return whether the text starts with it
   */
  public boolean textStartsWith(byte[] prefixUtf8) {
    byte[] utf8 = utf8();
    return utf8.length >= prefixUtf8.length && Utf8.equalBytes(utf8, 0, prefixUtf8, 0, prefixUtf8.length);
  }

  /**
   * Compares two {@code text} values by their UTF-8 bytes, unsigned, as Rust orders {@code String}s
   * (and so a {@code BTreeMap}'s keys): negative, zero or positive.
   *
   * @param other another text value
   * @return the comparison
   */
  public int compareText(CandidValue other) {
    byte[] a = utf8();
    byte[] b = other.utf8();
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = (a[i] & 0xFF) - (b[i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return a.length - b.length;
  }

  /**
   * Copies a {@code text} value's UTF-8 bytes into {@code out} at {@code offset}.
   *
   * @param out the array to copy into
   * @param offset where in {@code out} to start
   */
  public void copyText(byte[] out, int offset) {
    byte[] utf8 = utf8();
    System.arraycopy(utf8, 0, out, offset, utf8.length);
  }

  /**
   * A {@code blob} ({@code vec nat8}) value's bytes (a copy).
   *
   * @return the bytes
   */
  public byte[] blob() {
    if (!type.isBlob()) {
      throw wrongType("blob");
    }
    return bytes.clone();
  }

  /**
   * A {@code principal} value's bytes (a copy).
   *
   * @return the bytes
   */
  public byte[] principal() {
    require(CandidType.PRINCIPAL);
    return bytes.clone();
  }

  /**
   * The number of elements of a {@code vec} value (bytes, for a blob).
   *
   * @return the number of elements
   */
  public int size() {
    require(CandidType.VEC);
    return bytes != null ? bytes.length : values.length;
  }

  /**
   * Element {@code index} of a {@code vec} value other than a blob.
   *
   * @param index the element's position
   * @return the element
   */
  public CandidValue element(int index) {
    require(CandidType.VEC);
    if (type.isBlob()) {
      throw wrongType("vec of other than nat8 (use blob())");
    }
    return values[index];
  }

  /**
   * Field {@code index} (in the expected type's id order) of a {@code record} value.
   *
   * @param index the field's position
   * @return the field's value
   */
  public CandidValue field(int index) {
    require(CandidType.RECORD);
    return values[index];
  }

  /**
   * The field called {@code name} of a {@code record} value.
   *
   * @param name the field's name
   * @return the field's value
   */
  public CandidValue field(String name) {
    require(CandidType.RECORD);
    int index = type.fieldIndex(name);
    if (index < 0) {
      throw noField(name);
    }
    return values[index];
  }

  /**
   * The position in the expected variant type of a {@code variant} value's tag.
   *
   * @return the tag's position
   */
  public int variantIndex() {
    require(CandidType.VARIANT);
    return (int) bits;
  }

  /**
   * The name of a {@code variant} value's tag, when the expected type named it.
   *
   * @return the tag's name
   */
  public String variantName() {
    require(CandidType.VARIANT);
    return type.fieldNames[(int) bits];
  }

  /**
   * The payload of a {@code variant} value.
   *
   * @return the payload
   */
  public CandidValue variantValue() {
    require(CandidType.VARIANT);
    return inner;
  }

  private byte[] utf8() {
    require(CandidType.TEXT);
    return bytes;
  }

  private void require(int opcode) {
    if (type.opcode != opcode) {
      throw wrongType(opcode);
    }
  }

  // Failures are built in these factories, never at the throwing site (see CandidMessage).

  private IllegalStateException wrongType(int wantedOpcode) {
    return wrongType(CandidType.opcodeName(wantedOpcode));
  }

  private static IllegalStateException noField(String name) {
    return new IllegalStateException("the record type has no field " + name);
  }

  private IllegalStateException wrongType(String wanted) {
    return new IllegalStateException("a value of type " + type + " is not " + wanted);
  }
}
