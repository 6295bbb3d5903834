package org.teavm.runtime;

import org.teavm.backend.wasm.WasmHeap;
import org.teavm.interop.Address;
import org.teavm.interop.StaticInit;
import org.teavm.interop.Structure;
import org.teavm.interop.Unmanaged;

/**
 * icjava's replacement for three steps of TeaVM 0.13.1's garbage collector ({@link GC}) on the way
 * from "no free chunk fits this allocation" to "the heap grew and one does": {@code
 * dev.icjava.build.teavm.HeapGrowthTransformer} makes {@code GC.computeMinRequestedSize}, {@code
 * GC.resizeHeapConsistent} and {@code GC.hasAvailableMemory} call {@link #minRequestedSize}, {@link
 * #resizeHeap} and {@link #hasAvailableMemory}. Compiled by TeaVM into canisters, never run on the
 * JVM. It lives in TeaVM's package because the collector's state (its free-chunk list and the
 * counters beside it) is package-private.
 *
 * <p>Why: one allocation larger than the heap's free space (a 1 MB argument copied by {@code
 * SystemApi.msgArgData()} into a 1 MiB heap) failed in three ways, depending on what the heap held
 * before, never on the input:
 *
 * <ul>
 *   <li>TeaVM's collector sizes the growth from {@code GC.lastChunk}, which it takes to be the
 *       object or free chunk that ends the heap. It is not always that one (a collection that runs
 *       out of room for relocation records stops tracking it midway): a free chunk in the middle
 *       was then extended over the live objects after it, or a new chunk placed after an object in
 *       the middle left a gap of zeros. The next walk of the heap read a zero-sized chunk and
 *       looped until the instruction limit, or a corrupted object ended in {@code undefined
 *       element}. Here the chunk that ends the heap is found in the free list by its address (a
 *       free chunk whose end is the heap's end), and when there is none the new space becomes a
 *       chunk at the old end of the heap, which is where the heap's last object ends.
 *   <li>The growth asked for exactly the allocation's size, rounded up to 8 bytes: the new last
 *       chunk could be 4 bytes larger than the allocation, a remainder too small for a free-chunk
 *       header, so the allocator refused it and the collector, seeing no reason to grow again,
 *       trapped with "Out of memory" far below the maximum heap. Here the growth asks for a
 *       header's worth ({@link #MIN_CHUNK_SIZE}) more.
 *   <li>After a collection, the first free chunk was accepted only if it exceeded the allocation by
 *       more than a header ({@code >}), every later one if by at least a header ({@code >=}): a
 *       first chunk of exactly the allocation plus 8 bytes was neither taken nor a reason to grow.
 *       Here every chunk is judged by the same rule.
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

  /**
   * The heap size at which an allocation of {@code size} bytes fits in the chunk that ends the heap
   * with room left for a free chunk after it: the heap, plus the allocation and a header, less what
   * is free at its end already.
   */
  static long minRequestedSize(int size) {
    FreeChunk tail = freeTail();
    long freeAtEnd = tail == null ? 0 : tail.size;
    return GC.availableBytes() + size + MIN_CHUNK_SIZE - freeAtEnd;
  }

  /**
   * After a collection: makes the first free chunk that can hold {@code size} bytes the current
   * one, dropping those before it from this round of allocation (as TeaVM's allocator does), or
   * returns false when none can.
   */
  static boolean hasAvailableMemory(int size) {
    FreeChunkHolder holder = GC.currentChunkPointer;
    for (int remaining = GC.freeChunks; remaining > 0; remaining--) {
      FreeChunk chunk = holder.value;
      if (chunk.size == size || chunk.size >= size + MIN_CHUNK_SIZE) {
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
