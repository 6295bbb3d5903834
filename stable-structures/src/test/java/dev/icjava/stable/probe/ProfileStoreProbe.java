package dev.icjava.stable.probe;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.Candid;
import dev.icjava.runtime.CandidName;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A canister keeping records in a {@code StableBTreeMap<Principal, Profile>} whose values are
 * stored by {@code Storable.candid(Profile.class)}: optional texts, a list, a nested optional record,
 * a {@code nat64}, an enum. {@link #profileOf} makes entry {@code i}; the tests compute the same on
 * the JVM.
 */
public final class ProfileStoreProbe {
  /** A nested record. */
  public record Address(String city, @Candid("nat16") int zip) {}

  /** An enum: a variant without payloads. */
  public enum Tier { FREE, PAID }

  /** The stored record. */
  public record Profile(Optional<String> name, @CandidName("e-mail") Optional<String> email, List<String> tags,
      Optional<Address> address, @Candid("nat64") long since, Tier tier) {}

  private static StableMemory memory;
  private static StableBTreeMap<Principal, Profile> profiles;

  private ProfileStoreProbe() {}

  /** The key of entry {@code i}: a 10-byte principal. */
  public static Principal keyOf(int i) {
    return Principal.fromBytes(new byte[] {0, 0, 0, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i, 1, 1});
  }

  /** Entry {@code i}'s profile: every shape of field present and absent across entries. */
  public static Profile profileOf(int i) {
    List<String> tags = new ArrayList<>();
    for (int t = 0; t < i % 4; t++) {
      tags.add("tag" + t + (t == 2 ? " é€😀" : ""));
    }
    return new Profile(i % 3 == 0 ? Optional.empty() : Optional.of("user " + i),
        i % 5 == 0 ? Optional.empty() : Optional.of("u" + i + "@example.org"), tags,
        i % 2 == 0 ? Optional.of(new Address("city " + (i % 7), 60000 + i % 5000)) : Optional.empty(),
        -1L - i, i % 2 == 0 ? Tier.FREE : Tier.PAID);
  }

  @Init
  public static void init() {
    memory = MemoryManager.init(StableMemory.system()).get(0);
    profiles = StableBTreeMap.init(memory, Storable.PRINCIPAL, Storable.candid(Profile.class));
  }

  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  /** Inserts entries {@code from} to {@code from + count - 1}; replies the map's size. */
  @Update("fill")
  public static @Candid("nat64") long fill(int from, int count) {
    for (int i = from; i < from + count; i++) {
      profiles.insert(keyOf(i), profileOf(i));
    }
    return profiles.size();
  }

  /** Whether every entry from 0 to {@code count - 1} reads back as {@link #profileOf} made it, and nothing else is there. */
  @Query("check")
  public static boolean check(int count) {
    int i = 0;
    for (Map.Entry<Principal, Profile> e : profiles) {
      if (!e.getKey().equals(keyOf(i)) || !same(e.getValue(), profileOf(i))) {
        return false;
      }
      i++;
    }
    return i == count && profiles.size() == count;
  }

  /** Field by field (the records' own equals would do as well; this keeps the check plain). */
  static boolean same(Profile a, Profile b) {
    Address x = a.address().orElse(null);
    Address y = b.address().orElse(null);
    boolean addresses = x == null ? y == null
        : y != null && x.city().equals(y.city()) && x.zip() == y.zip();
    return a.name().equals(b.name()) && a.email().equals(b.email()) && a.tags().equals(b.tags()) && addresses
        && a.since() == b.since() && a.tier() == b.tier();
  }

  @Query("get")
  public static Optional<Profile> get(Principal key) {
    return Optional.ofNullable(profiles.get(key));
  }

  /** Stores {@code bytes} as they are under {@code key}, through a view of the same map with {@code Storable.BYTES}. */
  @Update("putRaw")
  public static void putRaw(Principal key, byte[] bytes) {
    StableBTreeMap.init(memory, Storable.PRINCIPAL, Storable.BYTES).insert(key, bytes);
    profiles = StableBTreeMap.init(memory, Storable.PRINCIPAL, Storable.candid(Profile.class));
  }
}
