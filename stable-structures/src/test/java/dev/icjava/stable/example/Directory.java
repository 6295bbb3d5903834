package dev.icjava.stable.example;

import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.Candid;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;
import java.util.List;
import java.util.Optional;

public final class Directory {
  public record Address(String city, Optional<String> country) {}

  public record Profile(String displayName, Optional<String> email, List<String> tags,
      Optional<Address> address, @Candid("nat64") long joinedAt) {}

  private static StableBTreeMap<Principal, Profile> profiles;

  private Directory() {}

  @Init
  public static void init() {
    MemoryManager memories = MemoryManager.init(StableMemory.system());
    profiles = StableBTreeMap.init(memories.get(0), Storable.PRINCIPAL, Storable.candid(Profile.class));
  }

  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  @Update("setProfile")
  public static void setProfile(Profile profile) {
    profiles.insert(Caller.principal(), profile);
  }

  @Query("getProfile")
  public static Optional<Profile> getProfile(Principal user) {
    return Optional.ofNullable(profiles.get(user));
  }

  @Query("count")
  public static @Candid("nat64") long count() {
    return profiles.size();
  }
}
