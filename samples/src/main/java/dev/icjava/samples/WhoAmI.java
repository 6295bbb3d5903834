package dev.icjava.samples;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.calls.CallFuture;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.noncestore.SeededNonceStore;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.Update;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.OffsetMemory;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;
import java.util.Optional;

/**
 * The whoami sample canister, written plainly with typed methods: each returns its reply, and the
 * build generates the Candid glue and the interface ({@code samples/target/whoami.did}):
 *
 * <ul>
 *   <li>{@code whoAmI : () -> (text) query}: {@code "anonymous"} for the anonymous caller, the
 *       caller's principal text otherwise.
 *   <li>{@code protectedAction : () -> (text)}: traps with {@code Anonymous principal not allowed.}
 *       for the anonymous caller; otherwise {@code "Action performed by <principal text>"}.
 *   <li>{@code registerBegin : () -> (blob)}: a 32-byte nonce for the action {@code register}, valid
 *       5 minutes, for the frontend to put in its attribute request to Internet Identity. Called by
 *       the anonymous principal, as the integration guide's frontend calls it before sign-in, the
 *       nonce is unbound: the first authenticated caller whose trusted bundle carries it consumes it.
 *       Called by a signed-in user (linking an email), it is bound to that user.
 *   <li>{@code registerFinish : () -> (text)}: traps for the anonymous principal; verifies the call's
 *       attributes (signer listed in {@code trusted_attribute_signers}; origin listed in {@code
 *       frontend_origins}, or {@code https://your-app.icp0.io} when unset; issued at most 5 minutes
 *       ago and at most 1 minute ahead; nonce minted by {@code registerBegin} and consumed now) and
 *       replies {@code "Registered <principal text> with email <email>"}, {@code email} being what
 *       the user typed into Internet Identity, as the integration guide reads it. The registration
 *       (principal to email) is kept in stable memory and survives upgrades.
 *   <li>{@code registeredEmail : (principal) -> (opt text) query}: the email of the principal's last
 *       registration, if any.
 * </ul>
 *
 * <p>The nonces live in stable memory from offset 0 ({@link NonceStore}, 20.7 MB with its default
 * geometry): outstanding nonces survive upgrades. After them, a {@link MemoryManager} holds the
 * registrations in a {@link StableBTreeMap} (memory 0), written through by every registration, so
 * that no {@code pre_upgrade} work is needed. None is minted from a key an observer could guess
 * ({@link SeededNonceStore}): opening the store at install and upgrade sets a library timer that
 * seeds it from the management canister's {@code raw_rand} in the next round; a {@code
 * registerBegin} that comes before awaits {@code raw_rand} itself.
 */
public final class WhoAmI {
  static final String REGISTER = "register";
  static final long NONCE_TTL_NANOS = 5L * 60 * 1_000_000_000L;

  private static final AttributeVerifier VERIFIER =
      AttributeVerifier.create().expectedOriginsFromEnvironment("frontend_origins", "https://your-app.icp0.io");
  private static SeededNonceStore nonces;
  private static StableBTreeMap<Principal, String> registrations;

  private WhoAmI() {}

  /**
   * {@code canister_init}: opens the nonce store at offset 0 and the registrations after it, and
   * parses the verifier's environment variables.
   */
  @Init
  public static void init() {
    NonceStore.Config config = new NonceStore.Config();
    nonces = SeededNonceStore.of(NonceStore.open(StableMemory.system(), 0, config));
    MemoryManager memories = MemoryManager.init(OffsetMemory.after(StableMemory.system(), NonceStore.regionBytes(config)));
    registrations = StableBTreeMap.init(memories.get(0), Storable.PRINCIPAL, Storable.STRING);
    VERIFIER.prepare(); // parses the environment variables now, not in the first registerFinish
  }

  /**
   * {@code canister_post_upgrade}: finds the nonce store and the registrations again in stable
   * memory.
   */
  @PostUpgrade
  public static void postUpgrade() {
    init(); // the store is found again in stable memory
  }

  /**
   * {@code whoAmI}: {@code "anonymous"} or the caller's principal text.
   *
   * @return the reply text
   */
  @Query("whoAmI")
  public static String whoAmI() {
    Principal caller = Caller.principal();
    return caller.isAnonymous() ? "anonymous" : caller.toText();
  }

  /**
   * {@code protectedAction}: traps for the anonymous caller, else names the caller.
   *
   * @return the reply text
   */
  @Update("protectedAction")
  public static String protectedAction() {
    return "Action performed by " + Auth.requireAuth();
  }

  /**
   * {@code registerBegin}: a nonce for {@code register}, bound to the caller unless anonymous.
   *
   * @return a future of the 32-byte nonce
   */
  @Update("registerBegin")
  public static CallFuture<byte[]> registerBegin() {
    return nonces.mint(Caller.principal(), REGISTER, NONCE_TTL_NANOS); // unbound when anonymous
  }

  /**
   * {@code registerFinish}: verifies the caller's attributes, consumes the nonce, and records the
   * caller's email.
   *
   * @return the reply text
   */
  @Update("registerFinish")
  public static String registerFinish() {
    Principal caller = Auth.requireAuth();
    String email = VERIFIER.verify(caller, (who, nonce, now) -> nonces.store().consume(who, REGISTER, nonce, now))
        .requireText("email");
    registrations.insert(caller, email);
    return "Registered " + caller + " with email " + email;
  }

  /**
   * {@code registeredEmail}: the email of {@code principal}'s last registration, if any.
   *
   * @param principal the user
   * @return the email, if any
   */
  @Query("registeredEmail")
  public static Optional<String> registeredEmail(Principal principal) {
    return Optional.ofNullable(registrations.get(principal));
  }
}
