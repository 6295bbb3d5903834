package dev.icjava.noncestore;

import static dev.icjava.noncestore.LittleEndian.getInt;

/**
 * The version-1 layout (16-byte nonces, every nonce bound to its minting caller), as far as {@link
 * NonceStore#open} needs it to migrate a version-1 store in place. Kept for reading only; the
 * committed fixture {@code nonce-store/src/test/resources/layout/v1.bin} is one.
 *
 * <pre>
 * Header, 128 bytes, at the region's start (fields at the same offsets as in version 2)
 *   offset size  field
 *   0      4     magic "NNCS"
 *   4      1     layout version = 1
 *   5      3     reserved (0)
 *   8      4     nonce table slots N (a power of two, 2 x capacity or more)
 *   12     4     caller table slots M (a power of two)
 *   16     4     capacity
 *   20     1     per-caller cap C (1..255)
 *   21     3     reserved (0)
 *   24     8     next counter: the counter of the next nonce; only grows
 *   32     4     nonce slots in use
 *   36     4     caller slots in use
 *   40     4     sweep cursor
 *   44     4     reserved (0)
 *   48     16    tag key (k0, k1) of SipHash-2-4
 *   64     16    table key of SipHash-2-4 for caller-table hashes
 *   80     48    reserved (0)
 * Nonce table, N slots of 64 bytes, at 128
 * Caller table, M slots of 40 + 16 x C bytes, at 128 + 64 x N
 * A nonce: counter (8 bytes), then SipHash-2-4(tag key, counter) (8 bytes), little-endian.
 * </pre>
 */
final class LayoutVersion1 {
  static final int VERSION = 1;
  static final int NONCE_SLOT_BYTES = 64;

  final int nonceSlots;
  final int callerSlots;
  final int capacity;
  final int perCallerCap;

  private LayoutVersion1(int nonceSlots, int callerSlots, int capacity, int perCallerCap) {
    this.nonceSlots = nonceSlots;
    this.callerSlots = callerSlots;
    this.capacity = capacity;
    this.perCallerCap = perCallerCap;
  }

  /**
   * The geometry of a version-1 header, checked to be one version 1 could have written (its next
   * counter at most 2^56, which version 2's nonces can carry on from).
   */
  static LayoutVersion1 read(byte[] header) {
    int nonceSlots = getInt(header, LayoutVersion2.H_BOUND_SLOTS);
    int callerSlots = getInt(header, LayoutVersion2.H_CALLER_SLOTS);
    int capacity = getInt(header, LayoutVersion2.H_CAPACITY);
    int cap = header[LayoutVersion2.H_CALLER_CAP] & 0xFF;
    if (Integer.bitCount(nonceSlots) != 1 || Integer.bitCount(callerSlots) != 1 || capacity < 1
        || capacity > nonceSlots / 2 || cap < 1 || LittleEndian.getLong(header, LayoutVersion2.H_COUNTER) < 0
        || LittleEndian.getLong(header, LayoutVersion2.H_COUNTER) > NonceStore.COUNTER_MASK + 1) {
      throw NonceStore.corrupt("impossible geometry or counter in the version-1 header");
    }
    return new LayoutVersion1(nonceSlots, callerSlots, capacity, cap);
  }

  /** The bytes of the version-1 region. */
  long regionBytes() {
    return LayoutVersion2.HEADER_BYTES + (long) NONCE_SLOT_BYTES * nonceSlots
        + (long) BoundNonces.callerSlotBytes(perCallerCap) * callerSlots;
  }
}
