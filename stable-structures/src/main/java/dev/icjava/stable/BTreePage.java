package dev.icjava.stable;

import dev.icjava.runtime.internal.RawArrays;

/**
 * A node's first page searched and edited in place, without building a {@link BTreeNode}: what
 * the common operations need, since a lookup reads one node per level and most inserts and removes
 * change one leaf. {@link #scan} finds a key among the node's keys; {@link #valueEnd} walks its
 * values; {@link #insertInto}, {@link #replaceIn} and {@link #removeFrom} write a leaf's new bytes
 * (the node layout of {@link BTreeNode}, the same bytes its {@code encode} writes) into a buffer.
 * Every offset read from the page is checked against the page: when the keys or a value run past
 * it (they are in overflow pages) or the page is not a node, the callers fall back to {@link
 * BTreeNode#read}, which reads the node whole or says what is wrong with it.
 *
 * <p>One instance per map, single-threaded as canisters are: {@link #scan} leaves its results in
 * fields.
 */
final class BTreePage {
  /** "BTN" and version 2, as a little-endian int. */
  private static final int MAGIC_V2 = 'B' | 'T' << 8 | 'N' << 16 | BTreeNode.VERSION << 24;
  private final int pageSize;
  private final int fixedKeySize;
  /** Where each key (its length prefix) starts, for unbounded keys. */
  private final int[] keyStarts = new int[BTreeNode.CAPACITY];

  /** The scanned node's entries. */
  int count;
  /** Whether the scanned node is a leaf. */
  boolean leaf;
  /** The first index whose key is {@code >= key}: the key's if {@link #hit}, else the child's. */
  int index;
  /** Whether the key is in the node. */
  boolean hit;
  /** The offset of the keys. */
  int keysAt;
  /** The offset of the first value's length. */
  int valuesAt;

  BTreePage(int pageSize, int fixedKeySize) {
    this.pageSize = pageSize;
    this.fixedKeySize = fixedKeySize;
  }

  /**
   * Searches {@code k} among the keys of the node whose first page is {@code p}; false when the
   * page is not a version-2 node with entries or its keys are not all in it.
   */
  boolean scan(byte[] p, byte[] k) {
    // Two 4-byte loads (a page has at least 15 bytes): magic and version, then type and count.
    int typeAndCount = Bytes.intLE(p, 4);
    int type = typeAndCount & 0xFF;
    int n = (typeAndCount >>> 8) & 0xFFFF;
    if (Bytes.intLE(p, 0) != MAGIC_V2
        || (type != BTreeNode.LEAF && type != BTreeNode.INTERNAL)
        || n > BTreeNode.CAPACITY
        || n == 0) { // no node is empty: the caller's BTreeNode.read refuses it
      return false;
    }
    count = n;
    leaf = type == BTreeNode.LEAF;
    keysAt = BTreeNode.N_ENTRIES + (leaf ? 0 : 8 * (n + 1));
    int lo = 0;
    int hi = n;
    boolean found = false;
    if (fixedKeySize >= 0) {
      int size = fixedKeySize;
      valuesAt = keysAt + n * size;
      if (valuesAt > pageSize) {
        return false;
      }
      // The keys compared here byte by byte (no call per key): they have the same size, and
      // random keys differ in their first byte almost always.
      int pb = RawArrays.base(p);
      int kb = RawArrays.base(k);
      boolean sameSize = k.length == size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int c;
        if (sameSize) {
          int at = keysAt + mid * size;
          c = 0;
          for (int j = 0; j < size; j++) {
            int d = (RawArrays.getByteAt(p, pb, at + j) & 0xFF)
                - (RawArrays.getByteAt(k, kb, j) & 0xFF);
            if (d != 0) {
              c = d;
              break;
            }
          }
        } else {
          c = Bytes.compare(p, keysAt + mid * size, size, k, 0, k.length);
        }
        if (c < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
          if (c == 0) {
            found = true;
            break;
          }
        }
      }
    } else {
      int[] starts = keyStarts;
      int q = keysAt;
      if (q > pageSize) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (q > pageSize - 4) {
          return false;
        }
        int length = Bytes.intLE(p, q);
        if (length < 0 || length > pageSize - q - 4) {
          return false;
        }
        starts[i] = q;
        q += 4 + length;
      }
      valuesAt = q;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int c = Bytes.compare(p, starts[mid] + 4, Bytes.intLE(p, starts[mid]), k, 0, k.length);
        if (c < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
          if (c == 0) {
            found = true;
            break;
          }
        }
      }
    }
    index = found ? hi : lo;
    hit = found;
    return true;
  }

  /** The scanned internal node's child at {@link #index}. */
  long child(byte[] p) {
    return Bytes.longLE(p, BTreeNode.N_ENTRIES + 8 * index);
  }

  /**
   * The offset just after the scanned node's first {@code n} values (each a 4-byte length and its
   * bytes), or -1 when they do not all lie in the page.
   */
  int valueEnd(byte[] p, int n) {
    int q = valuesAt;
    for (int i = 0; i < n; i++) {
      if (q > pageSize - 4) {
        return -1;
      }
      int length = Bytes.intLE(p, q);
      if (length < 0 || length > pageSize - q - 4) {
        return -1;
      }
      q += 4 + length;
    }
    return q;
  }

  /**
   * The offset of the scanned node's value {@code i} (its 4-byte length), or -1 when it or a value
   * before it does not lie in the page.
   */
  int valueStart(byte[] p, int i) {
    int q = valueEnd(p, i);
    if (q < 0 || q > pageSize - 4) {
      return -1;
    }
    int length = Bytes.intLE(p, q);
    return length < 0 || length > pageSize - q - 4 ? -1 : q;
  }

  /** A copy of the value whose length is at {@code q} ({@link #valueStart} checked it). */
  static byte[] valueAt(byte[] p, int q) {
    int length = Bytes.intLE(p, q);
    byte[] v = new byte[length];
    Bytes.copy(p, q + 4, v, 0, length);
    return v;
  }

  /** The offset of the scanned node's key {@code i} (its length prefix for unbounded keys). */
  private int keyStart(int i) {
    if (i == count) {
      return valuesAt;
    }
    return fixedKeySize >= 0 ? keysAt + i * fixedKeySize : keyStarts[i];
  }

  /**
   * Writes into {@code out} the scanned leaf {@code p} (not {@link #hit}, no overflow page) with
   * {@code k, v} inserted at {@link #index}; returns the new size, or -1 when it would not fit in
   * a page (then nothing is decided: the caller takes the general path).
   */
  int insertInto(byte[] p, byte[] k, byte[] v, byte[] out) {
    int end = valueEnd(p, count);
    if (end < 0) {
      return -1;
    }
    int keyBytes = fixedKeySize >= 0 ? k.length : 4 + k.length;
    int size = end + keyBytes + 4 + v.length;
    if (size > pageSize) {
      return -1;
    }
    int at = keyStart(index);
    int valueAt = valueEnd(p, index);
    // Header and the keys before the new one.
    System.arraycopy(p, 0, out, 0, at);
    int q = at;
    if (fixedKeySize < 0) {
      Bytes.putIntLE(out, q, k.length);
      q += 4;
    }
    System.arraycopy(k, 0, out, q, k.length);
    q += k.length;
    // The keys after it and the values before the new one.
    System.arraycopy(p, at, out, q, valueAt - at);
    q += valueAt - at;
    Bytes.putIntLE(out, q, v.length);
    q += 4;
    System.arraycopy(v, 0, out, q, v.length);
    q += v.length;
    System.arraycopy(p, valueAt, out, q, end - valueAt);
    out[5] = (byte) (count + 1);
    out[6] = (byte) ((count + 1) >>> 8);
    return size;
  }

  /**
   * Writes into {@code out} the scanned leaf {@code p} ({@link #hit}, no overflow page) with the
   * value at {@link #index}, whose length is at {@code valueAt}, replaced by {@code v}; returns the
   * new size, or -1 when it would not fit in a page.
   */
  int replaceIn(byte[] p, int valueAt, byte[] v, byte[] out) {
    int end = valueEnd(p, count);
    if (end < 0) {
      return -1;
    }
    int oldLength = Bytes.intLE(p, valueAt);
    int size = end - oldLength + v.length;
    if (size > pageSize) {
      return -1;
    }
    System.arraycopy(p, 0, out, 0, valueAt);
    Bytes.putIntLE(out, valueAt, v.length);
    System.arraycopy(v, 0, out, valueAt + 4, v.length);
    int rest = valueAt + 4 + oldLength;
    System.arraycopy(p, rest, out, valueAt + 4 + v.length, end - rest);
    return size;
  }

  /**
   * Writes into {@code out} the scanned leaf {@code p} ({@link #hit}, no overflow page) without the
   * entry at {@link #index}, whose value's length is at {@code valueAt}; returns the new size, or
   * -1 when the values do not all lie in the page.
   */
  int removeFrom(byte[] p, int valueAt, byte[] out) {
    int end = valueEnd(p, count);
    if (end < 0) {
      return -1;
    }
    int at = keyStart(index);
    int keyEnd = keyStart(index + 1);
    int valueEnd = valueAt + 4 + Bytes.intLE(p, valueAt);
    System.arraycopy(p, 0, out, 0, at);
    int q = at;
    System.arraycopy(p, keyEnd, out, q, valueAt - keyEnd);
    q += valueAt - keyEnd;
    System.arraycopy(p, valueEnd, out, q, end - valueEnd);
    q += end - valueEnd;
    out[5] = (byte) (count - 1);
    out[6] = (byte) ((count - 1) >>> 8);
    return q;
  }
}
