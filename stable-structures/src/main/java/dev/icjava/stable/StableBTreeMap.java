package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;
import java.util.Iterator;
import java.util.Map;

/**
 * A sorted map in stable memory: every insert and remove is written through, so nothing needs
 * saving before an upgrade, and an upgrade costs the same with a million entries as with none. Keys
 * are ordered by their bytes ({@link Storable}), unsigned and lexicographic. Give the map a memory
 * of its own (a {@link MemoryManager} memory).
 *
 * <pre>{@code
 * MemoryManager memories = MemoryManager.init(StableMemory.system());
 * StableBTreeMap<Long, String> names =
 *     StableBTreeMap.init(memories.get(0), Storable.LONG, Storable.STRING);
 * names.insert(7L, "seven");
 * names.get(7L);                    // "seven"
 * }</pre>
 *
 * <p>The layout is dfinity/stable-structures' {@code BTreeMap} "V2 layout" ({@code src/btreemap.rs},
 * with nodes as in {@code src/btreemap/node/v2.rs} and pages from {@code
 * src/btreemap/allocator.rs}, commit {@code b5d1650463f477affb3d358e86b1113953fc9937}): a Rust
 * canister's {@code BTreeMap<K, V>} with the same encodings and bounds opens what a Java canister
 * wrote, and the other way (see {@link Storable} for the encodings that match Rust's types and
 * orders). The committed fixture {@code layout/btreemap-v2.bin.gz} is read back by {@code
 * StableBTreeMapLayoutTest}.
 *
 * <h2>Layout, version 2 (integers little-endian)</h2>
 *
 * <pre>
 * offset  size  field
 * 0       3     magic "BTR"
 * 3       1     layout version = 2
 * 4       4     page size P
 * 8       4     0xFFFFFFFF (marks P as a page size, not a v1 key bound)
 * 12      8     root node's address, 0 when empty
 * 20      8     number of entries
 * 28      24    reserved; this library records the bounds there, which the Rust crate ignores:
 *   28    3       "JSB" (0 when written by the Rust crate)
 *   31    1       1
 *   32    4       key bound's max size (0: unbounded)
 *   36    1       key bound: 0 unbounded, 1 at most, 2 fixed
 *   37    4       value bound's max size
 *   41    1       value bound, as for the key
 *   42    10      0
 * 52      48    the page allocator ({@link ChunkAllocator}): pages of P bytes from 116 on
 * nodes   in pages: see {@link BTreeNode}
 * </pre>
 *
 * <p>P is the crate's: 3/4 of the largest node when key and value are bounded ({@code 103 + 11 x
 * (8 + key max + value max)} bytes), else 1,024.
 *
 * <p>Opening refuses: memory that is neither empty (all zero) nor a map ("holds ..."); a layout
 * version other than 2 (the crate's version 1, a page size derived from v1 bounds, is not read); a
 * page size other than the one the {@link Storable}s' bounds give; bounds recorded by this library
 * that differ from the {@link Storable}s'. An insert or a remove (a merge may need more overflow
 * pages) that the memory cannot hold is refused with a
 * message before anything is written.
 *
 * <p>Iterators read the map as they go: do not change the map while iterating it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StableBTreeMap<K, V> implements Iterable<Map.Entry<K, V>> {
  static final String MAGIC = "BTR";
  static final int VERSION = 2;
  static final int PAGE_SIZE_MARKER = -1;
  static final int DEFAULT_PAGE_SIZE = 1024;
  static final int H_PAGE_SIZE = 4;
  static final int H_MARKER = 8;
  static final int H_ROOT = 12;
  static final int H_LENGTH = 20;
  static final int H_BOUNDS = 28;
  static final int PACKED_HEADER = 28;
  static final int ALLOCATOR_OFFSET = 52;

  private final StableMemory memory;
  private final Storable<K> keys;
  private final Storable<V> values;
  private final int pageSize;
  private final int fixedKeySize;
  private ChunkAllocator allocator;
  private long root;
  private long length;

  private StableBTreeMap(StableMemory memory, Storable<K> keys, Storable<V> values, int pageSize) {
    this.memory = memory;
    this.keys = keys;
    this.values = values;
    this.pageSize = pageSize;
    this.fixedKeySize = keys.bound().isFixedSize() ? keys.bound().maxSize() : -1;
  }

  /**
   * Opens the map in {@code memory}, or creates an empty one there when the memory is empty;
   * throws {@link StableStructureException} on anything else.
   */
  public static <K, V> StableBTreeMap<K, V> init(
      StableMemory memory, Storable<K> keys, Storable<V> values) {
    int pageSize = pageSizeFor(keys.bound(), values.bound());
    StableBTreeMap<K, V> m = new StableBTreeMap<>(memory, keys, values, pageSize);
    byte[] h = new byte[ALLOCATOR_OFFSET + ChunkAllocator.HEADER_BYTES];
    if (Bytes.memoryBytes(memory) >= h.length) {
      memory.read(0, h, 0, h.length);
    }
    if (Bytes.isZero(h)) {
      Bytes.ensureCapacity(memory, h.length + ChunkAllocator.CHUNK_HEADER, "StableBTreeMap.init");
      m.allocator = ChunkAllocator.create(memory, ALLOCATOR_OFFSET, pageSize);
      byte[] header = new byte[ALLOCATOR_OFFSET];
      m.encodeHeader(header);
      memory.write(0, header, 0, header.length);
      return m;
    }
    if (!Bytes.hasMagic(h, MAGIC)) {
      throw new StableStructureException(
          "StableBTreeMap.init: the memory holds " + Bytes.describeMagic(h)
              + ", not a StableBTreeMap (\"BTR\")");
    }
    int version = h[3] & 0xFF;
    int stored = Bytes.getInt(h, H_PAGE_SIZE);
    if (version != VERSION || Bytes.getInt(h, H_MARKER) != PAGE_SIZE_MARKER) {
      throw new StableStructureException(
          "StableBTreeMap.init: layout version " + version
              + (version == VERSION ? " with a page size derived from version-1 bounds" : "")
              + "; this build reads version 2 with an explicit page size");
    }
    if (Bytes.hasMagic(new byte[] {h[H_BOUNDS], h[H_BOUNDS + 1], h[H_BOUNDS + 2]}, "JSB")) {
      Bound k = decodeBound(h, H_BOUNDS + 4);
      Bound v = decodeBound(h, H_BOUNDS + 9);
      if (!k.equals(keys.bound()) || !v.equals(values.bound())) {
        throw new StableStructureException(
            "StableBTreeMap.init: the map was created for keys of " + k + " and values of " + v
                + "; the Storables' bounds are " + keys.bound() + " and " + values.bound());
      }
    }
    if (stored != pageSize) {
      throw new StableStructureException(
          "StableBTreeMap.init: the map's page size is " + stored + " bytes; the Storables' bounds ("
              + keys.bound() + ", " + values.bound() + ") give " + pageSize
              + ": another key or value type");
    }
    m.root = Bytes.getLong(h, H_ROOT);
    m.length = Bytes.getLong(h, H_LENGTH);
    m.allocator = ChunkAllocator.open(memory, ALLOCATOR_OFFSET, pageSize);
    return m;
  }

  /** dfinity's page size: 3/4 of the largest node when both are bounded, else 1,024. */
  static int pageSizeFor(Bound k, Bound v) {
    if (!k.isBounded() || !v.isBounded()) {
      return DEFAULT_PAGE_SIZE;
    }
    long maxNode = 7 + BTreeNode.CAPACITY * (8L + k.maxSize() + v.maxSize())
        + 8L * (BTreeNode.CAPACITY + 1);
    long page = maxNode * 3 / 4;
    if (page > Integer.MAX_VALUE) {
      throw new StableStructureException(
          "StableBTreeMap.init: bounds too large for a page (" + k + ", " + v + ")");
    }
    return (int) page;
  }

  private static Bound decodeBound(byte[] h, int at) {
    int max = Bytes.getInt(h, at);
    int kind = h[at + 4];
    if (kind == 2 && max > 0) {
      return Bound.fixed(max);
    }
    if (kind == 1 && max > 0) {
      return Bound.atMost(max);
    }
    return Bound.unbounded();
  }

  private static void encodeBound(byte[] h, int at, Bound b) {
    Bytes.putInt(h, at, b.maxSize());
    h[at + 4] = (byte) (!b.isBounded() ? 0 : b.isFixedSize() ? 2 : 1);
  }

  private void encodeHeader(byte[] h) {
    Bytes.putMagic(h, MAGIC);
    h[3] = VERSION;
    Bytes.putInt(h, H_PAGE_SIZE, pageSize);
    Bytes.putInt(h, H_MARKER, PAGE_SIZE_MARKER);
    Bytes.putLong(h, H_ROOT, root);
    Bytes.putLong(h, H_LENGTH, length);
    if (h.length > PACKED_HEADER) {
      h[H_BOUNDS] = 'J';
      h[H_BOUNDS + 1] = 'S';
      h[H_BOUNDS + 2] = 'B';
      h[H_BOUNDS + 3] = 1;
      encodeBound(h, H_BOUNDS + 4, keys.bound());
      encodeBound(h, H_BOUNDS + 9, values.bound());
    }
  }

  /** Stores {@code value} under {@code key}; returns the previous value, or null. */
  public V insert(K key, V value) {
    byte[] k = BuiltinStorables.encode(keys, key, "StableBTreeMap.insert: the key");
    byte[] v = BuiltinStorables.encode(values, value, "StableBTreeMap.insert: the value");
    BTreeWrite w = new BTreeWrite(this, allocator, root, length);
    BTreeNode holder = w.find(k);
    byte[] old = null;
    if (holder != null) {
      int i = holder.lowerBound(k);
      old = holder.values[i];
      holder.values[i] = v;
      w.touchForUpdate(holder);
    } else {
      w.insertAbsent(k, v);
    }
    finish(w, "StableBTreeMap.insert");
    return old == null ? null : values.fromBytes(old);
  }

  /** Removes {@code key}; returns its value, or null when absent. */
  public V remove(K key) {
    byte[] k = BuiltinStorables.encode(keys, key, "StableBTreeMap.remove: the key");
    BTreeWrite w = new BTreeWrite(this, allocator, root, length);
    if (w.find(k) == null) {
      return null;
    }
    byte[] old = w.removePresent(k);
    finish(w, "StableBTreeMap.remove");
    return values.fromBytes(old);
  }

  private void finish(BTreeWrite w, String operation) {
    w.commit(operation);
    if (w.root != root || w.length != length) {
      root = w.root;
      length = w.length;
      byte[] h = new byte[PACKED_HEADER];
      encodeHeader(h);
      memory.write(0, h, 0, PACKED_HEADER);
    }
  }

  /** The value under {@code key}, or null. */
  public V get(K key) {
    byte[] v = find(BuiltinStorables.encode(keys, key, "StableBTreeMap.get: the key"));
    return v == null ? null : values.fromBytes(v);
  }

  /** Whether {@code key} has a value. */
  public boolean containsKey(K key) {
    return find(BuiltinStorables.encode(keys, key, "StableBTreeMap.containsKey: the key")) != null;
  }

  private byte[] find(byte[] k) {
    long at = root;
    int depth = 0;
    while (at != 0) {
      checkDepth(++depth);
      BTreeNode n = readNode(at);
      int i = n.lowerBound(k);
      if (n.keyAt(i, k)) {
        return n.values[i];
      }
      if (n.leaf) {
        return null;
      }
      at = n.children[i];
    }
    return null;
  }

  /** The number of entries. */
  public long size() {
    return length;
  }

  /** Whether there are no entries. */
  public boolean isEmpty() {
    return length == 0;
  }

  /** The entry with the smallest key, or null when empty. */
  public Map.Entry<K, V> first() {
    return edge(true);
  }

  /** The entry with the largest key, or null when empty. */
  public Map.Entry<K, V> last() {
    return edge(false);
  }

  private Map.Entry<K, V> edge(boolean first) {
    if (root == 0) {
      return null;
    }
    BTreeNode n = readNode(root);
    int depth = 1;
    while (!n.leaf) {
      checkDepth(++depth);
      n = readNode(n.children[first ? 0 : n.count]);
    }
    int i = first ? 0 : n.count - 1;
    return entry(n.keys[i], n.values[i]);
  }

  /** Removes every entry (the memory keeps its size; its pages are reused). */
  public void clear() {
    allocator.reset();
    root = 0;
    length = 0;
    byte[] h = new byte[PACKED_HEADER];
    encodeHeader(h);
    memory.write(0, h, 0, PACKED_HEADER);
  }

  /** The entries with {@code from <= key < toExclusive}, in key order; null leaves a side open. */
  public Iterable<Map.Entry<K, V>> range(K from, K toExclusive) {
    byte[] f = from == null ? null : BuiltinStorables.encode(keys, from, "StableBTreeMap.range");
    byte[] t = toExclusive == null ? null
        : BuiltinStorables.encode(keys, toExclusive, "StableBTreeMap.range");
    return () -> new BTreeCursor<>(this, f, t);
  }

  /** Every entry in key order. */
  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    return new BTreeCursor<>(this, null, null);
  }

  Map.Entry<K, V> entry(byte[] k, byte[] v) {
    return new StableEntry<>(keys.fromBytes(k), values.fromBytes(v));
  }

  /** The pages the allocator counts as allocated (tests check it against the tree). */
  long allocatedPages() {
    return allocator.chunks();
  }

  long root() {
    return root;
  }

  BTreeNode readNode(long address) {
    if (address < FIRST_NODE || address > knownBytes - pageSize) {
      knownBytes = Bytes.memoryBytes(memory); // the memory may have grown since
      if (address < FIRST_NODE || address > knownBytes - pageSize) {
        throw BTreeNode.corrupt(address, "the address is outside the memory's node pages");
      }
    }
    BTreeNode n = BTreeNode.read(memory, address, pageSize, fixedKeySize);
    if (n.count == 0) { // an emptied root is dropped (root 0), and no other node is ever empty
      throw BTreeNode.corrupt(address, "a node without entries");
    }
    return n;
  }

  // ---- bounds on what reading memory that no map wrote can cost (found by StableBTreeMapFuzzTest) ----

  /** The lowest address a node can have: the first chunk's page, after the headers. */
  static final long FIRST_NODE = ALLOCATOR_OFFSET + ChunkAllocator.HEADER_BYTES + ChunkAllocator.CHUNK_HEADER;
  /** The memory's size in bytes when last looked at (node addresses are checked against it). */
  private long knownBytes;
  /** The deepest path a tree in the memory's size when last looked at can have. */
  private int depthLimit;

  /**
   * Throws when a path from the root reaches {@code depth} nodes, more than any B-tree in this
   * memory can have (the child addresses loop back): a tree of depth d has at least 2 x 6^(d-2)
   * nodes, each in a page of its own.
   */
  void checkDepth(int depth) {
    if (depth > depthLimit) {
      long pages = nodePages();
      int limit = 2;
      for (long n = 1; n < pages; n *= BTreeNode.B) {
        limit++;
      }
      depthLimit = limit;
      if (depth > limit) {
        throw BTreeNode.corrupt(root, "a path from the root is longer than a tree in this memory can have"
            + " (the child addresses loop)");
      }
    }
  }

  /** How many node pages the memory could hold now: a bound on the nodes one iteration reads. */
  long nodePages() {
    return Bytes.memoryBytes(memory) / pageSize + 1;
  }

  int pageSize() {
    return pageSize;
  }

  boolean keyFixed() {
    return fixedKeySize >= 0;
  }

  StableMemory memory() {
    return memory;
  }

  void reserve(long end, String operation) {
    Bytes.ensureCapacity(memory, end, operation);
  }
}
