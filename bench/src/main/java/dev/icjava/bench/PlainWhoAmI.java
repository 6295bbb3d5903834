package dev.icjava.bench;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.attributes.VerifiedAttributes;
import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidReply;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidWriter;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;
import dev.icjava.runtime.SystemApi;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.OffsetMemory;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;

/**
 * The whoami contract written plainly without typed methods, with no regard for instruction counts:
 * each method replies by hand ({@code CandidReply.text(String)}, string concatenation), the verifier
 * in a static field, no seeding of the nonce store. Each registration (principal to email) is kept in
 * a {@link StableBTreeMap} after the nonce store, as in the samples' typed whoami, and {@code
 * registeredEmail : (principal) -> (opt text) query} reads it back. The benchmark measures it beside the samples'
 * typed whoami, the hand-tuned one and the Motoko peer, so that what plain code costs is a figure,
 * not a guess. Interface: {@code bench/src/main/candid/whoami.did}.
 */
public final class PlainWhoAmI {
  private static final AttributeVerifier VERIFIER =
      AttributeVerifier.create().expectedOriginsFromEnvironment("frontend_origins", "https://your-app.icp0.io");
  private static NonceStore nonces;
  private static StableBTreeMap<Principal, String> registrations;

  private PlainWhoAmI() {}

  @Init
  public static void init() {
    NonceStore.Config config = new NonceStore.Config();
    nonces = NonceStore.open(StableMemory.system(), 0, config);
    MemoryManager memories = MemoryManager.init(OffsetMemory.after(StableMemory.system(), NonceStore.regionBytes(config)));
    registrations = StableBTreeMap.init(memories.get(0), Storable.PRINCIPAL, Storable.STRING);
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
    String email = a.requireText("email");
    registrations.insert(caller, email);
    CandidReply.text("Registered " + caller + " with email " + email);
  }

  @Query("registeredEmail")
  public static void registeredEmail() {
    byte[] bytes = CandidMessage.parse(SystemApi.msgArgData()).decode(CandidType.principal())[0].principal();
    String email = registrations.get(Principal.fromBytes(bytes));
    CandidWriter w = new CandidWriter(CandidType.opt(CandidType.text()));
    if (email == null) {
      w.none();
    } else {
      w.some().text(email);
    }
    w.reply();
  }
}
