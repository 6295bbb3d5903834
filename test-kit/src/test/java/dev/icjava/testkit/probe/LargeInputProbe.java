package dev.icjava.testkit.probe;

import dev.icjava.runtime.Query;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * A canister that copies its whole argument, or its whole caller-info bundle, onto the Java heap
 * with {@link SystemApi#msgArgData()} / {@link SystemApi#msgCallerInfoData()} (one allocation of
 * the input's size) and replies with the size and a digest of what it read (8 bytes,
 * little-endian). The updates keep the last three inputs with their digests and check them again
 * at every call, before the next input is copied: a collection that moved or overwrote one of them
 * while the heap grew traps, naming it.
 *
 * <p>{@code churn} fragments the heap: it allocates small arrays and keeps one in four in a ring of
 * {@value #RING} (each filled with a byte of its slot, checked at every call too), so that large
 * inputs meet a heap of many free chunks, as in a canister that has run for a while.
 *
 * <p>The digest is FNV-1a over every {@link #STRIDE}th byte and the last one: the copy itself is
 * the host's, and sampling keeps a 5 MB input from costing 150 million instructions of hashing.
 */
public final class LargeInputProbe {
  /** Bytes 0, STRIDE, 2 * STRIDE, ... and the last byte enter the digest. */
  public static final int STRIDE = 97;

  private static final byte[][] kept = new byte[3][];
  private static final int[] keptDigests = new int[3];
  private static int next;

  /** Slots in the ring of small arrays {@code churn} keeps. */
  public static final int RING = 1024;

  private static final byte[][] ring = new byte[RING][];
  private static int ringNext;

  private LargeInputProbe() {}

  @Update("arg")
  public static void arg() {
    checkKept();
    SystemApi.msgReply(reply(keep(SystemApi.msgArgData())));
  }

  @Update("callerInfo")
  public static void callerInfo() {
    checkKept();
    SystemApi.msgReply(reply(keep(SystemApi.msgCallerInfoData())));
  }

  /**
   * Argument: 8 bytes, a seed and a count (little-endian ints). Allocates {@code count} arrays of
   * 16 to 2,063 bytes and keeps every fourth in the ring.
   */
  @Update("churn")
  public static void churn() {
    checkKept();
    byte[] arg = SystemApi.msgArgData();
    int seed = littleEndian(arg, 0);
    int count = littleEndian(arg, 4);
    for (int i = 0; i < count; i++) {
      seed = seed * 1103515245 + 12345;
      byte[] small = new byte[16 + ((seed >>> 8) & 2047)];
      if ((i & 3) == 0) {
        int slot = ringNext;
        java.util.Arrays.fill(small, (byte) slot);
        ring[slot] = small;
        ringNext = (slot + 1) % RING;
      }
    }
    SystemApi.msgReply(new byte[] {(byte) ringNext, (byte) (ringNext >>> 8)});
  }

  /** Copies the argument onto the heap and replies with its size (4 bytes): the cost of the copy alone. */
  @Update("argSize")
  public static void argSize() {
    int n = SystemApi.msgArgData().length;
    SystemApi.msgReply(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
  }

  @Query("argInQuery")
  public static void argInQuery() {
    SystemApi.msgReply(reply(SystemApi.msgArgData()));
  }

  private static void checkKept() {
    for (int slot = 0; slot < RING; slot++) {
      byte[] small = ring[slot];
      if (small != null && (small[0] != (byte) slot || small[small.length - 1] != (byte) slot)) {
        throw SystemApi.trap("small array in slot " + slot + " changed on the heap");
      }
    }
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] != null && digest(kept[i]) != keptDigests[i]) {
        throw SystemApi.trap("kept input " + i + " (" + kept[i].length + " bytes) changed on the heap");
      }
    }
  }

  private static byte[] keep(byte[] data) {
    kept[next] = data;
    keptDigests[next] = digest(data);
    next = (next + 1) % kept.length;
    return data;
  }

  private static int littleEndian(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  /** FNV-1a (32 bits) over bytes 0, STRIDE, 2 * STRIDE, ... and the last byte. */
  public static int digest(byte[] data) {
    int h = 0x811c9dc5;
    for (int i = 0; i < data.length; i += STRIDE) {
      h = (h ^ (data[i] & 0xff)) * 0x01000193;
    }
    if (data.length > 0) {
      h = (h ^ (data[data.length - 1] & 0xff)) * 0x01000193;
    }
    return h;
  }

  /** The size, then the digest, little-endian. */
  public static byte[] reply(byte[] data) {
    int n = data.length;
    int h = digest(data);
    return new byte[] {
      (byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24),
      (byte) h, (byte) (h >>> 8), (byte) (h >>> 16), (byte) (h >>> 24)
    };
  }
}
