package dev.icjava.candid;

/**
 * An integer of any size, as a Candid {@code nat} or {@code int} carries it. Values that fit in a
 * {@code long} are kept as one; larger ones as a sign and a big-endian magnitude. Nothing here
 * truncates: {@link #longValueExact()} refuses a value that does not fit.
 *
 * <p>Written for TeaVM, where {@code java.math.BigInteger} would add tens of kilobytes to a module.
 */
public final class CandidInteger {
  private final long small;
  private final int signum;
  private final byte[] magnitude; // big-endian, no leading zero byte; null when the value fits a long

  private CandidInteger(long small, int signum, byte[] magnitude) {
    this.small = small;
    this.signum = signum;
    this.magnitude = magnitude;
  }

  /**
   * The integer {@code value}.
   *
   * @param value the value
   * @return the integer
   */
  public static CandidInteger of(long value) {
    return new CandidInteger(value, Long.signum(value), null);
  }

  /**
   * The integer {@code signum * magnitude}, the magnitude given big-endian and unsigned (copied;
   * leading zeros allowed).
   *
   * @param signum -1, 0 or 1
   * @param magnitude the absolute value, big-endian unsigned
   * @return the integer
   */
  public static CandidInteger of(int signum, byte[] magnitude) {
    if (signum < -1 || signum > 1) {
      throw new IllegalArgumentException("signum " + signum);
    }
    int start = 0;
    while (start < magnitude.length && magnitude[start] == 0) {
      start++;
    }
    int length = magnitude.length - start;
    if (length == 0) {
      return of(0);
    }
    if (signum == 0) {
      throw new IllegalArgumentException("signum 0 with a non-zero magnitude");
    }
    if (length <= 8) {
      long m = 0;
      for (int i = start; i < magnitude.length; i++) {
        m = (m << 8) | (magnitude[i] & 0xFF);
      }
      if (m >= 0) {
        return of(signum < 0 ? -m : m);
      }
      if (signum < 0 && m == Long.MIN_VALUE) {
        return of(Long.MIN_VALUE);
      }
    }
    byte[] copy = new byte[length];
    System.arraycopy(magnitude, start, copy, 0, length);
    return new CandidInteger(0, signum, copy);
  }

  /**
   * -1, 0 or 1.
   *
   * @return the sign
   */
  public int signum() {
    return signum;
  }

  /**
   * Whether the value fits in a {@code long} ({@link #longValueExact()} returns it).
   *
   * @return whether it fits in a {@code long}
   */
  public boolean fitsInLong() {
    return magnitude == null;
  }

  /**
   * The value as a long; {@link ArithmeticException} when it does not fit.
   *
   * @return the value
   */
  public long longValueExact() {
    if (magnitude != null) {
      throw new ArithmeticException(this + " does not fit in a 64-bit signed integer");
    }
    return small;
  }

  /**
   * The absolute value as big-endian unsigned bytes, without leading zeros ({@code []} for 0).
   *
   * @return the magnitude, a new array
   */
  public byte[] magnitude() {
    if (magnitude != null) {
      return magnitude.clone();
    }
    long m = small;
    if (m == Long.MIN_VALUE) {
      return new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0};
    }
    m = Math.abs(m);
    int n = 0;
    for (long v = m; v != 0; v >>>= 8) {
      n++;
    }
    byte[] out = new byte[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = (byte) m;
      m >>>= 8;
    }
    return out;
  }

  /**
   * Decimal, with a leading {@code -} when negative. Quadratic in the number's length (repeated
   * division): a {@code nat} from a hostile message can be as long as the message, so print its
   * {@link #magnitude() size} rather than its digits unless it is known to be small.
   */
  @Override
  public String toString() {
    if (magnitude == null) {
      return Long.toString(small);
    }
    // Repeated division of 32-bit limbs by 10^9.
    int[] limbs = new int[(magnitude.length + 3) / 4];
    for (int i = 0; i < magnitude.length; i++) {
      int fromEnd = magnitude.length - 1 - i;
      limbs[limbs.length - 1 - fromEnd / 4] |= (magnitude[i] & 0xFF) << (8 * (fromEnd % 4));
    }
    StringBuilder digits = new StringBuilder();
    int first = 0;
    while (first < limbs.length) {
      long remainder = 0;
      for (int i = first; i < limbs.length; i++) {
        long current = (remainder << 32) | (limbs[i] & 0xFFFFFFFFL);
        limbs[i] = (int) (current / 1_000_000_000L);
        remainder = current % 1_000_000_000L;
      }
      while (first < limbs.length && limbs[first] == 0) {
        first++;
      }
      String chunk = Long.toString(remainder);
      digits.insert(0, chunk);
      if (first < limbs.length) {
        for (int pad = chunk.length(); pad < 9; pad++) {
          digits.insert(0, '0');
        }
      }
    }
    if (signum < 0) {
      digits.insert(0, '-');
    }
    return digits.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CandidInteger)) {
      return false;
    }
    CandidInteger other = (CandidInteger) o;
    if (magnitude == null || other.magnitude == null) {
      return magnitude == other.magnitude && small == other.small;
    }
    if (signum != other.signum || magnitude.length != other.magnitude.length) {
      return false;
    }
    for (int i = 0; i < magnitude.length; i++) {
      if (magnitude[i] != other.magnitude[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    if (magnitude == null) {
      return Long.hashCode(small);
    }
    int h = signum;
    for (byte b : magnitude) {
      h = 31 * h + b;
    }
    return h;
  }
}
