package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.VectorStableMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link StableLog}: the drawn layout, the committed fixtures, the refusals. */
class StableLogTest {
  @Test
  void shouldWriteTheDrawnLayout() {
    VectorStableMemory index = LayoutFixture.fresh();
    VectorStableMemory data = LayoutFixture.fresh();
    StableLog<String> log = StableLog.init(index, data, Storable.STRING);
    assertEquals(0, log.append("ab"));
    assertEquals(1, log.append("cde"));
    byte[] i = new byte[49];
    i[0] = 'G';
    i[1] = 'L';
    i[2] = 'I';
    i[3] = 1;
    i[32] = 2; // two entries
    i[40] = 2; // entry 0 ends at 2
    i[48] = 5; // entry 1 ends at 5
    assertArrayEquals(i, LayoutFixture.usedPrefix(index));
    byte[] d = new byte[37];
    d[0] = 'G';
    d[1] = 'L';
    d[2] = 'D';
    d[3] = 1;
    System.arraycopy("abcde".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, d, 32, 5);
    assertArrayEquals(d, LayoutFixture.usedPrefix(data));
  }

  @Test
  void shouldReadTheCommittedVersion1Fixtures() {
    StableLog<String> log = StableLog.init(LayoutFixture.load("log-index-v1.bin"),
        LayoutFixture.load("log-data-v1.bin"), Storable.STRING);
    assertEquals(3, log.size());
    assertEquals("first", log.get(0));
    assertEquals("", log.get(1));
    assertEquals("third, ünïcode", log.get(2));
  }

  // Regenerates layout/log-*-v1.bin: mvn ... -Dtest=StableLogTest -Dregenerate.fixtures=true, only for a new layout version.
  @EnabledIfSystemProperty(named = "regenerate.fixtures", matches = "true")
  @Test
  void regenerateVersion1Fixtures() {
    VectorStableMemory index = LayoutFixture.fresh();
    VectorStableMemory data = LayoutFixture.fresh();
    StableLog<String> log = StableLog.init(index, data, Storable.STRING);
    log.append("first");
    log.append("");
    log.append("third, ünïcode");
    LayoutFixture.regenerate("log-index-v1.bin", index);
    LayoutFixture.regenerate("log-data-v1.bin", data);
  }

  @Test
  void shouldAppendThroughAMemoryManagerAndReopen() {
    VectorStableMemory mem = LayoutFixture.fresh();
    MemoryManager mm = MemoryManager.init(mem);
    StableLog<Long> log = StableLog.init(mm.get(3), mm.get(4), Storable.LONG);
    for (long i = 0; i < 10_000; i++) {
      assertEquals(i, log.append(i * 3));
    }
    MemoryManager again = MemoryManager.init(mem);
    StableLog<Long> reopened = StableLog.init(again.get(3), again.get(4), Storable.LONG);
    assertEquals(10_000, reopened.size());
    for (long i = 0; i < 10_000; i++) {
      assertEquals(i * 3, reopened.get(i));
    }
  }

  @Test
  void shouldRefuseSwappedMemoriesAndUnknownVersions() {
    VectorStableMemory index = LayoutFixture.fresh();
    VectorStableMemory data = LayoutFixture.fresh();
    StableLog.init(index, data, Storable.STRING);
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> StableLog.init(data, index, Storable.STRING));
    assertEquals("StableLog.init: the index memory holds \"GLD\", not a log's index (\"GLI\")",
        e.getMessage());
    data.write(3, new byte[] {2}, 0, 1);
    e = assertThrows(StableStructureException.class,
        () -> StableLog.init(index, data, Storable.STRING));
    assertEquals("StableLog.init: data layout version 2, this build reads version 1",
        e.getMessage());
  }

  @Test
  void shouldRefuseAnAppendIntoAFullMemoryWithNothingWritten() {
    StableMemory index = new VectorStableMemory(1);
    VectorStableMemory data = new VectorStableMemory(1);
    StableLog<byte[]> log = StableLog.init(index, data, Storable.BYTES);
    log.append(new byte[60_000]);
    byte[] before = data.toByteArray();
    StableStructureException e = assertThrows(StableStructureException.class,
        () -> log.append(new byte[10_000]));
    assertTrue(e.getMessage().startsWith("StableLog.append (data): memory full"), e.getMessage());
    assertArrayEquals(before, data.toByteArray());
    assertEquals(1, log.size());
  }
}
