package dev.icjava.noncestore;

import static dev.icjava.noncestore.LittleEndian.getInt;
import static dev.icjava.noncestore.LittleEndian.getLong;
import static dev.icjava.noncestore.LittleEndian.putInt;
import static dev.icjava.noncestore.LittleEndian.putLong;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.internal.MessageBuilder;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.internal.Utf8;

/**
 * Bound nonces (minted by an authenticated caller, consumable only by it): two hash tables in
 * stable memory, never evicted. A caller holds at most {@code C} live ones (its own expired ones are
 * reclaimed first, at once); a full table refuses to mint rather than evict anyone's.
 *
 * <h2>Layout (layout version 2), little-endian</h2>
 *
 * <pre>
 * Nonce table, N slots of 80 bytes; open addressing, linear probing from tag word 0 mod N
 *   offset size  field
 *   0      1     state: 0 empty, 1 live, 2 consumed
 *   1      1     caller length (0..29)
 *   2      2     reserved (0)
 *   4      4     action hash (FNV-1a 32 of the action's UTF-8)
 *   8      8     word: counter (bits 0..55) | kind 2 (bound) &lt;&lt; 56, the nonce's first 8 bytes
 *   16     8     expiry, nanoseconds since 1970 (ic0.time)
 *   24     24    tag, the nonce's last 24 bytes (tag word 0 = bytes 24..31)
 *   48     29    caller bytes
 *   77     3     reserved (0)
 * Caller table, M slots of 40 + 16 x C bytes, after the nonce table; probing from SipHash(table key, caller) mod M
 *   0      1     state: 0 empty, 1 used
 *   1      1     caller length
 *   2      1     live nonces of this caller (0..C)
 *   3      1     reserved (0)
 *   4      29    caller bytes
 *   33     7     reserved (0)
 *   40     16 x C (word, tag word 0) of each of this caller's live nonces
 * </pre>
 *
 * <p>Mint and consume probe a table kept at most half full and reclaim up to {@code sweepPerCall}
 * expired entries from a moving cursor, so their work does not grow with the number held. Deletion
 * shifts later entries back (no tombstones). A consumed nonce stays, to be reported as {@code
 * ALREADY_CONSUMED}, until it expires; afterwards it is reclaimed and reported as {@code UNKNOWN},
 * and still never accepted, since its counter is never minted again.
 */
final class BoundNonces {
  static final int SLOT_BYTES = 80;
  static final int N_STATE = 0;
  static final int N_CALLER_LENGTH = 1;
  static final int N_ACTION = 4;
  static final int N_WORD = 8;
  static final int N_EXPIRY = 16;
  static final int N_TAG = 24;
  static final int N_CALLER = 48;

  static final int C_STATE = 0;
  static final int C_CALLER_LENGTH = 1;
  static final int C_COUNT = 2;
  static final int C_CALLER = 4;
  static final int C_LIST = 40;

  static final int EXTRA_SWEEP_WHEN_FULL = 64;
  static final int ADMITTED = 0;
  static final int CAP_REACHED = 1;
  static final int FULL = 2;
  static final int CALLERS_FULL = 3;

  private final StableMemory memory;
  private final long nonceTable;
  private final long callerTable;
  private final int nonceSlots;
  private final int callerSlots;
  private final int capacity;
  private final int perCallerCap;
  private final int callerSlotBytes;
  private final int sweepPerCall;
  private long t0; // table key: NonceStore.reseed replaces it ({@link #rehashCallers})
  private long t1;
  int used;
  int callersUsed;
  int cursor;

  private final byte[] slot = new byte[SLOT_BYTES];
  private final byte[] moved = new byte[SLOT_BYTES];
  private final byte[] callerSlot;
  private final byte[] callerMoved;
  private final byte[] zeros;
  // set by admit(), used by insert()
  private int admittedCallerIndex;
  private int admittedCount;

  BoundNonces(StableMemory memory, long start, int nonceSlots, int callerSlots, int capacity, int perCallerCap,
      int sweepPerCall, long t0, long t1) {
    this.memory = memory;
    this.nonceTable = start;
    this.nonceSlots = nonceSlots;
    this.callerSlots = callerSlots;
    this.capacity = capacity;
    this.perCallerCap = perCallerCap;
    this.sweepPerCall = sweepPerCall;
    this.callerSlotBytes = callerSlotBytes(perCallerCap);
    this.callerTable = start + (long) SLOT_BYTES * nonceSlots;
    this.t0 = t0;
    this.t1 = t1;
    this.callerSlot = new byte[callerSlotBytes];
    this.callerMoved = new byte[callerSlotBytes];
    this.zeros = new byte[Math.max(callerSlotBytes, SLOT_BYTES)];
  }

  /**
   * Its counters as the store's header holds them: bound nonces held, callers held, the sweep
   * cursor. The store writes them back with the rest of the header ({@code NonceStore.writeHeader},
   * one write per change): a method of this class doing it measured 870 more bytes in the whoami
   * sample, the store's hottest writes inlined differently.
   */
  void loadCounters(byte[] header) {
    used = getInt(header, LayoutVersion2.H_BOUND_USED);
    callersUsed = getInt(header, LayoutVersion2.H_CALLERS_USED);
    cursor = getInt(header, LayoutVersion2.H_CURSOR);
  }

  static int callerSlotBytes(int perCallerCap) {
    return C_LIST + 16 * perCallerCap;
  }

  static long bytesFor(int nonceSlots, int callerSlots, int perCallerCap) {
    return (long) SLOT_BYTES * nonceSlots + (long) callerSlotBytes(perCallerCap) * callerSlots;
  }

  int capacity() {
    return capacity;
  }

  int perCallerCap() {
    return perCallerCap;
  }

  int nonceSlots() {
    return nonceSlots;
  }

  int callerSlots() {
    return callerSlots;
  }

  /**
   * Everything a mint for a caller needs before a counter is taken: reclaims expired entries and
   * returns {@link #ADMITTED}, or why the mint is refused ({@link #CAP_REACHED}, {@link #FULL},
   * {@link #CALLERS_FULL}; {@link #refusal} makes the exception). Nothing is minted yet; {@link
   * #insert} follows (the store takes the counter in between).
   */
  int admit(byte[] callerBytes, long now) {
    sweep(now, sweepPerCall);
    if (used >= capacity) {
      sweep(now, EXTRA_SWEEP_WHEN_FULL);
    }
    // Sweeping may move caller slots; from here on only nonce slots are deleted, so the caller's
    // slot index stays valid.
    int callerIndex = findCaller(callerBytes);
    int count = 0;
    if (callerIndex >= 0) {
      count = pruneCaller(callerIndex, now);
      if (count == 0) {
        deleteCaller(callerIndex);
        callerIndex = -1;
      }
    }
    admittedCallerIndex = callerIndex;
    admittedCount = count;
    if (count >= perCallerCap) {
      return CAP_REACHED;
    }
    if (used >= capacity) {
      return FULL;
    }
    if (callerIndex < 0 && callersUsed >= callerSlots / 2) {
      return CALLERS_FULL;
    }
    return ADMITTED;
  }

  /** The exception for a refusal {@link #admit} returned. */
  NonceStoreException refusal(int refused, Principal caller) {
    return refused == CAP_REACHED ? capReached(caller, admittedCount)
        : refused == FULL ? full(used, capacity) : callersFull(callersUsed);
  }

  /**
   * Inserts the nonce (after {@link #admit} for the same caller). Refuses, before writing anything,
   * a word the table holds already: a header whose next counter went back.
   */
  void insert(byte[] callerBytes, byte[] nonce, long word, int actionHash, long expiry) {
    long tagWord = getLong(nonce, NonceStore.TAG_AT);
    int index = (int) tagWord & (nonceSlots - 1);
    for (int probes = 0; ; probes++) {
      if (probes == nonceSlots) {
        throw noEmptySlot("nonce", used, nonceSlots);
      }
      readNonce(index, slot);
      if (slot[N_STATE] == NonceStore.EMPTY) {
        break;
      }
      if (getLong(slot, N_WORD) == word) { // its equal would sit in this cluster, if held
        throw NonceStore.counterWentBack(word);
      }
      index = (index + 1) & (nonceSlots - 1);
    }
    clear(slot);
    slot[N_STATE] = NonceStore.LIVE;
    slot[N_CALLER_LENGTH] = (byte) callerBytes.length;
    putInt(slot, N_ACTION, actionHash);
    putLong(slot, N_WORD, word);
    putLong(slot, N_EXPIRY, expiry);
    System.arraycopy(nonce, NonceStore.TAG_AT, slot, N_TAG, NonceStore.TAG_BYTES);
    System.arraycopy(callerBytes, 0, slot, N_CALLER, callerBytes.length);
    writeNonce(index, slot);
    used++;
    int callerIndex = admittedCallerIndex;
    int count = admittedCount;
    if (callerIndex < 0) {
      callerIndex = (int) SipHash.hash(t0, t1, callerBytes, 0, callerBytes.length) & (callerSlots - 1);
      for (int probes = 0; ; probes++) {
        if (probes == callerSlots) {
          throw noEmptySlot("caller", callersUsed, callerSlots);
        }
        readCaller(callerIndex, callerSlot);
        if (callerSlot[C_STATE] == NonceStore.EMPTY) {
          break;
        }
        callerIndex = (callerIndex + 1) & (callerSlots - 1);
      }
      clear(callerSlot);
      callerSlot[C_STATE] = 1;
      callerSlot[C_CALLER_LENGTH] = (byte) callerBytes.length;
      System.arraycopy(callerBytes, 0, callerSlot, C_CALLER, callerBytes.length);
      callersUsed++;
    }
    putLong(callerSlot, C_LIST + 16 * count, word);
    putLong(callerSlot, C_LIST + 16 * count + 8, tagWord);
    callerSlot[C_COUNT] = (byte) (count + 1);
    writeCaller(callerIndex, callerSlot);
  }

  /** Consumes a bound nonce for {@code callerBytes}; the order of checks is the store's. */
  ConsumeOutcome consume(byte[] callerBytes, int actionHash, byte[] nonce, long word, long now) {
    int index = findNonce(word, getLong(nonce, NonceStore.TAG_AT));
    if (index < 0 || !Utf8.equalBytes(slot, N_TAG, nonce, NonceStore.TAG_AT, NonceStore.TAG_BYTES)) {
      return ConsumeOutcome.UNKNOWN;
    }
    if (!sameCaller(slot, N_CALLER_LENGTH, N_CALLER, callerBytes)) {
      return ConsumeOutcome.OTHER_CALLER;
    }
    if (getInt(slot, N_ACTION) != actionHash) {
      return ConsumeOutcome.OTHER_ACTION;
    }
    if (slot[N_STATE] == NonceStore.CONSUMED) {
      return ConsumeOutcome.ALREADY_CONSUMED;
    }
    if (getLong(slot, N_EXPIRY) <= now) {
      return ConsumeOutcome.EXPIRED;
    }
    slot[N_STATE] = NonceStore.CONSUMED;
    writeNonce(index, slot);
    removeFromCaller(callerBytes, word);
    return ConsumeOutcome.CONSUMED;
  }

  /** What the table holds about this nonce, or {@code null}. */
  NonceInfo inspect(byte[] nonce, long word) {
    int index = findNonce(word, getLong(nonce, NonceStore.TAG_AT));
    if (index < 0 || !Utf8.equalBytes(slot, N_TAG, nonce, NonceStore.TAG_AT, NonceStore.TAG_BYTES)) {
      return null;
    }
    return new NonceInfo(Principal.fromBytes(ownerOf(slot, index)), getInt(slot, N_ACTION),
        getLong(slot, N_EXPIRY), slot[N_STATE] == NonceStore.CONSUMED);
  }

  /** Index of the slot holding (word, tag word 0), left in {@code slot}; -1 when absent. */
  private int findNonce(long word, long tagWord) {
    int index = (int) tagWord & (nonceSlots - 1);
    for (int probes = 0; probes < nonceSlots; probes++) {
      readNonce(index, slot);
      int state = slot[N_STATE];
      if (state == NonceStore.EMPTY) {
        return -1;
      }
      if (state != NonceStore.LIVE && state != NonceStore.CONSUMED) {
        throw NonceStore.invalidSlot("nonce", index);
      }
      if (getLong(slot, N_WORD) == word && getLong(slot, N_TAG) == tagWord) {
        if ((slot[N_CALLER_LENGTH] & 0xFF) > Principal.MAX_LENGTH) { // callers compare by this length
          throw NonceStore.invalidSlot("nonce", index);
        }
        return index;
      }
      index = (index + 1) & (nonceSlots - 1);
    }
    return -1;
  }

  /** Index of the caller's slot, left in {@code callerSlot}; -1 when absent. */
  private int findCaller(byte[] callerBytes) {
    int index = (int) SipHash.hash(t0, t1, callerBytes, 0, callerBytes.length) & (callerSlots - 1);
    for (int probes = 0; probes < callerSlots; probes++) {
      readCaller(index, callerSlot);
      if (callerSlot[C_STATE] == NonceStore.EMPTY) {
        return -1;
      }
      if (sameCaller(callerSlot, C_CALLER_LENGTH, C_CALLER, callerBytes)) {
        return index;
      }
      index = (index + 1) & (callerSlots - 1);
    }
    return -1;
  }

  /**
   * Drops the caller's expired nonces from both tables; returns its live count. The caller's slot
   * is in {@code callerSlot} and stays at {@code callerIndex} (nonce deletions do not move it).
   */
  private int pruneCaller(int callerIndex, long now) {
    int count = callerSlot[C_COUNT] & 0xFF;
    int i = 0;
    boolean changed = false;
    while (i < count) {
      long word = getLong(callerSlot, C_LIST + 16 * i);
      int index = findNonce(word, getLong(callerSlot, C_LIST + 16 * i + 8));
      if (index < 0 || slot[N_STATE] != NonceStore.LIVE) {
        throw NonceStore.corrupt("caller slot " + callerIndex + " lists nonce " + (word & NonceStore.COUNTER_MASK)
            + ", which is not live");
      }
      if (getLong(slot, N_EXPIRY) <= now) {
        deleteNonce(index);
        count--;
        moveEntry(callerSlot, count, i);
        changed = true;
      } else {
        i++;
      }
    }
    if (changed) {
      callerSlot[C_COUNT] = (byte) count;
      writeCaller(callerIndex, callerSlot);
    }
    return count;
  }

  private void removeFromCaller(byte[] callerBytes, long word) {
    int callerIndex = findCaller(callerBytes);
    if (callerIndex < 0) {
      throw NonceStore.corrupt("a live nonce's caller has no caller slot");
    }
    int count = callerSlot[C_COUNT] & 0xFF;
    for (int i = 0; i < count; i++) {
      if (getLong(callerSlot, C_LIST + 16 * i) == word) {
        count--;
        moveEntry(callerSlot, count, i);
        callerSlot[C_COUNT] = (byte) count;
        if (count == 0) {
          deleteCaller(callerIndex);
        } else {
          writeCaller(callerIndex, callerSlot);
        }
        return;
      }
    }
    throw NonceStore.corrupt("a live nonce is missing from its caller's list");
  }

  /** Examines up to {@code budget} slots from the cursor, reclaiming expired entries. */
  int sweep(long now, int budget) {
    int reclaimed = 0;
    for (int i = 0; i < budget; i++) {
      readNonce(cursor, slot);
      int state = slot[N_STATE];
      if (state != NonceStore.EMPTY && getLong(slot, N_EXPIRY) <= now) {
        if (state != NonceStore.CONSUMED && state != NonceStore.LIVE) {
          throw NonceStore.invalidSlot("nonce", cursor);
        }
        if (state == NonceStore.LIVE) {
          removeFromCaller(ownerOf(slot, cursor), getLong(slot, N_WORD));
        }
        deleteNonce(cursor); // a later entry may move into the cursor's slot: look again
        reclaimed++;
      } else {
        cursor = (cursor + 1) & (nonceSlots - 1);
      }
    }
    return reclaimed;
  }

  /** Sweeps as every mint and consume does. */
  void sweepAsUsual(long now) {
    sweep(now, sweepPerCall);
  }

  /** Empties nonce slot {@code index}, shifting back later entries of its cluster. */
  private void deleteNonce(int index) {
    int mask = nonceSlots - 1;
    int hole = index;
    int j = index;
    for (int probes = 1; ; probes++) {
      if (probes == nonceSlots) {
        throw noEmptySlot("nonce", used, nonceSlots);
      }
      j = (j + 1) & mask;
      readNonce(j, moved);
      if (moved[N_STATE] == NonceStore.EMPTY) {
        break;
      }
      int home = (int) getLong(moved, N_TAG) & mask;
      if (outside(home, hole, j)) {
        writeNonce(hole, moved);
        hole = j;
      }
    }
    clear(moved);
    writeNonce(hole, moved);
    used--;
  }

  private void deleteCaller(int index) {
    int mask = callerSlots - 1;
    int hole = index;
    int j = index;
    for (int probes = 1; ; probes++) {
      if (probes == callerSlots) {
        throw noEmptySlot("caller", callersUsed, callerSlots);
      }
      j = (j + 1) & mask;
      readCaller(j, callerMoved);
      if (callerMoved[C_STATE] == NonceStore.EMPTY) {
        break;
      }
      int length = callerMoved[C_CALLER_LENGTH];
      int home = (int) SipHash.hash(t0, t1, callerMoved, C_CALLER, length) & mask;
      if (outside(home, hole, j)) {
        writeCaller(hole, callerMoved);
        hole = j;
      }
    }
    clear(callerMoved);
    writeCaller(hole, callerMoved);
    callersUsed--;
  }

  /** The table key's first half (the header's bytes 64..71; {@link #tableKey1}: 72..79). */
  long tableKey0() {
    return t0;
  }

  long tableKey1() {
    return t1;
  }

  /**
   * Replaces the table key with {@code (n0, n1)} and moves every caller slot to where the new key
   * places it, so that every caller holding nonces is found again. Slots are read in chunks of
   * about 64 KiB; the used ones are copied out and cleared, then inserted again by linear probing
   * from their new home (their contents unchanged: the nonce table does not refer to caller slots);
   * only the chunks that held a caller are written.
   * Nothing to move when no caller holds a nonce. A used slot with an impossible state, length or
   * count, or a count of used slots other than the header's, is refused as corrupt before anything
   * is written.
   */
  void rehashCallers(long n0, long n1) {
    if (callersUsed == 0) {
      t0 = n0;
      t1 = n1;
      return;
    }
    int perChunk = Math.max(1, 65_536 / callerSlotBytes);
    byte[] chunk = new byte[perChunk * callerSlotBytes];
    byte[] held = new byte[callersUsed * callerSlotBytes];
    int chunks = (callerSlots + perChunk - 1) / perChunk;
    boolean[] dirty = new boolean[chunks];
    int found = 0;
    for (int c = 0; c < chunks; c++) { // check and copy out, no writes
      int first = c * perChunk;
      int n = Math.min(perChunk, callerSlots - first);
      memory.read(callerTable + (long) first * callerSlotBytes, chunk, 0, n * callerSlotBytes);
      for (int i = 0; i < n; i++) {
        int at = i * callerSlotBytes;
        int state = chunk[at + C_STATE] & 0xFF;
        if (state == NonceStore.EMPTY) {
          continue;
        }
        if (state != 1 || (chunk[at + C_CALLER_LENGTH] & 0xFF) > Principal.MAX_LENGTH
            || (chunk[at + C_COUNT] & 0xFF) > perCallerCap || found == callersUsed) {
          throw NonceStore.invalidSlot("caller", first + i);
        }
        System.arraycopy(chunk, at, held, found * callerSlotBytes, callerSlotBytes);
        found++;
        dirty[c] = true;
      }
    }
    if (found != callersUsed) {
      throw NonceStore.corrupt("the caller table holds fewer callers than the header counts");
    }
    byte[] zeroChunk = new byte[chunk.length];
    for (int c = 0; c < chunks; c++) { // clear the chunks that held callers: all their slots move
      if (dirty[c]) {
        int first = c * perChunk;
        int n = Math.min(perChunk, callerSlots - first);
        memory.write(callerTable + (long) first * callerSlotBytes, zeroChunk, 0, n * callerSlotBytes);
      }
    }
    t0 = n0;
    t1 = n1;
    int mask = callerSlots - 1;
    for (int k = 0; k < found; k++) {
      int at = k * callerSlotBytes;
      int index = (int) SipHash.hash(t0, t1, held, at + C_CALLER, held[at + C_CALLER_LENGTH]) & mask;
      while (true) {
        readCaller(index, callerSlot);
        if (callerSlot[C_STATE] == NonceStore.EMPTY) {
          break;
        }
        index = (index + 1) & mask; // found <= callerSlots / 2 + 1 < callerSlots: an empty slot exists
      }
      memory.write(callerTable + (long) index * callerSlotBytes, held, at, callerSlotBytes);
    }
  }

  /** Whether {@code home} lies cyclically outside {@code (hole, j]}: the entry at j may fill the hole. */
  private static boolean outside(int home, int hole, int j) {
    return hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
  }

  /** Moves list entry {@code from} of a caller slot to {@code to} and clears {@code from}. */
  private static void moveEntry(byte[] callerSlot, int from, int to) {
    putLong(callerSlot, C_LIST + 16 * to, getLong(callerSlot, C_LIST + 16 * from));
    putLong(callerSlot, C_LIST + 16 * to + 8, getLong(callerSlot, C_LIST + 16 * from + 8));
    putLong(callerSlot, C_LIST + 16 * from, 0);
    putLong(callerSlot, C_LIST + 16 * from + 8, 0);
  }

  private static boolean sameCaller(byte[] s, int lengthAt, int bytesAt, byte[] caller) {
    return s[lengthAt] == caller.length && Utf8.equalBytes(s, bytesAt, caller, 0, caller.length);
  }

  /**
   * Reads nonce slot {@code index} as it is (kept small enough to inline: it is the hottest read).
   * What later code relies on is checked where it is used: the state by {@link #findNonce} and
   * {@link #sweep}, the caller length of a slot found or copied by {@link #findNonce} and {@link
   * #ownerOf}.
   */
  private void readNonce(int index, byte[] into) {
    memory.read(nonceTable + (long) index * SLOT_BYTES, into, 0, SLOT_BYTES);
  }

  /** The caller bytes of the nonce slot in {@code s}, checked to be at most 29. */
  private static byte[] ownerOf(byte[] s, int index) {
    int length = s[N_CALLER_LENGTH] & 0xFF;
    if (length > Principal.MAX_LENGTH) {
      throw NonceStore.invalidSlot("nonce", index);
    }
    byte[] owner = new byte[length];
    System.arraycopy(s, N_CALLER, owner, 0, length);
    return owner;
  }

  private void writeNonce(int index, byte[] from) {
    memory.write(nonceTable + (long) index * SLOT_BYTES, from, 0, SLOT_BYTES);
  }

  private void readCaller(int index, byte[] into) {
    memory.read(callerTable + (long) index * callerSlotBytes, into, 0, callerSlotBytes);
    // unsigned: states 0..1, lengths 0..29, counts 0..cap (an empty slot is all zero)
    if ((into[C_STATE] & 0xFF) > 1 || (into[C_CALLER_LENGTH] & 0xFF) > Principal.MAX_LENGTH
        || (into[C_COUNT] & 0xFF) > perCallerCap) {
      throw NonceStore.invalidSlot("caller", index);
    }
  }

  private void writeCaller(int index, byte[] from) {
    memory.write(callerTable + (long) index * callerSlotBytes, from, 0, callerSlotBytes);
  }

  private void clear(byte[] b) {
    System.arraycopy(zeros, 0, b, 0, b.length);
  }

  // Failures are built in these factories, never at the throwing site: the canister build does not
  // inline a method returning an exception, so mint and consume stay small.

  private static NonceStoreException noEmptySlot(String table, int used, int slots) {
    return NonceStore.corrupt("no empty " + table + " slot, though the header counts " + used + " of " + slots
        + " in use");
  }

  private static NonceStoreException capReached(Principal caller, int count) {
    MessageBuilder m = new MessageBuilder().append(Messages.CALLER);
    int at = m.reserve(caller.textLength()); // before buffer(): reserving may grow it
    caller.writeText(m.buffer(), at);
    return new NonceStoreException(m.append(Messages.ALREADY_HOLDS).appendDecimal(count).append(Messages.CAP_REACHED)
        .toArray());
  }

  private static NonceStoreException full(long used, int capacity) {
    return new NonceStoreException(new MessageBuilder().append(Messages.FULL).appendDecimal(used)
        .append(Messages.HELD_CAPACITY).appendDecimal(capacity).append(Messages.TRY_AGAIN).toArray());
  }

  private static NonceStoreException callersFull(long used) {
    return new NonceStoreException(new MessageBuilder().append(Messages.FULL).appendDecimal(used)
        .append(Messages.CALLERS_HOLD).toArray());
  }
}
