package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import org.junit.jupiter.api.Test;

/** {@link MemoryManager}: the header bytes, refusals, and growth that fails with nothing changed. */
class MemoryManagerTest {
  @Test
  void shouldWriteTheDrawnHeader() {
    VectorStableMemory mem = LayoutFixture.fresh();
    MemoryManager m = MemoryManager.init(mem);
    StableMemory m7 = m.get(7);
    assertEquals(0, m7.grow(3));
    byte[] all = mem.toByteArray();
    assertEquals(1 + 128, mem.size());
    assertArrayEquals(new byte[] {'M', 'G', 'R', 1, 1, 0, (byte) 128, 0},
        java.util.Arrays.copyOf(all, 8));
    assertEquals(3, all[40 + 8 * 7]);
    assertEquals(7, all[2080]);
    assertEquals((byte) 255, all[2081]);
  }

  @Test
  void shouldRefuseForeignMemoryAndUnknownVersions() {
    VectorStableMemory mem = LayoutFixture.fresh();
    StableCell.init(mem, Storable.STRING, "x");
    StableStructureException e =
        assertThrows(StableStructureException.class, () -> MemoryManager.init(mem));
    assertEquals("MemoryManager.init: the memory holds \"SCL\", not a memory manager (\"MGR\");"
        + " refusing to overwrite it", e.getMessage());
    VectorStableMemory v2 = LayoutFixture.fresh();
    MemoryManager.init(v2);
    v2.write(3, new byte[] {2}, 0, 1);
    e = assertThrows(StableStructureException.class, () -> MemoryManager.init(v2));
    assertEquals("MemoryManager.init: layout version 2, this build reads version 1",
        e.getMessage());
  }

  @Test
  void shouldRefuseGrowthTheUnderlyingMemoryCannotGiveWithNothingChanged() {
    VectorStableMemory mem = new VectorStableMemory(1 + 128);
    MemoryManager m = MemoryManager.init(mem);
    assertEquals(0, m.get(0).grow(128));
    byte[] before = mem.toByteArray();
    assertEquals(-1, m.get(1).grow(1));
    assertEquals(0, m.get(1).size());
    assertArrayEquals(before, mem.toByteArray());
    assertEquals(128, MemoryManager.init(mem).get(0).size());
  }

  @Test
  void shouldInterleaveBucketsAndKeepEachMemorysBytes() {
    VectorStableMemory mem = LayoutFixture.fresh();
    MemoryManager m = MemoryManager.initWithBucketSize(mem, 1);
    StableMemory a = m.get(0);
    StableMemory b = m.get(254);
    byte[] x = new byte[70_000];
    byte[] y = new byte[70_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) i;
      y[i] = (byte) (i * 7);
    }
    a.grow(1);
    b.grow(1);
    a.grow(1);
    b.grow(1);
    a.write(100, x, 0, x.length);
    b.write(100, y, 0, y.length);
    MemoryManager again = MemoryManager.init(mem);
    byte[] rx = new byte[x.length];
    again.get(0).read(100, rx, 0, rx.length);
    assertArrayEquals(x, rx);
    byte[] ry = new byte[y.length];
    again.get(254).read(100, ry, 0, ry.length);
    assertArrayEquals(y, ry);
    assertThrows(IllegalArgumentException.class, () -> m.get(255));
    assertThrows(StableStructureException.class, () -> a.read(2 * 65536 - 1, rx, 0, 2));
  }

  @Test
  void shouldPlaceBytesByTheDrawnLayoutWithBucketsOfThreePages() {
    // A bucket size that is not a power of two (the translation divides instead of shifting):
    // by the drawn layout, bucket b starts at page 1 + 3b, and memory 5's buckets are 0 and 2
    // (memory 9 took bucket 1 in between).
    VectorStableMemory mem = LayoutFixture.fresh();
    MemoryManager m = MemoryManager.initWithBucketSize(mem, 3);
    StableMemory five = m.get(5);
    StableMemory nine = m.get(9);
    assertEquals(0, five.grow(3));
    assertEquals(0, nine.grow(1));
    assertEquals(3, five.grow(1));
    long bucketBytes = 3 * 65536L;
    byte[] x = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    five.write(bucketBytes - 4, x, 0, x.length); // across the end of its first bucket
    five.write(bucketBytes + 100, x, 0, 3); // inside its second
    byte[] all = mem.toByteArray();
    long bucket0 = 65536;
    long bucket2 = 65536 + 2 * bucketBytes;
    for (int i = 0; i < 4; i++) {
      assertEquals(x[i], all[(int) (bucket0 + bucketBytes - 4 + i)]);
    }
    for (int i = 4; i < x.length; i++) {
      assertEquals(x[i], all[(int) (bucket2 + i - 4)]);
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(x[i], all[(int) (bucket2 + 100 + i)]);
    }
    byte[] back = new byte[x.length];
    MemoryManager.init(mem).get(5).read(bucketBytes - 4, back, 0, back.length);
    assertArrayEquals(x, back);
  }
}
