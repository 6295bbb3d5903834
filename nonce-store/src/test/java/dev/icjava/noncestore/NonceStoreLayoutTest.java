package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.VectorStableMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The layouts as bytes. Version 2: a committed fixture ({@code src/test/resources/layout/v2.bin},
 * the nonces it holds in {@code v2-nonces.txt}) is read back by the current code. Version 1: the
 * fixture committed when version 1 was current ({@code v1.bin}, {@code v1-nonces.txt}) is migrated
 * in place. Memory that is not a store, a future version, another geometry and corrupt slots are
 * refused without being changed.
 *
 * <p>Regenerate the version-2 fixture (only when the layout version changes, keeping the old ones)
 * with {@code mvn -pl nonce-store test -Dtest=NonceStoreLayoutTest -Dregenerate.fixtures=true}.
 */
class NonceStoreLayoutTest {
  static final Path V1 = Path.of("src/test/resources/layout/v1.bin");
  static final Path V1_NONCES = Path.of("src/test/resources/layout/v1-nonces.txt");
  static final Path V2 = Path.of("src/test/resources/layout/v2.bin");
  static final Path V2_NONCES = Path.of("src/test/resources/layout/v2-nonces.txt");
  static final long T0 = 1_767_225_600_000_000_000L;
  static final long MINUTE = 60_000_000_000L;
  static final Principal ALICE = Principal.selfAuthenticating(new byte[] {'a'});
  static final Principal BOB = Principal.selfAuthenticating(new byte[] {'b'});
  static final Principal ANONYMOUS = Principal.anonymous();
  /** Region offsets of the fixture's geometry (ring 16, capacity 16: 32 table slots, cap 2). */
  static final int RING_AT = LayoutVersion2.HEADER_BYTES;
  static final int BOUND_AT = RING_AT + 16 * UnboundRing.SLOT_BYTES;

  static NonceStore.Config config() {
    return new NonceStore.Config().ringSlots(16).capacity(16).perCallerCap(2).seed(new byte[] {'v', '2'});
  }

  /** The version-1 fixture's geometry, as it was configured (version 1 had no ring). */
  static NonceStore.Config version1Config() {
    return new NonceStore.Config().ringSlots(16).capacity(16).perCallerCap(2).seed(new byte[] {'v', '1'});
  }

  @Test
  @EnabledIfSystemProperty(named = "regenerate.fixtures", matches = "true")
  void regenerateTheVersion2Fixture() throws Exception {
    VectorStableMemory memory = new VectorStableMemory(10);
    NonceStore store = NonceStore.open(memory, 0, config());
    byte[] u1 = store.mint(ANONYMOUS, "register", T0, 5 * MINUTE);
    byte[] u2 = store.mint(ANONYMOUS, "register", T0, 5 * MINUTE);
    byte[] a1 = store.mint(ALICE, "register", T0, 5 * MINUTE);
    byte[] a2 = store.mint(ALICE, "link", T0, 5 * MINUTE);
    byte[] b1 = store.mint(BOB, "login", T0, 5 * MINUTE);
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(BOB, "register", u2, T0 + MINUTE));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(ALICE, "link", a2, T0 + MINUTE));
    Files.write(V2, Arrays.copyOf(memory.toByteArray(), (int) store.size()));
    Files.write(V2_NONCES, List.of(hex(u1), hex(u2), hex(a1), hex(a2), hex(b1)));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] nonce(Path list, int line) throws Exception {
    return HexFormat.of().parseHex(Files.readAllLines(list).get(line));
  }

  static VectorStableMemory memoryOf(Path fixture) throws Exception {
    return VectorStableMemory.of(Files.readAllBytes(fixture), 10);
  }

  @Test
  void shouldReadTheCommittedVersion2Layout() throws Exception {
    byte[] bytes = Files.readAllBytes(V2);
    assertEquals("4e4e43530202", hex(Arrays.copyOf(bytes, 6)));
    assertEquals(NonceStore.regionBytes(config()), bytes.length);
    byte[] u1 = nonce(V2_NONCES, 0);
    byte[] u2 = nonce(V2_NONCES, 1);
    byte[] a1 = nonce(V2_NONCES, 2);
    byte[] a2 = nonce(V2_NONCES, 3);
    byte[] b1 = nonce(V2_NONCES, 4);
    assertEquals("0100000000000001", hex(Arrays.copyOf(u1, 8))); // counter 1, unbound
    assertEquals("0300000000000002", hex(Arrays.copyOf(a1, 8))); // counter 3, bound
    NonceStore store = NonceStore.open(memoryOf(V2), 0, config());
    assertEquals(5, store.minted());
    assertEquals(3, store.boundHeld());
    NonceInfo info = store.inspect(b1);
    assertEquals(BOB, info.owner());
    assertEquals(NonceStore.actionHash("login"), info.actionHash());
    assertEquals(T0 + 5 * MINUTE, info.expiresAtNanos());
    assertFalse(store.inspect(u1).bound());
    assertTrue(store.inspect(u2).consumed());
    long later = T0 + 2 * MINUTE;
    assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(ALICE, "register", u2, later));
    assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(ALICE, "link", a2, later));
    assertEquals(ConsumeOutcome.OTHER_CALLER, store.consume(ALICE, "login", b1, later));
    assertEquals(ConsumeOutcome.ANONYMOUS_CALLER, store.consume(ANONYMOUS, "register", u1, later));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(BOB, "register", u1, later));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(ALICE, "register", a1, later));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(BOB, "login", b1, later));
    assertEquals("0600000000000001", hex(Arrays.copyOf(store.mint(ANONYMOUS, "register", later, MINUTE), 8)));
  }

  @Test
  void shouldMigrateTheCommittedVersion1StoreInPlaceKeepingItsCounter() throws Exception {
    byte[] before = Files.readAllBytes(V1);
    assertEquals("4e4e435301", hex(Arrays.copyOf(before, 5)));
    VectorStableMemory memory = memoryOf(V1);
    NonceStore store = NonceStore.open(memory, 0, version1Config());
    assertEquals(3, store.minted()); // version 1 minted counters 1..3
    assertEquals(0, store.boundHeld());
    byte[] header = Arrays.copyOf(memory.toByteArray(), LayoutVersion2.HEADER_BYTES);
    assertEquals("4e4e43530201", hex(Arrays.copyOf(header, 6))); // version 2, created as version 1
    assertArrayEquals(Arrays.copyOfRange(before, LayoutVersion2.H_TAG_KEY, LayoutVersion2.H_TAG_KEY + 32),
        Arrays.copyOfRange(header, LayoutVersion2.H_TAG_KEY, LayoutVersion2.H_TAG_KEY + 32)); // keys kept
    assertEquals(4, LittleEndian.getLong(header, LayoutVersion2.H_FIRST_COUNTER));
    for (String line : Files.readAllLines(V1_NONCES)) { // 16-byte nonces: refused, never accepted again
      assertEquals(ConsumeOutcome.UNKNOWN, store.consume(ALICE, "register", HexFormat.of().parseHex(line), T0));
    }
    byte[] next = store.mint(ALICE, "register", T0, MINUTE);
    assertEquals("0400000000000002", hex(Arrays.copyOf(next, 8)));
    byte[] unbound = store.mint(ANONYMOUS, "register", T0, MINUTE);
    NonceStore reopened = NonceStore.open(memory, 0, version1Config());
    assertEquals(ConsumeOutcome.CONSUMED, reopened.consume(ALICE, "register", next, T0));
    assertEquals(ConsumeOutcome.CONSUMED, reopened.consume(BOB, "register", unbound, T0));
    assertEquals(5, reopened.minted());
  }

  @Test
  void shouldRefuseToMigrateOverDataBehindTheVersion1Store() throws Exception {
    byte[] bytes = Arrays.copyOf(Files.readAllBytes(V1), 65536);
    long v1End = LayoutVersion2.HEADER_BYTES + 32 * LayoutVersion1.NONCE_SLOT_BYTES + 32 * (40 + 16 * 2);
    bytes[(int) v1End + 100] = 7; // another user of stable memory, where version 2 would grow
    VectorStableMemory memory = VectorStableMemory.of(bytes, 10);
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(memory, 0, version1Config()));
    assertEquals("Cannot migrate the version-1 nonce store at offset 0 to version 2 in place: version 2 needs the"
        + " bytes up to " + NonceStore.regionBytes(version1Config()) + ", and byte " + (v1End + 100)
        + ", after the version-1 region, is not zero. Free that memory or open the store elsewhere.", e.getMessage());
    assertArrayEquals(bytes, memory.toByteArray());
  }

  @Test
  void shouldRefuseMemoryThatIsNotAStoreAndLeaveItUntouched() throws Exception {
    byte[] bytes = Files.readAllBytes(V2);
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
    byte[] bytes = Files.readAllBytes(V2);
    bytes[LayoutVersion2.H_VERSION] = 3;
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config()));
    assertEquals("Nonce store layout version 3 is newer than this build reads (2): refusing to open it.", e.getMessage());
  }

  @Test
  void shouldRefuseAnotherGeometryInsteadOfReformatting() throws Exception {
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(memoryOf(V2), 0, config().capacity(32)));
    assertEquals("The nonce store holds ring slots 16, capacity 16 and per-caller cap 2; this build asks for 16, 32"
        + " and 2. Changing them needs a migration: keep the stored values.", e.getMessage());
  }

  /** Found by fuzzing (fuzz/: NonceStoreMemoryFuzzTestInputs/stableMemory/finding-1-*). */
  @Test
  void shouldRefuseToCreateAStoreOverAZeroHeaderWithDataBehindIt() throws Exception {
    byte[] bytes = new byte[8192];
    bytes[BOUND_AT + 80 * 3 + 1] = (byte) 0xFF; // a bound slot's caller length
    VectorStableMemory memory = VectorStableMemory.of(bytes, 10);
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> NonceStore.open(memory, 0, config()));
    assertEquals("Stable memory at offset 0 has a zero header but holds data (byte " + (BOUND_AT + 80 * 3 + 1)
        + " is not zero): refusing to format it as a nonce store.", e.getMessage());
    assertArrayEquals(bytes, Arrays.copyOf(memory.toByteArray(), bytes.length));
  }

  /** Found by fuzzing: a caller length over 29 was copied into a 29-byte field. */
  @Test
  void shouldRefuseASlotWithAnImpossibleCallerLength() throws Exception {
    byte[] bytes = Files.readAllBytes(V2);
    int slot = boundSlotOf(bytes, 3);
    bytes[slot + BoundNonces.N_CALLER_LENGTH] = 64;
    NonceStore store = NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config());
    byte[] a1 = nonce(V2_NONCES, 2);
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> store.consume(ALICE, "register", a1, T0));
    assertEquals("Nonce store corrupt: nonce slot " + (slot - BOUND_AT) / 80
        + " holds an impossible state, caller length or count.", e.getMessage());
  }

  @Test
  void shouldRefuseARingSlotInAnImpossibleState() throws Exception {
    byte[] bytes = Files.readAllBytes(V2);
    bytes[RING_AT + UnboundRing.SLOT_BYTES] = 9; // slot 1: counter 1
    NonceStore store = NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config());
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> store.consume(ALICE, "register", nonce(V2_NONCES, 0), T0));
    assertEquals("Nonce store corrupt: ring slot 1 holds an impossible state, caller length or count.", e.getMessage());
  }

  /** Found by review of the fuzz finding: probing a table with no empty slot never ended. */
  @Test
  void shouldRefuseATableWithNoEmptySlotInsteadOfProbingForever() throws Exception {
    byte[] bytes = Files.readAllBytes(V2);
    for (int i = 0; i < 32; i++) {
      int at = BOUND_AT + 80 * i;
      if (bytes[at] == 0) {
        bytes[at] = 2; // consumed, expiring in the far future, owned by the empty principal
        bytes[at + BoundNonces.N_EXPIRY + 7] = 0x7F;
        bytes[at + BoundNonces.N_WORD] = (byte) (100 + i);
      }
    }
    NonceStore store = NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config());
    NonceStoreException e = assertThrows(NonceStoreException.class, () -> store.mint(BOB, "other", T0, MINUTE));
    assertEquals("Nonce store corrupt: no empty nonce slot, though the header counts 3 of 32 in use.", e.getMessage());
  }

  /**
   * Found by fuzzing (finding-3-*): a header whose next counter went back minted a nonce equal to
   * one held, which then read as already consumed. Minting now refuses, before changing anything,
   * in the bound table and in the ring.
   */
  @Test
  void shouldRefuseToMintACounterTheStoreHoldsAlready() throws Exception {
    for (Principal caller : List.of(BOB, ANONYMOUS)) {
      byte[] bytes = Files.readAllBytes(V2);
      bytes[LayoutVersion2.H_COUNTER] = (byte) (caller.isAnonymous() ? 1 : 3); // counters 1..5 are held; the next would be 6
      VectorStableMemory memory = VectorStableMemory.of(bytes, 10);
      NonceStore store = NonceStore.open(memory, 0, config());
      byte[] before = memory.toByteArray();
      NonceStoreException e = assertThrows(NonceStoreException.class,
          () -> store.mint(caller, caller.isAnonymous() ? "register" : "login", T0, MINUTE));
      assertEquals("Nonce store corrupt: counter " + bytes[LayoutVersion2.H_COUNTER]
          + " is held already: the header's next counter went back.", e.getMessage());
      assertArrayEquals(before, memory.toByteArray());
    }
  }

  /** The offset of the bound slot holding {@code counter}. */
  static int boundSlotOf(byte[] region, long counter) {
    for (int at = BOUND_AT; at < BOUND_AT + 80 * 32; at += 80) {
      if (region[at] != 0 && (LittleEndian.getLong(region, at + BoundNonces.N_WORD) & NonceStore.COUNTER_MASK) == counter) {
        return at;
      }
    }
    throw new AssertionError("no bound slot holds counter " + counter);
  }

  @Test
  void shouldRefuseImpossibleHeaders() throws Exception {
    for (int field : new int[] {LayoutVersion2.H_BOUND_SLOTS, LayoutVersion2.H_RING_SLOTS}) {
      byte[] bytes = Files.readAllBytes(V2);
      bytes[field] = 3;
      NonceStoreException e = assertThrows(NonceStoreException.class,
          () -> NonceStore.open(VectorStableMemory.of(bytes, 10), 0, config()));
      assertEquals("Nonce store corrupt: impossible geometry in the header.", e.getMessage());
    }
    byte[] v1 = Files.readAllBytes(V1);
    v1[LayoutVersion2.H_BOUND_SLOTS] = 3;
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(VectorStableMemory.of(v1, 10), 0, version1Config()));
    assertEquals("Nonce store corrupt: impossible geometry or counter in the version-1 header.", e.getMessage());
  }

  /**
   * Found by fuzzing (fuzz/: NonceStoreMemoryFuzzTestInputs/stableMemory/finding-7-*): a version-1
   * header whose counter is past 2^56 migrated into a store that could never mint again. Version 1
   * could not have minted that many; the header is refused before anything is changed.
   */
  @Test
  void shouldRefuseToMigrateAVersion1CounterBeyondWhatVersion2Carries() throws Exception {
    byte[] v1 = Files.readAllBytes(V1);
    v1[LayoutVersion2.H_COUNTER + 7] = 0x37;
    VectorStableMemory memory = VectorStableMemory.of(v1, 10);
    byte[] before = memory.toByteArray();
    NonceStoreException e = assertThrows(NonceStoreException.class,
        () -> NonceStore.open(memory, 0, version1Config()));
    assertEquals("Nonce store corrupt: impossible geometry or counter in the version-1 header.", e.getMessage());
    assertArrayEquals(before, memory.toByteArray());
  }

  @Test
  void shouldKeepEarlierNoncesWorkingAndChangeLaterTagsAfterAReseed() throws Exception {
    NonceStore a = NonceStore.open(memoryOf(V2), 0, config());
    NonceStore b = NonceStore.open(memoryOf(V2), 0, config());
    b.reseed(new byte[] {1, 2, 3, 4});
    for (Principal caller : List.of(ALICE, ANONYMOUS)) {
      byte[] fromA = a.mint(caller, "register", T0 + MINUTE, MINUTE);
      byte[] fromB = b.mint(caller, "register", T0 + MINUTE, MINUTE);
      assertArrayEquals(Arrays.copyOf(fromA, 8), Arrays.copyOf(fromB, 8)); // same word
      assertFalse(Arrays.equals(fromA, fromB)); // another tag
      assertEquals(ConsumeOutcome.CONSUMED, b.consume(ALICE, "register", fromB, T0 + MINUTE));
      assertEquals(ConsumeOutcome.UNKNOWN, b.consume(ALICE, "register", fromA, T0 + MINUTE));
    }
    assertEquals(ConsumeOutcome.CONSUMED, b.consume(ALICE, "register", nonce(V2_NONCES, 2), T0 + MINUTE));
    assertEquals(ConsumeOutcome.CONSUMED, b.consume(ALICE, "register", nonce(V2_NONCES, 0), T0 + MINUTE));
  }

  /**
   * The committed version-2 store, opened by today's code and reseeded: the caller table's key is
   * replaced (no longer the one the creation material gives, here the seed as on a JVM; in a
   * canister ic0.time and the canister id) and the callers move with it, so the nonces it held are
   * consumed exactly once, by their owner only, and a caller's live count is still found (Alice's
   * cap of 2 is reached with one new nonce). Reopened afterwards, as after an upgrade, it holds the
   * same.
   */
  @Test
  void shouldRehashTheCallerTableOfTheCommittedVersion2StoreWhenReseededKeepingItsNonces() throws Exception {
    VectorStableMemory memory = memoryOf(V2);
    byte[] seed = {'v', '2'};
    byte[] derived = new byte[16];
    LittleEndian.putLong(derived, 0, SipHash.hash(0x6e6f6e63652d7430L, 0, seed, 0, seed.length));
    LittleEndian.putLong(derived, 8, SipHash.hash(0x6e6f6e63652d7431L, 0, seed, 0, seed.length));
    assertEquals(hex(derived), hex(tableKey(memory)), "the fixture's table key comes from the creation material");
    NonceStore.open(memory, 0, config()).reseed(new byte[] {1, 2, 3, 4});
    byte[] reseeded = tableKey(memory);
    assertFalse(Arrays.equals(derived, reseeded), "reseed replaces the table key");
    assertEquals("4e4e43530202", hex(Arrays.copyOf(memory.toByteArray(), 6)), "still version 2");

    NonceStore store = NonceStore.open(memory, 0, config()); // as after an upgrade
    assertArrayEquals(reseeded, tableKey(memory));
    assertEquals(3, store.boundHeld());
    long later = T0 + 2 * MINUTE;
    store.mint(ALICE, "register", later, MINUTE); // Alice holds a1 and this one: her cap
    NonceStoreException cap = assertThrows(NonceStoreException.class, () -> store.mint(ALICE, "register", later, MINUTE));
    assertTrue(cap.getMessage().contains("already holds 2 live nonces"), cap.getMessage());
    assertEquals(ConsumeOutcome.OTHER_CALLER, store.consume(ALICE, "login", nonce(V2_NONCES, 4), later));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(BOB, "login", nonce(V2_NONCES, 4), later));
    assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(BOB, "login", nonce(V2_NONCES, 4), later));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(ALICE, "register", nonce(V2_NONCES, 2), later));
    assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(ALICE, "register", nonce(V2_NONCES, 2), later));
    assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(ALICE, "link", nonce(V2_NONCES, 3), later));
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(BOB, "register", nonce(V2_NONCES, 0), later));
    assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(BOB, "register", nonce(V2_NONCES, 0), later));
  }

  /**
   * Many callers in a small caller table (64 slots, up to 33 used, long probe clusters), reseeded
   * again and again: every caller's nonces stay consumable exactly once and its slot is found.
   */
  @Test
  void shouldKeepEveryCallersNoncesThroughRepeatedReseedsOfACrowdedCallerTable() {
    NonceStore store = NonceStore.open(new VectorStableMemory(10), 0,
        new NonceStore.Config().ringSlots(16).capacity(32).perCallerCap(2).seed(new byte[] {'c'}));
    java.util.Map<Principal, byte[]> held = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      Principal caller = Principal.selfAuthenticating(new byte[] {(byte) i, 'x'});
      held.put(caller, store.mint(caller, "register", T0, 5 * MINUTE));
    }
    for (int round = 0; round < 5; round++) {
      store.reseed(new byte[] {(byte) round});
      int consumed = 0;
      for (java.util.Iterator<java.util.Map.Entry<Principal, byte[]>> it = held.entrySet().iterator(); it.hasNext(); ) {
        java.util.Map.Entry<Principal, byte[]> e = it.next();
        if (consumed++ < 5) {
          assertEquals(ConsumeOutcome.CONSUMED, store.consume(e.getKey(), "register", e.getValue(), T0));
          assertEquals(ConsumeOutcome.ALREADY_CONSUMED, store.consume(e.getKey(), "register", e.getValue(), T0));
          it.remove();
        }
      }
    }
    assertEquals(5, held.size());
    for (java.util.Map.Entry<Principal, byte[]> e : held.entrySet()) {
      assertEquals(ConsumeOutcome.CONSUMED, store.consume(e.getKey(), "register", e.getValue(), T0));
    }
  }

  static byte[] tableKey(VectorStableMemory memory) {
    return Arrays.copyOfRange(memory.toByteArray(), LayoutVersion2.H_TABLE_KEY, LayoutVersion2.H_TABLE_KEY + 16);
  }

  @Test
  void shouldEvictTheOldestUnboundNonceAfterAFullTurnOfTheRingAndNeverABoundOne() throws Exception {
    NonceStore store = NonceStore.open(new VectorStableMemory(10), 0, config());
    byte[] bound = store.mint(ALICE, "link", T0, 5 * MINUTE);
    byte[] first = store.mint(ANONYMOUS, "register", T0, 5 * MINUTE);
    for (int i = 0; i < 15; i++) {
      store.mint(ANONYMOUS, "register", T0, 5 * MINUTE);
    }
    assertTrue(store.inspect(first) != null, "16 slots hold the 16 newest");
    store.mint(ANONYMOUS, "register", T0, 5 * MINUTE);
    assertNull(store.inspect(first));
    assertEquals(ConsumeOutcome.EVICTED, store.consume(BOB, "register", first, T0));
    for (int i = 0; i < 1000; i++) {
      store.mint(ANONYMOUS, "register", T0, 5 * MINUTE);
    }
    assertEquals(ConsumeOutcome.CONSUMED, store.consume(ALICE, "link", bound, T0));
  }

  @Test
  void shouldCoexistWithAnotherUserOfStableMemory() {
    VectorStableMemory memory = new VectorStableMemory(10);
    memory.grow(1);
    byte[] mine = {1, 2, 3, 4};
    memory.write(0, mine, 0, 4);
    NonceStore store = NonceStore.open(memory, 65536, config());
    store.mint(ALICE, "x", T0, MINUTE);
    store.mint(ANONYMOUS, "x", T0, MINUTE);
    byte[] back = new byte[4];
    memory.read(0, back, 0, 4);
    assertArrayEquals(mine, back);
    assertTrue(memory.size() * 65536 >= 65536 + store.size());
    assertEquals(ConsumeOutcome.UNKNOWN, NonceStore.open(memory, 65536, config()).consume(ALICE, "x", new byte[32], T0));
  }
}
