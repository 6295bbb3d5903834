package dev.icjava.noncestore;

import dev.icjava.callerauth.Principal;
import dev.icjava.calls.CallFuture;
import dev.icjava.calls.ManagementCanister;
import dev.icjava.runtime.Platform;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Timers;

/**
 * A {@link NonceStore} that never mints from a guessable key: each instance of the module (after the
 * install, after each upgrade) mixes 32 bytes of the management canister's {@code raw_rand} into the
 * store's key before its first nonce. Mints return a {@link CallFuture}: completed at once once this
 * instance is seeded; the first time, after {@code raw_rand} replies (three messages: the call, the
 * management canister, the reply callback, which reseeds and mints). A typed method returns the
 * future as it is and the build replies its value:
 *
 * <pre>{@code
 * @Update("registerBegin")
 * public static CallFuture<byte[]> registerBegin() {
 *   return nonces.mint(Caller.principal(), "register", 5 * 60 * 1_000_000_000L);
 * }
 * }</pre>
 *
 * <p><b>Why.</b> The store's key is derived at creation from {@code ic0.time} and the canister id,
 * which an observer knows to within seconds ({@link NonceStore}): from it, someone who saw one nonce
 * could compute the next and present a user's pending nonce first. {@code raw_rand}'s bytes are made
 * by the IC from its random beacon in a round after the call, so no one, the canister included,
 * knows them when the call is made. The install and upgrade hooks cannot fetch them: the interface
 * spec allows {@code ic0.call_new} in updates, callbacks and system tasks only, not in {@code
 * canister_init} or {@code canister_post_upgrade}. So {@link #of(NonceStore)} sets a timer ({@link
 * Timers}) that calls {@link #seed()} in the next round: a canister that opens its store in {@code
 * @Init} and {@code @PostUpgrade} is seeded right after each install and upgrade, with no code of its
 * own, and a mint that comes before the timer still waits rather than mint from the guessable key
 * (that mint's seeding cancels the timer).
 *
 * <p>Whether this instance is seeded is kept on the heap, so an upgrade (which wipes the heap)
 * starts unseeded and fetches fresh bytes; the key itself is in stable memory ({@link
 * NonceStore#reseed}), so nonces minted before the upgrade stay valid. Two mints that both come
 * before the first reply each await their own {@code raw_rand}; mixing in more bytes is harmless.
 */
public final class SeededNonceStore {
  private final NonceStore store;
  private boolean seeded;
  private long seedTimer;

  private SeededNonceStore(NonceStore store) {
    this.store = store;
  }

  /**
   * {@code store}, to be seeded by this instance before its first mint; in an entry point that may
   * change the canister ({@code @Init}, {@code @PostUpgrade}, an update), this also sets a timer that
   * seeds it in the next round ({@link #seed()}). Not in a query (a query's changes are discarded,
   * and the IC refuses timers there); on a JVM, no timer is set.
   *
   * @param store the store to seed
   * @return the seeded store's wrapper
   */
  public static SeededNonceStore of(NonceStore store) {
    if (store == null) {
      throw new IllegalArgumentException("store");
    }
    SeededNonceStore seeded = new SeededNonceStore(store);
    if (Platform.inCanister() && SystemApi.inReplicatedExecution()) {
      seeded.seedTimer = Timers.setTimer(0, seeded::seed);
    }
    return seeded;
  }

  /**
   * The store: consume, inspect, purge (and mint synchronously, for whoever knows it is seeded).
   *
   * @return the store
   */
  public NonceStore store() {
    return store;
  }

  /**
   * Whether this instance of the module has mixed {@code raw_rand} into the key.
   *
   * @return whether the key has been seeded
   */
  public boolean isSeeded() {
    return seeded;
  }

  /**
   * Starts seeding now unless this instance is seeded: what the timer {@link #of(NonceStore)} sets
   * runs; call it yourself only to seed again after a reject. A reject (the IC short of resources)
   * leaves the instance unseeded, and the next mint awaits {@code raw_rand} itself.
   */
  public void seed() {
    if (!seeded) {
      ManagementCanister.rawRand().onReply(this::reseed).onReject(r -> {});
    }
  }

  /**
   * {@link NonceStore#mint(Principal, String, long)} once this instance is seeded: unbound for the
   * anonymous principal, bound to {@code caller} otherwise; valid {@code ttlNanos} from {@code
   * ic0.time} when minted. A reject of {@code raw_rand} rejects the future (nothing minted).
   *
   * @param caller the caller: anonymous for an unbound nonce
   * @param action the action the nonce is for
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return a future of the nonce, {@link NonceStore#NONCE_BYTES} bytes
   */
  public CallFuture<byte[]> mint(Principal caller, String action, long ttlNanos) {
    if (seeded) {
      return CallFuture.completed(store.mint(caller, action, ttlNanos));
    }
    return ManagementCanister.rawRand().map(entropy -> {
      reseed(entropy);
      return store.mint(caller, action, ttlNanos);
    });
  }

  /**
   * {@link NonceStore#mintUnbound(String, long)} once this instance is seeded.
   *
   * @param action the action the nonce is for
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return a future of the nonce, {@link NonceStore#NONCE_BYTES} bytes
   */
  public CallFuture<byte[]> mintUnbound(String action, long ttlNanos) {
    if (seeded) {
      return CallFuture.completed(store.mintUnbound(action, ttlNanos));
    }
    return ManagementCanister.rawRand().map(entropy -> {
      reseed(entropy);
      return store.mintUnbound(action, ttlNanos);
    });
  }

  private void reseed(byte[] entropy) {
    store.reseed(entropy);
    seeded = true;
    if (seedTimer != 0) {
      Timers.clearTimer(seedTimer); // a mint seeded first: the timer has nothing left to do
      seedTimer = 0;
    }
  }
}
