package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/**
 * Up to 255 independent memories ({@link #get(int)}, ids 0 to 254) inside one, each growing on its
 * own, so that a canister keeps several stable structures without fixing their sizes in advance.
 * The layout is byte for byte the one of dfinity/stable-structures' {@code MemoryManager} ({@code
 * src/memory_manager.rs}, "V1 layout", at commit {@code b5d1650463f477affb3d358e86b1113953fc9937}):
 * a Rust canister's memory manager opens what a Java one wrote, and the other way. The test {@code
 * MemoryManagerStabilityTest} replays that file's {@code stability} test against its committed
 * golden bytes.
 *
 * <h2>Layout, version 1 (all integers little-endian)</h2>
 *
 * <pre>
 * offset  size        field
 * 0       3           magic "MGR"
 * 3       1           layout version = 1
 * 4       2           buckets allocated so far (0..32768)
 * 6       2           bucket size in pages = N (128 by default)
 * 8       32          reserved (0)
 * 40      8 x 255     size in pages of memory 0, 1, ... 254
 * 2080    32768       owner of bucket 0, 1, ... 32767: a memory id, or 255 for unallocated
 * 34848   30688       unused (the rest of page 0)
 * 65536               bucket 0 (N pages), then bucket 1, ...: page 1 + N x b is bucket b
 * </pre>
 *
 * <p>A memory is the list of the buckets it owns, in increasing bucket order; its byte {@code x}
 * lies in its {@code x / (N x 65536)}-th bucket. Buckets are never given back.
 *
 * <p>Opening ({@link #init}): an empty memory, or one whose first page is all zero, gets a new
 * manager; one starting with {@code "MGR"} is opened if its version is 1; anything else is refused
 * with a message saying what was found. (The Rust crate formats memory without the magic: this
 * class never overwrites bytes it did not write.)
 *
 * <p>Growing a memory first grows the underlying memory, then records the new buckets and size: a
 * refusal (the underlying memory cannot grow, or all 32,768 buckets are taken) returns -1 with
 * nothing changed, where the Rust crate would panic after recording the buckets.
 */
public final class MemoryManager {
  static final String MAGIC = "MGR";
  static final int VERSION = 1;
  static final int MAX_MEMORIES = 255;
  static final int MAX_BUCKETS = 32768;
  static final int DEFAULT_BUCKET_PAGES = 128;
  static final int UNALLOCATED = 255;
  static final int H_MAGIC = 0;
  static final int H_VERSION = 3;
  static final int H_ALLOCATED = 4;
  static final int H_BUCKET_PAGES = 6;
  static final int H_SIZES = 40;
  static final int HEADER_BYTES = H_SIZES + 8 * MAX_MEMORIES;
  static final int BUCKET_TABLE = HEADER_BYTES;
  static final long BUCKETS_OFFSET = StableMemory.PAGE_BYTES;

  private final StableMemory memory;
  private final int bucketPages;
  private int allocated;
  private final long[] sizes = new long[MAX_MEMORIES];
  /** The bucket table: the owner of each bucket. */
  private final byte[] owners = new byte[MAX_BUCKETS];
  /**
   * Per memory, its buckets in order as far as found so far ({@code counts[id]} of them), and
   * where in the table the search for the next one resumes: the table is searched lazily, so that
   * opening the manager (every upgrade) costs the same however many buckets are in use.
   */
  private final int[][] buckets = new int[MAX_MEMORIES][];
  private final int[] counts = new int[MAX_MEMORIES];
  private final int[] cursors = new int[MAX_MEMORIES];

  /** log2 of the bucket size in bytes when it is a power of two, else -1. */
  private final int bucketShift;

  private MemoryManager(StableMemory memory, int bucketPages) {
    this.memory = memory;
    this.bucketPages = bucketPages;
    this.bucketShift = Integer.bitCount(bucketPages) == 1
        ? Integer.numberOfTrailingZeros(bucketPages) + 16 : -1;
  }

  /** Opens the manager in {@code memory}, or creates one there when it is empty. */
  public static MemoryManager init(StableMemory memory) {
    return initWithBucketSize(memory, DEFAULT_BUCKET_PAGES);
  }

  /**
   * As {@link #init}, with buckets of {@code bucketPages} pages for a new manager (an existing one
   * keeps the size it was created with, as in the Rust crate).
   */
  public static MemoryManager initWithBucketSize(StableMemory memory, int bucketPages) {
    if (bucketPages < 1 || bucketPages > 0xFFFF) {
      throw new IllegalArgumentException("bucket size " + bucketPages + " pages: 1 to 65535");
    }
    if (memory.size() == 0) {
      return create(memory, bucketPages);
    }
    byte[] page = new byte[BUCKET_TABLE + MAX_BUCKETS];
    memory.read(0, page, 0, page.length);
    if (!Bytes.hasMagic(page, MAGIC)) {
      if (Bytes.isZero(page)) {
        return create(memory, bucketPages);
      }
      throw new StableStructureException(
          "MemoryManager.init: the memory holds " + Bytes.describeMagic(page)
              + ", not a memory manager (\"MGR\"); refusing to overwrite it");
    }
    int version = page[H_VERSION] & 0xFF;
    if (version != VERSION) {
      throw new StableStructureException(
          "MemoryManager.init: layout version " + version + ", this build reads version "
              + VERSION);
    }
    MemoryManager m = new MemoryManager(memory, Bytes.getShort(page, H_BUCKET_PAGES));
    if (m.bucketPages == 0) {
      throw new StableStructureException("MemoryManager.init: corrupt header: bucket size 0");
    }
    m.allocated = Bytes.getShort(page, H_ALLOCATED);
    if (m.allocated > MAX_BUCKETS) {
      throw new StableStructureException(
          "MemoryManager.init: corrupt header: " + m.allocated + " buckets allocated");
    }
    for (int i = 0; i < MAX_MEMORIES; i++) {
      m.sizes[i] = Bytes.getLong(page, H_SIZES + 8 * i);
    }
    System.arraycopy(page, BUCKET_TABLE, m.owners, 0, MAX_BUCKETS);
    return m;
  }

  private static MemoryManager create(StableMemory memory, int bucketPages) {
    MemoryManager m = new MemoryManager(memory, bucketPages);
    Bytes.ensureCapacity(memory, BUCKET_TABLE + MAX_BUCKETS, "MemoryManager.init");
    byte[] page = new byte[BUCKET_TABLE + MAX_BUCKETS];
    m.encodeHeader(page);
    for (int b = 0; b < MAX_BUCKETS; b++) {
      page[BUCKET_TABLE + b] = (byte) UNALLOCATED;
      m.owners[b] = (byte) UNALLOCATED;
    }
    memory.write(0, page, 0, page.length);
    return m;
  }

  /** The memory with this id (0 to 254); every call with the same id sees the same bytes. */
  public StableMemory get(int id) {
    if (id < 0 || id >= MAX_MEMORIES) {
      throw new IllegalArgumentException("memory id " + id + ": 0 to 254");
    }
    return new VirtualMemory(this, id);
  }

  /** The bucket size in pages. */
  public int bucketPages() {
    return bucketPages;
  }

  /** The {@code index}-th bucket of memory {@code id}, searching the table as far as needed. */
  private int bucket(int id, int index) {
    while (counts[id] <= index) {
      int b = cursors[id];
      while (b < allocated && (owners[b] & 0xFF) != id) {
        b++;
      }
      if (b >= allocated) {
        throw new StableStructureException(
            "MemoryManager corrupt: memory " + id + " has " + sizes[id] + " pages but only "
                + counts[id] + " buckets");
      }
      add(id, b);
      cursors[id] = b + 1;
    }
    return buckets[id][index];
  }

  private void add(int id, int bucket) {
    int[] list = buckets[id];
    if (list == null) {
      list = new int[4];
    } else if (counts[id] == list.length) {
      int[] grown = new int[list.length * 2];
      System.arraycopy(list, 0, grown, 0, list.length);
      list = grown;
    }
    buckets[id] = list;
    list[counts[id]++] = bucket;
  }

  private void encodeHeader(byte[] h) {
    Bytes.putMagic(h, MAGIC);
    h[H_VERSION] = VERSION;
    Bytes.putShort(h, H_ALLOCATED, allocated);
    Bytes.putShort(h, H_BUCKET_PAGES, bucketPages);
    for (int i = 0; i < MAX_MEMORIES; i++) {
      Bytes.putLong(h, H_SIZES + 8 * i, sizes[i]);
    }
  }

  long size(int id) {
    return sizes[id];
  }

  long grow(int id, long pages) {
    if (pages < 0) {
      return -1;
    }
    long old = sizes[id];
    long perBucket = bucketPages;
    long have = (old + perBucket - 1) / perBucket;
    long need = (old + pages + perBucket - 1) / perBucket;
    long more = need - have;
    if (allocated + more > MAX_BUCKETS) {
      return -1;
    }
    long pagesNeeded = 1 + perBucket * (allocated + more);
    long underlying = memory.size();
    if (pagesNeeded > underlying && memory.grow(pagesNeeded - underlying) < 0) {
      return -1;
    }
    if (more > 0) {
      if (have > 0) {
        bucket(id, (int) have - 1); // every bucket the memory has, found before new ones follow
      }
      byte[] owned = new byte[(int) more];
      for (int i = 0; i < more; i++) {
        owned[i] = (byte) id;
        owners[allocated + i] = (byte) id;
        add(id, allocated + i);
      }
      cursors[id] = allocated + (int) more;
      memory.write(BUCKET_TABLE + allocated, owned, 0, owned.length);
      allocated += (int) more;
    }
    sizes[id] = old + pages;
    byte[] h = new byte[HEADER_BYTES];
    encodeHeader(h);
    memory.write(0, h, 0, HEADER_BYTES);
    return old;
  }

  /** Reads or writes {@code [offset, offset+length)} of memory {@code id}, bucket by bucket. */
  void access(int id, long offset, byte[] buf, int bufOffset, int length, boolean write) {
    if (offset < 0 || length < 0 || offset + length > sizes[id] * StableMemory.PAGE_BYTES) {
      throw new StableStructureException(
          "memory " + id + ": access [" + offset + ", +" + length + ") outside its " + sizes[id]
              + " pages");
    }
    long bucketBytes = bucketPages * StableMemory.PAGE_BYTES;
    // A shift, not a 64-bit division, for the usual power-of-two bucket sizes.
    int first = bucketShift >= 0 ? (int) (offset >>> bucketShift) : (int) (offset / bucketBytes);
    long start = offset - first * bucketBytes;
    if (start + length <= bucketBytes) { // in one bucket: almost every access
      int b = first < counts[id] ? buckets[id][first] : bucket(id, first);
      long real = BUCKETS_OFFSET + bucketBytes * b + start;
      if (write) {
        memory.write(real, buf, bufOffset, length);
      } else {
        memory.read(real, buf, bufOffset, length);
      }
      return;
    }
    int done = 0;
    while (done < length) {
      long at = offset + done;
      int index = (int) (at / bucketBytes);
      long within = at % bucketBytes;
      int n = (int) Math.min(length - done, bucketBytes - within);
      long real = BUCKETS_OFFSET + bucketBytes * bucket(id, index) + within;
      if (write) {
        memory.write(real, buf, bufOffset + done, n);
      } else {
        memory.read(real, buf, bufOffset + done, n);
      }
      done += n;
    }
  }
}
