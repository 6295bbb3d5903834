package dev.icjava.noncestore;

import static dev.icjava.noncestore.LittleEndian.getInt;
import static dev.icjava.noncestore.LittleEndian.getLong;
import static dev.icjava.noncestore.LittleEndian.putInt;
import static dev.icjava.noncestore.LittleEndian.putLong;

import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.internal.Utf8;

/**
 * Unbound nonces (minted for the anonymous caller, consumable once by anyone authenticated): a ring
 * of {@code R} slots in stable memory, the nonce with counter {@code c} in slot {@code c mod R}. A
 * mint writes one slot, overwriting whatever the slot held: the ring keeps the newest {@code R}
 * counters, so evicting a nonce takes {@code R} mints after it, and no mint is ever refused. A
 * consume reads one slot. Both are O(1) and independent of how many nonces are held.
 *
 * <h2>Slot layout (layout version 2), 48 bytes, little-endian</h2>
 *
 * <pre>
 * offset size  field
 * 0      1     state: 0 empty, 1 live, 2 consumed
 * 1      3     reserved (0)
 * 4      4     action hash (FNV-1a 32 of the action's UTF-8)
 * 8      8     word: counter (bits 0..55) | kind 1 (unbound) &lt;&lt; 56, the nonce's first 8 bytes
 * 16     8     expiry, nanoseconds since 1970 (ic0.time)
 * 24     24    tag, the nonce's last 24 bytes
 * </pre>
 */
final class UnboundRing {
  static final int SLOT_BYTES = 48;
  static final int S_STATE = 0;
  static final int S_ACTION = 4;
  static final int S_WORD = 8;
  static final int S_EXPIRY = 16;
  static final int S_TAG = 24;

  /** What {@link #find} saw in the nonce's slot. */
  static final int FOUND = 0;
  static final int OVERWRITTEN = 1;
  static final int ABSENT = 2;

  private final StableMemory memory;
  private final long start;
  private final int slots;
  private final byte[] slot = new byte[SLOT_BYTES];

  UnboundRing(StableMemory memory, long start, int slots) {
    this.memory = memory;
    this.start = start;
    this.slots = slots;
  }

  int slots() {
    return slots;
  }

  static long bytesFor(int slots) {
    return (long) SLOT_BYTES * slots;
  }

  /**
   * Writes the nonce {@code nonce} (word, then tag) into its slot, live until {@code expiry},
   * evicting the older nonce the slot held. Refuses, before writing, a slot that holds this counter
   * or a later one: a header whose next counter went back, which would mint a nonce again.
   */
  void put(byte[] nonce, long word, int actionHash, long expiry) {
    byte[] s = slot;
    long at = offsetOf(word);
    memory.read(at, s, 0, S_EXPIRY); // state and word
    if (s[S_STATE] != NonceStore.EMPTY && Long.compareUnsigned(getLong(s, S_WORD) & NonceStore.COUNTER_MASK,
        word & NonceStore.COUNTER_MASK) >= 0) {
      throw NonceStore.counterWentBack(word);
    }
    s[S_STATE] = NonceStore.LIVE;
    s[1] = 0;
    s[2] = 0;
    s[3] = 0;
    putInt(s, S_ACTION, actionHash);
    putLong(s, S_WORD, word);
    putLong(s, S_EXPIRY, expiry);
    System.arraycopy(nonce, NonceStore.TAG_AT, s, S_TAG, NonceStore.TAG_BYTES);
    memory.write(at, s, 0, SLOT_BYTES);
  }

  /**
   * Reads the slot of {@code word} and compares it with {@code nonce}: {@link #FOUND} (left in the
   * slot buffer) when the slot holds exactly this nonce, {@link #OVERWRITTEN} when it holds a later
   * counter, {@link #ABSENT} otherwise (never minted, forged, or an impossible slot).
   */
  int find(byte[] nonce, long word) {
    byte[] s = slot;
    memory.read(offsetOf(word), s, 0, SLOT_BYTES);
    int state = s[S_STATE];
    if (state == NonceStore.EMPTY) {
      return ABSENT;
    }
    if (state != NonceStore.LIVE && state != NonceStore.CONSUMED) {
      throw NonceStore.invalidSlot("ring", (int) (word & (slots - 1)));
    }
    long held = getLong(s, S_WORD);
    if (held != word) {
      return Long.compareUnsigned(held & NonceStore.COUNTER_MASK, word & NonceStore.COUNTER_MASK) > 0
          ? OVERWRITTEN : ABSENT;
    }
    return Utf8.equalBytes(s, S_TAG, nonce, NonceStore.TAG_AT, NonceStore.TAG_BYTES) ? FOUND : ABSENT;
  }

  /** Marks the slot of {@code word} consumed; the slot buffer holds it (after {@link #find}). */
  void markConsumed(long word) {
    slot[S_STATE] = NonceStore.CONSUMED;
    memory.write(offsetOf(word), slot, S_STATE, 1);
  }

  boolean consumed() {
    return slot[S_STATE] == NonceStore.CONSUMED;
  }

  int actionHash() {
    return getInt(slot, S_ACTION);
  }

  long expiry() {
    return getLong(slot, S_EXPIRY);
  }

  private long offsetOf(long word) {
    return start + (long) SLOT_BYTES * (int) (word & (slots - 1));
  }
}
