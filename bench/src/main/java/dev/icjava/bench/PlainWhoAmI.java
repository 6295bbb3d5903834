package dev.icjava.bench;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.attributes.VerifiedAttributes;
import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;

/**
 * The whoami contract written plainly without typed methods, with no regard for instruction counts:
 * each method replies by hand ({@code CandidReply.text(String)}, string concatenation), the verifier
 * in a static field, no seeding of the nonce store. The benchmark measures it beside the samples'
 * typed whoami, the hand-tuned one and the Motoko peer, so that what plain code costs is a figure,
 * not a guess. Interface: {@code bench/src/main/candid/whoami.did}.
 */
public final class PlainWhoAmI {
  private static final AttributeVerifier VERIFIER =
      AttributeVerifier.create().expectedOriginsFromEnvironment("frontend_origins", "https://your-app.icp0.io");
  private static NonceStore nonces;

  private PlainWhoAmI() {}

  @Init
  public static void init() {
    nonces = NonceStore.open(StableMemory.system(), 0, new NonceStore.Config());
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
    // anonymous (the guide's frontend, before sign-in): an unbound nonce; a signed-in user: bound to it
    CandidReply.blob(nonces.mint(Caller.principal(), "register", 5 * 60 * 1_000_000_000L));
  }

  @Update("registerFinish")
  public static void registerFinish() {
    Principal caller = Auth.requireAuth();
    VerifiedAttributes a = VERIFIER.verify(caller, (who, nonce, now) -> nonces.consume(who, "register", nonce, now));
    CandidReply.text("Registered " + caller + " with email " + a.requireText("email"));
  }
}
