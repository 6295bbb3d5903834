package dev.icjava.stable.probe;

import dev.icjava.runtime.Candid;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.StableStructureException;
import dev.icjava.stable.Storable;
import java.util.Map;

/**
 * A {@code StableBTreeMap<Long, byte[]>} straight in the canister's stable memory (no memory
 * manager: each 64 KiB the map needs grows stable memory itself), its values 100 bytes, so that a
 * few thousand inserts split nodes and grow the memory, and removes merge them; methods that change
 * the map and then trap, for the replica to roll back; and a memory limited to {@link #LIMIT_PAGES}
 * pages (a {@link StableMemory} that refuses to grow further), to fill.
 */
public final class RollbackProbe {
  /** The pages the limited memory may grow to. */
  public static final long LIMIT_PAGES = 3;

  private static StableBTreeMap<Long, byte[]> map;

  private RollbackProbe() {}

  /** The value stored under {@code k}: 100 bytes derived from it. */
  public static byte[] valueOf(long k) {
    byte[] v = new byte[100];
    for (int i = 0; i < v.length; i++) {
      v[i] = (byte) (k * 31 + i);
    }
    return v;
  }

  @Init
  public static void init() {
    map = StableBTreeMap.init(StableMemory.system(), Storable.LONG, Storable.BYTES);
  }

  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  /** Inserts keys {@code from} to {@code from + count - 1}; replies the size. */
  @Update("fill")
  public static @Candid("nat64") long fill(long from, int count) {
    for (long k = from; k < from + count; k++) {
      map.insert(k, valueOf(k));
    }
    return map.size();
  }

  /** Removes keys {@code from} to {@code from + count - 1}; replies the size. */
  @Update("removeRange")
  public static @Candid("nat64") long removeRange(long from, int count) {
    for (long k = from; k < from + count; k++) {
      map.remove(k);
    }
    return map.size();
  }

  /** Inserts as {@link #fill}, removes every third key of the map, then traps. */
  @Update("fillThenTrap")
  public static @Candid("nat64") long fillThenTrap(long from, int count) {
    fill(from, count);
    for (long k = 0; k < from + count; k += 3) {
      map.remove(k);
    }
    throw SystemApi.trap("fillThenTrap: trapping after " + map.size() + " entries");
  }

  /** Removes as {@link #removeRange}, inserts one key, then traps. */
  @Update("removeThenTrap")
  public static @Candid("nat64") long removeThenTrap(long from, int count) {
    removeRange(from, count);
    map.insert(-1L, valueOf(-1));
    throw SystemApi.trap("removeThenTrap: trapping after " + map.size() + " entries");
  }

  @Query("size")
  public static @Candid("nat64") long size() {
    return map.size();
  }

  /** Whether the map holds exactly keys {@code from} to {@code from + count - 1} with their values, in order. */
  @Query("holds")
  public static boolean holds(long from, int count) {
    long k = from;
    for (Map.Entry<Long, byte[]> e : map) {
      if (e.getKey() != k || !java.util.Arrays.equals(e.getValue(), valueOf(k))) {
        return false;
      }
      k++;
    }
    return k == from + count && map.size() == count;
  }

  /**
   * Fills a second map in a memory limited to {@link #LIMIT_PAGES} pages, placed after the first
   * map's pages at offset {@code at} (pages), until an insert is refused; replies the refusal's
   * message and the entries it holds then. With {@code escape}, the refusal escapes: a trap.
   */
  @Update("fillLimited")
  public static String fillLimited(long at, boolean escape) {
    StableBTreeMap<Long, byte[]> limited =
        StableBTreeMap.init(new Limited(StableMemory.system(), at), Storable.LONG, Storable.BYTES);
    long k = limited.size();
    try {
      while (true) {
        limited.insert(k, valueOf(k));
        k++;
      }
    } catch (StableStructureException e) {
      if (escape) {
        throw e;
      }
      return e.getMessage() + " | " + limited.size();
    }
  }

  /** Whether the limited map at {@code at} holds keys 0 to {@code count - 1} with their values. */
  @Query("limitedHolds")
  public static boolean limitedHolds(long at, int count) {
    StableBTreeMap<Long, byte[]> limited =
        StableBTreeMap.init(new Limited(StableMemory.system(), at), Storable.LONG, Storable.BYTES);
    long k = 0;
    for (Map.Entry<Long, byte[]> e : limited) {
      if (e.getKey() != k || !java.util.Arrays.equals(e.getValue(), valueOf(k))) {
        return false;
      }
      k++;
    }
    return k == count && limited.size() == count;
  }

  /** The pages of {@code base} from page {@code at} on, at most {@link #LIMIT_PAGES} of them. */
  private static final class Limited implements StableMemory {
    private final StableMemory base;
    private final long offset;
    private final long at;

    Limited(StableMemory base, long at) {
      this.base = base;
      this.at = at;
      this.offset = at * PAGE_BYTES;
    }

    @Override
    public long size() {
      return Math.max(0, Math.min(LIMIT_PAGES, base.size() - at));
    }

    @Override
    public long grow(long pages) {
      long old = size();
      if (old + pages > LIMIT_PAGES) {
        return -1;
      }
      long need = at + old + pages - base.size();
      if (need > 0 && base.grow(need) < 0) {
        return -1;
      }
      return old;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      base.read(this.offset + offset, dst, dstOffset, length);
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
      base.write(this.offset + offset, src, srcOffset, length);
    }
  }
}
