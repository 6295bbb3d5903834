package dev.icjava.stable;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * In-order iteration of a {@link StableBTreeMap} from a lower bound (inclusive) to an upper bound
 * (exclusive): a stack of nodes and the index of the next entry in each (arrays: a tree of at most
 * 2^64 entries has fewer than 64 levels), reading nodes as it descends.
 */
final class BTreeCursor<K, V> implements Iterator<Map.Entry<K, V>> {
  private final StableBTreeMap<K, V> map;
  private final byte[] to;
  private final BTreeNode[] nodes = new BTreeNode[64];
  private final int[] next = new int[64];
  private int depth;
  private byte[] pendingKey;
  private byte[] pendingValue;
  /**
   * Nodes read so far, and the bound a valid tree keeps to ({@link StableBTreeMap#nodePages}): the
   * 64 levels bound one path, not a memory whose child addresses share nodes (each read many times).
   */
  private long reads;
  private long readLimit;

  BTreeCursor(StableBTreeMap<K, V> map, byte[] from, byte[] to) {
    this.map = map;
    this.to = to;
    if (map.root() != 0) {
      descend(map.root(), from);
    }
    advance();
  }

  private void descend(long address, byte[] from) {
    while (true) {
      if (++reads > readLimit) { // an iteration reads each node once, unless the memory is corrupt
        readLimit = map.nodePages();
        if (reads > readLimit) {
          throw BTreeNode.corrupt(address, "an iteration read more nodes than the memory has pages");
        }
      }
      BTreeNode n = map.readNode(address);
      int i = from == null ? 0 : n.lowerBound(from);
      if (depth == nodes.length) {
        throw BTreeNode.corrupt(address, "more than 64 levels");
      }
      nodes[depth] = n;
      next[depth] = i;
      depth++;
      if (n.leaf || (from != null && n.keyAt(i, from))) {
        return;
      }
      address = n.children[i];
    }
  }

  private void advance() {
    pendingKey = null;
    while (depth > 0) {
      int top = depth - 1;
      BTreeNode n = nodes[top];
      int i = next[top];
      if (i < n.count) {
        next[top] = i + 1;
        if (to != null && n.compareKey(i, to) >= 0) {
          while (depth > 0) {
            nodes[--depth] = null;
          }
          return;
        }
        pendingKey = n.key(i);
        pendingValue = n.value(i);
        if (!n.leaf) {
          descend(n.children[i + 1], null);
        }
        return;
      }
      nodes[top] = null;
      depth = top;
    }
  }

  @Override
  public boolean hasNext() {
    return pendingKey != null;
  }

  @Override
  public Map.Entry<K, V> next() {
    if (pendingKey == null) {
      throw new NoSuchElementException();
    }
    Map.Entry<K, V> e = map.entry(pendingKey, pendingValue);
    advance();
    return e;
  }
}
