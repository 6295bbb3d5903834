package dev.icjava.replica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replica's state tree (interface spec, index.md, "The system state tree"): labels are blobs in
 * unsigned byte order, values are blobs at the leaves. It turns into a hash tree whole ({@link
 * #toHashTree()}) or as the witness of some paths ({@link #witness(List)}): the paths' values and
 * the labels that prove an absent path absent, everything else pruned to its hash, with the same
 * root hash as the whole.
 */
final class LabeledTree {
  private final byte[] value;
  private final TreeMap<byte[], LabeledTree> children;

  private LabeledTree(byte[] value, TreeMap<byte[], LabeledTree> children) {
    this.value = value;
    this.children = children;
  }

  static LabeledTree leaf(byte[] value) {
    return new LabeledTree(value.clone(), null);
  }

  static LabeledTree node() {
    return new LabeledTree(null, new TreeMap<>(Arrays::compareUnsigned));
  }

  /** Puts {@code child} under {@code label}, replacing what was there; returns this node. */
  LabeledTree put(byte[] label, LabeledTree child) {
    if (children == null) {
      throw new IllegalStateException("a leaf has no children");
    }
    children.put(label.clone(), child);
    return this;
  }

  /** The node under {@code label}, created empty when missing. */
  LabeledTree child(byte[] label) {
    return children.computeIfAbsent(label.clone(), l -> node());
  }

  LabeledTree child(String label) {
    return child(HashToG1.ascii(label));
  }

  LabeledTree put(String label, LabeledTree child) {
    return put(HashToG1.ascii(label), child);
  }

  HashTree toHashTree() {
    if (value != null) {
      return new HashTree.Leaf(value);
    }
    List<Map.Entry<byte[], LabeledTree>> entries = new ArrayList<>(children.entrySet());
    return full(entries, 0, entries.size());
  }

  private static HashTree full(List<Map.Entry<byte[], LabeledTree>> e, int lo, int hi) {
    if (hi == lo) {
      return new HashTree.Empty();
    }
    if (hi - lo == 1) {
      return new HashTree.Labeled(e.get(lo).getKey(), e.get(lo).getValue().toHashTree());
    }
    int mid = (lo + hi + 1) / 2;
    return new HashTree.Fork(full(e, lo, mid), full(e, mid, hi));
  }

  /** A pruned tree revealing every value whose path has one of {@code paths} as a prefix. */
  HashTree witness(List<List<byte[]>> paths) {
    if (paths.isEmpty()) {
      return new HashTree.Pruned(toHashTree().digest());
    }
    for (List<byte[]> p : paths) {
      if (p.isEmpty()) {
        return toHashTree();
      }
    }
    if (value != null) {
      return new HashTree.Leaf(value);
    }
    List<Map.Entry<byte[], LabeledTree>> entries = new ArrayList<>(children.entrySet());
    int n = entries.size();
    @SuppressWarnings("unchecked")
    List<List<byte[]>>[] below = new List[n];
    boolean[] labelOnly = new boolean[n];
    for (List<byte[]> p : paths) {
      byte[] first = p.get(0);
      int i = indexOf(entries, first);
      if (i >= 0) {
        if (below[i] == null) {
          below[i] = new ArrayList<>();
        }
        below[i].add(p.subList(1, p.size()));
      } else {
        // absent: reveal the neighbouring labels, which prove it absent
        int insertion = -i - 1;
        if (insertion - 1 >= 0) {
          labelOnly[insertion - 1] = true;
        }
        if (insertion < n) {
          labelOnly[insertion] = true;
        }
      }
    }
    return prune(entries, below, labelOnly, 0, n);
  }

  private static HashTree prune(
      List<Map.Entry<byte[], LabeledTree>> e,
      List<List<byte[]>>[] below,
      boolean[] labelOnly,
      int lo,
      int hi) {
    if (hi == lo) {
      return new HashTree.Empty();
    }
    boolean anyShown = false;
    for (int i = lo; i < hi; i++) {
      anyShown |= below[i] != null || labelOnly[i];
    }
    if (!anyShown) {
      return new HashTree.Pruned(full(e, lo, hi).digest());
    }
    if (hi - lo == 1) {
      LabeledTree child = e.get(lo).getValue();
      HashTree sub =
          below[lo] != null ? child.witness(below[lo]) : new HashTree.Pruned(child.toHashTree().digest());
      return new HashTree.Labeled(e.get(lo).getKey(), sub);
    }
    int mid = (lo + hi + 1) / 2;
    return new HashTree.Fork(prune(e, below, labelOnly, lo, mid), prune(e, below, labelOnly, mid, hi));
  }

  private static int indexOf(List<Map.Entry<byte[], LabeledTree>> e, byte[] label) {
    int lo = 0;
    int hi = e.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(e.get(mid).getKey(), label);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }
}
