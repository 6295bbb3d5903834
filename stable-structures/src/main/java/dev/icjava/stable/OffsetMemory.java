package dev.icjava.stable;

import dev.icjava.runtime.StableMemory;

/**
 * The part of a memory from a given page on, as a memory of its own: for a canister whose stable
 * memory already starts with something else (a nonce store at offset 0, say) and that keeps its
 * stable structures after it. Growing it grows the underlying memory (first up to the window's
 * first page, if it is not there yet); nothing below the first page is ever read or written.
 *
 * <pre>{@code
 * StableMemory rest = OffsetMemory.after(StableMemory.system(), NonceStore.regionBytes(config));
 * MemoryManager memories = MemoryManager.init(rest);
 * }</pre>
 */
public final class OffsetMemory implements StableMemory {
  private final StableMemory base;
  private final long firstPage;

  private OffsetMemory(StableMemory base, long firstPage) {
    this.base = base;
    this.firstPage = firstPage;
  }

  /**
   * The pages of {@code base} from {@code firstPage} on.
   *
   * @param base the memory to take pages of
   * @param firstPage the first page of {@code base} the view starts at
   * @return a view whose offset 0 is that page
   */
  public static StableMemory fromPage(StableMemory base, long firstPage) {
    if (firstPage < 0) {
      throw new IllegalArgumentException("negative first page " + firstPage);
    }
    return new OffsetMemory(base, firstPage);
  }

  /**
   * The pages of {@code base} after its first {@code bytes} bytes (rounded up to a page).
   *
   * @param base the memory to take pages of
   * @param bytes what {@code base} keeps before the view, in bytes
   * @return a view starting at the first page boundary from {@code bytes} on
   */
  public static StableMemory after(StableMemory base, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size " + bytes);
    }
    return fromPage(base, (bytes + PAGE_BYTES - 1) / PAGE_BYTES);
  }

  @Override
  public long size() {
    return Math.max(0, base.size() - firstPage);
  }

  @Override
  public long grow(long pages) {
    if (pages < 0) {
      return -1;
    }
    long old = size();
    long below = Math.max(0, firstPage - base.size());
    if (below + pages == 0) {
      return old;
    }
    return base.grow(below + pages) < 0 ? -1 : old;
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    check(offset, length);
    base.read(firstPage * PAGE_BYTES + offset, dst, dstOffset, length);
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    check(offset, length);
    base.write(firstPage * PAGE_BYTES + offset, src, srcOffset, length);
  }

  private void check(long offset, int length) {
    if (offset < 0 || length < 0 || offset + length > size() * PAGE_BYTES) {
      throw new StableStructureException(
          "OffsetMemory: access [" + offset + ", +" + length + ") outside its " + size()
              + " pages");
    }
  }
}
