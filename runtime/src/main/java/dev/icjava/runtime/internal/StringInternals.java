package dev.icjava.runtime.internal;

import dev.icjava.runtime.Platform;
import org.teavm.interop.Address;

/**
 * Strings without copies, for the library's text paths (UTF-8 encoding and decoding, a principal's
 * text, string concatenation). In TeaVM's output a {@code String} holds a {@code char[]}; {@code
 * new String(char[])} and {@code toCharArray()} each copy it, and the copies were most of what
 * plain-Java replies cost (issue 18).
 *
 * <p>Inside a canister the canister build's TeaVM plugin gives {@link #borrow} and {@link #adopt}
 * new bodies: {@code borrow} reads the string's own array and {@code adopt} makes a string that owns
 * the given one, neither copying. The bodies written here are what the JVM runs (and what any other
 * compiler would run): they copy, so they are always correct.
 *
 * <p>Rules for callers: never write into an array {@code borrow} returned, never touch an array
 * after handing it to {@code adopt}.
 */
public final class StringInternals {
  private StringInternals() {}

  /**
   * The characters of {@code s}; in a canister, the string's own array: read it, never write it.
   *
   * @param s the string
   * @return its characters, not to be written
   */
  public static char[] borrow(String s) {
    return s.toCharArray();
  }

  /**
   * A string of exactly these characters; in a canister it takes the array as it is.
   *
   * @param chars the characters, not to be written afterwards
   * @return the string
   */
  public static String adopt(char[] chars) {
    return new String(chars);
  }

  /**
   * A fresh copy of the characters of {@code s}: what {@code String.toCharArray()} becomes.
   *
   * @param s the string
   * @return a new array
   */
  public static char[] copyOf(String s) {
    char[] source = borrow(s);
    char[] copy = new char[source.length];
    copyChars(source, 0, copy, 0, source.length);
    return copy;
  }

  /**
   * The string of {@code length} ASCII (or Latin-1) bytes from {@code bytes[offset..]}, widened.
   *
   * @param bytes the bytes
   * @param offset the first byte's index
   * @param length the number of bytes
   * @return the string
   */
  public static String latin1(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException();
    }
    char[] chars = new char[length];
    widen(bytes, offset, chars, length);
    return adopt(chars);
  }

  /**
   * Copies {@code count} characters; the caller has checked both ranges. In a canister one {@code
   * memory.copy}, where {@code System.arraycopy} checks types and bounds again.
   *
   * @param source the array to copy from
   * @param sourceOffset the first character copied
   * @param target the array to copy into
   * @param targetOffset where the first goes
   * @param count the number of characters
   */
  public static void copyChars(char[] source, int sourceOffset, char[] target, int targetOffset, int count) {
    if (Platform.inCanister()) {
      Address.moveMemoryBlock(
          Address.ofData(source).add(sourceOffset << 1), Address.ofData(target).add(targetOffset << 1), count << 1);
    } else {
      System.arraycopy(source, sourceOffset, target, targetOffset, count);
    }
  }

  /** {@code chars[0..count) = bytes[offset..offset+count)} as unsigned bytes; ranges checked by the caller. */
  static void widen(byte[] bytes, int offset, char[] chars, int count) {
    if (Platform.inCanister()) {
      Address from = Address.ofData(bytes).add(offset);
      Address to = Address.ofData(chars);
      int i = 0;
      for (; i + 8 <= count; i += 8) {
        long v = from.add(i).getLong();
        to.add(i << 1).putLong(spread4(v & 0xFFFFFFFFL));
        to.add((i << 1) + 8).putLong(spread4(v >>> 32));
      }
      if (i + 4 <= count) {
        to.add(i << 1).putLong(spread4(from.add(i).getInt() & 0xFFFFFFFFL));
        i += 4;
      }
      for (; i < count; i++) {
        to.add(i << 1).putChar((char) (from.add(i).getByte() & 0xFF));
      }
    } else {
      for (int i = 0; i < count; i++) {
        chars[i] = (char) (bytes[offset + i] & 0xFF);
      }
    }
  }

  /** Four bytes (the low 32 bits, little-endian) as four 16-bit lanes. */
  static long spread4(long v) {
    long x = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
    return (x | (x << 8)) & 0x00FF00FF00FF00FFL;
  }

  /**
   * Four 16-bit lanes whose high bytes are zero as four bytes, in the low 32 bits (the high 32 bits
   * hold leftovers: mask or truncate them).
   */
  static long pack4(long v) {
    long x = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
    return x | (x >>> 16);
  }
}
