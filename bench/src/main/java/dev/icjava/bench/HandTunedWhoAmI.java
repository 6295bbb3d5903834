package dev.icjava.bench;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.attributes.NonceCheck;
import dev.icjava.attributes.VerifiedAttributes;
import dev.icjava.calls.ManagementCanister;
import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidArguments;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.GlobalTimer;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.internal.RawArrays;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;
import dev.icjava.stable.MemoryManager;
import dev.icjava.stable.OffsetMemory;
import dev.icjava.stable.StableBTreeMap;
import dev.icjava.stable.Storable;
import org.teavm.interop.StaticInit;

/**
 * The whoami contract of the samples' {@code WhoAmI}, hand-tuned for the fewest instructions and
 * bytes: the benchmark's yardstick for what the library costs when every reply is written by hand
 * (bytes copied into the reply, no strings, arguments checked without allocating, the nonce store's
 * seeding written out rather than through {@code SeededNonceStore}). Not what users should copy: the
 * samples' typed {@code WhoAmI} is. Interface: {@code bench/src/main/candid/whoami.did}.
 *
 * <ul>
 *   <li>{@code whoAmI : () -> (text) query}: {@code "anonymous"} for the anonymous caller, the
 *       caller's principal text otherwise.
 *   <li>{@code protectedAction : () -> (text)}: traps with {@code Anonymous principal not allowed.}
 *       for the anonymous caller; otherwise {@code "Action performed by <principal text>"}.
 *   <li>{@code registerBegin : () -> (blob)}: mints a 32-byte nonce for the action {@code
 *       register}, valid 5 minutes, for the frontend to put in its attribute request to Internet
 *       Identity. Called by the anonymous principal, as the integration guide's frontend calls it
 *       before sign-in, the nonce is unbound: the first authenticated caller whose trusted bundle
 *       carries it consumes it. Called by an authenticated user (linking an email after sign-in),
 *       it is bound to that user.
 *   <li>{@code registerFinish : () -> (text)}: traps for the anonymous principal; verifies the
 *       call's attributes (signer listed in {@code trusted_attribute_signers}; origin listed in
 *       {@code frontend_origins}, or {@code https://your-app.icp0.io} when unset; issued at most 5
 *       minutes ago and at most 1 minute ahead; within Internet Identity's limits; nonce minted by
 *       {@code registerBegin}, unbound or bound to this caller, consumed now) and replies {@code
 *       "Registered <principal text> with email <email>"}, {@code email} being what the user typed
 *       into Internet Identity, as the integration guide reads it (see {@code
 *       VerifiedAttributes#unverifiedEmail}). The registration (principal to email) is kept in
 *       stable memory, as the samples' typed whoami keeps it (the same work).
 *   <li>{@code registeredEmail : (principal) -> (opt text) query}: the email of the principal's last
 *       registration, if any.
 * </ul>
 *
 * <p>Every method traps on argument bytes that are not a valid Candid message. The nonces live in
 * stable memory from offset 0 ({@link NonceStore}: the newest 262,144 unbound ones, and up to 16,384
 * bound ones, 8 per user; 20.7 MB), created by {@code canister_init} and found again by {@code
 * canister_post_upgrade}: outstanding nonces survive upgrades, and a version-1 store of an earlier
 * build is migrated in place. After them, a {@link MemoryManager} holds the registrations in a
 * {@link StableBTreeMap} (memory 0), written through by every registration, as in the samples'
 * typed whoami.
 *
 * <p><b>Unpredictable nonces.</b> The store's key is derived at creation from {@code ic0.time} and
 * the canister id, which an observer can guess; no nonce is minted from it. Every instance of this
 * module (after install, after each upgrade) first mixes 32 bytes of the management canister's
 * {@code raw_rand} into the key ({@link NonceStore#reseed}, written to stable memory): {@code
 * canister_init} and {@code canister_post_upgrade} set the global timer to now, and the timer,
 * which runs in the next round, fetches them; a {@code registerBegin} that arrives before that awaits
 * {@code raw_rand} itself, then mints. Install and upgrade hooks may not make calls (the spec lists
 * {@code ic0.call_new} for updates, callbacks and system tasks only), hence the timer; the timer
 * alone would leave a round in which nonces came from the guessable key, hence the fallback.
 *
 * <p>{@code @StaticInit}: the constant reply and prefixes are built when the module is
 * instantiated, not in every query.
 */
@StaticInit
public final class HandTunedWhoAmI {
  static final String REGISTER = "register";
  static final long NONCE_TTL_NANOS = 5L * 60 * 1_000_000_000L;
  static final String DEFAULT_ORIGIN = "https://your-app.icp0.io";
  static final String ORIGINS_VARIABLE = "frontend_origins";

  private static final byte[] ANONYMOUS_REPLY = CandidReply.textMessage(ascii("anonymous"));
  private static final byte[] ACTION_PREFIX = ascii("Action performed by ");
  private static final byte[] REGISTERED_PREFIX = ascii("Registered ");
  private static final byte[] WITH_EMAIL = ascii(" with email ");
  private static final byte[] ARG_SCRATCH = new byte[6];
  /** {@code DIDL}, one type ({@code opt text}), one value of it: the header of registeredEmail's reply. */
  private static final byte[] OPT_TEXT = {'D', 'I', 'D', 'L', 1, 0x6e, 0x71, 1, 0};
  private static final CandidType[] PRINCIPAL_ARGUMENT = {CandidType.principal()};
  private static final byte[] NO_EMAIL_REPLY = {'D', 'I', 'D', 'L', 1, 0x6e, 0x71, 1, 0, 0};
  /** The largest argument these methods (all taking none) read: 64 KiB. */
  static final int MAX_ARGUMENT_BYTES = 65_536;
  private static final int DIDL = 'D' | ('I' << 8) | ('D' << 16) | ('L' << 24);
  /** Consumes a nonce minted by registerBegin, unbound or for this caller; built once, not in every call. */
  private static final NonceCheck REGISTER_NONCE =
      (who, nonce, now) -> nonces().consume(who, REGISTER, nonce, now);
  private static NonceStore nonces;
  private static StableBTreeMap<Principal, String> registrations;
  private static AttributeVerifier verifier;
  /** This instance has mixed raw_rand into the store's key (false after install and every upgrade). */
  private static boolean seeded;

  private HandTunedWhoAmI() {}

  /** Nonce-store geometry; fixed for the life of the canister (changing it needs a migration). */
  static NonceStore.Config nonceConfig() {
    return new NonceStore.Config().ringSlots(1 << 18).capacity(16_384).perCallerCap(8);
  }

  private static NonceStore nonces() {
    if (nonces == null) {
      nonces = NonceStore.open(StableMemory.system(), 0, nonceConfig());
    }
    return nonces;
  }

  /** The registrations, after the nonce store's region (found again there after an upgrade). */
  private static void openRegistrations() {
    MemoryManager memories =
        MemoryManager.init(OffsetMemory.after(StableMemory.system(), NonceStore.regionBytes(nonceConfig())));
    registrations = StableBTreeMap.init(memories.get(0), Storable.PRINCIPAL, Storable.STRING);
  }

  @Init
  public static void init() {
    requireInstallArgument();
    nonces();
    openRegistrations();
    verifier().prepare();
    SystemApi.globalTimerSet(SystemApi.time()); // seed in the next round: see the class comment
  }

  @PostUpgrade
  public static void postUpgrade() {
    requireInstallArgument();
    nonces();
    openRegistrations();
    verifier().prepare();
    SystemApi.globalTimerSet(SystemApi.time());
  }

  /**
   * Seeds the store from {@code raw_rand} unless a registerBegin did already; a reject (the IC short
   * of resources) sets the timer again, a minute on.
   */
  @GlobalTimer
  public static void seed() {
    if (!seeded) {
      ManagementCanister.rawRand()
          .onReply(HandTunedWhoAmI::reseed)
          .onReject(r -> SystemApi.globalTimerSet(SystemApi.time() + 60_000_000_000L));
    }
  }

  private static void reseed(byte[] entropy) {
    nonces().reseed(entropy);
    seeded = true;
  }

  /**
   * The verifier, configured once per instance. {@code prepare()} in init and post_upgrade parses
   * {@code trusted_attribute_signers} and {@code frontend_origins} then, so that registerFinish finds
   * them parsed (they are parsed again only if a variable changes); a missing or invalid variable
   * does not stop the install: registerFinish reports it.
   */
  private static AttributeVerifier verifier() {
    if (verifier == null) {
      verifier = AttributeVerifier.create().expectedOriginsFromEnvironment(ORIGINS_VARIABLE, DEFAULT_ORIGIN);
    }
    return verifier;
  }

  @Query("whoAmI")
  public static void whoAmI() {
    requireCandidArgument();
    Principal caller = Caller.principal();
    if (caller.isAnonymous()) {
      SystemApi.msgReply(ANONYMOUS_REPLY);
    } else {
      replyWithText(null, caller);
    }
  }

  @Update("protectedAction")
  public static void protectedAction() {
    requireCandidArgument();
    Principal caller = Auth.requireAuth();
    replyWithText(ACTION_PREFIX, caller);
  }

  @Update("registerBegin")
  public static void registerBegin() {
    requireCandidArgument();
    // anonymous (before sign-in): unbound; a signed-in user: bound to it
    Principal caller = Caller.principal();
    if (seeded) {
      CandidReply.blob(nonces().mint(caller, REGISTER, NONCE_TTL_NANOS));
      return;
    }
    // The timer has not seeded this instance yet: never mint from the guessable key.
    ManagementCanister.rawRand()
        .onReply(entropy -> {
          reseed(entropy);
          CandidReply.blob(nonces().mint(caller, REGISTER, NONCE_TTL_NANOS));
        })
        .onReject(r -> SystemApi.msgReject("registerBegin: raw_rand failed (" + r + "); try again"));
  }

  @Update("registerFinish")
  public static void registerFinish() {
    requireCandidArgument();
    Principal caller = Auth.requireAuth();
    VerifiedAttributes attributes = verifier().verify(caller, REGISTER_NONCE); // the caller read once
    CandidValue email = attributes.requireTextValue("email");
    registrations.insert(caller, email.text());
    replyRegistered(caller, email);
  }

  @Query("registeredEmail")
  public static void registeredEmail() {
    byte[] bytes = CandidArguments.principalOnly(); // DIDL 00 01 68 01 len bytes, read without allocating
    Principal principal = bytes != null ? Principal.fromBytes(bytes)
        : Principal.fromBytes(CandidArguments.decode(PRINCIPAL_ARGUMENT)[0].principal()); // or its refusal
    String email = registrations.get(principal);
    if (email == null) {
      SystemApi.msgReply(NO_EMAIL_REPLY);
      return;
    }
    byte[] utf8 = dev.icjava.runtime.internal.Utf8.encode(email);
    byte[] message = new byte[OPT_TEXT.length + 1 + 5 + utf8.length];
    System.arraycopy(OPT_TEXT, 0, message, 0, OPT_TEXT.length);
    int at = OPT_TEXT.length;
    message[at++] = 1; // some
    int n = utf8.length;
    while (n >= 0x80) {
      message[at++] = (byte) (n | 0x80);
      n >>>= 7;
    }
    message[at++] = (byte) n;
    System.arraycopy(utf8, 0, message, at, utf8.length);
    SystemApi.msgReply(message, at + utf8.length);
  }

  /**
   * Traps unless the argument is a valid Candid message ({@code DIDL 00 00} or more) of at most
   * {@link #MAX_ARGUMENT_BYTES}. These methods take no arguments, so whatever a message carries is
   * only validated and skipped, within the reader's skipping quota; a larger one is refused before
   * it is copied into the heap (see docs/known-limits.md on large allocations).
   */
  private static void requireCandidArgument() {
    int size = SystemApi.msgArgDataSize();
    if (size > MAX_ARGUMENT_BYTES) {
      throw argumentTooLarge(size);
    }
    if (size == 6) {
      // the common empty message, checked without allocating: "DIDL" as a little-endian int, 00 00
      byte[] b = ARG_SCRATCH;
      SystemApi.msgArgDataInto(b);
      if (RawArrays.getIntLE(b, 0) == DIDL && RawArrays.getByte(b, 4) == 0 && RawArrays.getByte(b, 5) == 0) {
        return;
      }
    }
    CandidMessage.parse(SystemApi.msgArgData()).validate();
  }

  /** Install and upgrade take no argument at all, or a valid Candid message. */
  private static void requireInstallArgument() {
    if (SystemApi.msgArgData().length > 0) {
      requireCandidArgument();
    }
  }

  /**
   * Replies {@code (text)} made of {@code prefix} (ASCII, may be null) and the principal's text,
   * written straight into the reply message.
   */
  private static void replyWithText(byte[] prefix, Principal principal) {
    int prefixLength = prefix == null ? 0 : prefix.length;
    int length = prefixLength + principal.textLength();
    byte[] message = CandidReply.textMessageFor(length);
    int at = CandidReply.textOffset(length);
    if (prefix != null) {
      System.arraycopy(prefix, 0, message, at, prefixLength);
    }
    principal.writeText(message, at + prefixLength);
    SystemApi.msgReply(message);
  }

  /** Replies {@code "Registered <principal> with email <email>"}, written straight into the reply. */
  private static void replyRegistered(Principal principal, CandidValue email) {
    int textLength = principal.textLength();
    int length = REGISTERED_PREFIX.length + textLength + WITH_EMAIL.length + email.textLength();
    byte[] message = CandidReply.textMessageFor(length);
    int at = CandidReply.textOffset(length);
    System.arraycopy(REGISTERED_PREFIX, 0, message, at, REGISTERED_PREFIX.length);
    at += REGISTERED_PREFIX.length;
    principal.writeText(message, at);
    at += textLength;
    System.arraycopy(WITH_EMAIL, 0, message, at, WITH_EMAIL.length);
    email.copyText(message, at + WITH_EMAIL.length);
    SystemApi.msgReply(message);
  }

  /** Built here, not at the throwing site (cold code stays out of the entry points). */
  private static CanisterTrap argumentTooLarge(int size) {
    return new CanisterTrap("Candid: an argument of " + size + " bytes; these methods take none and read at most "
        + MAX_ARGUMENT_BYTES + ".");
  }

  private static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }
}
