package dev.icjava.candid;

/**
 * {@code DIDL}, the type table and the argument types of a message, with the types; and the buffer
 * its writers reuse, the header already in it, so that a writer neither allocates nor copies the
 * header (one writer at a time takes it; another made while it is taken gets its own buffer). Not
 * for writers on several threads at once (a canister has one). Made by {@link
 * CandidWriter#header(CandidType...)}, once per set of types (in a {@code @StaticInit} class: a
 * query's changes are discarded, lazy initialisation included).
 */
public final class CandidHeader {
  /** The largest buffer a header keeps for its next writer. */
  static final int MAX_SPARE_BYTES = 64 * 1024;

  final byte[] bytes;
  final CandidType[] types;
  // The reusable buffer (null while a writer holds it), the header in its first bytes.
  private byte[] spare;
  private CandidType[] spareFrames;
  private int[] spareCounters;

  CandidHeader(byte[] bytes, CandidType[] types) {
    this.bytes = bytes;
    this.types = types;
    this.spare = newBuffer(bytes);
  }

  /** The spare buffer, or a new one when a writer holds it. */
  byte[] take() {
    byte[] b = spare;
    if (b == null) {
      return newBuffer(bytes);
    }
    spare = null;
    return b;
  }

  /** A buffer back from a finished writer: kept for the next unless it grew beyond 64 KiB. */
  void giveBack(byte[] buffer, CandidType[] frames, int[] counters) {
    if (buffer.length <= MAX_SPARE_BYTES) {
      spare = buffer;
    }
    if (frames != null) {
      spareFrames = frames;
      spareCounters = counters;
    }
  }

  CandidType[] takeFrames() {
    CandidType[] f = spareFrames;
    spareFrames = null;
    return f;
  }

  int[] takeCounters() {
    int[] c = spareCounters;
    spareCounters = null;
    return c;
  }

  private static byte[] newBuffer(byte[] header) {
    byte[] b = new byte[Math.max(64, header.length + 32)];
    System.arraycopy(header, 0, b, 0, header.length);
    return b;
  }

  /**
   * The argument types.
   *
   * @param index the argument's position
   * @return its type
   */
  public CandidType type(int index) {
    return types[index];
  }

  /**
   * The number of argument types.
   *
   * @return the number of arguments
   */
  public int argumentCount() {
    return types.length;
  }
}
