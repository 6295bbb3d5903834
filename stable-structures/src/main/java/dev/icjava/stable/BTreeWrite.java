package dev.icjava.stable;

/**
 * One insert or remove of a {@link StableBTreeMap}, planned on nodes in memory and written at the
 * end ({@link #commit}): first the memory is grown to what the new nodes and overflow pages need,
 * and only then is anything written, so an operation refused for want of memory leaves the map as
 * it was. The algorithms are the textbook B-tree's (Cormen et al., chapter 18) with minimum degree
 * B = 6: full nodes are split on the way down an insert, and nodes with B - 1 entries are topped up
 * (from a sibling, or by a merge) on the way down a remove, so one pass suffices. It may start
 * below the root, at a node above which it would only descend (see {@link #insertAbsent} and
 * {@link #removePresent}).
 *
 * <p>A map keeps one instance and starts it again for each operation ({@link #begin}), which also
 * forgets what an operation refused half-way had planned. The nodes an operation has read, changed
 * and freed are kept in small arrays searched linearly (an operation touches about three nodes per
 * level at most), not in hash tables: boxing addresses and asking for identity hash codes cost a
 * canister more than the search. The node objects, with their page buffers, are reused from one
 * operation to the next ({@link BTreeNode#reset}).
 */
final class BTreeWrite {
  private final StableBTreeMap<?, ?> map;
  private final ChunkAllocator allocator;
  private BTreeNode[] loaded = new BTreeNode[16];
  private int loadedCount;
  /** The changed nodes, in the order they were first changed (that order allocates pages). */
  private BTreeNode[] dirty = new BTreeNode[16];
  private int dirtyCount;
  private BTreeNode[] freed = new BTreeNode[4];
  private int freedCount;
  private int[] sizes = new int[16];
  long root;
  long length;

  BTreeWrite(StableBTreeMap<?, ?> map, ChunkAllocator allocator) {
    this.map = map;
    this.allocator = allocator;
  }

  /** Starts an operation on the map as committed. */
  void begin(long root, long length) {
    // The node objects in loaded[] stay there, to be reused (BTreeNode.reset) by this operation:
    // the last one's were all written, and nothing keeps them or slices of their pages.
    for (int i = 0; i < dirtyCount; i++) {
      dirty[i] = null;
    }
    for (int i = 0; i < freedCount; i++) {
      freed[i] = null;
    }
    loadedCount = 0;
    dirtyCount = 0;
    freedCount = 0;
    this.root = root;
    this.length = length;
    allocator.begin();
  }

  BTreeNode node(long address) {
    for (int i = 0; i < loadedCount; i++) {
      if (loaded[i].address == address) {
        return loaded[i];
      }
    }
    BTreeNode n = map.readNode(address, spare());
    loadedCount++;
    return n;
  }

  /**
   * The node object at {@code loaded[loadedCount]}, one a previous operation used or a new one;
   * the caller fills it in and counts it as loaded.
   */
  private BTreeNode spare() {
    if (loadedCount == loaded.length) {
      loaded = grow(loaded);
    }
    BTreeNode n = loaded[loadedCount];
    if (n == null) {
      n = new BTreeNode(0, true);
      loaded[loadedCount] = n;
    }
    return n;
  }

  private static BTreeNode[] grow(BTreeNode[] a) {
    BTreeNode[] b = new BTreeNode[2 * a.length];
    System.arraycopy(a, 0, b, 0, a.length);
    return b;
  }

  private BTreeNode newNode(boolean leaf) {
    BTreeNode n = spare();
    n.reset(allocator.allocate(), leaf);
    loadedCount++;
    touch(n);
    return n;
  }

  void touchForUpdate(BTreeNode n) {
    touch(n);
  }

  private void touch(BTreeNode n) {
    if (!n.dirty) {
      n.dirty = true;
      if (dirtyCount == dirty.length) {
        dirty = grow(dirty);
      }
      dirty[dirtyCount++] = n;
    }
  }

  private void free(BTreeNode n) {
    if (n.dirty) {
      n.dirty = false;
      int i = 0;
      while (dirty[i] != n) {
        i++;
      }
      System.arraycopy(dirty, i + 1, dirty, i, dirtyCount - i - 1);
      dirty[--dirtyCount] = null;
    }
    if (freedCount == freed.length) {
      freed = grow(freed);
    }
    freed[freedCount++] = n;
  }

  /** Finds the node holding {@code key} (read only), or null. */
  BTreeNode find(byte[] key) {
    long at = root;
    int depth = 0;
    while (at != 0) {
      map.checkDepth(++depth);
      BTreeNode n = node(at);
      int i = n.lowerBound(key);
      if (n.keyAt(i, key)) {
        return n;
      }
      if (n.leaf) {
        return null;
      }
      at = n.children[i];
    }
    return null;
  }

  /**
   * Inserts a key known to be absent, starting at the node {@code from}: the root, or a node below
   * which the insert's changes all lie (not full, and no full node above it on the way).
   */
  void insertAbsent(long from, byte[] key, byte[] value) {
    if (root == 0) {
      BTreeNode leaf = newNode(true);
      leaf.insertEntry(0, key, value);
      root = leaf.address;
      length++;
      return;
    }
    BTreeNode x = node(from);
    if (from == root && x.count == BTreeNode.CAPACITY) {
      BTreeNode s = newNode(false);
      s.children[0] = x.address;
      splitChild(s, 0, x);
      root = s.address;
      x = s;
    }
    int depth = 0;
    while (true) {
      map.checkDepth(++depth);
      int i = x.lowerBound(key);
      if (x.leaf) {
        x.insertEntry(i, key, value);
        touch(x);
        break;
      }
      BTreeNode c = node(x.children[i]);
      if (c.count == BTreeNode.CAPACITY) {
        splitChild(x, i, c);
        if (x.compareKey(i, key) < 0) {
          i++;
        }
        c = node(x.children[i]);
      }
      x = c;
    }
    length++;
  }

  /** Splits the full child {@code y} at {@code x.children[i]} around its median. */
  private void splitChild(BTreeNode x, int i, BTreeNode y) {
    int b = BTreeNode.B;
    BTreeNode z = newNode(y.leaf);
    z.count = b - 1;
    for (int j = 0; j < b - 1; j++) {
      z.copyEntry(j, y, b + j);
    }
    if (!y.leaf) {
      System.arraycopy(y.children, b, z.children, 0, b);
    }
    x.insertChild(i + 1, z.address);
    x.insertEntry(i, y, b - 1);
    for (int j = b - 1; j < BTreeNode.CAPACITY; j++) {
      y.keyBytes[j] = null;
      y.valueBytes[j] = null;
      y.children[j + 1] = 0;
    }
    y.count = b - 1;
    touch(x);
    touch(y);
  }

  /**
   * Removes a key known to be present, starting at the node {@code from}: the root, or a node
   * below which the remove's changes all lie (above it, no node holds the key and no child on the
   * way has B - 1 entries). Returns the value's bytes.
   */
  byte[] removePresent(long from, byte[] key) {
    byte[] result = null;
    BTreeNode x = node(from);
    int depth = 0;
    while (true) {
      map.checkDepth(++depth);
      int i = x.lowerBound(key);
      boolean here = x.keyAt(i, key);
      if (here && result == null) {
        result = x.value(i);
      }
      if (here && x.leaf) {
        x.removeEntry(i);
        touch(x);
        break;
      }
      if (here) {
        BTreeNode y = node(x.children[i]);
        BTreeNode z = node(x.children[i + 1]);
        if (y.count >= BTreeNode.B) {
          BTreeNode m = y;
          for (int d = depth; !m.leaf; ) {
            map.checkDepth(++d);
            m = node(m.children[m.count]);
          }
          x.copyEntry(i, m, m.count - 1);
          touch(x);
          key = x.key(i);
          x = y;
        } else if (z.count >= BTreeNode.B) {
          BTreeNode m = z;
          for (int d = depth; !m.leaf; ) {
            map.checkDepth(++d);
            m = node(m.children[0]);
          }
          x.copyEntry(i, m, 0);
          touch(x);
          key = x.key(i);
          x = z;
        } else {
          merge(x, i, y, z);
          x = y;
        }
        continue;
      }
      if (x.leaf) {
        throw new IllegalStateException("removePresent: key absent");
      }
      BTreeNode c = node(x.children[i]);
      if (c.count == BTreeNode.B - 1) {
        BTreeNode left = i > 0 ? node(x.children[i - 1]) : null;
        // The right sibling is read only when the left one cannot lend (the same choice).
        boolean leftLends = left != null && left.count >= BTreeNode.B;
        BTreeNode right = !leftLends && i < x.count ? node(x.children[i + 1]) : null;
        if (leftLends) {
          c.insertChild(0, left.children[left.count]);
          c.insertEntry(0, x, i - 1);
          x.copyEntry(i - 1, left, left.count - 1);
          left.children[left.count] = 0;
          left.removeEntry(left.count - 1);
          touch(left);
          touch(c);
          touch(x);
        } else if (right != null && right.count >= BTreeNode.B) {
          c.copyEntry(c.count, x, i);
          c.children[c.count + 1] = right.children[0];
          c.count++;
          x.copyEntry(i, right, 0);
          right.removeEntry(0);
          right.removeChild(0);
          touch(right);
          touch(c);
          touch(x);
        } else if (right != null) {
          merge(x, i, c, right);
        } else {
          merge(x, i - 1, left, c);
          c = left;
        }
      }
      x = c;
    }
    length--;
    if (from == root) {
      BTreeNode r = node(root);
      if (r.count == 0) {
        root = r.leaf ? 0 : r.children[0];
        free(r);
      }
    }
    return result;
  }

  /** Moves entry {@code i} of {@code x} and all of {@code z} into {@code y}; frees {@code z}. */
  private void merge(BTreeNode x, int i, BTreeNode y, BTreeNode z) {
    int n = y.count;
    y.copyEntry(n, x, i);
    for (int j = 0; j < z.count; j++) {
      y.copyEntry(n + 1 + j, z, j);
    }
    if (!y.leaf) {
      System.arraycopy(z.children, 0, y.children, n + 1, z.count + 1);
    }
    y.count = n + 1 + z.count;
    x.removeEntry(i);
    x.removeChild(i + 1);
    touch(x);
    touch(y);
    free(z);
  }

  /**
   * Writes the operation: sizes the changed nodes, plans their overflow pages, grows the memory to
   * what they need (refusing with nothing written when it cannot), then encodes and writes each.
   */
  void commit(String operation) {
    int pageSize = map.pageSize();
    boolean keyFixed = map.keyFixed();
    if (sizes.length < dirtyCount) {
      sizes = new int[dirty.length];
    }
    int largest = 0;
    for (int k = 0; k < dirtyCount; k++) {
      BTreeNode n = dirty[k];
      int size = n.encodedSize(keyFixed);
      sizes[k] = size;
      largest = Math.max(largest, size);
      int need = BTreeNode.overflowPagesFor(size, pageSize);
      int have = n.overflows.length;
      if (need != have) {
        long[] pages = new long[need];
        System.arraycopy(n.overflows, 0, pages, 0, Math.min(have, need));
        for (int p = have; p < need; p++) {
          pages[p] = allocator.allocate();
        }
        for (int p = have - 1; p >= need; p--) {
          allocator.free(n.overflows[p]);
        }
        n.overflows = pages;
      }
    }
    for (int k = 0; k < freedCount; k++) {
      BTreeNode n = freed[k];
      allocator.free(n.address);
      for (long p : n.overflows) {
        allocator.free(p);
      }
    }
    map.reserve(allocator.requiredEnd(), operation);
    allocator.commit();
    byte[] buffer = map.encodeBuffer(largest);
    byte[] page = map.pageBuffer();
    for (int k = 0; k < dirtyCount; k++) {
      BTreeNode n = dirty[k];
      n.encode(buffer, keyFixed);
      n.write(map, buffer, sizes[k], pageSize, page);
      n.dirty = false;
    }
  }
}
