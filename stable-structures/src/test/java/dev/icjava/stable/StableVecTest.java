package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.VectorStableMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link StableVec}: the drawn layout, the committed fixture, a model test, the refusals. */
class StableVecTest {
  @Test
  void shouldWriteTheDrawnLayout() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableVec<Long> v = StableVec.init(m, Storable.LONG);
    v.push(0x0102030405060708L);
    byte[] expected = new byte[64 + 8];
    expected[0] = 'S';
    expected[1] = 'V';
    expected[2] = 'C';
    expected[3] = 1;
    expected[4] = 1; // one element, u64 little-endian
    expected[12] = 8; // max size 8, u32 little-endian
    expected[16] = 1; // fixed size
    for (int i = 0; i < 8; i++) {
      expected[64 + i] = (byte) (i + 1); // u64 big-endian (Storable.LONG)
    }
    assertArrayEquals(expected, LayoutFixture.usedPrefix(m));
  }

  @Test
  void shouldPrefixBoundedElementsWithOneLengthByte() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableVec<Principal> v = StableVec.init(m, Storable.PRINCIPAL);
    v.push(Principal.anonymous());
    v.push(Principal.fromText("aaaaa-aa"));
    byte[] all = m.toByteArray();
    assertEquals(29, all[12]);
    assertEquals(0, all[16]);
    assertEquals(1, all[64]); // length of the anonymous principal, then its byte
    assertEquals(4, all[65]);
    assertEquals(0, all[64 + 30]); // the second slot (30 bytes further): length 0
    assertEquals(Principal.anonymous(), v.get(0));
    assertEquals(Principal.fromText("aaaaa-aa"), v.get(1));
  }

  @Test
  void shouldReadTheCommittedVersion1Fixture() {
    StableVec<Long> v = StableVec.init(LayoutFixture.load("vec-v1.bin"), Storable.LONG);
    assertEquals(3, v.size());
    assertEquals(1L, v.get(0));
    assertEquals(-1L, v.get(1));
    assertEquals(1L << 40, v.get(2));
  }

  // Regenerates layout/vec-v1.bin: mvn ... -Dtest=StableVecTest -Dregenerate.fixtures=true, only for a new layout version.
  @EnabledIfSystemProperty(named = "regenerate.fixtures", matches = "true")
  @Test
  void regenerateVersion1Fixture() {
    VectorStableMemory m = LayoutFixture.fresh();
    StableVec<Long> v = StableVec.init(m, Storable.LONG);
    v.push(1L);
    v.push(-1L);
    v.push(1L << 40);
    LayoutFixture.regenerate("vec-v1.bin", m);
  }

  @Test
  void shouldBehaveLikeAnArrayList() {
    Random r = new Random(27);
    VectorStableMemory m = LayoutFixture.fresh();
    Storable<Integer> ints = Storable.INT;
    StableVec<Integer> v = StableVec.init(m, ints);
    List<Integer> model = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      int op = r.nextInt(10);
      if (op < 6) {
        int x = r.nextInt();
        v.push(x);
        model.add(x);
      } else if (op < 8) {
        assertEquals(model.isEmpty() ? null : model.remove(model.size() - 1), v.pop());
      } else if (!model.isEmpty()) {
        int at = r.nextInt(model.size());
        int x = r.nextInt();
        v.set(at, x);
        model.set(at, x);
      }
      if (r.nextInt(1000) == 0) {
        v = StableVec.init(m, ints);
      }
    }
    assertEquals(model.size(), v.size());
    for (int i = 0; i < model.size(); i++) {
      assertEquals(model.get(i), v.get(i));
    }
  }

  @Test
  void shouldRefuseUnboundedElementsAndADifferentBound() {
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableVec.init(LayoutFixture.fresh(), Storable.STRING));
    assertTrue(e.getMessage().contains("unbounded"), e.getMessage());
    VectorStableMemory m = LayoutFixture.fresh();
    StableVec.init(m, Storable.LONG);
    e = assertThrows(StableStructureException.class, () -> StableVec.init(m, Storable.INT));
    assertEquals("StableVec.init: the vector holds elements of exactly 8 bytes; the Storable's"
        + " bound is exactly 4 bytes", e.getMessage());
  }

  @Test
  void shouldRefuseAnotherMagicAndAnUnknownVersion() {
    byte[] h = new byte[64];
    h[0] = 'S';
    h[1] = 'C';
    h[2] = 'L';
    h[3] = 1;
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableVec.init(LayoutFixture.withHeader(h), Storable.LONG));
    assertEquals("StableVec.init: the memory holds \"SCL\", not a StableVec (\"SVC\")",
        e.getMessage());
    h[1] = 'V';
    h[2] = 'C';
    h[3] = 9;
    e = assertThrows(StableStructureException.class,
        () -> StableVec.init(LayoutFixture.withHeader(h), Storable.LONG));
    assertEquals("StableVec.init: layout version 9, this build reads version 1", e.getMessage());
  }

  @Test
  void shouldRefuseAPushIntoAFullMemoryWithNothingWritten() {
    VectorStableMemory m = new VectorStableMemory(1);
    StableVec<Long> v = StableVec.init(m, Storable.LONG);
    int fits = (65536 - 64) / 8;
    for (long i = 0; i < fits; i++) {
      v.push(i);
    }
    byte[] before = m.toByteArray();
    StableStructureException e = assertThrows(StableStructureException.class, () -> v.push(1L));
    assertTrue(e.getMessage().startsWith("StableVec.push: memory full"), e.getMessage());
    assertArrayEquals(before, m.toByteArray());
    assertEquals(fits, v.size());
    assertNull(StableVec.init(LayoutFixture.fresh(), Storable.LONG).pop());
  }
}
