package dev.icjava.runtime;

/**
 * Memory that behaves like the IC's stable memory: a size in 64 KiB pages that only grows, and byte
 * reads and writes that must stay inside it. {@link #system()} is the canister's own stable memory
 * ({@code ic0.stable64_*}); {@link VectorStableMemory} keeps the bytes on the heap for JVM tests.
 */
public interface StableMemory {
  /** Bytes in a page. */
  long PAGE_BYTES = 65536;

  /** The size in pages. */
  long size();

  /** Adds {@code pages}; returns the previous size, or -1 when refused (nothing changes). */
  long grow(long pages);

  /** Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset..]}; traps outside. */
  void read(long offset, byte[] dst, int dstOffset, int length);

  /** Copies {@code src[srcOffset..srcOffset+length)} to {@code offset}; traps outside. */
  void write(long offset, byte[] src, int srcOffset, int length);

  /** The canister's stable memory. */
  static StableMemory system() {
    return Ic0StableMemory.INSTANCE;
  }
}
