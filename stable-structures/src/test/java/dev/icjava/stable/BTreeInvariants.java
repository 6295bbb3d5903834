package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks what a B-tree reader (this one or the Rust crate's) relies on: entries sorted across the
 * whole tree, between B - 1 and 2B - 1 entries in every node but the root, every leaf at the same
 * depth, the recorded length, and the allocator counting exactly the node and overflow pages.
 */
final class BTreeInvariants {
  private BTreeInvariants() {}

  static void check(StableBTreeMap<?, ?> map, ChunkAllocatorView allocator) {
    long[] counts = new long[2];
    int[] leafDepth = {-1};
    byte[][] previous = {null};
    if (map.root() != 0) {
      walk(map, map.root(), true, 0, leafDepth, previous, counts);
    }
    assertEquals(map.size(), counts[0], "entries counted");
    if (allocator != null) {
      assertEquals(allocator.chunks(), counts[1], "pages allocated");
    }
  }

  interface ChunkAllocatorView {
    long chunks();
  }

  private static void walk(StableBTreeMap<?, ?> map, long address, boolean isRoot, int depth,
      int[] leafDepth, byte[][] previous, long[] counts) {
    BTreeNode n = map.readNode(address);
    counts[1] += 1 + n.overflows.length;
    assertTrue(n.count <= BTreeNode.CAPACITY);
    assertTrue(isRoot ? n.count >= 1 : n.count >= BTreeNode.B - 1, "node too small: " + n.count);
    for (int i = 0; i < n.count; i++) {
      if (!n.leaf) {
        walk(map, n.children[i], false, depth + 1, leafDepth, previous, counts);
      }
      if (previous[0] != null) {
        assertTrue(Bytes.compare(previous[0], n.key(i)) < 0, "keys out of order");
      }
      previous[0] = n.key(i);
      counts[0]++;
    }
    if (n.leaf) {
      if (leafDepth[0] < 0) {
        leafDepth[0] = depth;
      }
      assertEquals(leafDepth[0], depth, "leaves at different depths");
    } else {
      walk(map, n.children[n.count], false, depth + 1, leafDepth, previous, counts);
    }
  }
}
