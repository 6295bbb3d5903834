package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.runtime.VectorStableMemory;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link StableBTreeMap}'s bytes: one entry drawn by hand from the layouts of dfinity/stable-
 * structures ({@code src/btreemap.rs}, {@code src/btreemap/allocator.rs}, {@code
 * src/btreemap/node/v2.rs} at commit {@code b5d1650463f477affb3d358e86b1113953fc9937}), the committed
 * version-2 fixture, the refusals on opening, and a full memory refused with nothing written.
 */
class StableBTreeMapLayoutTest {
  private static byte[] le(long v, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static void put(byte[] into, int at, byte[] what) {
    System.arraycopy(what, 0, into, at, what.length);
  }

  private static void put(byte[] into, int at, String ascii) {
    put(into, at, ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void shouldDeriveTheRustCratesPageSizes() {
    // (7 + 11 x (4 + 8 + 8 + 4) + 12 x 8) x 3/4: u64 keys and values.
    assertEquals(275, StableBTreeMap.pageSizeFor(Bound.fixed(8), Bound.fixed(8)));
    assertEquals(1024, StableBTreeMap.pageSizeFor(Bound.unbounded(), Bound.fixed(8)));
    assertEquals(1024, StableBTreeMap.pageSizeFor(Bound.fixed(8), Bound.unbounded()));
  }

  @Test
  void shouldWriteTheDrawnBytesForOneEntry() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableBTreeMap<Long, Long> map = StableBTreeMap.init(m, Storable.LONG, Storable.LONG);
    map.insert(1L, 2L);
    byte[] e = new byte[391 + 16];
    put(e, 0, "BTR");
    e[3] = 2;
    put(e, 4, le(275, 4));
    put(e, 8, le(0xFFFFFFFFL, 4));
    put(e, 12, le(116, 8)); // root: the first page, after the chunk header at 100
    put(e, 20, le(1, 8));
    put(e, 28, "JSB");
    e[31] = 1;
    put(e, 32, le(8, 4));
    e[36] = 2;
    put(e, 37, le(8, 4));
    e[41] = 2;
    put(e, 52, "BTA");
    e[55] = 1;
    put(e, 60, le(275, 8));
    put(e, 68, le(1, 8)); // one chunk allocated
    put(e, 76, le(391, 8)); // free list head: the frontier, 100 + 16 + 275
    put(e, 100, "CHK");
    e[103] = 1;
    e[104] = 1; // allocated
    put(e, 116, "BTN");
    e[119] = 2;
    e[120] = 0; // leaf
    put(e, 121, le(1, 2));
    // 123: no overflow page; 131: the key, fixed size, big-endian; then the value's length and bytes
    e[131 + 7] = 1;
    put(e, 139, le(8, 4));
    e[143 + 7] = 2;
    put(e, 391, "CHK");
    e[394] = 1;
    byte[] all = m.toByteArray();
    assertArrayEquals(e, Arrays.copyOf(all, e.length));
    assertTrue(Bytes.isZero(Arrays.copyOfRange(all, e.length, all.length)));
  }

  @Test
  void shouldReadTheCommittedVersion2Fixture() {
    VectorStableMemory m = LayoutFixture.load("btreemap-v2.bin.gz");
    StableBTreeMap<String, byte[]> map = StableBTreeMap.init(m, Storable.STRING, Storable.BYTES);
    assertEquals(300, map.size());
    BTreeInvariants.check(map, map::allocatedPages);
    int n = 0;
    for (Map.Entry<String, byte[]> e : map) {
      int i = Integer.parseInt(e.getKey().substring(4));
      assertArrayEquals(fixtureValue(i), e.getValue());
      n++;
    }
    assertEquals(300, n);
    assertEquals("key-100", map.first().getKey());
    assertEquals("key-399", map.last().getKey());
  }

  private static byte[] fixtureValue(int i) {
    byte[] v = new byte[i % 7 == 0 ? 1500 : i % 50];
    Arrays.fill(v, (byte) i);
    return v;
  }

  // Regenerates layout/btreemap-v2.bin.gz: -Dtest=StableBTreeMapLayoutTest -Dregenerate.fixtures=true,
  // only for a new layout version.
  @EnabledIfSystemProperty(named = "regenerate.fixtures", matches = "true")
  @Test
  void regenerateVersion2Fixture() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableBTreeMap<String, byte[]> map = StableBTreeMap.init(m, Storable.STRING, Storable.BYTES);
    for (int i = 100; i < 450; i++) {
      map.insert("key-" + i, fixtureValue(i));
    }
    for (int i = 400; i < 450; i++) {
      map.remove("key-" + i);
    }
    LayoutFixture.regenerate("btreemap-v2.bin.gz", m);
  }

  @Test
  void shouldRefuseAnotherStructure() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableLog.init(m, LayoutFixture.fresh(), Storable.STRING);
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableBTreeMap.init(m, Storable.LONG, Storable.LONG));
    assertEquals("StableBTreeMap.init: the memory holds \"GLI\", not a StableBTreeMap (\"BTR\")",
        e.getMessage());
  }

  @Test
  void shouldRefuseVersion1AndUnknownVersions() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableBTreeMap.init(m, Storable.LONG, Storable.LONG);
    m.write(3, new byte[] {1}, 0, 1);
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableBTreeMap.init(m, Storable.LONG, Storable.LONG));
    assertEquals("StableBTreeMap.init: layout version 1; this build reads version 2 with an"
        + " explicit page size", e.getMessage());
    m.write(3, new byte[] {3}, 0, 1);
    e = assertThrows(StableStructureException.class,
        () -> StableBTreeMap.init(m, Storable.LONG, Storable.LONG));
    assertTrue(e.getMessage().startsWith("StableBTreeMap.init: layout version 3;"));
  }

  @Test
  void shouldRefuseOtherBounds() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableBTreeMap.init(m, Storable.STRING, Storable.LONG);
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableBTreeMap.init(m, Storable.BYTES, Storable.INT));
    assertEquals("StableBTreeMap.init: the map was created for keys of unbounded and values of"
        + " exactly 8 bytes; the Storables' bounds are unbounded and exactly 4 bytes",
        e.getMessage());
    // Written by the Rust crate (no bounds recorded): the page size still tells bounded types apart.
    VectorStableMemory r = LayoutFixture.fresh();
    StableBTreeMap.init(r, Storable.LONG, Storable.LONG);
    r.write(28, new byte[24], 0, 24);
    e = assertThrows(StableStructureException.class,
        () -> StableBTreeMap.init(r, Storable.INT, Storable.LONG));
    assertEquals("StableBTreeMap.init: the map's page size is 275 bytes; the Storables' bounds"
        + " (exactly 4 bytes, exactly 8 bytes) give 242: another key or value type",
        e.getMessage());
    assertEquals(0, StableBTreeMap.init(r, Storable.LONG, Storable.LONG).size());
  }

  @Test
  void shouldRefuseAnInsertIntoAFullMemoryWithNothingWritten() {
    VectorStableMemory m = new VectorStableMemory(2);
    StableBTreeMap<Long, byte[]> map = StableBTreeMap.init(m, Storable.LONG, Storable.BYTES);
    long k = 0;
    byte[] before;
    StableStructureException refused = null;
    while (true) {
      before = m.toByteArray();
      try {
        map.insert(k, new byte[300]);
      } catch (StableStructureException e) {
        refused = e;
        break;
      }
      k++;
    }
    assertTrue(refused.getMessage().startsWith("StableBTreeMap.insert: memory full"),
        refused.getMessage());
    assertArrayEquals(before, m.toByteArray());
    assertEquals(k, map.size());
    StableBTreeMap<Long, byte[]> reopened = StableBTreeMap.init(m, Storable.LONG, Storable.BYTES);
    assertEquals(k, reopened.size());
    BTreeInvariants.check(reopened, reopened::allocatedPages);
    for (long i = 0; i < k; i++) {
      assertEquals(300, reopened.get(i).length);
    }
    // A remove may merge nodes into one that needs more overflow pages: refused the same way.
    byte[] full = m.toByteArray();
    try {
      assertEquals(300, reopened.remove(0L).length);
      assertEquals(k - 1, reopened.size());
    } catch (StableStructureException e) {
      assertTrue(e.getMessage().startsWith("StableBTreeMap.remove: memory full"), e.getMessage());
      assertArrayEquals(full, m.toByteArray());
    }
    BTreeInvariants.check(reopened, reopened::allocatedPages);
  }
}
