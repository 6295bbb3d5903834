package dev.icjava.stable;

/**
 * How large a {@link Storable}'s bytes may be: {@link #unbounded()}, {@link #atMost(int) at most N
 * bytes}, or {@link #fixed(int) exactly N bytes}. Structures record the bound of what they store
 * when they are created and refuse to open with a different one; {@link StableVec} needs a bounded
 * element (its slots have a fixed size), as dfinity/stable-structures' {@code Vec} does.
 *
 * <p>The recorded form is the one of dfinity/stable-structures ({@code src/storable.rs}, {@code
 * Bound::Bounded { max_size, is_fixed_size }}): a {@code u32} maximum and a fixed-size flag, an
 * unbounded type having neither.
 */
public final class Bound {
  private static final Bound UNBOUNDED = new Bound(false, 0, false);

  private final boolean bounded;
  private final int maxSize;
  private final boolean fixedSize;

  private Bound(boolean bounded, int maxSize, boolean fixedSize) {
    this.bounded = bounded;
    this.maxSize = maxSize;
    this.fixedSize = fixedSize;
  }

  /**
   * Any number of bytes.
   *
   * @return the bound that admits any length
   */
  public static Bound unbounded() {
    return UNBOUNDED;
  }

  /**
   * At most {@code maxSize} bytes (1 or more).
   *
   * @param maxSize the most bytes a value may take
   * @return the bound
   */
  public static Bound atMost(int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("a bound needs a positive size, not " + maxSize);
    }
    return new Bound(true, maxSize, false);
  }

  /**
   * Exactly {@code size} bytes (1 or more).
   *
   * @param size the bytes every value takes
   * @return the bound
   */
  public static Bound fixed(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a bound needs a positive size, not " + size);
    }
    return new Bound(true, size, true);
  }

  /**
   * Whether there is a maximum.
   *
   * @return whether there is a maximum
   */
  public boolean isBounded() {
    return bounded;
  }

  /**
   * The maximum in bytes; 0 when unbounded.
   *
   * @return the maximum in bytes, or 0
   */
  public int maxSize() {
    return maxSize;
  }

  /**
   * Whether every value has exactly {@link #maxSize()} bytes.
   *
   * @return whether every value has the same size
   */
  public boolean isFixedSize() {
    return fixedSize;
  }

  /**
   * Whether {@code length} bytes satisfy this bound.
   *
   * @param length a value's size, in bytes
   * @return whether it is allowed
   */
  public boolean admits(int length) {
    if (!bounded) {
      return length >= 0;
    }
    return fixedSize ? length == maxSize : length >= 0 && length <= maxSize;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Bound)) {
      return false;
    }
    Bound b = (Bound) o;
    return bounded == b.bounded && maxSize == b.maxSize && fixedSize == b.fixedSize;
  }

  @Override
  public int hashCode() {
    return (bounded ? 1 : 0) + 31 * maxSize + (fixedSize ? 7 : 0);
  }

  @Override
  public String toString() {
    if (!bounded) {
      return "unbounded";
    }
    return (fixedSize ? "exactly " : "at most ") + maxSize + " bytes";
  }
}
