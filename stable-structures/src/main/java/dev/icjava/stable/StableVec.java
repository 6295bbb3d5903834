package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/**
 * A growable array in stable memory, of a {@link Storable} with a {@link Bound bound} (each element
 * has a slot of the bound's size). The layout is dfinity/stable-structures' {@code Vec} ({@code
 * src/base_vec.rs} "V1 layout" with {@code src/vec.rs}'s magic, commit {@code
 * b5d1650463f477affb3d358e86b1113953fc9937}); the committed fixture {@code layout/vec-v1.bin} is read
 * back by {@code StableVecTest}.
 *
 * <h2>Layout, version 1 (integers little-endian)</h2>
 *
 * <pre>
 * offset  size  field
 * 0       3     magic "SVC"
 * 3       1     layout version = 1
 * 4       8     number of elements L
 * 12      4     the element bound's max size M
 * 16      1     fixed-size flag (1: every element has exactly M bytes)
 * 17      47    reserved (0)
 * 64            element 0, 1, ... L-1, in slots of S bytes: element i at 64 + S x i
 * </pre>
 *
 * <p>A slot holds the element's length, then its bytes: no length when fixed-size (S = M), else 1
 * byte when M &lt;= 255, 2 when M &lt;= 65,535, 4 beyond (S = M + that).
 *
 * <p>Opening refuses memory that is neither empty (all zero) nor a vector, a version other than 1,
 * and a {@link Storable} whose bound differs from the recorded one. {@link #push} grows the memory
 * before writing anything and refuses, with nothing written, when it cannot.
 *
 * @param <T> the element type
 */
public final class StableVec<T> {
  static final String MAGIC = "SVC";
  static final int VERSION = 1;
  static final int DATA_OFFSET = 64;
  static final int H_LENGTH = 4;
  static final int H_MAX_SIZE = 12;
  static final int H_FIXED = 16;

  private final StableMemory memory;
  private final Storable<T> storable;
  private final int maxSize;
  private final boolean fixed;
  private final int prefix;
  private final long slot;
  private long length;

  private StableVec(StableMemory memory, Storable<T> storable, long length) {
    this.memory = memory;
    this.storable = storable;
    this.maxSize = storable.bound().maxSize();
    this.fixed = storable.bound().isFixedSize();
    this.prefix = fixed ? 0 : maxSize <= 0xFF ? 1 : maxSize <= 0xFFFF ? 2 : 4;
    this.slot = (long) maxSize + prefix;
    this.length = length;
  }

  /**
   * Opens the vector in {@code memory}, or creates an empty one there when the memory is empty;
   * throws {@link StableStructureException} on anything else.
   *
   * @param <T> the element type
   * @param memory the memory that holds the vector
   * @param storable how elements are stored
   * @return the vector
   */
  public static <T> StableVec<T> init(StableMemory memory, Storable<T> storable) {
    Bound bound = storable.bound();
    if (!bound.isBounded()) {
      throw new StableStructureException(
          "StableVec.init: the element's Storable is unbounded; a StableVec needs a bounded one");
    }
    if (Bytes.memoryBytes(memory) >= DATA_OFFSET) {
      byte[] h = new byte[DATA_OFFSET];
      memory.read(0, h, 0, DATA_OFFSET);
      if (!Bytes.isZero(h)) {
        if (!Bytes.hasMagic(h, MAGIC)) {
          throw new StableStructureException(
              "StableVec.init: the memory holds " + Bytes.describeMagic(h)
                  + ", not a StableVec (\"SVC\")");
        }
        int version = h[3] & 0xFF;
        if (version != VERSION) {
          throw new StableStructureException(
              "StableVec.init: layout version " + version + ", this build reads version "
                  + VERSION);
        }
        int max = Bytes.getInt(h, H_MAX_SIZE);
        boolean fixed = h[H_FIXED] != 0;
        if (max != bound.maxSize() || fixed != bound.isFixedSize()) {
          throw new StableStructureException(
              "StableVec.init: the vector holds elements of " + (fixed ? "exactly " : "at most ")
                  + (max & 0xFFFFFFFFL) + " bytes; the Storable's bound is " + bound);
        }
        long len = Bytes.getLong(h, H_LENGTH);
        StableVec<T> v = new StableVec<>(memory, storable, len);
        if (len < 0 || DATA_OFFSET + v.slot * len > Bytes.memoryBytes(memory)) {
          throw new StableStructureException(
              "StableVec.init: corrupt header: " + len + " elements do not fit the memory");
        }
        return v;
      }
    }
    Bytes.ensureCapacity(memory, DATA_OFFSET, "StableVec.init");
    byte[] h = new byte[DATA_OFFSET];
    Bytes.putMagic(h, MAGIC);
    h[3] = VERSION;
    Bytes.putInt(h, H_MAX_SIZE, bound.maxSize());
    h[H_FIXED] = (byte) (bound.isFixedSize() ? 1 : 0);
    memory.write(0, h, 0, DATA_OFFSET);
    return new StableVec<>(memory, storable, 0);
  }

  /**
   * The number of elements.
   *
   * @return the number of elements
   */
  public long size() {
    return length;
  }

  /**
   * Whether there are no elements.
   *
   * @return whether there are no elements
   */
  public boolean isEmpty() {
    return length == 0;
  }

  /**
   * Appends {@code value}.
   *
   * @param value the element
   */
  public void push(T value) {
    byte[] b = BuiltinStorables.encode(storable, value, "StableVec.push");
    long at = DATA_OFFSET + slot * length;
    Bytes.ensureCapacity(memory, at + slot, "StableVec.push");
    writeSlot(at, b);
    setLength(length + 1);
  }

  /**
   * Removes and returns the last element, or null when empty.
   *
   * @return the last element, or {@code null}
   */
  public T pop() {
    if (length == 0) {
      return null;
    }
    T v = get(length - 1);
    setLength(length - 1);
    return v;
  }

  /**
   * The element at {@code index}; throws outside {@code [0, size())}.
   *
   * @param index the index, 0 to {@code size() - 1}
   * @return the element
   */
  public T get(long index) {
    check(index, "get");
    long at = DATA_OFFSET + slot * index;
    int n = maxSize;
    if (prefix > 0) {
      byte[] p = new byte[prefix];
      memory.read(at, p, 0, prefix);
      n = prefix == 1 ? p[0] & 0xFF : prefix == 2 ? Bytes.getShort(p, 0) : Bytes.getInt(p, 0);
      if (n < 0 || n > maxSize) {
        throw new StableStructureException(
            "StableVec.get: corrupt slot " + index + ": length " + n + " above " + maxSize);
      }
    }
    byte[] b = new byte[n];
    memory.read(at + prefix, b, 0, n);
    return storable.fromBytes(b);
  }

  /**
   * Replaces the element at {@code index}; throws outside {@code [0, size())}.
   *
   * @param index the index, 0 to {@code size() - 1}
   * @param value the new element
   */
  public void set(long index, T value) {
    check(index, "set");
    byte[] b = BuiltinStorables.encode(storable, value, "StableVec.set");
    writeSlot(DATA_OFFSET + slot * index, b);
  }

  /** Removes every element (the memory keeps its size). */
  public void clear() {
    setLength(0);
  }

  private void writeSlot(long at, byte[] b) {
    byte[] out = new byte[prefix + b.length];
    if (prefix == 1) {
      out[0] = (byte) b.length;
    } else if (prefix == 2) {
      Bytes.putShort(out, 0, b.length);
    } else if (prefix == 4) {
      Bytes.putInt(out, 0, b.length);
    }
    System.arraycopy(b, 0, out, prefix, b.length);
    memory.write(at, out, 0, out.length);
  }

  private void setLength(long n) {
    Bytes.writeLong(memory, H_LENGTH, n);
    length = n;
  }

  private void check(long index, String op) {
    if (index < 0 || index >= length) {
      throw new StableStructureException(
          "StableVec." + op + ": index " + index + " outside [0, " + length + ")");
    }
  }
}
