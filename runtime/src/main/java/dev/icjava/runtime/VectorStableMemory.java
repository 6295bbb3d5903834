package dev.icjava.runtime;

/**
 * Stable memory on the heap, for tests on the JVM: same page rules as the IC's, with a page limit,
 * and out-of-range access throwing {@link IndexOutOfBoundsException} where the IC would trap.
 */
public final class VectorStableMemory implements StableMemory {
  private final long maxPages;
  private byte[][] pages = new byte[0][];

  /**
   * At most {@code maxPages} pages.
   *
   * @param maxPages the most pages {@link #grow} allows in all
   */
  public VectorStableMemory(long maxPages) {
    this.maxPages = maxPages;
  }

  /**
   * A copy of {@code bytes} as memory, rounded up to whole pages.
   *
   * @param bytes the initial contents (copied)
   * @param maxPages the most pages {@link #grow} allows in all
   * @return the memory
   */
  public static VectorStableMemory of(byte[] bytes, long maxPages) {
    VectorStableMemory m = new VectorStableMemory(maxPages);
    long pagesNeeded = (bytes.length + PAGE_BYTES - 1) / PAGE_BYTES;
    if (m.grow(pagesNeeded) < 0) {
      throw new IllegalArgumentException(bytes.length + " bytes exceed " + maxPages + " pages");
    }
    m.write(0, bytes, 0, bytes.length);
    return m;
  }

  @Override
  public long size() {
    return pages.length;
  }

  @Override
  public long grow(long add) {
    long old = pages.length;
    if (add < 0 || old + add > maxPages) {
      return -1;
    }
    byte[][] grown = new byte[(int) (old + add)][];
    System.arraycopy(pages, 0, grown, 0, pages.length);
    pages = grown;
    return old;
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    check(offset, length);
    int done = 0;
    while (done < length) {
      long at = offset + done;
      int page = (int) (at / PAGE_BYTES);
      int within = (int) (at % PAGE_BYTES);
      int n = (int) Math.min(length - done, PAGE_BYTES - within);
      byte[] p = pages[page];
      if (p == null) {
        for (int i = 0; i < n; i++) {
          dst[dstOffset + done + i] = 0;
        }
      } else {
        System.arraycopy(p, within, dst, dstOffset + done, n);
      }
      done += n;
    }
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    check(offset, length);
    int done = 0;
    while (done < length) {
      long at = offset + done;
      int page = (int) (at / PAGE_BYTES);
      int within = (int) (at % PAGE_BYTES);
      int n = (int) Math.min(length - done, PAGE_BYTES - within);
      if (pages[page] == null) {
        pages[page] = new byte[(int) PAGE_BYTES];
      }
      System.arraycopy(src, srcOffset + done, pages[page], within, n);
      done += n;
    }
  }

  /**
   * All bytes, for fixtures.
   *
   * @return a copy of every byte, {@link #size()} pages of them
   */
  public byte[] toByteArray() {
    long total = pages.length * PAGE_BYTES;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalStateException("too large for one array");
    }
    byte[] out = new byte[(int) total];
    read(0, out, 0, out.length);
    return out;
  }

  private void check(long offset, int length) {
    if (offset < 0 || length < 0 || offset + length > pages.length * PAGE_BYTES) {
      throw new IndexOutOfBoundsException(
          "stable memory access [" + offset + ", +" + length + ") outside " + pages.length + " pages");
    }
  }
}
