package dev.icjava.stable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One insert or remove of a {@link StableBTreeMap}, planned on nodes in memory and written at the
 * end ({@link #commit}): first the memory is grown to what the new nodes and overflow pages need,
 * and only then is anything written, so an operation refused for want of memory leaves the map as
 * it was. The algorithms are the textbook B-tree's (Cormen et al., chapter 18) with minimum degree
 * B = 6: full nodes are split on the way down an insert, and nodes with B - 1 entries are topped up
 * (from a sibling, or by a merge) on the way down a remove, so one pass suffices.
 */
final class BTreeWrite {
  private final StableBTreeMap<?, ?> map;
  private final ChunkAllocator allocator;
  private final Map<Long, BTreeNode> loaded = new HashMap<>();
  private final Set<BTreeNode> dirty = new LinkedHashSet<>();
  private final List<BTreeNode> freed = new ArrayList<>();
  long root;
  long length;

  BTreeWrite(StableBTreeMap<?, ?> map, ChunkAllocator allocator, long root, long length) {
    this.map = map;
    this.allocator = allocator;
    this.root = root;
    this.length = length;
    allocator.begin();
  }

  BTreeNode node(long address) {
    BTreeNode n = loaded.get(address);
    if (n == null) {
      n = map.readNode(address);
      loaded.put(address, n);
    }
    return n;
  }

  private BTreeNode newNode(boolean leaf) {
    BTreeNode n = new BTreeNode(allocator.allocate(), leaf);
    loaded.put(n.address, n);
    dirty.add(n);
    return n;
  }

  void touchForUpdate(BTreeNode n) {
    dirty.add(n);
  }

  private void touch(BTreeNode n) {
    dirty.add(n);
  }

  private void free(BTreeNode n) {
    dirty.remove(n);
    freed.add(n);
  }

  /** Finds the node holding {@code key} (read only), or null. */
  BTreeNode find(byte[] key) {
    long at = root;
    while (at != 0) {
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

  /** Inserts a key known to be absent. */
  void insertAbsent(byte[] key, byte[] value) {
    if (root == 0) {
      BTreeNode leaf = newNode(true);
      leaf.insertEntry(0, key, value);
      root = leaf.address;
      length++;
      return;
    }
    BTreeNode x = node(root);
    if (x.count == BTreeNode.CAPACITY) {
      BTreeNode s = newNode(false);
      s.children[0] = x.address;
      splitChild(s, 0, x);
      root = s.address;
      x = s;
    }
    while (true) {
      int i = x.lowerBound(key);
      if (x.leaf) {
        x.insertEntry(i, key, value);
        touch(x);
        break;
      }
      BTreeNode c = node(x.children[i]);
      if (c.count == BTreeNode.CAPACITY) {
        splitChild(x, i, c);
        if (Bytes.compare(key, x.keys[i]) > 0) {
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
    System.arraycopy(y.keys, b, z.keys, 0, b - 1);
    System.arraycopy(y.values, b, z.values, 0, b - 1);
    if (!y.leaf) {
      System.arraycopy(y.children, b, z.children, 0, b);
    }
    byte[] mk = y.keys[b - 1];
    byte[] mv = y.values[b - 1];
    for (int j = b - 1; j < BTreeNode.CAPACITY; j++) {
      y.keys[j] = null;
      y.values[j] = null;
      y.children[j + 1] = 0;
    }
    y.count = b - 1;
    x.insertChild(i + 1, z.address);
    x.insertEntry(i, mk, mv);
    touch(x);
    touch(y);
  }

  /** Removes a key known to be present; returns its value's bytes. */
  byte[] removePresent(byte[] key) {
    byte[] result = null;
    BTreeNode x = node(root);
    while (true) {
      int i = x.lowerBound(key);
      boolean here = x.keyAt(i, key);
      if (here && result == null) {
        result = x.values[i];
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
          while (!m.leaf) {
            m = node(m.children[m.count]);
          }
          x.keys[i] = m.keys[m.count - 1];
          x.values[i] = m.values[m.count - 1];
          touch(x);
          key = x.keys[i];
          x = y;
        } else if (z.count >= BTreeNode.B) {
          BTreeNode m = z;
          while (!m.leaf) {
            m = node(m.children[0]);
          }
          x.keys[i] = m.keys[0];
          x.values[i] = m.values[0];
          touch(x);
          key = x.keys[i];
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
        BTreeNode right = i < x.count ? node(x.children[i + 1]) : null;
        if (left != null && left.count >= BTreeNode.B) {
          c.insertChild(0, left.children[left.count]);
          c.insertEntry(0, x.keys[i - 1], x.values[i - 1]);
          x.keys[i - 1] = left.keys[left.count - 1];
          x.values[i - 1] = left.values[left.count - 1];
          left.children[left.count] = 0;
          left.removeEntry(left.count - 1);
          touch(left);
          touch(c);
          touch(x);
        } else if (right != null && right.count >= BTreeNode.B) {
          c.keys[c.count] = x.keys[i];
          c.values[c.count] = x.values[i];
          c.children[c.count + 1] = right.children[0];
          c.count++;
          x.keys[i] = right.keys[0];
          x.values[i] = right.values[0];
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
    BTreeNode r = node(root);
    if (r.count == 0) {
      root = r.leaf ? 0 : r.children[0];
      free(r);
    }
    return result;
  }

  /** Moves entry {@code i} of {@code x} and all of {@code z} into {@code y}; frees {@code z}. */
  private void merge(BTreeNode x, int i, BTreeNode y, BTreeNode z) {
    int n = y.count;
    y.keys[n] = x.keys[i];
    y.values[n] = x.values[i];
    System.arraycopy(z.keys, 0, y.keys, n + 1, z.count);
    System.arraycopy(z.values, 0, y.values, n + 1, z.count);
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
   * Writes the operation: encodes the changed nodes, plans their overflow pages, grows the memory
   * to what they need (refusing with nothing written when it cannot), then writes.
   */
  void commit(String operation) {
    int pageSize = map.pageSize();
    List<byte[]> encoded = new ArrayList<>();
    List<BTreeNode> nodes = new ArrayList<>(dirty);
    for (BTreeNode n : nodes) {
      byte[] bytes = n.encode(map.keyFixed());
      int need = BTreeNode.overflowPagesFor(bytes.length, pageSize);
      List<Long> pages = new ArrayList<>(n.overflows);
      while (pages.size() < need) {
        pages.add(allocator.allocate());
      }
      while (pages.size() > need) {
        allocator.free(pages.remove(pages.size() - 1));
      }
      n.overflows = pages;
      encoded.add(bytes);
    }
    for (BTreeNode n : freed) {
      allocator.free(n.address);
      for (long p : n.overflows) {
        allocator.free(p);
      }
    }
    map.reserve(allocator.requiredEnd(), operation);
    allocator.commit();
    for (int k = 0; k < nodes.size(); k++) {
      nodes.get(k).write(map.memory(), encoded.get(k), pageSize);
    }
  }
}
