package dev.icjava.runtime;

/**
 * Memory that behaves like the IC's stable memory: a size in 64 KiB pages that only grows, and byte
 * reads and writes that must stay inside it. {@link #system()} is the canister's own stable memory
 * ({@code ic0.stable64_*}); {@link VectorStableMemory} keeps the bytes on the heap for JVM tests.
 */
public interface StableMemory {
  /** Bytes in a page. */
  long PAGE_BYTES = 65536;

  /**
   * The size in pages.
   *
   * @return the size, in 64 KiB pages
   */
  long size();

  /**
   * Adds {@code pages}; returns the previous size, or -1 when refused (nothing changes).
   *
   * @param pages how many 64 KiB pages to add
   * @return the previous size in pages, or -1
   */
  long grow(long pages);

  /**
   * Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset..]}; traps outside.
   *
   * @param offset where to read, in bytes from the start of this memory
   * @param dst the array to copy into
   * @param dstOffset where in {@code dst} to start
   * @param length how many bytes to copy
   */
  void read(long offset, byte[] dst, int dstOffset, int length);

  /**
   * Copies {@code src[srcOffset..srcOffset+length)} to {@code offset}; traps outside.
   *
   * @param offset where to write, in bytes from the start of this memory
   * @param src the array to copy from
   * @param srcOffset where in {@code src} to start
   * @param length how many bytes to copy
   */
  void write(long offset, byte[] src, int srcOffset, int length);

  /**
   * The canister's stable memory.
   *
   * @return the canister's stable memory ({@code ic0.stable64_*})
   */
  static StableMemory system() {
    return Ic0StableMemory.INSTANCE;
  }
}
