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
