package org.teavm.runtime;

import org.teavm.backend.wasm.WasmHeap;
import org.teavm.interop.Address;
import org.teavm.interop.StaticInit;
import org.teavm.interop.Structure;
import org.teavm.interop.Unmanaged;

/**
 * icjava's replacement for the steps of TeaVM 0.13.1's garbage collector ({@link GC}) that decide
 * whether a free chunk fits an allocation, how the heap grows when none does, and which regions a
 * young collection sweeps: {@code dev.icjava.build.teavm.HeapGrowthTransformer} makes {@code
 * GC.hasAvailableChunk}, {@code GC.getNextChunkIfPossible}, {@code GC.hasAvailableMemory}, {@code
 * GC.computeMinRequestedSize}, {@code GC.resizeHeapConsistent} and {@code
 * GC.storeGapsInCardTable} call the methods of the same purpose here. Compiled by TeaVM
 * into canisters, never run on the JVM. It lives in TeaVM's package because the collector's state
 * (its free-chunk list and the counters beside it) is package-private.
 *
 * <p>Why: one allocation larger than the heap's free space (a 1 MB argument copied by {@code
 * SystemApi.msgArgData()} into a 1 MiB heap) failed in several ways, depending on what the heap
 * held before, never on the input:
 *
 * <ul>
 *   <li>The growth asked for exactly the allocation's size, rounded up to 8 bytes. The new chunk at
 *       the end of the heap was then either the allocation's size plus 4, too small to leave a
 *       free chunk behind (a free chunk needs its 8-byte header) and so refused, after which the
 *       collector saw no reason to grow again and trapped with "Out of memory" far below the
 *       maximum heap; or exactly the allocation's size, which the allocator takes whole. Here the
 *       growth asks for a header's worth ({@link #MIN_CHUNK_SIZE}) more.
 *   <li>TeaVM lets an allocation take a free chunk whole when the sizes are equal. When that chunk
 *       was the last free one and the next collection found no garbage, the collection ran with no
 *       free chunk at all, and its compaction read the stale first entry of the free list as a
 *       chunk: it looped until the instruction limit (a 3 MB argument), or could write relocation
 *       records over live objects. Here a chunk fits only if a free chunk remains after the
 *       allocation, in every check ({@link #fits}); the heap then always has a free chunk when a
 *       collection starts (the rest of the chunk being allocated from), and the compaction, which
 *       keeps the free bytes, leaves at least one.
 *   <li>After a collection, the first free chunk was judged by another rule ({@code >}) than the
 *       rest ({@code >=}). Every chunk is judged by {@link #fits} here.
 *   <li>The growth used {@code GC.lastChunk} as the object or free chunk that ends the heap, which
 *       the collector's compaction does not promise (it stops tracking it when it runs out of room
 *       for relocation records). Here the chunk that ends the heap is found in the free list by
 *       its address, and when there is none the new space becomes a chunk at the old end of the
 *       heap, where the heap's last object ends.
 *   <li>Before a young collection, {@code GC.storeGapsInCardTable} marks the card of every region
 *       spanned by each free chunk of the last collection, reading each chunk's size from its
 *       header again; but allocation has since put objects at the start of the chunks it used,
 *       and the word it reads as the size is then the object's identity hash code, a counter
 *       ({@code RuntimeObject.nextId}) that grows for the whole life of the instance. Once that
 *       counter passed about the heap's size, the marks went past the card table into the
 *       collector's free-chunk list, OR-ing 4 into the high bytes of its addresses, and the next
 *       collection read at a wild address ("out of bounds memory access ... 68,4xx,xxx", after
 *       some 45,000 inserts into a stable B-tree map, which hashes its nodes). Here ({@link
 *       #storeGapsInCardTable}) a chunk whose start no longer holds a free-chunk header spans up to
 *       the next chunk of the list (the list is in address order), and no mark goes past the
 *       heap's last region.
 * </ul>
 *
 * <p>The heap never shrinks on Wasm ({@code GC.canShrinkHeap()} is false there), so {@link
 * #resizeHeap} only grows it; a request the maximum heap cannot meet ends, as before, in {@code
 * GC.outOfMemory()}, which the build turns into a trap that says the heap reached its maximum.
 * Nothing here allocates: it runs inside the collector.
 */
@Unmanaged
@StaticInit
public final class IcjavaHeapGrowth {
  /** The smallest free chunk: its header (class reference 0, size). {@code GC.MIN_CHUNK_SIZE}. */
  static final int MIN_CHUNK_SIZE = 8;

  private IcjavaHeapGrowth() {}

  /** Whether {@code size} bytes can be taken from a free chunk of {@code chunkSize} bytes, leaving a free chunk behind. */
  static boolean fits(int chunkSize, int size) {
    return chunkSize >= size + MIN_CHUNK_SIZE;
  }

  /** Whether some free chunk, from the current one on, fits {@code size} bytes (0: always). */
  static boolean hasAvailableChunk(int size) {
    if (size == 0) {
      return true;
    }
    FreeChunkHolder holder = GC.currentChunkPointer;
    for (int i = 0; i < GC.freeChunks; i++) {
      if (fits(holder.value.size, size)) {
        return true;
      }
      holder = Structure.add(FreeChunkHolder.class, holder, 1);
    }
    return false;
  }

  /**
   * Between collections: closes the current chunk (its rest becomes a free chunk with a header)
   * and moves on to the next free chunk that fits {@code size} bytes, dropping those that do not
   * from this round of allocation; false when none is left.
   */
  static boolean getNextChunkIfPossible(int size) {
    while (true) {
      FreeChunk current = GC.currentChunk;
      if (current.toAddress().isLessThan(GC.currentChunkLimit)) {
        current.classReference = 0;
        current.size = (int) (GC.currentChunkLimit.toLong() - current.toAddress().toLong());
      }
      if (GC.freeChunks <= 1) {
        GC.freeChunks = 0;
        return false;
      }
      GC.freeChunks--;
      GC.currentChunkPointer = Structure.add(FreeChunkHolder.class, GC.currentChunkPointer, 1);
      FreeChunk next = GC.currentChunkPointer.value;
      GC.currentChunk = next;
      if (fits(next.size, size)) {
        GC.currentChunkLimit = next.toAddress().add(next.size);
        return true;
      }
      GC.freeMemory -= next.size;
    }
  }

  /**
   * After a collection: makes the first free chunk that fits {@code size} bytes the current one,
   * dropping those before it from this round of allocation, or returns false when none fits.
   */
  static boolean hasAvailableMemory(int size) {
    FreeChunkHolder holder = GC.currentChunkPointer;
    for (int remaining = GC.freeChunks; remaining > 0; remaining--) {
      FreeChunk chunk = holder.value;
      if (fits(chunk.size, size)) {
        GC.currentChunkPointer = holder;
        GC.freeChunks = remaining;
        GC.currentChunk = chunk;
        GC.currentChunkLimit = chunk.toAddress().add(chunk.size);
        return true;
      }
      GC.freeMemory -= chunk.size;
      holder = Structure.add(FreeChunkHolder.class, holder, 1);
    }
    return false;
  }

  /**
   * The heap size at which an allocation of {@code size} bytes fits in the chunk that ends the heap:
   * the heap, plus the allocation and a header, less what is free at its end already.
   */
  static long minRequestedSize(int size) {
    FreeChunk tail = freeTail();
    long freeAtEnd = tail == null ? 0 : tail.size;
    return GC.availableBytes() + size + MIN_CHUNK_SIZE - freeAtEnd;
  }
  /**
   * Grows the heap to {@code newSize} bytes (a multiple of 8; smaller or equal sizes change
   * nothing) and adds the new space to the free chunk that ends the heap, or appends it as a new
   * free chunk when the heap ends with an object. Runs right after a collection, when the free list
   * starts at the collector's storage and every free chunk has its header.
   */
  static void resizeHeap(long newSize) {
    long oldSize = GC.availableBytes();
    if (newSize <= oldSize) {
      return;
    }
    FreeChunk tail = freeTail();
    int oldRegions = WasmHeap.regionsCount;
    GC.resizeHeap(newSize); // moves the free list, the region table and the card table
    GC.currentChunkPointer = GC.gcStorageAddress().toStructure();
    // New regions hold no object yet (Region.start, a short per region, 0 = none).
    Address.fill(WasmHeap.regionsAddress.add(oldRegions * 2), (byte) 0, (WasmHeap.regionsCount - oldRegions) * 2);
    int added = (int) (newSize - oldSize);
    if (tail != null) {
      tail.size += added;
      GC.lastChunk = tail;
    } else {
      FreeChunk chunk = GC.heapAddress().add(oldSize).toStructure();
      chunk.classReference = 0;
      chunk.size = added;
      Structure.add(FreeChunkHolder.class, GC.currentChunkPointer, GC.freeChunks).value = chunk;
      GC.freeChunks++;
      GC.totalChunks++;
      GC.lastChunk = chunk;
    }
    GC.freeMemory += added;
  }

  /**
   * Before a young collection: sets the gap bit ({@code CARD_GAP}, 4) on the card of every region
   * that a free chunk of the last collection spans, so that the sweep visits those regions. A chunk
   * allocation has since used (its start holds an object, not a free-chunk header) is taken to span
   * up to the start of the next chunk in the list, or to the heap's end for the last; a mark never
   * goes past the heap's last region.
   */
  static void storeGapsInCardTable() {
    Address heap = GC.heapAddress();
    long heapBytes = GC.availableBytes();
    int regionSize = WasmHeap.regionSize;
    int lastRegion = (int) (heapBytes / regionSize);
    FreeChunkHolder first = GC.gcStorageAddress().toStructure();
    int total = GC.totalChunks;
    for (int i = 0; i < total; i++) {
      FreeChunk chunk = Structure.add(FreeChunkHolder.class, first, i).value;
      long start = chunk.toAddress().toLong() - heap.toLong();
      if (start < 0 || start >= heapBytes) {
        continue;
      }
      long end;
      if (chunk.classReference == 0) {
        end = start + (chunk.size & 0xFFFFFFFFL);
      } else if (i + 1 < total) {
        end = Structure.add(FreeChunkHolder.class, first, i + 1).value.toAddress().toLong() - heap.toLong();
      } else {
        end = heapBytes;
      }
      if (end < start || end > heapBytes) {
        end = heapBytes;
      }
      int startRegion = (int) (start / regionSize);
      int endRegion = (int) (end / regionSize);
      if (endRegion > lastRegion) {
        endRegion = lastRegion;
      }
      for (int region = startRegion; region <= endRegion; region++) {
        Address card = WasmHeap.cardTable.add(region);
        card.putByte((byte) (card.getByte() | 4));
      }
    }
  }

  /** The free chunk whose end is the heap's end, or null when the heap ends with an object. */
  private static FreeChunk freeTail() {
    Address end = GC.heapAddress().add(GC.availableBytes());
    FreeChunkHolder holder = GC.currentChunkPointer;
    for (int i = 0; i < GC.freeChunks; i++) {
      FreeChunk chunk = holder.value;
      if (chunk.toAddress().add(chunk.size) == end) {
        return chunk;
      }
      holder = Structure.add(FreeChunkHolder.class, holder, 1);
    }
    return null;
  }
}
