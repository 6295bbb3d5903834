package dev.icjava.noncestore.probe;

import dev.icjava.callerauth.Caller;
import dev.icjava.calls.CallFuture;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.noncestore.SeededNonceStore;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;

/**
 * {@link SeededNonceStore} compiled into a canister (typed methods, generated interface), for {@code
 * SeededNonceStoreProbeTest}, written plainly: install and upgrade only open the store (which sets the
 * library timer that seeds it); {@code mint} mints as the sample's registerBegin does.
 */
public final class SeededNonceStoreProbe {
  private static SeededNonceStore nonces;

  private SeededNonceStoreProbe() {}

  @Init
  public static void init() {
    nonces = SeededNonceStore.of(NonceStore.open(StableMemory.system(), 0,
        new NonceStore.Config().ringSlots(16).capacity(16).perCallerCap(2)));
  }

  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  @Update("mint")
  public static CallFuture<byte[]> mint() {
    return nonces.mint(Caller.principal(), "probe", 60_000_000_000L);
  }

  @Update("mintUnbound")
  public static CallFuture<byte[]> mintUnbound() {
    return nonces.mintUnbound("probe", 60_000_000_000L);
  }

  @Query("isSeeded")
  public static boolean isSeeded() {
    return nonces.isSeeded();
  }
}
