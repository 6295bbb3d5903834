package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.runtime.VectorStableMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link StableCell}: the drawn layout, the committed fixture, and the refusals. */
class StableCellTest {
  /** The bytes the layout drawing of src/cell.rs (b5d1650) gives for "hello". */
  private static final byte[] HELLO = {
    'S', 'C', 'L', 1, 5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'
  };

  @Test
  void shouldWriteTheDrawnLayout() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableCell.init(m, Storable.STRING, "hello");
    assertArrayEquals(HELLO, LayoutFixture.usedPrefix(m));
    assertEquals(1, m.size());
  }

  @Test
  void shouldReadTheCommittedVersion1Fixture() {
    VectorStableMemory m = LayoutFixture.load("cell-v1.bin");
    StableCell<String> c = StableCell.init(m, Storable.STRING, "ignored");
    assertEquals("kept across upgrades", c.get());
    assertEquals("kept across upgrades", c.set("x"));
    assertEquals("x", StableCell.init(m, Storable.STRING, "ignored").get());
  }

  // Regenerates layout/cell-v1.bin: mvn ... -Dtest=StableCellTest -Dregenerate.fixtures=true, only for a new layout version.
  @EnabledIfSystemProperty(named = "regenerate.fixtures", matches = "true")
  @Test
  void regenerateVersion1Fixture() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableCell.init(m, Storable.STRING, "kept across upgrades");
    LayoutFixture.regenerate("cell-v1.bin", m);
  }

  @Test
  void shouldKeepTheValueAcrossReopening() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableCell<Long> c = StableCell.init(m, Storable.LONG, 7L);
    c.set(-1L);
    assertEquals(-1L, StableCell.init(m, Storable.LONG, 0L).get());
  }

  @Test
  void shouldRefuseAnotherStructure() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableVec.init(m, Storable.LONG);
    StableStructureException e =
        assertThrows(StableStructureException.class, () -> StableCell.init(m, Storable.LONG, 0L));
    assertEquals("StableCell.init: the memory holds \"SVC\", not a StableCell (\"SCL\")",
        e.getMessage());
  }

  @Test
  void shouldRefuseAnUnknownVersion() {
    byte[] h = HELLO.clone();
    h[3] = 2;
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableCell.init(LayoutFixture.withHeader(h), Storable.STRING, ""));
    assertEquals("StableCell.init: layout version 2, this build reads version 1", e.getMessage());
  }

  @Test
  void shouldRefuseAValueOutsideTheBound() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableCell.init(m, Storable.STRING, "hello");
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableCell.init(m, Storable.LONG, 0L));
    assertTrue(e.getMessage().contains("5 bytes, outside the Storable's bound (exactly 8 bytes)"),
        e.getMessage());
  }

  @Test
  void shouldRefuseAValueTooLargeForTheMemoryWithNothingWritten() {
    VectorStableMemory m = new VectorStableMemory(1);
    StableCell<byte[]> c = StableCell.init(m, Storable.BYTES, new byte[] {1});
    byte[] before = m.toByteArray();
    StableStructureException e =
        assertThrows(StableStructureException.class, () -> c.set(new byte[70_000]));
    assertTrue(e.getMessage().startsWith("StableCell.set: memory full"), e.getMessage());
    assertArrayEquals(before, m.toByteArray());
    assertArrayEquals(new byte[] {1}, c.get());
  }
}
