package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/**
 * One value in stable memory, written through on every {@link #set}: a configuration, a counter, a
 * small state that must survive upgrades. Its memory should be its own (a {@link MemoryManager}
 * memory). The layout is dfinity/stable-structures' {@code Cell} ({@code src/cell.rs}, "V1 layout",
 * commit {@code b5d1650463f477affb3d358e86b1113953fc9937}); the committed fixture {@code
 * layout/cell-v1.bin} is read back by {@code StableCellTest}.
 *
 * <h2>Layout, version 1 (integers little-endian)</h2>
 *
 * <pre>
 * offset  size  field
 * 0       3     magic "SCL"
 * 3       1     layout version = 1
 * 4       4     value length N
 * 8       N     the value's bytes ({@link Storable#toBytes})
 * </pre>
 *
 * <p>The layout records no bound: opening checks that the stored length is inside the {@link
 * Storable}'s bound instead. Opening refuses memory that is neither empty (all zero) nor a cell
 * ("holds ..."), and a version other than 1. {@link #set} grows the memory before writing and
 * refuses, with nothing written, when it cannot.
 *
 * <pre>{@code
 * StableCell<Long> counter = StableCell.init(manager.get(0), Storable.LONG, 0L);
 * counter.set(counter.get() + 1);
 * }</pre>
 *
 * @param <T> the stored type
 */
public final class StableCell<T> {
  static final String MAGIC = "SCL";
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8;
  static final int H_LENGTH = 4;

  private final StableMemory memory;
  private final Storable<T> storable;
  private T value;

  private StableCell(StableMemory memory, Storable<T> storable, T value) {
    this.memory = memory;
    this.storable = storable;
    this.value = value;
  }

  /**
   * Opens the cell in {@code memory}, or creates it there holding {@code initial} when the memory
   * is empty; throws {@link StableStructureException} on anything else.
   *
   * @param <T> the value's type
   * @param memory the memory that holds the cell
   * @param storable how the value is stored
   * @param initial the value of a new cell
   * @return the cell
   */
  public static <T> StableCell<T> init(StableMemory memory, Storable<T> storable, T initial) {
    if (Bytes.memoryBytes(memory) >= HEADER_BYTES) {
      byte[] h = new byte[HEADER_BYTES];
      memory.read(0, h, 0, HEADER_BYTES);
      if (!Bytes.isZero(h)) {
        if (!Bytes.hasMagic(h, MAGIC)) {
          throw new StableStructureException(
              "StableCell.init: the memory holds " + Bytes.describeMagic(h)
                  + ", not a StableCell (\"SCL\")");
        }
        int version = h[3] & 0xFF;
        if (version != VERSION) {
          throw new StableStructureException(
              "StableCell.init: layout version " + version + ", this build reads version "
                  + VERSION);
        }
        long length = Bytes.getInt(h, H_LENGTH) & 0xFFFFFFFFL;
        if (length > Integer.MAX_VALUE
            || !storable.bound().admits((int) length)
            || HEADER_BYTES + length > Bytes.memoryBytes(memory)) {
          throw new StableStructureException(
              "StableCell.init: the stored value has " + length + " bytes, outside the Storable's"
                  + " bound (" + storable.bound() + ") or the memory");
        }
        byte[] b = new byte[(int) length];
        memory.read(HEADER_BYTES, b, 0, b.length);
        return new StableCell<>(memory, storable, storable.fromBytes(b));
      }
    }
    StableCell<T> cell = new StableCell<>(memory, storable, initial);
    cell.set(initial);
    return cell;
  }

  /**
   * The value.
   *
   * @return the value
   */
  public T get() {
    return value;
  }

  /**
   * Stores {@code newValue} and returns the previous value.
   *
   * @param newValue the value to store
   * @return the previous value
   */
  public T set(T newValue) {
    byte[] b = BuiltinStorables.encode(storable, newValue, "StableCell.set");
    Bytes.ensureCapacity(memory, HEADER_BYTES + (long) b.length, "StableCell.set");
    byte[] out = new byte[HEADER_BYTES + b.length];
    Bytes.putMagic(out, MAGIC);
    out[3] = VERSION;
    Bytes.putInt(out, H_LENGTH, b.length);
    System.arraycopy(b, 0, out, HEADER_BYTES, b.length);
    memory.write(0, out, 0, out.length);
    T old = value;
    value = newValue;
    return old;
  }
}
