package dev.icjava.stable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * In-order iteration of a {@link StableBTreeMap} from a lower bound (inclusive) to an upper bound
 * (exclusive): a stack of nodes and the index of the next entry in each, reading nodes as it
 * descends.
 */
final class BTreeCursor<K, V> implements Iterator<Map.Entry<K, V>> {
  private final StableBTreeMap<K, V> map;
  private final byte[] to;
  private final List<BTreeNode> nodes = new ArrayList<>();
  private final List<Integer> next = new ArrayList<>();
  private byte[] pendingKey;
  private byte[] pendingValue;
  /** Nodes read so far, and the bound a valid tree keeps to (StableBTreeMap#nodePages). */
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
      nodes.add(n);
      next.add(i);
      map.checkDepth(nodes.size());
      if (n.leaf || (from != null && n.keyAt(i, from))) {
        return;
      }
      address = n.children[i];
    }
  }

  private void advance() {
    pendingKey = null;
    while (!nodes.isEmpty()) {
      int top = nodes.size() - 1;
      BTreeNode n = nodes.get(top);
      int i = next.get(top);
      if (i < n.count) {
        next.set(top, i + 1);
        if (to != null && Bytes.compare(n.keys[i], to) >= 0) {
          nodes.clear();
          return;
        }
        pendingKey = n.keys[i];
        pendingValue = n.values[i];
        if (!n.leaf) {
          descend(n.children[i + 1], null);
        }
        return;
      }
      nodes.remove(top);
      next.remove(top);
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
