package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import org.junit.jupiter.api.Test;

/**
 * The {@code stability} test of dfinity/stable-structures' {@code src/memory_manager.rs} (commit
 * {@code b5d1650463f477affb3d358e86b1113953fc9937}) replayed in Java: the same writes and reads
 * through three memories with one-page buckets must give exactly the bytes of the Rust crate's
 * committed golden files ({@code src/test/resources/dfinity/}).
 */
class MemoryManagerStabilityTest {
  private static final int PAGE = (int) StableMemory.PAGE_BYTES;
  private static final int MEMORIES = 3;

  private int memoryId;

  private StableMemory next(MemoryManager m) {
    memoryId = (memoryId + 1) % MEMORIES;
    return m.get(memoryId);
  }

  /** The crate's {@code safe_write}: grows by whole pages to cover the write, then writes. */
  private static void safeWrite(StableMemory m, long offset, byte[] bytes) {
    long end = offset + bytes.length;
    long have = m.size() * PAGE;
    if (have < end) {
      long pages = (end - have + PAGE - 1) / PAGE;
      assertEquals(m.size(), m.grow(pages));
    }
    m.write(offset, bytes, 0, bytes.length);
  }

  @Test
  void shouldWriteAndReadTheRustCratesGoldenBytes() {
    VectorStableMemory mem = new VectorStableMemory(1 << 16);
    MemoryManager m = MemoryManager.initWithBucketSize(mem, 1);
    byte[] data = new byte[PAGE * 2 + 901];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    for (int i = 0; i < MEMORIES * 5; i++) {
      safeWrite(next(m), 0, data);
      safeWrite(next(m), PAGE / 2, data);
      safeWrite(next(m), PAGE - 1, data);
      safeWrite(next(m), PAGE + 1, data);
      safeWrite(next(m), 2L * PAGE + PAGE / 2, data);
    }
    assertArrayEquals(
        Fixtures.read("dfinity/memory_manager_stability_write.golden.gz"), mem.toByteArray());

    byte[] read = new byte[4 * PAGE];
    for (int i = 0; i < MEMORIES * 4; i++) {
      next(m).read(0, read, 0, PAGE / 2);
      next(m).read(PAGE / 2 - 150, read, PAGE / 2, PAGE / 2);
      next(m).read(PAGE - 473, read, PAGE, PAGE);
      next(m).read(PAGE * 2, read, PAGE * 2, PAGE * 2);
    }
    assertArrayEquals(Fixtures.read("dfinity/memory_manager_stability_read.golden.gz"), read);

    MemoryManager reopened = MemoryManager.init(mem);
    assertEquals(1, reopened.bucketPages());
    for (int id = 0; id < MEMORIES; id++) {
      assertEquals(m.get(id).size(), reopened.get(id).size());
    }
    byte[] again = new byte[4 * PAGE];
    memoryId = 0;
    for (int i = 0; i < MEMORIES * 4; i++) {
      next(reopened).read(0, again, 0, PAGE / 2);
      next(reopened).read(PAGE / 2 - 150, again, PAGE / 2, PAGE / 2);
      next(reopened).read(PAGE - 473, again, PAGE, PAGE);
      next(reopened).read(PAGE * 2, again, PAGE * 2, PAGE * 2);
    }
    assertArrayEquals(read, again);
  }
}
