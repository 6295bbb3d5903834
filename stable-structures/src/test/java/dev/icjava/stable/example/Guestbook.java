package dev.icjava.stable.example;

import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.StableCell;
import dev.icjava.stable.StableLog;
import dev.icjava.stable.Storable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example of {@code docs/stable-structures.md}, compiled by this module's test build and run as
 * a canister by {@code GuestbookTest}: a guestbook whose entries, visit counter and signers survive
 * upgrades with no {@code pre_upgrade} hook.
 */
public final class Guestbook {
  private static StableCell<Long> visits;
  private static StableLog<String> entries;
  private static StableBTreeMap<Principal, Long> lastEntryBy;

  private Guestbook() {}

  @Init
  public static void init() {
    MemoryManager memories = MemoryManager.init(StableMemory.system());
    visits = StableCell.init(memories.get(0), Storable.LONG, 0L);
    entries = StableLog.init(memories.get(1), memories.get(2), Storable.STRING);
    lastEntryBy = StableBTreeMap.init(memories.get(3), Storable.PRINCIPAL, Storable.LONG);
  }

  @PostUpgrade
  public static void postUpgrade() {
    init(); // opens what is there: nothing to restore
  }

  @Update("sign")
  public static long sign(String message) {
    visits.set(visits.get() + 1);
    long index = entries.append(message);
    lastEntryBy.insert(Caller.principal(), index);
    return index;
  }

  @Query("read")
  public static List<String> read(long from, long count) {
    List<String> out = new ArrayList<>();
    for (long i = from; i < Math.min(entries.size(), from + count); i++) {
      out.add(entries.get(i));
    }
    return out;
  }

  @Query("signers")
  public static List<String> signers() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Principal, Long> e : lastEntryBy) {
      out.add(e.getKey() + " wrote entry " + e.getValue());
    }
    return out;
  }

  @Query("visits")
  public static long visits() {
    return visits.get();
  }
}
