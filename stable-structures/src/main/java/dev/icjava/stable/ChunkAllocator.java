package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/**
 * The free-list allocator of equal-size pages that a {@link StableBTreeMap} keeps its nodes in:
 * dfinity/stable-structures' {@code src/btreemap/allocator.rs} (commit {@code
 * b5d1650463f477affb3d358e86b1113953fc9937}), byte for byte.
 *
 * <h2>Layout, version 1 (integers little-endian), at the map's offset 52</h2>
 *
 * <pre>
 * offset  size  field
 * 0       3     magic "BTA"
 * 3       1     layout version = 1
 * 4       4     alignment (0)
 * 8       8     allocation size P (the map's page size)
 * 16      8     chunks allocated
 * 24      8     free list head: the address of a chunk header
 * 32      16    reserved (0)
 * 48            chunks of 16 + P bytes, the first at 52 + 48 = 100
 *
 * Chunk header (16 bytes), then the P bytes handed out:
 * 0       3     magic "CHK"
 * 3       1     layout version = 1
 * 4       1     allocated: 1, free: 0
 * 5       3     alignment (0)
 * 8       8     next free chunk's header, 0 for the frontier (the first never-used chunk)
 * </pre>
 *
 * <p>Allocating pops the free list (taking the frontier advances it by one chunk and writes a fresh
 * header there); freeing pushes. Here allocations and frees are only planned while a map operation
 * runs; {@link #commit} writes them after the map has grown its memory to {@link #requiredEnd()},
 * so that an operation refused for want of memory has written nothing.
 */
final class ChunkAllocator {
  static final String MAGIC = "BTA";
  static final String CHUNK_MAGIC = "CHK";
  static final int VERSION = 1;
  static final int HEADER_BYTES = 48;
  static final int CHUNK_HEADER = 16;
  static final int A_SIZE = 8;
  static final int A_ALLOCATED = 16;
  static final int A_FREE_HEAD = 24;

  private final StableMemory memory;
  private final long at;
  private final long allocationSize;
  private long allocated;
  private long freeHead;

  private long plannedHead;
  private long plannedAllocated;
  private boolean headIsNewFrontier;
  private long frontierEnd;
  /** Planned allocations: chunk, then the next free chunk it pointed to, per allocation. */
  private long[] allocations = new long[8];
  private int allocationCount;
  private long[] frees = new long[4];
  private int freeCount;
  private final byte[] chunkHeader = new byte[CHUNK_HEADER];
  private final byte[] header = new byte[HEADER_BYTES];

  private ChunkAllocator(StableMemory memory, long at, long allocationSize) {
    this.memory = memory;
    this.at = at;
    this.allocationSize = allocationSize;
  }

  /** A new allocator at {@code at}, written (the caller has grown the memory for it). */
  static ChunkAllocator create(StableMemory memory, long at, long allocationSize) {
    ChunkAllocator a = new ChunkAllocator(memory, at, allocationSize);
    a.reset();
    return a;
  }

  /** Forgets every chunk: the free list is the frontier at the first chunk. */
  void reset() {
    allocated = 0;
    freeHead = at + HEADER_BYTES;
    writeChunkHeader(freeHead, false, 0);
    writeHeader();
    begin();
  }

  static ChunkAllocator open(StableMemory memory, long at, long expectedSize) {
    byte[] h = new byte[HEADER_BYTES];
    memory.read(at, h, 0, HEADER_BYTES);
    if (!Bytes.hasMagic(h, MAGIC) || h[3] != VERSION) {
      throw new StableStructureException(
          "StableBTreeMap.init: no allocator (\"BTA\" version 1) at " + at + ": found "
              + Bytes.describeMagic(h) + " version " + (h[3] & 0xFF));
    }
    long size = Bytes.getLong(h, A_SIZE);
    if (size != expectedSize) {
      throw new StableStructureException(
          "StableBTreeMap.init: the allocator's page size " + size + " differs from the map's "
              + expectedSize);
    }
    ChunkAllocator a = new ChunkAllocator(memory, at, size);
    a.allocated = Bytes.getLong(h, A_ALLOCATED);
    a.freeHead = Bytes.getLong(h, A_FREE_HEAD);
    a.begin();
    return a;
  }

  long chunks() {
    return allocated;
  }

  /** Starts planning an operation from the committed state. */
  void begin() {
    plannedHead = freeHead;
    plannedAllocated = allocated;
    headIsNewFrontier = false;
    frontierEnd = 0;
    allocationCount = 0;
    freeCount = 0;
  }

  /** Plans an allocation; returns the page's address (after its chunk header). */
  long allocate() {
    long chunk = plannedHead;
    long next = 0;
    if (!headIsNewFrontier) {
      byte[] h = chunkHeader;
      memory.read(chunk, h, 0, CHUNK_HEADER);
      if (!Bytes.hasMagic(h, CHUNK_MAGIC) || h[3] != VERSION || h[4] != 0) {
        throw new StableStructureException(
            "StableBTreeMap corrupt: the free list's chunk at " + chunk + " is not a free chunk");
      }
      next = Bytes.longLE(h, 8);
    }
    if (2 * allocationCount == allocations.length) {
      allocations = grow(allocations);
    }
    allocations[2 * allocationCount] = chunk;
    allocations[2 * allocationCount + 1] = next;
    allocationCount++;
    if (next != 0) {
      plannedHead = next;
      headIsNewFrontier = false;
    } else {
      plannedHead = chunk + CHUNK_HEADER + allocationSize;
      headIsNewFrontier = true;
      frontierEnd = plannedHead + CHUNK_HEADER;
    }
    plannedAllocated++;
    return chunk + CHUNK_HEADER;
  }

  /** Plans freeing the page at {@code address}. */
  void free(long address) {
    if (freeCount == frees.length) {
      frees = grow(frees);
    }
    frees[freeCount++] = address - CHUNK_HEADER;
    plannedAllocated--;
  }

  private static long[] grow(long[] a) {
    long[] b = new long[2 * a.length];
    System.arraycopy(a, 0, b, 0, a.length);
    return b;
  }

  /** The memory the planned operation needs: up to the new frontier's header. */
  long requiredEnd() {
    return frontierEnd;
  }

  /**
   * Writes the planned allocations and frees, and the header when they changed it (an operation
   * that only rewrites nodes in place changes nothing here).
   */
  void commit() {
    for (int i = 0; i < allocationCount; i++) {
      writeChunkHeader(allocations[2 * i], true, allocations[2 * i + 1]);
    }
    if (headIsNewFrontier) {
      writeChunkHeader(plannedHead, false, 0);
    }
    long head = plannedHead;
    for (int i = 0; i < freeCount; i++) {
      long chunk = frees[i];
      writeChunkHeader(chunk, false, head);
      head = chunk;
    }
    boolean changed = head != freeHead || plannedAllocated != allocated;
    freeHead = head;
    allocated = plannedAllocated;
    if (changed) {
      writeHeader();
    }
    begin();
  }

  private void writeChunkHeader(long chunk, boolean isAllocated, long next) {
    byte[] h = chunkHeader;
    Bytes.putMagic(h, CHUNK_MAGIC);
    h[3] = VERSION;
    h[4] = (byte) (isAllocated ? 1 : 0);
    h[5] = 0;
    h[6] = 0;
    h[7] = 0;
    Bytes.putLongLE(h, 8, next);
    memory.write(chunk, h, 0, CHUNK_HEADER);
  }

  private void writeHeader() {
    byte[] h = header;
    Bytes.putMagic(h, MAGIC);
    h[3] = VERSION;
    Bytes.putLong(h, A_SIZE, allocationSize);
    Bytes.putLong(h, A_ALLOCATED, allocated);
    Bytes.putLong(h, A_FREE_HEAD, freeHead);
    memory.write(at, h, 0, HEADER_BYTES);
  }
}
