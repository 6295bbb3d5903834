package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.VectorStableMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The version-1 layout: a committed fixture ({@code src/test/resources/layout/v1.bin}, with the
 * nonces it holds in {@code v1-nonces.txt}) is read back by the current code; memory that is not a
 * store, a future version and another geometry are refused without being touched.
 *
 * <p>Regenerate the fixture (only when the layout version changes, keeping the old one) with
 * {@code mvn -pl nonce-store test -Dtest=NonceStoreLayoutTest -Dregenerate.fixtures=true}.
 */
class NonceStoreLayoutTest {
  static final Path FIXTURE = Path.of("src/test/resources/layout/v1.bin");
  static final Path NONCES = Path.of("src/test/resources/layout/v1-nonces.txt");
  static final long T0 = 1_767_225_600_000_000_000L;
  static final long MINUTE = 60_000_000_000L;
  static final Principal ALICE = Principal.selfAuthenticating(new byte[] {'a'});
  static final Principal BOB = Principal.selfAuthenticating(new byte[] {'b'});

  static NonceStore.Config config() {
    return new NonceStore.Config().capacity(16).perCallerCap(2).seed(new byte[] {'v', '1'});
  }

  @Test
  @EnabledIfSystemProperty(named = "regenerate.fixtures", matches = "true")
  void regenerateTheVersion1Fixture() throws Exception {
    VectorStableMemory memory = new VectorStableMemory(10);
    NonceStore store = NonceStore.open(memory, 0, config());
    byte[] a1 = store.mint(ALICE, "register", T0, 5 * MINUTE);
    byte[] a2 = store.mint(ALICE, "register", T0, 5 * MINUTE);
    byte[] b1 = store.mint(BOB, "login", T0, 5 * MINUTE);
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(ALICE, "register", a2, T0 + MINUTE));
    byte[] all = memory.toByteArray();
    Files.createDirectories(FIXTURE.getParent());
    Files.write(FIXTURE, java.util.Arrays.copyOf(all, (int) store.size()));
    Files.write(NONCES, List.of(hex(a1), hex(a2), hex(b1)));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static VectorStableMemory fixture() throws Exception {
    return VectorStableMemory.of(Files.readAllBytes(FIXTURE), 10);
  }

  @Test
  void shouldReadTheCommittedVersion1Layout() throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURE);
    assertEquals("4e4e435301", hex(java.util.Arrays.copyOf(bytes, 5)));
    List<String> lines = Files.readAllLines(NONCES);
    byte[] a1 = HexFormat.of().parseHex(lines.get(0));
    byte[] a2 = HexFormat.of().parseHex(lines.get(1));
    byte[] b1 = HexFormat.of().parseHex(lines.get(2));
    NonceStore store = NonceStore.open(fixture(), 0, config());
    assertEquals(3, store.held());
    assertEquals(3, store.minted());
    NonceInfo info = store.inspect(b1);
    assertEquals(BOB, info.owner());
    assertEquals(NonceStore.actionHash("login"), info.actionHash());
    assertEquals(T0 + 5 * MINUTE, info.expiresAtNanos());
    assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(ALICE, "register", a2, T0 + 2 * MINUTE));
    assertEquals(ConsumeOutcome.OTHER_CALLER, store.consume(ALICE, "login", b1, T0 + 2 * MINUTE));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(ALICE, "register", a1, T0 + 2 * MINUTE));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(BOB, "login", b1, T0 + 2 * MINUTE));
    byte[] next = store.mint(ALICE, "register", T0 + 2 * MINUTE, MINUTE);
    assertArrayEquals(new byte[] {4, 0, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(next, 8));
  }

  @Test
  void shouldRefuseMemoryThatIsNotAStoreAndLeaveItUntouched() throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURE);
    bytes[0] = 'X';
    VectorStableMemory memory = VectorStableMemory.of(bytes, 10);
    byte[] before = memory.toByteArray();
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> NonceStore.open(memory, 0, config()));
    assertEquals("Stable memory at offset 0 holds no nonce store (magic 584e4353, expected 4e4e4353 \"NNCS\")"
        + " and is not empty: refusing to format it.", e.getMessage());
    assertArrayEquals(before, memory.toByteArray());
  }

  @Test
  void shouldRefuseAFutureLayoutVersion() throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURE);
    bytes[NonceStore.H_VERSION] = 2;
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config()));
    assertEquals("Nonce store layout version 2 is newer than this build reads (1): refusing to open it.", e.getMessage());
  }

  @Test
  void shouldRefuseAnotherGeometryInsteadOfReformatting() throws Exception {
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(fixture(), 0, config().capacity(32)));
    assertEquals("The nonce store holds capacity 16 and per-caller cap 2; this build asks for 32 and 2."
        + " Changing them needs a migration: keep the stored values.", e.getMessage());
  }

  /** Found by fuzzing (fuzz/: NonceStoreMemoryFuzzTestInputs/stableMemory/finding-1-*). */
  @Test
  void shouldRefuseToCreateAStoreOverAZeroHeaderWithDataBehindIt() throws Exception {
    byte[] bytes = new byte[4096];
    bytes[NonceStore.HEADER_BYTES + 64 * 3 + 1] = (byte) 0xFF; // a nonce slot's caller length
    VectorStableMemory memory = VectorStableMemory.of(bytes, 10);
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> NonceStore.open(memory, 0, config()));
    assertEquals("Stable memory at offset 0 has a zero header but holds data (byte 321 is not zero): refusing to"
        + " format it as a nonce store.", e.getMessage());
    assertArrayEquals(bytes, java.util.Arrays.copyOf(memory.toByteArray(), bytes.length));
  }

  /** Found by fuzzing: a caller length over 29 was copied into a 29-byte field. */
  @Test
  void shouldRefuseASlotWithAnImpossibleCallerLength() throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURE);
    int slot = slotOf(bytes, 1);
    bytes[slot + NonceStore.N_CALLER_LENGTH] = 64;
    NonceStore store = NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config());
    byte[] a1 = HexFormat.of().parseHex(Files.readAllLines(NONCES).get(0));
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> store.consume(ALICE, "register", a1, T0));
    assertEquals("Nonce store corrupt: nonce slot " + (slot - NonceStore.HEADER_BYTES) / 64
        + " holds an impossible state, caller length or count.", e.getMessage());
  }

  /** Found by review of the fuzz finding: probing a table with no empty slot never ended. */
  @Test
  void shouldRefuseATableWithNoEmptySlotInsteadOfProbingForever() throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURE);
    int slots = 32; // 2 x capacity 16
    for (int i = 0; i < slots; i++) {
      int at = NonceStore.HEADER_BYTES + 64 * i;
      if (bytes[at] == 0) {
        bytes[at] = 2; // consumed, expiring in the far future, owned by the empty principal
        bytes[at + NonceStore.N_EXPIRY + 7] = 0x7F;
        bytes[at + NonceStore.N_COUNTER] = (byte) (100 + i);
      }
    }
    NonceStore store = NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config());
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> store.mint(BOB, "login", T0, MINUTE));
    assertEquals("Nonce store corrupt: no empty nonce slot, though the header counts 3 of 32 in use.", e.getMessage());
  }

  /**
   * Found by fuzzing (finding-3-*): a header whose next counter went back minted a nonce equal to
   * one held, which then read as already consumed. Minting now refuses, before changing anything.
   */
  @Test
  void shouldRefuseToMintACounterTheStoreHoldsAlready() throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURE);
    bytes[NonceStore.H_COUNTER] = 2; // counters 1..3 are held; the next would be 4
    VectorStableMemory memory = VectorStableMemory.of(bytes, 10);
    NonceStore store = NonceStore.open(memory, 0, config());
    byte[] before = memory.toByteArray();
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> store.mint(BOB, "login", T0, MINUTE));
    assertEquals("Nonce store corrupt: counter 2 is held already: the header's next counter went back.", e.getMessage());
    assertArrayEquals(before, memory.toByteArray());
  }

  /** The offset of the nonce slot holding {@code counter}. */
  static int slotOf(byte[] region, long counter) {
    for (int at = NonceStore.HEADER_BYTES; at < NonceStore.HEADER_BYTES + 64 * 32; at += 64) {
      if (region[at] != 0 && NonceStore.getLong(region, at + NonceStore.N_COUNTER) == counter) {
        return at;
      }
    }
    throw new AssertionError("no slot holds counter " + counter);
  }

  @Test
  void shouldRefuseImpossibleHeaders() throws Exception {
    byte[] bytes = Files.readAllBytes(FIXTURE);
    bytes[NonceStore.H_NONCE_SLOTS] = 3;
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config()));
    assertEquals("Nonce store corrupt: impossible geometry in the header.", e.getMessage());
  }

  @Test
  void shouldKeepEarlierNoncesWorkingAndChangeLaterTagsAfterAReseed() throws Exception {
    NonceStore a = NonceStore.open(fixture(), 0, config());
    NonceStore b = NonceStore.open(fixture(), 0, config());
    List<String> lines = Files.readAllLines(NONCES);
    b.reseed(new byte[] {1, 2, 3, 4});
    byte[] fromA = a.mint(ALICE, "register", T0 + MINUTE, MINUTE);
    byte[] fromB = b.mint(ALICE, "register", T0 + MINUTE, MINUTE);
    assertArrayEquals(java.util.Arrays.copyOf(fromA, 8), java.util.Arrays.copyOf(fromB, 8)); // same counter
    org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(fromA, fromB)); // another tag
    assertEquals(ConsumeOutcome.CONSUMED, b.consume(ALICE, "register", HexFormat.of().parseHex(lines.get(0)), T0 + MINUTE));
    assertEquals(ConsumeOutcome.CONSUMED, b.consume(ALICE, "register", fromB, T0 + MINUTE));
    assertEquals(ConsumeOutcome.UNKNOWN, b.consume(ALICE, "register", fromA, T0 + MINUTE));
  }

  @Test
  void shouldCoexistWithAnotherUserOfStableMemory() {
    VectorStableMemory memory = new VectorStableMemory(10);
    memory.grow(1);
    byte[] mine = {1, 2, 3, 4};
    memory.write(0, mine, 0, 4);
    NonceStore store = NonceStore.open(memory, 65536, config());
    store.mint(ALICE, "x", T0, MINUTE);
    byte[] back = new byte[4];
    memory.read(0, back, 0, 4);
    assertArrayEquals(mine, back);
    org.junit.jupiter.api.Assertions.assertTrue(memory.size() * 65536 >= 65536 + store.size());
    assertEquals(ConsumeOutcome.UNKNOWN, NonceStore.open(memory, 65536, config()).consume(ALICE, "x", new byte[16], T0));
  }
}
