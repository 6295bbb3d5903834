package dev.icjava.samples.typed;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;

/**
 * The whoami contract with typed entry points: each method returns its reply, and the build
 * generates the Candid glue and the {@code .did} ({@code service : { whoAmI : () -> (text) query;
 * ... }}). Measured by the benchmark beside the plain and hand-tuned versions.
 */
public final class TypedWhoAmI {
  private static final AttributeVerifier VERIFIER =
      AttributeVerifier.create().expectedOriginsFromEnvironment("frontend_origins", "https://your-app.icp0.io");
  private static NonceStore nonces;

  private TypedWhoAmI() {}

  @Init
  public static void init() {
    nonces = NonceStore.open(StableMemory.system(), 0, new NonceStore.Config());
  }

  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  @Query("whoAmI")
  public static String whoAmI() {
    Principal caller = Caller.principal();
    return caller.isAnonymous() ? "anonymous" : caller.toText();
  }

  @Update("protectedAction")
  public static String protectedAction() {
    return "Action performed by " + Auth.requireAuth();
  }

  @Update("registerBegin")
  public static byte[] registerBegin() {
    return nonces.mint(Caller.principal(), "register", 5 * 60 * 1_000_000_000L); // unbound when anonymous
  }

  @Update("registerFinish")
  public static String registerFinish() {
    Principal caller = Auth.requireAuth();
    String email = VERIFIER.verify(caller, (who, nonce, now) -> nonces.refusal(who, "register", nonce, now))
        .requireText("email");
    return "Registered " + caller + " with email " + email;
  }
}
