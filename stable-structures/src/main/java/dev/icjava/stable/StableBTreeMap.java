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
 * <p>Iterators read the map as they go: do not change the map while iterating it. Open a memory's
 * map once and keep that instance: each keeps the root, the length and the first pages of 16
 * recently read nodes on the heap, so a second instance over the same memory would not see the
 * first one's changes.
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
  static final int CACHE_SLOTS = 16;
  /** Returned by the leaf-only paths when the general one must run. */
  private static final byte[] GENERAL = new byte[0];

  private final StableMemory memory;
  private final Storable<K> keys;
  private final Storable<V> values;
  private final int pageSize;
  private final int fixedKeySize;
  private ChunkAllocator allocator;
  private BTreeWrite writer;
  private long root;
  private long length;
  /**
   * The first pages of recently read nodes, by address ({@link #firstPage}): slot {@code (address /
   * (P + 16)) mod 16} (a page and its chunk header), as the Rust crate's direct-mapped node cache
   * of 16 slots by default. An entry is dropped when its page is written ({@link #written}) and
   * all are by {@link #clear}; the map assumes, as before, that it is the only writer of its memory
   * (a second instance over the same memory already kept a stale root and length).
   */
  private final long[] cachedAddress = new long[CACHE_SLOTS];
  private final byte[][] cachedPage = new byte[CACHE_SLOTS][];
  private final BTreePage scanner;
  /** False only in tests that compare the leaf-only paths with the general ones. */
  boolean leafPaths = true;
  /** Where the general path may start, set by the leaf-only paths; 0: from the root. */
  private long generalFrom;
  /** Where the changed nodes are encoded before they are written; grows with the largest. */
  private byte[] encoded;
  /** An overflow page being written. */
  private byte[] overflowPage;
  /** The root and length fields of the header, as written. */
  private final byte[] rootAndLength = new byte[16];

  private StableBTreeMap(StableMemory memory, Storable<K> keys, Storable<V> values, int pageSize) {
    this.memory = memory;
    this.keys = keys;
    this.values = values;
    this.pageSize = pageSize;
    this.fixedKeySize = keys.bound().isFixedSize() ? keys.bound().maxSize() : -1;
    this.scanner = new BTreePage(pageSize, fixedKeySize);
  }

  /**
   * Opens the map in {@code memory}, or creates an empty one there when the memory is empty;
   * throws {@link StableStructureException} on anything else.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @param memory the memory that holds the map
   * @param keys how keys are stored
   * @param values how values are stored
   * @return the map
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
      m.writer = new BTreeWrite(m, m.allocator);
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
    m.writer = new BTreeWrite(m, m.allocator);
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

  /**
   * Stores {@code value} under {@code key}; returns the previous value, or null.
   *
   * @param key the key
   * @param value the value to store
   * @return the previous value, or {@code null}
   */
  public V insert(K key, V value) {
    byte[] k = BuiltinStorables.encode(keys, key, "StableBTreeMap.insert: the key");
    byte[] v = BuiltinStorables.encode(values, value, "StableBTreeMap.insert: the value");
    generalFrom = 0;
    byte[] old = leafPaths ? insertInLeaf(k, v) : GENERAL;
    if (old != GENERAL) {
      return old == null ? null : values.fromBytes(old);
    }
    BTreeWrite w = writer;
    w.begin(root, length);
    if (generalFrom != 0) {
      w.insertAbsent(generalFrom, k, v);
      finish(w, "StableBTreeMap.insert");
      return null;
    }
    BTreeNode holder = w.find(k);
    old = null;
    if (holder != null) {
      int i = holder.lowerBound(k);
      old = holder.value(i);
      holder.setValue(i, v);
      w.touchForUpdate(holder);
    } else {
      w.insertAbsent(root, k, v);
    }
    finish(w, "StableBTreeMap.insert");
    return old == null ? null : values.fromBytes(old);
  }

  /**
   * Removes {@code key}; returns its value, or null when absent.
   *
   * @param key the key
   * @return its value, or {@code null}
   */
  public V remove(K key) {
    byte[] k = BuiltinStorables.encode(keys, key, "StableBTreeMap.remove: the key");
    generalFrom = 0;
    byte[] removed = leafPaths ? removeFromLeaf(k) : GENERAL;
    if (removed != GENERAL) {
      return removed == null ? null : values.fromBytes(removed);
    }
    BTreeWrite w = writer;
    w.begin(root, length);
    long from = generalFrom;
    if (from == 0) {
      if (w.find(k) == null) {
        return null;
      }
      from = root;
    }
    byte[] old = w.removePresent(from, k);
    finish(w, "StableBTreeMap.remove");
    return values.fromBytes(old);
  }

  /**
   * An insert that changes one leaf only, done on the leaf's bytes: the key is in a leaf (its value
   * is replaced), or it is absent and no node on the way down is full (the general insert would
   * split it); the leaf has no overflow page and still fits in its page afterwards. Returns the
   * previous value's bytes, null when there was none, or {@link #GENERAL} (nothing written) when
   * the general path must run. It writes what the general path would: the leaf's new bytes, then
   * the length.
   *
   * <p>For an absent key that needs the general path, {@link #generalFrom} is where it may start:
   * the parent of the first full node on the way down (the root if that is full), or the leaf. The
   * general insert only descends above that node, so starting there changes nothing but the nodes
   * it builds. Otherwise {@code generalFrom} is 0: the general path starts from the root.
   */
  private byte[] insertInLeaf(byte[] k, byte[] v) {
    BTreePage s = scanner;
    generalFrom = 0;
    long at = root;
    long parent = 0;
    long start = 0;
    int depth = 0;
    while (at != 0) {
      if (++depth > depthLimit) {
        recheckDepth(depth);
      }
      byte[] p = firstPage(at);
      if (!s.scan(p, k)) {
        return GENERAL;
      }
      if (start == 0 && s.count == BTreeNode.CAPACITY) {
        start = at == root ? root : parent;
      }
      if (!s.leaf) {
        if (s.hit) {
          return GENERAL;
        }
        parent = at;
        at = s.child(p);
        continue;
      }
      boolean overflow = Bytes.longLE(p, BTreeNode.N_OVERFLOW) != 0;
      byte[] out = encodeBuffer(pageSize);
      if (s.hit) {
        if (overflow) {
          return GENERAL;
        }
        int q = s.valueStart(p, s.index);
        if (q < 0) {
          return GENERAL;
        }
        byte[] old = BTreePage.valueAt(p, q);
        int size = s.replaceIn(p, q, v, out);
        if (size < 0) {
          return GENERAL;
        }
        written(at);
        memory.write(at, out, 0, size);
        return old;
      }
      if (start != 0) {
        generalFrom = start;
        return GENERAL;
      }
      int size = overflow ? -1 : s.insertInto(p, k, v, out);
      if (size < 0) {
        generalFrom = at;
        return GENERAL;
      }
      written(at);
      memory.write(at, out, 0, size);
      setLength(length + 1);
      return null;
    }
    return GENERAL;
  }

  /**
   * A remove that changes one leaf only, done on the leaf's bytes: the key is in a leaf, every node
   * below the root on the way down has more than B - 1 entries (the general remove would top it
   * up), the leaf has no overflow page and is not a root left empty. An absent key writes nothing.
   * Returns the removed value's bytes, null when the key is absent, or {@link #GENERAL} (nothing
   * written).
   *
   * <p>For a present key that needs the general path, {@link #generalFrom} is where it may start:
   * the first node on the way down that holds the key or whose child on the way has B - 1 entries
   * (above it the general remove only descends), or the leaf; else 0, the root.
   */
  private byte[] removeFromLeaf(byte[] k) {
    BTreePage s = scanner;
    generalFrom = 0;
    long at = root;
    long parent = 0;
    long start = 0;
    int depth = 0;
    while (at != 0) {
      if (++depth > depthLimit) {
        recheckDepth(depth);
      }
      byte[] p = firstPage(at);
      if (!s.scan(p, k)) {
        return GENERAL;
      }
      if (start == 0 && at != root && s.count == BTreeNode.B - 1) {
        start = parent;
      }
      if (!s.leaf) {
        if (s.hit) {
          generalFrom = start != 0 ? start : at;
          return GENERAL;
        }
        parent = at;
        at = s.child(p);
        continue;
      }
      if (!s.hit) {
        return null;
      }
      if (start != 0) {
        generalFrom = start;
        return GENERAL;
      }
      int q = s.valueStart(p, s.index);
      if (q < 0 || Bytes.longLE(p, BTreeNode.N_OVERFLOW) != 0 || (at == root && s.count == 1)) {
        generalFrom = at;
        return GENERAL;
      }
      byte[] out = encodeBuffer(pageSize);
      int size = s.removeFrom(p, q, out);
      if (size < 0) {
        generalFrom = at;
        return GENERAL;
      }
      byte[] old = BTreePage.valueAt(p, q);
      written(at);
      memory.write(at, out, 0, size);
      setLength(length - 1);
      return old;
    }
    return null;
  }

  private void setLength(long n) {
    length = n;
    Bytes.putLongLE(rootAndLength, 0, root);
    Bytes.putLongLE(rootAndLength, 8, length);
    memory.write(H_ROOT, rootAndLength, 0, 16);
  }

  private void finish(BTreeWrite w, String operation) {
    w.commit(operation);
    if (w.root != root || w.length != length) {
      root = w.root;
      length = w.length;
      Bytes.putLongLE(rootAndLength, 0, root);
      Bytes.putLongLE(rootAndLength, 8, length);
      memory.write(H_ROOT, rootAndLength, 0, 16);
    }
  }

  /**
   * The value under {@code key}, or null.
   *
   * @param key the key
   * @return its value, or {@code null}
   */
  public V get(K key) {
    byte[] v = find(BuiltinStorables.encode(keys, key, "StableBTreeMap.get: the key"));
    return v == null ? null : values.fromBytes(v);
  }

  /**
   * Whether {@code key} has a value.
   *
   * @param key the key
   * @return whether it has a value
   */
  public boolean containsKey(K key) {
    return find(BuiltinStorables.encode(keys, key, "StableBTreeMap.containsKey: the key")) != null;
  }

  /**
   * The value's bytes under {@code k}, or null. Each level takes the node's first page ({@link
   * #firstPage}) and searches it in place ({@link BTreePage}), copying out only the value found:
   * no node is built. A node this cannot read from its first page alone (keys or the value in
   * overflow pages) or that fails a check is read whole ({@link BTreeNode#read}, which also says
   * what is wrong with it).
   */
  private byte[] find(byte[] k) {
    return findFrom(root, k, 0);
  }

  /** {@link #find} from the node at {@code at}, {@code depth} nodes below the root. */
  private byte[] findFrom(long at, byte[] k, int depth) {
    BTreePage s = scanner;
    while (at != 0) {
      if (++depth > depthLimit) {
        recheckDepth(depth);
      }
      byte[] p = firstPage(at);
      if (!s.scan(p, k)) {
        return findInNode(at, k, depth);
      }
      if (s.hit) {
        int q = s.valueStart(p, s.index);
        return q < 0 ? findInNode(at, k, depth) : BTreePage.valueAt(p, q);
      }
      if (s.leaf) {
        return null;
      }
      at = s.child(p);
    }
    return null;
  }

  /**
   * {@link #find} from the node at {@code at} on, reading that node whole; {@code depth} counts it
   * (the two recurse into each other, so the depth bound holds across both).
   */
  private byte[] findInNode(long at, byte[] k, int depth) {
    BTreeNode n = readNode(at);
    int i = n.lowerBound(k);
    if (n.keyAt(i, k)) {
      return n.value(i);
    }
    return n.leaf ? null : findFrom(n.children[i], k, depth);
  }

  /**
   * The number of entries.
   *
   * @return the number of entries
   */
  public long size() {
    return length;
  }

  /**
   * Whether there are no entries.
   *
   * @return whether there are no entries
   */
  public boolean isEmpty() {
    return length == 0;
  }

  /**
   * The entry with the smallest key, or null when empty.
   *
   * @return the first entry, or {@code null}
   */
  public Map.Entry<K, V> first() {
    return edge(true);
  }

  /**
   * The entry with the largest key, or null when empty.
   *
   * @return the last entry, or {@code null}
   */
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
    return entry(n.key(i), n.value(i));
  }

  /** Removes every entry (the memory keeps its size; its pages are reused). */
  public void clear() {
    allocator.reset();
    root = 0;
    length = 0;
    for (int i = 0; i < CACHE_SLOTS; i++) {
      cachedAddress[i] = 0;
    }
    byte[] h = new byte[PACKED_HEADER];
    encodeHeader(h);
    memory.write(0, h, 0, PACKED_HEADER);
  }

  /**
   * The entries with {@code from <= key < toExclusive}, in key order; null leaves a side open.
   *
   * @param from the smallest key included, or {@code null} for no lower bound
   * @param toExclusive the first key excluded, or {@code null} for no upper bound
   * @return the entries, in key order
   */
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

  /** The node at {@code address}, its first page copied from {@link #firstPage}. */
  BTreeNode readNode(long address) {
    byte[] first = new byte[pageSize];
    System.arraycopy(firstPage(address), 0, first, 0, pageSize);
    return BTreeNode.read(memory, address, first, pageSize, fixedKeySize);
  }

  /**
   * The node at {@code address} read into the object {@code reuse} ({@link BTreeNode#reset}), its
   * first page copied into the object's own page buffer: for {@link BTreeWrite}, whose nodes live
   * for one operation.
   */
  BTreeNode readNode(long address, BTreeNode reuse) {
    byte[] first = reuse.page;
    if (first == null) {
      first = new byte[pageSize];
      reuse.page = first;
    }
    System.arraycopy(firstPage(address), 0, first, 0, pageSize);
    return BTreeNode.read(memory, address, first, pageSize, fixedKeySize, reuse);
  }

  /**
   * The first page of the node at {@code address}, from the cache or read into it. The array is
   * the cache's: read it before the next call.
   */
  private byte[] firstPage(long address) {
    int slot = (int) ((address / (pageSize + ChunkAllocator.CHUNK_HEADER)) & (CACHE_SLOTS - 1));
    byte[] b = cachedPage[slot];
    if (cachedAddress[slot] == address && address != 0) { // 0 marks an empty slot
      return b;
    }
    if (b == null) {
      b = new byte[pageSize];
      cachedPage[slot] = b;
    }
    if (address < FIRST_NODE || address > knownBytes - pageSize) {
      checkAddress(address);
    }
    cachedAddress[slot] = 0;
    memory.read(address, b, 0, pageSize);
    cachedAddress[slot] = address;
    return b;
  }

  // ---- bounds on what reading memory that no map wrote can cost (found by StableBTreeMapFuzzTest) ----

  /** The lowest address a node can have: the first chunk's page, after the headers. */
  static final long FIRST_NODE =
      ALLOCATOR_OFFSET + ChunkAllocator.HEADER_BYTES + ChunkAllocator.CHUNK_HEADER;
  /** The memory's size in bytes when last looked at (node addresses are checked against it). */
  private long knownBytes;
  /** The deepest path a tree in the memory's size when last looked at can have. */
  private int depthLimit;

  /**
   * Throws unless a node's page at {@code address} lies inside the memory: called when the address
   * looks outside the size last seen ({@link #knownBytes}), which is refreshed first (the memory
   * may have grown since).
   */
  private void checkAddress(long address) {
    knownBytes = Bytes.memoryBytes(memory);
    if (address < FIRST_NODE || address > knownBytes - pageSize) {
      throw BTreeNode.corrupt(address, "the address is outside the memory's node pages");
    }
  }

  /**
   * Throws when a path from the root reaches {@code depth} nodes, more than any B-tree in this
   * memory can have (the child addresses loop): a tree of depth d has at least 2 x 6^(d-2) nodes,
   * each in a page of its own. One comparison with the limit last computed; the map's own hot
   * paths make it inline.
   */
  void checkDepth(int depth) {
    if (depth > depthLimit) {
      recheckDepth(depth);
    }
  }

  /** {@link #checkDepth} past the limit last computed: computes it again for the memory's size. */
  private void recheckDepth(int depth) {
    long pages = nodePages();
    int limit = 2;
    for (long n = 1; n < pages; n *= BTreeNode.B) {
      limit++;
    }
    depthLimit = limit;
    if (depth > limit) {
      throw BTreeNode.corrupt(root,
          "a path from the root is longer than a tree in this memory can have (the child addresses"
              + " loop)");
    }
  }

  /** How many node pages the memory could hold now: a bound on the nodes one iteration reads. */
  long nodePages() {
    return Bytes.memoryBytes(memory) / pageSize + 1;
  }

  /** Forgets the cached page at {@code address}, which is being written. */
  void written(long address) {
    int slot = (int) ((address / (pageSize + ChunkAllocator.CHUNK_HEADER)) & (CACHE_SLOTS - 1));
    if (cachedAddress[slot] == address) {
      cachedAddress[slot] = 0;
    }
  }

  int pageSize() {
    return pageSize;
  }

  /** A buffer of at least {@code size} bytes for encoding nodes. */
  byte[] encodeBuffer(int size) {
    if (encoded == null || encoded.length < size) {
      encoded = new byte[Math.max(size, pageSize)];
    }
    return encoded;
  }

  /** A buffer of a page's size for writing overflow pages. */
  byte[] pageBuffer() {
    if (overflowPage == null) {
      overflowPage = new byte[pageSize];
    }
    return overflowPage;
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
