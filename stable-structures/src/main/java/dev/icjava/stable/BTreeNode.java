package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;
import java.util.ArrayList;
import java.util.List;

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

  final long address;
  final boolean leaf;
  int count;
  final byte[][] keys = new byte[CAPACITY][];
  final byte[][] values = new byte[CAPACITY][];
  final long[] children = new long[CAPACITY + 1];
  /** The overflow pages the node has in memory now (updated when it is written). */
  List<Long> overflows = new ArrayList<>();

  BTreeNode(long address, boolean leaf) {
    this.address = address;
    this.leaf = leaf;
  }

  /** The first index whose key is {@code >= key}; {@code count} if none. */
  int lowerBound(byte[] key) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Bytes.compare(keys[mid], key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  boolean keyAt(int i, byte[] key) {
    return i < count && Bytes.compare(keys[i], key) == 0;
  }

  void insertEntry(int i, byte[] k, byte[] v) {
    System.arraycopy(keys, i, keys, i + 1, count - i);
    System.arraycopy(values, i, values, i + 1, count - i);
    keys[i] = k;
    values[i] = v;
    count++;
  }

  void removeEntry(int i) {
    System.arraycopy(keys, i + 1, keys, i, count - i - 1);
    System.arraycopy(values, i + 1, values, i, count - i - 1);
    count--;
    keys[count] = null;
    values[count] = null;
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

  /** The logical bytes of the node (see the layout). */
  byte[] encode(boolean keyFixed) {
    long size = N_ENTRIES + (leaf ? 0 : 8L * (count + 1));
    for (int i = 0; i < count; i++) {
      size += (keyFixed ? 0 : 4) + keys[i].length + 4 + values[i].length;
    }
    if (size > Integer.MAX_VALUE - 64) {
      throw new StableStructureException(
          "StableBTreeMap: a node of " + size + " bytes is too large (entries too large)");
    }
    byte[] out = new byte[(int) size];
    Bytes.putMagic(out, "BTN");
    out[3] = VERSION;
    out[4] = (byte) (leaf ? LEAF : INTERNAL);
    Bytes.putShort(out, 5, count);
    Bytes.putLong(out, N_OVERFLOW, overflows.isEmpty() ? 0 : overflows.get(0));
    int at = N_ENTRIES;
    if (!leaf) {
      for (int i = 0; i <= count; i++) {
        Bytes.putLong(out, at, children[i]);
        at += 8;
      }
    }
    for (int i = 0; i < count; i++) {
      if (!keyFixed) {
        Bytes.putInt(out, at, keys[i].length);
        at += 4;
      }
      System.arraycopy(keys[i], 0, out, at, keys[i].length);
      at += keys[i].length;
    }
    for (int i = 0; i < count; i++) {
      Bytes.putInt(out, at, values[i].length);
      at += 4;
      System.arraycopy(values[i], 0, out, at, values[i].length);
      at += values[i].length;
    }
    return out;
  }

  /** Overflow pages needed for {@code size} logical bytes in pages of {@code pageSize}. */
  static int overflowPagesFor(int size, int pageSize) {
    if (size <= pageSize) {
      return 0;
    }
    int capacity = pageSize - OVERFLOW_DATA;
    return (size - pageSize + capacity - 1) / capacity;
  }

  /** Writes the logical bytes over the initial page and {@link #overflows} (enough of them). */
  void write(StableMemory memory, byte[] logical, int pageSize) {
    Bytes.putLong(logical, N_OVERFLOW, overflows.isEmpty() ? 0 : overflows.get(0));
    int first = Math.min(logical.length, pageSize);
    memory.write(address, logical, 0, first);
    int at = first;
    int capacity = pageSize - OVERFLOW_DATA;
    for (int p = 0; p < overflows.size(); p++) {
      int n = Math.min(capacity, logical.length - at);
      byte[] page = new byte[OVERFLOW_DATA + n];
      Bytes.putMagic(page, "NOF");
      Bytes.putLong(page, OVERFLOW_NEXT, p + 1 < overflows.size() ? overflows.get(p + 1) : 0);
      System.arraycopy(logical, at, page, OVERFLOW_DATA, n);
      memory.write(overflows.get(p), page, 0, page.length);
      at += n;
    }
  }

  /** Reads the node at {@code address}; throws on bytes no map could have written. */
  static BTreeNode read(StableMemory memory, long address, int pageSize, int fixedKeySize) {
    byte[] first = new byte[pageSize];
    memory.read(address, first, 0, pageSize);
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
    List<Long> overflows = new ArrayList<>();
    byte[] logical = first;
    long next = Bytes.getLong(first, N_OVERFLOW);
    if (next != 0) {
      int capacity = pageSize - OVERFLOW_DATA;
      List<byte[]> pages = new ArrayList<>();
      long memoryBytes = Bytes.memoryBytes(memory);
      while (next != 0) {
        // each overflow page is a page of its own inside the memory: a chain that leaves the memory or
        // is longer than the memory has pages (it loops) is refused before it is read
        if (overflows.size() > memoryBytes / pageSize) {
          throw corrupt(address, "overflow chain longer than the memory has pages");
        }
        if (next < 0 || next > memoryBytes - pageSize) {
          throw corrupt(address, "an overflow page is outside the memory");
        }
        byte[] page = new byte[pageSize];
        memory.read(next, page, 0, pageSize);
        if (!Bytes.hasMagic(page, "NOF")) {
          throw corrupt(address, "overflow page at " + next + " has no magic \"NOF\"");
        }
        overflows.add(next);
        pages.add(page);
        next = Bytes.getLong(page, OVERFLOW_NEXT);
      }
      logical = new byte[pageSize + capacity * pages.size()];
      System.arraycopy(first, 0, logical, 0, pageSize);
      for (int p = 0; p < pages.size(); p++) {
        System.arraycopy(pages.get(p), OVERFLOW_DATA, logical, pageSize + capacity * p, capacity);
      }
    }
    BTreeNode n = new BTreeNode(address, type == LEAF);
    n.count = count;
    n.overflows = overflows;
    int at = N_ENTRIES;
    if (!n.leaf) {
      check(logical, at, 8 * (count + 1), address);
      for (int i = 0; i <= count; i++) {
        n.children[i] = Bytes.getLong(logical, at);
        at += 8;
      }
    }
    for (int i = 0; i < count; i++) {
      int len = fixedKeySize;
      if (len < 0) {
        check(logical, at, 4, address);
        len = Bytes.getInt(logical, at);
        at += 4;
      }
      check(logical, at, len, address);
      n.keys[i] = slice(logical, at, len);
      at += len;
    }
    for (int i = 0; i < count; i++) {
      check(logical, at, 4, address);
      int len = Bytes.getInt(logical, at);
      at += 4;
      check(logical, at, len, address);
      n.values[i] = slice(logical, at, len);
      at += len;
    }
    return n;
  }

  private static byte[] slice(byte[] b, int at, int len) {
    byte[] out = new byte[len];
    System.arraycopy(b, at, out, 0, len);
    return out;
  }

  static StableStructureException corrupt(long address, String what) {
    return new StableStructureException(
        "StableBTreeMap corrupt: node at " + address + ": " + what);
  }

  static void check(byte[] logical, int at, long length, long address) {
    if (length < 0 || at + length > logical.length) {
      throw corrupt(address, "an entry runs past the node's pages");
    }
  }
}
