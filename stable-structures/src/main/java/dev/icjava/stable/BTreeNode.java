package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/**
 * One node of a {@link StableBTreeMap}, in memory while an operation runs, and its version-2 layout
 * in stable memory: dfinity/stable-structures' {@code src/btreemap/node/v2.rs} and {@code
 * node/io.rs} (commit {@code b5d1650463f477affb3d358e86b1113953fc9937}). A node has up to {@link
 * #CAPACITY} entries (B = 6) and occupies a page of the map's {@link ChunkAllocator}, followed by
 * overflow pages when it does not fit.
 *
 * <h2>Node layout, version 2 (integers little-endian)</h2>
 *
 * <pre>
 * The node is one logical byte string:
 *   offset  size     field
 *   0       3        magic "BTN"
 *   3       1        node layout version = 2
 *   4       1        node type: 0 leaf, 1 internal
 *   5       2        number of entries k (at most 11)
 *   7       8        address of the first overflow page, 0 if none
 *   15      8(k+1)   children's addresses (internal nodes only)
 *   then    k keys:   4-byte length (absent when the key's bound is fixed-size), the key's bytes
 *   then    k values: 4-byte length, the value's bytes
 *
 * Its bytes [0, P) are the initial page (P = the map's page size), the next P - 11 bytes are the
 * first overflow page's data, and so on. An overflow page:
 *   0       3        magic "NOF"
 *   3       8        address of the next overflow page, 0 if none
 *   11      P - 11   data
 * </pre>
 *
 * <p>In memory a node does not copy its entries out of the bytes it was read from: entry {@code i}'s
 * key is {@code keyBytes[i][at[4i] .. at[4i] + at[4i+1])} and its value {@code
 * valueBytes[i][at[4i+2] .. at[4i+2] + at[4i+3])}, slices of the node's own bytes as read (never
 * changed afterwards), or of another node's when entries move, or arrays given to an insert. A
 * lookup compares keys in place and copies only the value it returns ({@link #value}); a write
 * encodes the node again from the slices.
 *
 * <p>Version-1 nodes (written by the Rust crate before its version 0.6, or by maps migrated from
 * its V1 layout) are refused when read: this build reads version 2 only.
 */
final class BTreeNode {
  static final int B = 6;
  static final int CAPACITY = 2 * B - 1;
  static final int VERSION = 2;
  static final int LEAF = 0;
  static final int INTERNAL = 1;
  static final int N_OVERFLOW = 7;
  static final int N_ENTRIES = 15;
  static final int OVERFLOW_NEXT = 3;
  static final int OVERFLOW_DATA = 11;
  static final long[] NO_PAGES = new long[0];
  private static final String PAST_PAGES = "an entry runs past the node's pages";

  long address;
  boolean leaf;
  int count;
  final byte[][] keyBytes = new byte[CAPACITY][];
  final byte[][] valueBytes = new byte[CAPACITY][];
  /** Per entry: key offset, key length, value offset, value length. */
  final int[] at = new int[4 * CAPACITY];
  final long[] children = new long[CAPACITY + 1];
  /** The overflow pages the node has in memory now (updated when it is written). */
  long[] overflows = NO_PAGES;
  /** Whether the operation under way has changed the node (it is then in its list to write). */
  boolean dirty;
  /**
   * A first page's bytes kept for reuse when the node object is reused ({@link #reset}): {@link
   * BTreeWrite} recycles its nodes from one operation to the next, so that an operation allocates
   * neither node objects nor page copies (allocation, zeroing and bulk copies are what a canister
   * pays most for on the general paths).
   */
  byte[] page;

  BTreeNode(long address, boolean leaf) {
    this.address = address;
    this.leaf = leaf;
  }

  /**
   * Makes this object an empty node at {@code address}, as if new: a node object that {@link
   * BTreeWrite} reuses once the operation that used it has been written. Entries past the count and
   * children past the count + 1 are never read (every edit writes a slot before counting it), so
   * they are left as they were rather than cleared.
   */
  void reset(long address, boolean leaf) {
    this.address = address;
    this.leaf = leaf;
    count = 0;
    overflows = NO_PAGES;
    dirty = false;
  }

  /** The first index whose key is {@code >= key}; {@code count} if none. */
  int lowerBound(byte[] key) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareKey(mid, key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Entry {@code i}'s key compared with {@code key}, as {@link Bytes#compare}. */
  int compareKey(int i, byte[] key) {
    return Bytes.compare(keyBytes[i], at[4 * i], at[4 * i + 1], key, 0, key.length);
  }

  boolean keyAt(int i, byte[] key) {
    return i < count && compareKey(i, key) == 0;
  }

  /** A copy of entry {@code i}'s key. */
  byte[] key(int i) {
    return copy(keyBytes[i], at[4 * i], at[4 * i + 1]);
  }

  /** A copy of entry {@code i}'s value. */
  byte[] value(int i) {
    return copy(valueBytes[i], at[4 * i + 2], at[4 * i + 3]);
  }

  private static byte[] copy(byte[] b, int from, int length) {
    byte[] out = new byte[length];
    Bytes.copy(b, from, out, 0, length);
    return out;
  }

  void setValue(int i, byte[] v) {
    valueBytes[i] = v;
    at[4 * i + 2] = 0;
    at[4 * i + 3] = v.length;
  }

  /** Makes entry {@code i} of this node entry {@code j} of {@code from}. */
  void copyEntry(int i, BTreeNode from, int j) {
    keyBytes[i] = from.keyBytes[j];
    valueBytes[i] = from.valueBytes[j];
    System.arraycopy(from.at, 4 * j, at, 4 * i, 4);
  }

  /** Moves entries {@code [i, count)} one place up, for an entry to be set at {@code i}. */
  private void openGap(int i) {
    System.arraycopy(keyBytes, i, keyBytes, i + 1, count - i);
    System.arraycopy(valueBytes, i, valueBytes, i + 1, count - i);
    System.arraycopy(at, 4 * i, at, 4 * i + 4, 4 * (count - i));
    count++;
  }

  void insertEntry(int i, byte[] k, byte[] v) {
    openGap(i);
    keyBytes[i] = k;
    at[4 * i] = 0;
    at[4 * i + 1] = k.length;
    setValue(i, v);
  }

  /** Inserts entry {@code j} of {@code from} (another node) at {@code i}. */
  void insertEntry(int i, BTreeNode from, int j) {
    openGap(i);
    copyEntry(i, from, j);
  }

  void removeEntry(int i) {
    System.arraycopy(keyBytes, i + 1, keyBytes, i, count - i - 1);
    System.arraycopy(valueBytes, i + 1, valueBytes, i, count - i - 1);
    System.arraycopy(at, 4 * i + 4, at, 4 * i, 4 * (count - i - 1));
    count--;
    keyBytes[count] = null;
    valueBytes[count] = null;
  }

  /** Inserts a child at {@code i}, before the entry that goes with it is inserted. */
  void insertChild(int i, long child) {
    System.arraycopy(children, i, children, i + 1, count + 1 - i);
    children[i] = child;
  }

  /** Removes the child at {@code i}, after the entry that went with it was removed. */
  void removeChild(int i) {
    System.arraycopy(children, i + 1, children, i, count + 1 - i);
    children[count + 1] = 0;
  }

  /** The number of logical bytes of the node (see the layout); throws when too large. */
  int encodedSize(boolean keyFixed) {
    long size = N_ENTRIES + (leaf ? 0 : 8L * (count + 1));
    for (int i = 0; i < count; i++) {
      size += (keyFixed ? 0 : 4) + at[4 * i + 1] + 4L + at[4 * i + 3];
    }
    if (size > Integer.MAX_VALUE - 64) {
      throw new StableStructureException(
          "StableBTreeMap: a node of " + size + " bytes is too large (entries too large)");
    }
    return (int) size;
  }

  /** Writes the logical bytes of the node into {@code out[0..encodedSize)}. */
  void encode(byte[] out, boolean keyFixed) {
    out[0] = 'B';
    out[1] = 'T';
    out[2] = 'N';
    out[3] = VERSION;
    out[4] = (byte) (leaf ? LEAF : INTERNAL);
    out[5] = (byte) count;
    out[6] = (byte) (count >>> 8);
    Bytes.putLongLE(out, N_OVERFLOW, overflows.length == 0 ? 0 : overflows[0]);
    int p = N_ENTRIES;
    if (!leaf) {
      for (int i = 0; i <= count; i++) {
        Bytes.putLongLE(out, p, children[i]);
        p += 8;
      }
    }
    // 8-byte keys and values (u64) copied with two 4-byte loads here, others by Bytes.copy.
    for (int i = 0; i < count; i++) {
      int length = at[4 * i + 1];
      if (!keyFixed) {
        Bytes.putIntLE(out, p, length);
        p += 4;
      }
      if (length == 8) {
        byte[] k = keyBytes[i];
        int from = at[4 * i];
        Bytes.putIntLE(out, p, Bytes.intLE(k, from));
        Bytes.putIntLE(out, p + 4, Bytes.intLE(k, from + 4));
      } else {
        Bytes.copy(keyBytes[i], at[4 * i], out, p, length);
      }
      p += length;
    }
    for (int i = 0; i < count; i++) {
      int length = at[4 * i + 3];
      Bytes.putIntLE(out, p, length);
      p += 4;
      if (length == 8) {
        byte[] v = valueBytes[i];
        int from = at[4 * i + 2];
        Bytes.putIntLE(out, p, Bytes.intLE(v, from));
        Bytes.putIntLE(out, p + 4, Bytes.intLE(v, from + 4));
      } else {
        Bytes.copy(valueBytes[i], at[4 * i + 2], out, p, length);
      }
      p += length;
    }
  }

  /** Overflow pages needed for {@code size} logical bytes in pages of {@code pageSize}. */
  static int overflowPagesFor(int size, int pageSize) {
    if (size <= pageSize) {
      return 0;
    }
    int capacity = pageSize - OVERFLOW_DATA;
    return (size - pageSize + capacity - 1) / capacity;
  }

  /**
   * Writes the logical bytes {@code logical[0..size)} (from {@link #encode}) over the initial page
   * and {@link #overflows}, telling the map each page written ({@link StableBTreeMap#written});
   * {@code page} is a buffer of at least {@code pageSize} bytes.
   */
  void write(StableBTreeMap<?, ?> map, byte[] logical, int size, int pageSize, byte[] page) {
    StableMemory memory = map.memory();
    int first = Math.min(size, pageSize);
    map.written(address);
    memory.write(address, logical, 0, first);
    int p = first;
    int capacity = pageSize - OVERFLOW_DATA;
    for (int o = 0; o < overflows.length; o++) {
      int n = Math.min(capacity, size - p);
      page[0] = 'N';
      page[1] = 'O';
      page[2] = 'F';
      Bytes.putLongLE(page, OVERFLOW_NEXT, o + 1 < overflows.length ? overflows[o + 1] : 0);
      System.arraycopy(logical, p, page, OVERFLOW_DATA, n);
      map.written(overflows[o]);
      memory.write(overflows[o], page, 0, OVERFLOW_DATA + n);
      p += n;
    }
  }

  /**
   * Reads the node at {@code address}, its first page already read into {@code first} (which the
   * node keeps: its entries are slices of it); throws on bytes no map could have written, a node
   * without entries among them, and on overflow chains that leave the memory or loop.
   */
  static BTreeNode read(
      StableMemory memory, long address, byte[] first, int pageSize, int fixedKeySize) {
    return read(memory, address, first, pageSize, fixedKeySize, null);
  }

  /**
   * As {@link #read(StableMemory, long, byte[], int, int)}, into {@code reuse} ({@link #reset})
   * when it is not null.
   */
  static BTreeNode read(StableMemory memory, long address, byte[] first, int pageSize,
      int fixedKeySize, BTreeNode reuse) {
    if (!Bytes.hasMagic(first, "BTN")) {
      throw corrupt(address, "no node magic (" + Bytes.describeMagic(first) + ")");
    }
    if (first[3] != VERSION) {
      throw new StableStructureException(
          "StableBTreeMap: node at " + address + " has layout version " + (first[3] & 0xFF)
              + "; this build reads version 2 nodes only");
    }
    int type = first[4];
    int count = Bytes.getShort(first, 5);
    if ((type != LEAF && type != INTERNAL) || count > CAPACITY) {
      throw corrupt(address, "type " + type + ", " + count + " entries");
    }
    if (count == 0) { // an emptied root is dropped (root 0), and no other node is ever empty
      throw corrupt(address, "a node without entries");
    }
    long[] overflows = NO_PAGES;
    byte[] logical = first;
    long next = Bytes.longLE(first, N_OVERFLOW);
    if (next != 0) {
      int capacity = pageSize - OVERFLOW_DATA;
      int pages = 0;
      byte[][] data = new byte[4][];
      overflows = new long[4];
      long memoryBytes = Bytes.memoryBytes(memory);
      while (next != 0) {
        // each overflow page is a page of its own inside the memory: a chain that leaves the memory
        // or is longer than the memory has pages (it loops) is refused before it is read
        if (pages > memoryBytes / pageSize) {
          throw corrupt(address, "overflow chain longer than the memory has pages");
        }
        if (next < StableBTreeMap.FIRST_NODE || next > memoryBytes - pageSize) {
          throw corrupt(address, "an overflow page is outside the memory");
        }
        byte[] page = new byte[pageSize];
        memory.read(next, page, 0, pageSize);
        if (!Bytes.hasMagic(page, "NOF")) {
          throw corrupt(address, "overflow page at " + next + " has no magic \"NOF\"");
        }
        if (pages == overflows.length) {
          long[] grownPages = new long[2 * pages];
          System.arraycopy(overflows, 0, grownPages, 0, pages);
          overflows = grownPages;
          byte[][] grownData = new byte[2 * pages][];
          System.arraycopy(data, 0, grownData, 0, pages);
          data = grownData;
        }
        overflows[pages] = next;
        data[pages] = page;
        pages++;
        next = Bytes.longLE(page, OVERFLOW_NEXT);
      }
      long[] exact = new long[pages];
      System.arraycopy(overflows, 0, exact, 0, pages);
      overflows = exact;
      logical = new byte[pageSize + capacity * pages];
      System.arraycopy(first, 0, logical, 0, pageSize);
      for (int p = 0; p < pages; p++) {
        System.arraycopy(data[p], OVERFLOW_DATA, logical, pageSize + capacity * p, capacity);
      }
    }
    BTreeNode n;
    if (reuse == null) {
      n = new BTreeNode(address, type == LEAF);
    } else {
      n = reuse;
      n.reset(address, type == LEAF);
    }
    n.count = count;
    n.overflows = overflows;
    int p = N_ENTRIES;
    if (!n.leaf) {
      check(logical, p, 8 * (count + 1), address);
      for (int i = 0; i <= count; i++) {
        n.children[i] = Bytes.longLE(logical, p);
        p += 8;
      }
    }
    int[] at = n.at;
    byte[][] keyBytes = n.keyBytes;
    if (fixedKeySize >= 0) {
      check(logical, p, (long) fixedKeySize * count, address);
      for (int i = 0; i < count; i++) {
        keyBytes[i] = logical;
        at[4 * i] = p;
        at[4 * i + 1] = fixedKeySize;
        p += fixedKeySize;
      }
    } else {
      for (int i = 0; i < count; i++) {
        check(logical, p, 4, address);
        int length = Bytes.intLE(logical, p);
        p += 4;
        check(logical, p, length, address);
        keyBytes[i] = logical;
        at[4 * i] = p;
        at[4 * i + 1] = length;
        p += length;
      }
    }
    byte[][] valueBytes = n.valueBytes;
    int limit = logical.length;
    for (int i = 0; i < count; i++) {
      if (p > limit - 4) {
        throw corrupt(address, PAST_PAGES);
      }
      int length = Bytes.intLE(logical, p);
      p += 4;
      if (length < 0 || length > limit - p) {
        throw corrupt(address, PAST_PAGES);
      }
      valueBytes[i] = logical;
      at[4 * i + 2] = p;
      at[4 * i + 3] = length;
      p += length;
    }
    return n;
  }

  static StableStructureException corrupt(long address, String what) {
    return new StableStructureException(
        "StableBTreeMap corrupt: node at " + address + ": " + what);
  }

  static void check(byte[] logical, int at, long length, long address) {
    if (length < 0 || at + length > logical.length) {
      throw corrupt(address, PAST_PAGES);
    }
  }
}
