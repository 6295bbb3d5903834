package dev.icjava.stable.probe;

import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;
import java.util.Map;

/**
 * A canister keeping a {@code StableBTreeMap<Long, Long>} in memory 0 of a memory manager, opened
 * in {@code canister_init} and again in {@code canister_post_upgrade}, with no {@code
 * canister_pre_upgrade}. Arguments and replies are raw little-endian bytes, not Candid. Entry
 * {@code k} holds {@link #valueOf(long)}.
 */
public final class StableMapProbe {
  private static StableBTreeMap<Long, Long> map;

  private StableMapProbe() {}

  /** The value the probe stores under {@code k}. */
  public static long valueOf(long k) {
    return k * 0x9E3779B97F4A7C15L + 7;
  }

  @Init
  public static void init() {
    open();
  }

  @PostUpgrade
  public static void postUpgrade() {
    open();
  }

  private static void open() {
    map = StableBTreeMap.init(
        MemoryManager.init(StableMemory.system()).get(0), Storable.LONG, Storable.LONG);
  }

  /** Argument: first key (8 bytes), count (4 bytes); inserts those keys. Replies the map's size. */
  @Update("fill")
  public static void fill() {
    byte[] a = SystemApi.msgArgData();
    long first = longAt(a, 0);
    int count = intAt(a, 8);
    for (long k = first; k < first + count; k++) {
      map.insert(k, valueOf(k));
    }
    replyLong(map.size());
  }

  /** Argument: a key (8 bytes); removes it. Replies the removed value, or nothing when absent. */
  @Update("remove")
  public static void remove() {
    Long v = map.remove(longAt(SystemApi.msgArgData(), 0));
    if (v == null) {
      SystemApi.msgReply(new byte[0]);
    } else {
      replyLong(v);
    }
  }

  /** Argument: a key (8 bytes). Replies its value, or nothing when absent. */
  @Query("get")
  public static void get() {
    Long v = map.get(longAt(SystemApi.msgArgData(), 0));
    if (v == null) {
      SystemApi.msgReply(new byte[0]);
    } else {
      replyLong(v);
    }
  }

  /** Argument: first key (8 bytes), count (4 bytes). Replies up to count entries from that key on. */
  @Query("scan")
  public static void scan() {
    byte[] a = SystemApi.msgArgData();
    int count = intAt(a, 8);
    byte[] out = new byte[16 * count];
    int n = 0;
    for (Map.Entry<Long, Long> e : map.range(longAt(a, 0), null)) {
      if (n == count) {
        break;
      }
      putLong(out, 16 * n, e.getKey());
      putLong(out, 16 * n + 8, e.getValue());
      n++;
    }
    byte[] reply = new byte[16 * n];
    System.arraycopy(out, 0, reply, 0, reply.length);
    SystemApi.msgReply(reply);
  }

  /**
   * The {@code i}-th key of the pseudo-random sequence {@code seed} (SplitMix64): the cost tests'
   * random {@code u64} keys, the same on the JVM and in the canister.
   */
  public static long keyAt(long seed, long i) {
    long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Argument: seed (8 bytes), first index (4), count (4); inserts keys {@link #keyAt} of those
   * indexes with {@link #valueOf}. Replies the map's size.
   */
  @Update("insertKeys")
  public static void insertKeys() {
    byte[] a = SystemApi.msgArgData();
    long seed = longAt(a, 0);
    int first = intAt(a, 8);
    int end = first + intAt(a, 12);
    for (int i = first; i < end; i++) {
      long k = keyAt(seed, i);
      map.insert(k, valueOf(k));
    }
    replyLong(map.size());
  }

  /** As {@link #insertKeys}, getting those keys; replies how many were found. */
  @Query("getKeys")
  public static void getKeys() {
    byte[] a = SystemApi.msgArgData();
    long seed = longAt(a, 0);
    int first = intAt(a, 8);
    int end = first + intAt(a, 12);
    long found = 0;
    for (int i = first; i < end; i++) {
      if (map.get(keyAt(seed, i)) != null) {
        found++;
      }
    }
    replyLong(found);
  }

  /** As {@link #insertKeys}, removing those keys; replies how many were removed. */
  @Update("removeKeys")
  public static void removeKeys() {
    byte[] a = SystemApi.msgArgData();
    long seed = longAt(a, 0);
    int first = intAt(a, 8);
    int end = first + intAt(a, 12);
    long removed = 0;
    for (int i = first; i < end; i++) {
      if (map.remove(keyAt(seed, i)) != null) {
        removed++;
      }
    }
    replyLong(removed);
  }

  /** Replies the number of entries. */
  @Query("size")
  public static void size() {
    replyLong(map.size());
  }

  /**
   * Argument: an offset (8 bytes), then bytes: writes them into stable memory there, growing it.
   * For tests that bring a memory image built outside the canister; an upgrade must follow.
   */
  @Update("loadStable")
  public static void loadStable() {
    byte[] a = SystemApi.msgArgData();
    long offset = longAt(a, 0);
    int n = a.length - 8;
    StableMemory m = StableMemory.system();
    long need = (offset + n + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (need > m.size() && m.grow(need - m.size()) < 0) {
      throw SystemApi.trap("loadStable: cannot grow stable memory");
    }
    m.write(offset, a, 8, n);
    SystemApi.msgReply(new byte[0]);
  }

  private static void replyLong(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    SystemApi.msgReply(b);
  }

  private static long longAt(byte[] a, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (a[at + i] & 0xFF);
    }
    return v;
  }

  private static int intAt(byte[] a, int at) {
    return (int) (longAt(new byte[] {a[at], a[at + 1], a[at + 2], a[at + 3], 0, 0, 0, 0}, 0));
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
