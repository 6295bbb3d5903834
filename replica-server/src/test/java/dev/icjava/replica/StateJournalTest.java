package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's layout (drawn in {@link StateJournal}): records read back as written, a torn last
 * record cut off, damage before the end, another magic or a newer version refused, one replica per
 * directory; and the committed fixture of version 1 read byte for byte.
 */
class StateJournalTest {
  @TempDir
  Path dir;

  /** The records of the committed fixture, v1: one of each kind. */
  static List<JournalRecord> fixtureRecords() {
    return List.of(
        new JournalRecord.Genesis(1_767_225_600_000_000_000L, BigInteger.valueOf(123_456_789), filled(32, 1),
            filled(32, 2), true),
        new JournalRecord.Install(1_767_225_600_000_000_001L, "whoami", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0},
            Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai")),
        new JournalRecord.IngressCall(1_767_225_600_000_000_002L, filled(32, 3), new byte[] {4}, filled(10, 5),
            filled(10, 5), "whoAmI", new byte[] {'D', 'I', 'D', 'L', 0, 0}, new byte[] {9}, filled(10, 7), 42L),
        new JournalRecord.Round(1_767_225_600_000_000_003L));
  }

  static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  static void write(Path dir, List<JournalRecord> records) throws Exception {
    try (StateJournal j = StateJournal.open(dir)) {
      for (JournalRecord r : records) {
        j.awaitDurable(j.append(r.kind(), r.payload()));
      }
    }
  }

  @Test
  void shouldReadBackEveryKindOfRecordAsWritten() throws Exception {
    write(dir, fixtureRecords());
    try (StateJournal j = StateJournal.open(dir)) {
      List<StateJournal.Entry> e = j.entries();
      assertEquals(4, e.size());
      for (int i = 0; i < 4; i++) {
        JournalRecord want = fixtureRecords().get(i);
        assertEquals(want.kind(), e.get(i).kind());
        assertArrayEquals(want.payload(), e.get(i).payload());
        assertArrayEquals(want.payload(), JournalRecord.decode(e.get(i).kind(), e.get(i).payload()).payload());
      }
    }
  }

  @Test
  void shouldReadTheCommittedVersionOneFixtureByteForByte() throws Exception {
    byte[] fixture;
    try (InputStream in = getClass().getResourceAsStream("/journal/journal-v1.bin")) {
      fixture = in.readAllBytes();
    }
    write(dir, fixtureRecords());
    assertArrayEquals(fixture, Files.readAllBytes(dir.resolve("journal")), "the writer still writes version 1 as committed");
    Path other = Files.createDirectory(dir.resolve("fixture"));
    Files.write(other.resolve("journal"), fixture);
    try (StateJournal j = StateJournal.open(other)) {
      assertEquals(4, j.entries().size());
      JournalRecord.Genesis g = (JournalRecord.Genesis) JournalRecord.decode(j.entries().get(0).kind(),
          j.entries().get(0).payload());
      assertEquals(BigInteger.valueOf(123_456_789), g.rootSecret());
      assertTrue(g.ii());
    }
  }

  /** Writes the fixture anew: run by hand only when a new version is added (a new file, never this one). */
  @Disabled("regenerates src/test/resources/journal/journal-v1.bin; version 1's bytes must never change")
  @Test
  void regenerateFixture() throws Exception {
    write(dir, fixtureRecords());
    Files.copy(dir.resolve("journal"), Path.of("src/test/resources/journal/journal-v1.bin"));
  }

  @Test
  void shouldCutOffATornLastRecord() throws Exception {
    write(dir, fixtureRecords());
    Path f = dir.resolve("journal");
    byte[] whole = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(whole, whole.length - 3)); // the round record, cut short
    try (StateJournal j = StateJournal.open(dir)) {
      assertEquals(3, j.entries().size());
      assertEquals(whole.length - 8 - 9, j.size(), "the torn record is gone from the file");
      assertEquals("state journal " + f + ": cut off a torn last record at byte " + (whole.length - 17)
          + " (14 bytes of an append the replica never answered)", j.repaired());
    }
    Files.write(f, Arrays.copyOf(whole, whole.length - 9 - 8 + 5)); // a torn frame header
    try (StateJournal j = StateJournal.open(dir)) {
      assertEquals(3, j.entries().size());
    }
  }

  @Test
  void shouldRefuseDamageBeforeTheEnd() throws Exception {
    write(dir, fixtureRecords());
    Path f = dir.resolve("journal");
    byte[] b = Files.readAllBytes(f);
    b[8 + 8 + 3] ^= 1; // inside the genesis record's payload: its checksum fails, records follow
    Files.write(f, b);
    String m = assertThrows(StateJournal.JournalException.class, () -> StateJournal.open(dir)).getMessage();
    assertTrue(m.contains("is damaged at byte 8") && m.contains("more records follow"), m);
  }

  @Test
  void shouldRefuseAnotherMagicOrANewerVersion() throws Exception {
    write(dir, fixtureRecords());
    Path f = dir.resolve("journal");
    byte[] b = Files.readAllBytes(f);
    b[6 - 2] = 2; // version 2
    Files.write(f, b);
    assertEquals("state journal " + f + " has version 2; this replica reads version 1 only",
        assertThrows(StateJournal.JournalException.class, () -> StateJournal.open(dir)).getMessage());
    b[0] = 'X';
    Files.write(f, b);
    assertTrue(assertThrows(StateJournal.JournalException.class, () -> StateJournal.open(dir)).getMessage()
        .contains("does not start with the magic ICJJ"));
  }

  @Test
  void shouldLetOneReplicaAtATimeUseADirectory() throws Exception {
    try (StateJournal j = StateJournal.open(dir)) {
      assertTrue(assertThrows(StateJournal.JournalException.class, () -> StateJournal.open(dir)).getMessage()
          .contains("is in use by another replica"));
    }
    StateJournal.open(dir).close(); // free again once closed
  }
}
