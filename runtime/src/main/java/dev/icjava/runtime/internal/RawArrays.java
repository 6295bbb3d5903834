package dev.icjava.runtime.internal;

import dev.icjava.runtime.Platform;
import org.teavm.interop.Address;

/**
 * Array element access without TeaVM's per-access null and bounds checks, for hot loops whose
 * indices are computed from the arrays' own lengths.
 *
 * <p>Inside a canister each method compiles to a single load or store into linear memory. TeaVM's
 * checked {@code a[i]} costs about 25 Wasm instructions, and the IC bills every one. On a JVM these
 * are ordinary checked accesses, so unit tests still catch an index that is out of range. The
 * caller guarantees {@code 0 <= index < array.length}; an index outside it writes or reads
 * neighbouring memory in a canister. Use only where the loop bounds prove the range.
 */
public final class RawArrays {
  private RawArrays() {}

  /**
   * {@code array[index]}, unchecked in a canister.
   *
   * @param array the array
   * @param index the index, in range
   * @return the element
   */
  public static byte getByte(byte[] array, int index) {
    if (Platform.inCanister()) {
      return Address.ofData(array).add(index).getByte();
    }
    return array[index];
  }

  /**
   * {@code array[index] = value}, unchecked in a canister.
   *
   * @param array the array
   * @param index the index, in range
   * @param value the new element
   */
  public static void putByte(byte[] array, int index, byte value) {
    if (Platform.inCanister()) {
      Address.ofData(array).add(index).putByte(value);
    } else {
      array[index] = value;
    }
  }

  /**
   * {@code array[index]}, unchecked in a canister.
   *
   * @param array the array
   * @param index the index, in range
   * @return the element
   */
  public static int getInt(int[] array, int index) {
    if (Platform.inCanister()) {
      return Address.ofData(array).add(index << 2).getInt();
    }
    return array[index];
  }

  /**
   * The four bytes {@code array[index..index+3]} as a little-endian int: one unaligned {@code
   * i32.load} in a canister.
   *
   * @param array the array
   * @param index the first byte's index, with three more in range
   * @return the int
   */
  public static int getIntLE(byte[] array, int index) {
    if (Platform.inCanister()) {
      return Address.ofData(array).add(index).getInt();
    }
    return (array[index] & 0xFF)
        | ((array[index + 1] & 0xFF) << 8)
        | ((array[index + 2] & 0xFF) << 16)
        | (array[index + 3] << 24);
  }

  /**
   * Stores {@code value} little-endian into {@code array[index..index+3]}: one {@code i32.store}.
   *
   * @param array the array
   * @param index the first byte's index, with three more in range
   * @param value the int
   */
  public static void putIntLE(byte[] array, int index, int value) {
    if (Platform.inCanister()) {
      Address.ofData(array).add(index).putInt(value);
    } else {
      array[index] = (byte) value;
      array[index + 1] = (byte) (value >>> 8);
      array[index + 2] = (byte) (value >>> 16);
      array[index + 3] = (byte) (value >>> 24);
    }
  }

  /**
   * An opaque base for {@link #getByteAt} and {@link #putByteAt}: the address of the first element
   * in a canister (so a loop adds it once instead of per access), 0 on a JVM. Valid only until the
   * next allocation: TeaVM's collector moves objects when it defragments the heap, and a stale base
   * reads or writes whatever lies there now. Use it in loops that allocate nothing; never keep it
   * in a field.
   *
   * @param array the array
   * @return the base
   */
  public static int base(byte[] array) {
    if (Platform.inCanister()) {
      return Address.ofData(array).toInt();
    }
    return 0;
  }

  /**
   * {@code array[index]}, given {@code base = base(array)}.
   *
   * @param array the array
   * @param base {@code base(array)}
   * @param index the index, in range
   * @return the element
   */
  public static byte getByteAt(byte[] array, int base, int index) {
    if (Platform.inCanister()) {
      return Address.fromInt(base + index).getByte();
    }
    return array[index];
  }

  /**
   * {@code array[index] = value}, given {@code base = base(array)}.
   *
   * @param array the array
   * @param base {@code base(array)}
   * @param index the index, in range
   * @param value the new element
   */
  public static void putByteAt(byte[] array, int base, int index, byte value) {
    if (Platform.inCanister()) {
      Address.fromInt(base + index).putByte(value);
    } else {
      array[index] = value;
    }
  }

  /**
   * {@code array[index]}, unchecked in a canister.
   *
   * @param array the array
   * @param index the index, in range
   * @return the element
   */
  public static char getChar(char[] array, int index) {
    if (Platform.inCanister()) {
      return Address.ofData(array).add(index << 1).getChar();
    }
    return array[index];
  }
}
