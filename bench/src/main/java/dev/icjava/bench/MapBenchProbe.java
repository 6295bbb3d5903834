package dev.icjava.bench;

import dev.icjava.runtime.Candid;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;
import java.util.Map;

/**
 * The map benchmark's Java canister: two {@link StableBTreeMap}s over a {@link MemoryManager}, u64
 * keys with 8-byte values ({@code Storable.LONG} to {@code Storable.LONG}, memory 0) and text keys
 * with 100-byte values ({@code Storable.STRING} to {@code Storable.BYTES}, memory 1), each
 * operation a typed method, and beside each a method taking the same arguments and doing nothing
 * else ({@code ...Base}): the benchmark takes an operation's cost as the difference of the two, so
 * that argument decoding, the reply and the message's fixed cost are left out on both sides. Its
 * Motoko twin is {@code bench/peer-motoko/MapBench.mo} (mo:core's {@code Map}); both generate the
 * same entries ({@link #u64Key}, {@link #textKey}, {@link #textValue}). Only the public API of
 * stable-structures is used. {@link #loadStable} lets the benchmark bring a map built on the JVM by
 * the same code (an upgrade must follow), since a million inserts in the interpreter take too long.
 */
public final class MapBenchProbe {
  /** Entries a {@code range...} method reads. */
  public static final int RANGE = 100;
  /** Bytes of every value of the text map. */
  public static final int TEXT_VALUE_BYTES = 100;

  private static StableBTreeMap<Long, Long> u64;
  private static StableBTreeMap<String, byte[]> text;

  private MapBenchProbe() {}

  /** Opens (creates, on a fresh install) both maps. */
  @Init
  public static void init() {
    MemoryManager memories = MemoryManager.init(StableMemory.system());
    u64 = StableBTreeMap.init(memories.get(0), Storable.LONG, Storable.LONG);
    text = StableBTreeMap.init(memories.get(1), Storable.STRING, Storable.BYTES);
  }

  /** Opens both maps again: nothing to restore. */
  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  /** The key of entry {@code i}: splitmix64's finalizer of {@code i + 1}, a bijection, so keys differ. */
  public static long u64Key(long i) {
    long z = (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The value stored under u64 key {@code key}. */
  public static long u64Value(long key) {
    return key * 0x9E3779B97F4A7C15L + 7;
  }

  /** The text key of entry {@code i}: the 16 lowercase hex digits of {@link #u64Key}. */
  public static String textKey(long i) {
    long k = u64Key(i);
    char[] c = new char[16];
    for (int d = 0; d < 16; d++) {
      int nibble = (int) (k >>> (60 - 4 * d)) & 15;
      c[d] = (char) (nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
    return new String(c);
  }

  /** The value of entry {@code i} of the text map: byte {@code j} is {@code (i + j) mod 256}. */
  public static byte[] textValue(long i) {
    byte[] v = new byte[TEXT_VALUE_BYTES];
    for (int j = 0; j < v.length; j++) {
      v[j] = (byte) (i + j);
    }
    return v;
  }

  /** Inserts entries {@code first} to {@code first + count - 1} of the u64 map; replies its size. */
  @Update("fillU64")
  public static @Candid("nat64") long fillU64(@Candid("nat64") long first, @Candid("nat64") long count) {
    for (long i = first; i < first + count; i++) {
      long k = u64Key(i);
      u64.insert(k, u64Value(k));
    }
    return u64.size();
  }

  /** Inserts entries {@code first} to {@code first + count - 1} of the text map; replies its size. */
  @Update("fillText")
  public static @Candid("nat64") long fillText(@Candid("nat64") long first, @Candid("nat64") long count) {
    for (long i = first; i < first + count; i++) {
      text.insert(textKey(i), textValue(i));
    }
    return text.size();
  }

  /** Inserts; replies 1 when the key was new, 0 when a value was replaced. */
  @Update("insertU64")
  public static @Candid("nat64") long insertU64(@Candid("nat64") long key, @Candid("nat64") long value) {
    return u64.insert(key, value) == null ? 1 : 0;
  }

  /** The same arguments as {@link #insertU64}, nothing done. */
  @Update("insertU64Base")
  public static @Candid("nat64") long insertU64Base(@Candid("nat64") long key, @Candid("nat64") long value) {
    return 0;
  }

  /** Removes; replies the removed value, 0 when absent. */
  @Update("removeU64")
  public static @Candid("nat64") long removeU64(@Candid("nat64") long key) {
    Long v = u64.remove(key);
    return v == null ? 0 : v;
  }

  /** The same argument as {@link #removeU64}, nothing done. */
  @Update("removeU64Base")
  public static @Candid("nat64") long removeU64Base(@Candid("nat64") long key) {
    return 0;
  }

  /** The value under {@code key}, 0 when absent. */
  @Query("getU64")
  public static @Candid("nat64") long getU64(@Candid("nat64") long key) {
    Long v = u64.get(key);
    return v == null ? 0 : v;
  }

  /** The sum (mod 2^64) of the values of the first {@link #RANGE} entries from {@code from} on. */
  @Query("rangeU64")
  public static @Candid("nat64") long rangeU64(@Candid("nat64") long from) {
    long sum = 0;
    int n = 0;
    for (Map.Entry<Long, Long> e : u64.range(from, null)) {
      if (n == RANGE) {
        break;
      }
      sum += e.getValue();
      n++;
    }
    return sum;
  }

  /** The same argument as {@link #getU64} and {@link #rangeU64}, nothing done. */
  @Query("readU64Base")
  public static @Candid("nat64") long readU64Base(@Candid("nat64") long key) {
    return 0;
  }

  /** The u64 map's size. */
  @Query("sizeU64")
  public static @Candid("nat64") long sizeU64() {
    return u64.size();
  }

  /** Inserts; replies 1 when the key was new, 0 when a value was replaced. */
  @Update("insertText")
  public static @Candid("nat64") long insertText(String key, byte[] value) {
    return text.insert(key, value) == null ? 1 : 0;
  }

  /** The same arguments as {@link #insertText}, nothing done. */
  @Update("insertTextBase")
  public static @Candid("nat64") long insertTextBase(String key, byte[] value) {
    return 0;
  }

  /** Removes; replies the removed value's length plus one, 0 when absent. */
  @Update("removeText")
  public static @Candid("nat64") long removeText(String key) {
    byte[] v = text.remove(key);
    return v == null ? 0 : v.length + 1;
  }

  /** The same argument as {@link #removeText}, nothing done. */
  @Update("removeTextBase")
  public static @Candid("nat64") long removeTextBase(String key) {
    return 0;
  }

  /** The length plus one of the value under {@code key}, 0 when absent. */
  @Query("getText")
  public static @Candid("nat64") long getText(String key) {
    byte[] v = text.get(key);
    return v == null ? 0 : v.length + 1;
  }

  /** The first {@link #RANGE} entries from {@code from} on: their count plus their values' lengths. */
  @Query("rangeText")
  public static @Candid("nat64") long rangeText(String from) {
    long sum = 0;
    int n = 0;
    for (Map.Entry<String, byte[]> e : text.range(from, null)) {
      if (n == RANGE) {
        break;
      }
      sum += e.getValue().length + 1;
      n++;
    }
    return sum;
  }

  /** The same argument as {@link #getText} and {@link #rangeText}, nothing done. */
  @Query("readTextBase")
  public static @Candid("nat64") long readTextBase(String key) {
    return 0;
  }

  /** The value under {@code key} itself, empty when absent (for checking, not measured). */
  @Query("valueText")
  public static byte[] valueText(String key) {
    byte[] v = text.get(key);
    return v == null ? new byte[0] : v;
  }

  /** The text map's size. */
  @Query("sizeText")
  public static @Candid("nat64") long sizeText() {
    return text.size();
  }

  /**
   * Writes {@code bytes} into stable memory at {@code offset}, growing it: for a memory image built
   * outside the canister. The maps are stale until an upgrade opens them again.
   */
  @Update("loadStable")
  public static void loadStable(@Candid("nat64") long offset, byte[] bytes) {
    StableMemory m = StableMemory.system();
    long need = (offset + bytes.length + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (need > m.size() && m.grow(need - m.size()) < 0) {
      throw new IllegalStateException("loadStable: cannot grow stable memory to " + need + " pages");
    }
    m.write(offset, bytes, 0, bytes.length);
  }
}
