package dev.icjava.attributes.probe;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.attributes.VerifiedAttributes;
import dev.icjava.callerauth.Caller;
import dev.icjava.candid.CandidReply;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.runtime.CompositeQuery;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * A nonce store and the verifier in one canister, for {@code NonceInQueryProbeTest}: the same
 * consumption (of a bundle's {@code implicit:nonce} through {@code verify(nonceCheck)}, or of a raw
 * nonce through {@code NonceStore.consume}) from an update, a query and a composite query. Replies
 * are raw bytes or Candid text; arguments raw bytes.
 */
public final class NonceInQueryProbe {
  private static final long TTL = 300_000_000_000L;
  private static NonceStore store;

  private NonceInQueryProbe() {}

  @Init
  public static void init() {
    store = NonceStore.open(StableMemory.system(), 0, new NonceStore.Config().capacity(16).ringSlots(16));
  }

  /** Mints a nonce for the caller (unbound when anonymous) and action {@code register}; replies its 32 bytes. */
  @Update("mint")
  public static void mint() {
    SystemApi.msgReply(store.mint(Caller.principal(), "register", TTL));
  }

  @Update("finish")
  public static void finish() {
    finishCall();
  }

  @Query("finishQuery")
  public static void finishQuery() {
    finishCall();
  }

  @CompositeQuery("finishComposite")
  public static void finishComposite() {
    finishCall();
  }

  /** Verifies the call's attributes, consuming {@code implicit:nonce}; replies the origin as text. */
  private static void finishCall() {
    VerifiedAttributes a = AttributeVerifier.create()
        .expectedOrigins("https://your-app.icp0.io")
        .verify((caller, nonce, now) -> store.consume(caller, "register", nonce, now));
    CandidReply.text(a.origin());
  }

  @Update("consume")
  public static void consume() {
    consumeCall();
  }

  @Query("consumeQuery")
  public static void consumeQuery() {
    consumeCall();
  }

  @CompositeQuery("consumeComposite")
  public static void consumeComposite() {
    consumeCall();
  }

  /** Consumes the argument (a raw nonce) for the caller and {@code register}; replies the outcome's name. */
  private static void consumeCall() {
    CandidReply.text(store.consume(Caller.principal(), "register", SystemApi.msgArgData()).name());
  }
}
