package dev.icjava.runtime.internal;

import dev.icjava.runtime.CanisterTrap;

/**
 * Builds a UTF-8 message (a trap message, a reply's text) from byte pieces. Inside a canister,
 * Java string concatenation costs about a hundred Wasm instructions per character (TeaVM's
 * StringBuilder inserts and grows char by char, and the result must then be encoded); appending
 * pre-encoded constants here costs a copy.
 *
 * <pre>{@code
 * throw new CanisterTrap(new MessageBuilder().append(PREFIX).append(principalText).toArray());
 * }</pre>
 */
public final class MessageBuilder {
  private byte[] bytes = new byte[96];
  private int length;

  /**
   * Appends UTF-8 (or ASCII) bytes.
   *
   * @param utf8 the bytes
   * @return this builder
   */
  public MessageBuilder append(byte[] utf8) {
    int at = reserve(utf8.length); // before reading `bytes`: reserve may replace it
    System.arraycopy(utf8, 0, bytes, at, utf8.length);
    return this;
  }

  /**
   * Appends a string, encoded to UTF-8: for text that is not known in advance.
   *
   * @param s the string
   * @return this builder
   */
  public MessageBuilder append(String s) {
    return append(Utf8.encode(s));
  }

  /**
   * Appends the decimal digits of {@code value}.
   *
   * @param value the number
   * @return this builder
   */
  public MessageBuilder appendDecimal(long value) {
    if (value == Long.MIN_VALUE) {
      return append(Utf8.encode(Long.toString(value)));
    }
    if (value < 0) {
      int sign = reserve(1);
      bytes[sign] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value / 10; v != 0; v /= 10) {
      digits++;
    }
    int at = reserve(digits);
    for (int i = at + digits - 1; i >= at; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return this;
  }

  /**
   * Makes room for {@code n} bytes at the end and returns where they start in {@link #buffer()},
   * for writers that fill arrays directly (a principal's text). Call {@code buffer()} after this,
   * never before: growing replaces the buffer ({@code int at = m.reserve(n); write(m.buffer(), at)}).
   *
   * @param n the number of bytes
   * @return where they start
   */
  public int reserve(int n) {
    if (length + n > bytes.length) {
      byte[] grown = new byte[Math.max(bytes.length * 2, length + n)];
      System.arraycopy(bytes, 0, grown, 0, length);
      bytes = grown;
    }
    int at = length;
    length += n;
    return at;
  }

  /**
   * The current buffer, valid until the next append.
   *
   * @return the buffer
   */
  public byte[] buffer() {
    return bytes;
  }

  /**
   * The number of bytes appended so far; {@link #buffer()} may be longer.
   *
   * @return the length, in bytes
   */
  public int length() {
    return length;
  }

  /**
   * The message so far, as an array of exactly its length.
   *
   * @return a new array
   */
  public byte[] toArray() {
    byte[] out = new byte[length];
    System.arraycopy(bytes, 0, out, 0, length);
    return out;
  }
}
