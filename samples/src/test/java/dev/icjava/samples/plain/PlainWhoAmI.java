package dev.icjava.samples.plain;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.attributes.VerifiedAttributes;
import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.runtime.CandidReply;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;

/**
 * The whoami contract written as the README's "Writing a canister" section shows, with no regard
 * for instruction counts: strings, concatenation, {@code CandidReply.text(String)}, a verifier made
 * per call. The benchmark measures it beside the hand-tuned sample and the Motoko peer, so that what
 * plain code costs is a figure, not a guess.
 */
public final class PlainWhoAmI {
  private static NonceStore nonceStore;

  private PlainWhoAmI() {}

  @Init
  public static void init() {
    nonceStore = NonceStore.open(StableMemory.system(), 0, new NonceStore.Config().capacity(32_768));
  }

  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  @Query("whoAmI")
  public static void whoAmI() {
    Principal caller = Caller.principal();
    CandidReply.text(caller.isAnonymous() ? "anonymous" : caller.toText());
  }

  @Update("protectedAction")
  public static void protectedAction() {
    Principal caller = Auth.requireAuth();
    CandidReply.text("Action performed by " + caller);
  }

  @Update("registerBegin")
  public static void registerBegin() {
    Principal caller = Auth.requireAuth();
    CandidReply.blob(nonceStore.mint(caller, "register", 5 * 60 * 1_000_000_000L));
  }

  @Update("registerFinish")
  public static void registerFinish() {
    Principal caller = Auth.requireAuth();
    VerifiedAttributes a = AttributeVerifier.create()
        .expectedOriginsFromEnvironment("frontend_origins", "https://your-app.icp0.io")
        .verify((who, nonce) -> nonceStore.refusal(who, "register", nonce));
    String email = a.requireText("email");
    CandidReply.text("Registered " + caller + " with email " + email);
  }
}
