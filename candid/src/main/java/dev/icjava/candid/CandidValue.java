package dev.icjava.candid;

import dev.icjava.runtime.Utf8;

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
  private final Object ref;

  CandidValue(CandidType type, long bits, Object ref) {
    this.type = type;
    this.bits = bits;
    this.ref = ref;
  }

  /** The expected type this value was decoded at. */
  public CandidType type() {
    return type;
  }

  /** {@code null} of type {@code null}, an absent {@code opt}, or a {@code reserved} value. */
  public boolean isNull() {
    int op = type.opcode;
    return op == CandidType.NULL || op == CandidType.RESERVED || (op == CandidType.OPT && ref == null);
  }

  /** The content of an {@code opt} value, or {@code null} when absent. */
  public CandidValue option() {
    require(CandidType.OPT);
    return (CandidValue) ref;
  }

  public boolean bool() {
    require(CandidType.BOOL);
    return bits != 0;
  }

  /**
   * A {@code nat8} ... {@code nat64} or {@code int8} ... {@code int64} value. A {@code nat64} above
   * {@link Long#MAX_VALUE} comes back negative: read it with {@link Long#toUnsignedString(long)}.
   */
  public long fixedInteger() {
    int op = type.opcode;
    if (op > CandidType.NAT8 || op < CandidType.INT64) {
      throw wrongType("a fixed-width integer");
    }
    return bits;
  }

  /** A {@code nat} or {@code int} value. */
  public CandidInteger integer() {
    if (type.opcode != CandidType.NAT && type.opcode != CandidType.INT) {
      throw wrongType("nat or int");
    }
    return (CandidInteger) ref;
  }

  public float float32() {
    require(CandidType.FLOAT32);
    return Float.intBitsToFloat((int) bits);
  }

  public double float64() {
    require(CandidType.FLOAT64);
    return Double.longBitsToDouble(bits);
  }

  /** A {@code text} value. */
  public String text() {
    return Utf8.decode(utf8());
  }

  /** A {@code text} value's UTF-8 bytes (a copy). */
  public byte[] textUtf8() {
    return utf8().clone();
  }

  /** The length of a {@code text} value in UTF-8 bytes. */
  public int textLength() {
    return utf8().length;
  }

  /** Whether a {@code text} value is exactly these UTF-8 bytes. */
  public boolean textEquals(byte[] expectedUtf8) {
    byte[] utf8 = utf8();
    return utf8.length == expectedUtf8.length && Utf8.equalBytes(utf8, 0, expectedUtf8, 0, utf8.length);
  }

  /** Copies a {@code text} value's UTF-8 bytes into {@code out} at {@code offset}. */
  public void copyText(byte[] out, int offset) {
    byte[] utf8 = utf8();
    System.arraycopy(utf8, 0, out, offset, utf8.length);
  }

  /** A {@code blob} ({@code vec nat8}) value's bytes (a copy). */
  public byte[] blob() {
    if (!type.isBlob()) {
      throw wrongType("blob");
    }
    return ((byte[]) ref).clone();
  }

  /** A {@code principal} value's bytes (a copy). */
  public byte[] principal() {
    require(CandidType.PRINCIPAL);
    return ((byte[]) ref).clone();
  }

  /** The number of elements of a {@code vec} value (bytes, for a blob). */
  public int size() {
    require(CandidType.VEC);
    return ref instanceof byte[] ? ((byte[]) ref).length : ((CandidValue[]) ref).length;
  }

  /** Element {@code index} of a {@code vec} value other than a blob. */
  public CandidValue element(int index) {
    require(CandidType.VEC);
    if (type.isBlob()) {
      throw wrongType("vec of other than nat8 (use blob())");
    }
    return ((CandidValue[]) ref)[index];
  }

  /** Field {@code index} (in the expected type's id order) of a {@code record} value. */
  public CandidValue field(int index) {
    require(CandidType.RECORD);
    return ((CandidValue[]) ref)[index];
  }

  /** The field called {@code name} of a {@code record} value. */
  public CandidValue field(String name) {
    require(CandidType.RECORD);
    int index = type.fieldIndex(name);
    if (index < 0) {
      throw new IllegalStateException("the record type has no field " + name);
    }
    return ((CandidValue[]) ref)[index];
  }

  /** The position in the expected variant type of a {@code variant} value's tag. */
  public int variantIndex() {
    require(CandidType.VARIANT);
    return (int) bits;
  }

  /** The name of a {@code variant} value's tag, when the expected type named it. */
  public String variantName() {
    require(CandidType.VARIANT);
    return type.fieldNames[(int) bits];
  }

  /** The payload of a {@code variant} value. */
  public CandidValue variantValue() {
    require(CandidType.VARIANT);
    return (CandidValue) ref;
  }

  private byte[] utf8() {
    require(CandidType.TEXT);
    return (byte[]) ref;
  }

  private void require(int opcode) {
    if (type.opcode != opcode) {
      throw wrongType(CandidType.opcodeName(opcode));
    }
  }

  private IllegalStateException wrongType(String wanted) {
    return new IllegalStateException("a value of type " + type + " is not " + wanted);
  }
}
