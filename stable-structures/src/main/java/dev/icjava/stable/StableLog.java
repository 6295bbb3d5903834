package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/**
 * An append-only list of entries of any size, over two memories: an index of end offsets and the
 * entries' bytes (two {@link MemoryManager} memories). The layout is dfinity/stable-structures'
 * {@code Log} ({@code src/log.rs}, "V1 layout", commit {@code
 * b5d1650463f477affb3d358e86b1113953fc9937}); the committed fixtures {@code layout/log-index-v1.bin}
 * and {@code layout/log-data-v1.bin} are read back by {@code StableLogTest}.
 *
 * <h2>Layout, version 1 (integers little-endian)</h2>
 *
 * <pre>
 * Index memory                              Data memory
 * offset  size  field                       offset  size  field
 * 0       3     magic "GLI"                 0       3     magic "GLD"
 * 3       1     layout version = 1          3       1     layout version = 1
 * 4       28    reserved (0)                4       28    reserved (0)
 * 32      8     number of entries L         32      E_0   entry 0's bytes
 * 40      8     E_0 (end of entry 0)        ...           entry i at 32 + (end of entry i-1)
 * 48      8     E_0 + E_1
 * 40+8i   8     end of entry i (offsets from 32 in the data memory)
 * </pre>
 *
 * <p>The layout records no bound; entries read back are checked against the {@link Storable}'s.
 * Opening refuses memories that are neither empty (all zero) nor the two halves of a log, and a
 * version other than 1 (the Rust crate would format a data memory without the magic). {@link
 * #append} grows both memories before writing anything and refuses, with nothing written, when it
 * cannot.
 *
 * @param <T> the entry type
 */
public final class StableLog<T> {
  static final String INDEX_MAGIC = "GLI";
  static final String DATA_MAGIC = "GLD";
  static final int VERSION = 1;
  static final int HEADER_OFFSET = 32;
  static final int HEADER_BYTES = 40;

  private final StableMemory index;
  private final StableMemory data;
  private final Storable<T> storable;
  private long length;

  private StableLog(StableMemory index, StableMemory data, Storable<T> storable, long length) {
    this.index = index;
    this.data = data;
    this.storable = storable;
    this.length = length;
  }

  /**
   * Opens the log in these memories, or creates an empty one when both are empty; throws {@link
   * StableStructureException} on anything else.
   *
   * @param <T> the entry type
   * @param indexMemory the memory that holds the entries' end offsets
   * @param dataMemory the memory that holds the entries' bytes
   * @param storable how entries are stored
   * @return the log
   */
  public static <T> StableLog<T> init(
      StableMemory indexMemory, StableMemory dataMemory, Storable<T> storable) {
    byte[] ih = header(indexMemory);
    byte[] dh = header(dataMemory);
    if (Bytes.isZero(ih) && Bytes.isZero(dh)) {
      Bytes.ensureCapacity(indexMemory, HEADER_BYTES, "StableLog.init");
      Bytes.ensureCapacity(dataMemory, HEADER_OFFSET, "StableLog.init");
      byte[] i = new byte[HEADER_BYTES];
      Bytes.putMagic(i, INDEX_MAGIC);
      i[3] = VERSION;
      byte[] d = new byte[HEADER_OFFSET];
      Bytes.putMagic(d, DATA_MAGIC);
      d[3] = VERSION;
      dataMemory.write(0, d, 0, d.length);
      indexMemory.write(0, i, 0, i.length);
      return new StableLog<>(indexMemory, dataMemory, storable, 0);
    }
    check(ih, INDEX_MAGIC, "index");
    check(dh, DATA_MAGIC, "data");
    long len = Bytes.getLong(ih, HEADER_OFFSET);
    if (len < 0 || HEADER_BYTES + 8 * len > Bytes.memoryBytes(indexMemory)) {
      throw new StableStructureException(
          "StableLog.init: corrupt index: " + len + " entries do not fit the index memory");
    }
    return new StableLog<>(indexMemory, dataMemory, storable, len);
  }

  private static byte[] header(StableMemory m) {
    byte[] h = new byte[HEADER_BYTES];
    if (Bytes.memoryBytes(m) >= HEADER_BYTES) {
      m.read(0, h, 0, HEADER_BYTES);
    }
    return h;
  }

  private static void check(byte[] h, String magic, String which) {
    if (!Bytes.hasMagic(h, magic)) {
      throw new StableStructureException(
          "StableLog.init: the " + which + " memory holds " + Bytes.describeMagic(h)
              + ", not a log's " + which + " (\"" + magic + "\")");
    }
    int version = h[3] & 0xFF;
    if (version != VERSION) {
      throw new StableStructureException(
          "StableLog.init: " + which + " layout version " + version
              + ", this build reads version " + VERSION);
    }
  }

  /**
   * The number of entries.
   *
   * @return the number of entries
   */
  public long size() {
    return length;
  }

  /**
   * Whether there are no entries.
   *
   * @return whether there are no entries
   */
  public boolean isEmpty() {
    return length == 0;
  }

  /**
   * Appends {@code value} and returns its index.
   *
   * @param value the entry
   * @return its index
   */
  public long append(T value) {
    byte[] b = BuiltinStorables.encode(storable, value, "StableLog.append");
    long start = length == 0 ? 0 : end(length - 1);
    long end = start + b.length;
    Bytes.ensureCapacity(data, HEADER_OFFSET + end, "StableLog.append (data)");
    Bytes.ensureCapacity(index, HEADER_BYTES + 8 * (length + 1), "StableLog.append (index)");
    data.write(HEADER_OFFSET + start, b, 0, b.length);
    Bytes.writeLong(index, HEADER_BYTES + 8 * length, end);
    Bytes.writeLong(index, HEADER_OFFSET, length + 1);
    return length++;
  }

  /**
   * The entry at {@code i}; throws outside {@code [0, size())}.
   *
   * @param i the index, 0 to {@code size() - 1}
   * @return the entry
   */
  public T get(long i) {
    if (i < 0 || i >= length) {
      throw new StableStructureException(
          "StableLog.get: index " + i + " outside [0, " + length + ")");
    }
    long start = i == 0 ? 0 : end(i - 1);
    long end = end(i);
    long n = end - start;
    if (n < 0 || n > Integer.MAX_VALUE || !storable.bound().admits((int) n)
        || HEADER_OFFSET + end > Bytes.memoryBytes(data)) {
      throw new StableStructureException(
          "StableLog.get: entry " + i + " has " + n + " bytes, outside the Storable's bound ("
              + storable.bound() + ") or the data memory");
    }
    byte[] b = new byte[(int) n];
    data.read(HEADER_OFFSET + start, b, 0, b.length);
    return storable.fromBytes(b);
  }

  private long end(long i) {
    return Bytes.readLong(index, HEADER_BYTES + 8 * i);
  }
}
