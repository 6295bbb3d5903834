package dev.icjava.testkit;

import java.util.Arrays;

/**
 * A canister's stable memory: 64 KiB pages, allocated when first written, with cheap snapshots for
 * rollback (a snapshot shares pages; a write after it copies the page it touches).
 */
final class StablePages {
  static final int PAGE = 65536;

  private byte[][] pages = new byte[0][];
  private int[] generation = new int[0];
  private long size; // pages
  private final long maxPages;
  private int currentGeneration = 1;

  StablePages(long maxPages) {
    this.maxPages = maxPages;
  }

  long size() {
    return size;
  }

  long maxPages() {
    return maxPages;
  }

  /** Grows by {@code delta} pages; the old size, or -1 when that would pass the limit. */
  long grow(long delta) {
    if (delta < 0 || delta > maxPages - size) {
      return -1;
    }
    long old = size;
    size += delta;
    if (size > pages.length) {
      int n = (int) Math.max(size, Math.min(maxPages, (long) pages.length * 2));
      pages = Arrays.copyOf(pages, n);
      generation = Arrays.copyOf(generation, n);
    }
    return old;
  }

  /** Whether {@code [offset, offset + length)} lies inside the memory. */
  boolean inBounds(long offset, long length) {
    return offset >= 0 && length >= 0 && offset <= size * PAGE - length;
  }

  void read(long offset, byte[] dst, int dstOffset, int length) {
    long pos = offset;
    int done = 0;
    while (done < length) {
      int page = (int) (pos / PAGE);
      int in = (int) (pos % PAGE);
      int n = Math.min(length - done, PAGE - in);
      byte[] p = pages[page];
      if (p == null) {
        Arrays.fill(dst, dstOffset + done, dstOffset + done + n, (byte) 0);
      } else {
        System.arraycopy(p, in, dst, dstOffset + done, n);
      }
      done += n;
      pos += n;
    }
  }

  void write(long offset, byte[] src, int srcOffset, int length) {
    long pos = offset;
    int done = 0;
    while (done < length) {
      int page = (int) (pos / PAGE);
      int in = (int) (pos % PAGE);
      int n = Math.min(length - done, PAGE - in);
      byte[] p = pages[page];
      if (p == null) {
        p = new byte[PAGE];
        pages[page] = p;
        generation[page] = currentGeneration;
      } else if (generation[page] != currentGeneration) {
        p = p.clone();
        pages[page] = p;
        generation[page] = currentGeneration;
      }
      System.arraycopy(src, srcOffset + done, p, in, n);
      done += n;
      pos += n;
    }
  }

  /** A snapshot to restore later; pages are shared until written. */
  Snapshot snapshot() {
    Snapshot s = new Snapshot(pages.clone(), size);
    currentGeneration++;
    return s;
  }

  void restore(Snapshot s) {
    pages = s.pages.clone();
    generation = new int[pages.length];
    size = s.size;
    currentGeneration++;
  }

  /** All bytes, for tests that inspect the layout. */
  byte[] toByteArray() {
    if (size * PAGE > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("stable memory of " + size + " pages does not fit in an array");
    }
    byte[] all = new byte[(int) (size * PAGE)];
    read(0, all, 0, all.length);
    return all;
  }

  record Snapshot(byte[][] pages, long size) {}
}
