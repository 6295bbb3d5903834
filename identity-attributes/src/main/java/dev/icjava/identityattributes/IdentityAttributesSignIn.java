package dev.icjava.identityattributes;

import dev.icjava.attributes.CallerInfo;
import dev.icjava.attributes.TrustedSigners;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.calls.CallFuture;
import dev.icjava.candid.Result;
import dev.icjava.noncestore.ConsumeOutcome;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.noncestore.SeededNonceStore;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * The two methods of DFINITY's relying-party libraries, for a canister that includes them with one
 * field:
 *
 * <pre>{@code
 * @Include
 * static final IdentityAttributesSignIn SIGN_IN = IdentityAttributesSignIn.create(Profiles::onVerified);
 * }</pre>
 *
 * <ul>
 *   <li>{@code _internet_identity_sign_in_start : () -> (blob)}: a fresh 32-byte nonce, valid 5
 *       minutes, for the frontend to put in its attribute request to Internet Identity; callable by
 *       anyone, the anonymous principal included (the frontend calls it before sign-in). Unbound:
 *       whoever finishes with a bundle carrying it consumes it (Internet Identity signs the bundle
 *       under the user's own key, so the IC lets only that user present it).
 *   <li>{@code _internet_identity_sign_in_finish : () -> (variant { ok; err : Error })}: verifies the
 *       bundle attached to the call ({@link BundleCheck}, {@link AttributeRules}), consumes its nonce,
 *       calls {@link OnVerified} with the caller and its {@link IdentityAttributes}, replies {@code
 *       ok}; or replies the {@link SignInError}. A bundle from a signer {@code
 *       trusted_attribute_signers} does not list, or with that variable unset, traps (as mo:core's
 *       {@code CallerAttributes} does).
 * </ul>
 *
 * <p>Environment variables, read at each call: {@code trusted_attribute_signers} (principal texts,
 * comma-separated), {@code frontend_origins} (required; comma-separated, empty entries dropped, no
 * trimming), {@code trusted_sso_domains} (optional, the same format).
 *
 * <p>Nonces live in stable memory ({@link NonceStore}, from {@link #stableOffset(long)}, by default
 * 0; {@link NonceStore#regionBytes} bytes): unlike the Motoko library's, which are on the heap and
 * lost at every upgrade, they survive upgrades, and the newest 262,144 are kept (the library keeps
 * 4,096). Each instance of the module (after install, after each upgrade) seeds the store's key
 * with 32 bytes of {@code raw_rand} before its first nonce ({@link SeededNonceStore}), so no nonce
 * comes from a key an observer could guess: opened from {@code @Init} and {@code @PostUpgrade}
 * ({@link #open()}), the store is seeded by a library timer in the next round; a start call that
 * comes before (or a store first opened by a start call) awaits {@code raw_rand}, later ones do not.
 */
public final class IdentityAttributesSignIn {
  /** The nonce store's action for these nonces. */
  public static final String ACTION = "ii-sign-in";
  /** How long a sign-in nonce stays valid: 5 minutes, in nanoseconds. */
  public static final long NONCE_TTL_NANOS = 300_000_000_000L;

  // Immutable replies shared by every call that gives them: no allocation on the cheapest refusal.
  private static final Result<Void, SignInError> NO_ATTRIBUTES = Result.err(new SignInError.NoAttributes());
  private static final Result<Void, SignInError> OK = Result.ok();

  private final OnVerified onVerified;
  private final TrustedSigners signers = TrustedSigners.fromEnvironment();
  private final BundleCheck.Environment environment =
      new EnvironmentListCache(BundleCheck.FRONTEND_ORIGINS, BundleCheck.TRUSTED_SSO_DOMAINS);
  private long stableOffset;
  private NonceStore.Config config = new NonceStore.Config().ringSlots(1 << 18).capacity(16).perCallerCap(1);
  private SeededNonceStore nonces;

  private IdentityAttributesSignIn(OnVerified onVerified) {
    this.onVerified = onVerified;
  }

  /**
   * The two methods, calling {@code onVerified} after each verified sign-in.
   *
   * @param onVerified what to do with each verified sign-in
   * @return the two methods, for an {@code @Include} field
   */
  public static IdentityAttributesSignIn create(OnVerified onVerified) {
    if (onVerified == null) {
      throw new IllegalArgumentException("onVerified");
    }
    return new IdentityAttributesSignIn(onVerified);
  }

  /**
   * Where the nonce store's region starts in stable memory (default 0), for a canister that keeps
   * other data there. Fixed for the life of the canister.
   *
   * @param offset the region's first byte in stable memory
   * @return this
   */
  public IdentityAttributesSignIn stableOffset(long offset) {
    requireUnopened();
    this.stableOffset = offset;
    return this;
  }

  /**
   * The nonce store's geometry (default: a ring of 262,144 unbound nonces). Fixed for the life of
   * the canister.
   *
   * @param config the geometry
   * @return this
   */
  public IdentityAttributesSignIn nonceStore(NonceStore.Config config) {
    requireUnopened();
    this.config = config;
    return this;
  }

  /**
   * The stable-memory bytes the nonce store occupies from {@link #stableOffset(long)}.
   *
   * @return the region's size, in bytes
   */
  public long regionBytes() {
    return NonceStore.regionBytes(config);
  }

  /**
   * Opens the nonce store now, creating it in memory that does not reach its region yet; otherwise
   * the first sign-in does. Call it from {@code @Init} and {@code @PostUpgrade} before anything else
   * grows stable memory past {@link #regionBytes()} (another structure placed after the store):
   * created over memory that already exists, the store first checks that its whole region is zero,
   * which for the default geometry costs the first {@code _internet_identity_sign_in_start} about
   * 400 million instructions on the IC's counter instead of about 65,000.
   */
  public void open() {
    nonces();
  }

  /**
   * {@code _internet_identity_sign_in_start}: mints a fresh unbound 32-byte nonce, valid {@link
   * #NONCE_TTL_NANOS}; completes once the store's key is seeded.
   *
   * @return a future of the nonce, 32 bytes
   */
  @Update("_internet_identity_sign_in_start")
  public CallFuture<byte[]> signInStart() {
    return nonces().mintUnbound(ACTION, NONCE_TTL_NANOS);
  }

  /**
   * {@code _internet_identity_sign_in_finish}: verifies the caller's attribute bundle and consumes
   * its nonce, then calls {@link OnVerified}; traps for an untrusted signer.
   *
   * @return {@code ok}, or the reason the sign-in was refused
   */
  @Update("_internet_identity_sign_in_finish")
  public Result<Void, SignInError> signInFinish() {
    CallerInfo info = CallerInfo.current();
    if (!info.hasAttributes()) {
      return NO_ATTRIBUTES;
    }
    byte[] data = info.trustedData(signers); // traps for an untrusted signer, or none configured
    Principal caller = Caller.principal();
    if (caller.isAnonymous()) {
      // The IC refuses attributes on anonymous requests; nothing verified may be attributed to anyone.
      return NO_ATTRIBUTES;
    }
    Result<IdentityAttributes, SignInError> r = BundleCheck.check(data, environment, SystemApi.time(),
        (nonce, now) -> nonces().store().consume(caller, ACTION, nonce, now) == ConsumeOutcome.CONSUMED);
    if (r instanceof Result.Err<IdentityAttributes, SignInError> err) {
      return Result.err(err.error());
    }
    onVerified.onVerified(caller, ((Result.Ok<IdentityAttributes, SignInError>) r).value());
    return OK;
  }

  private SeededNonceStore nonces() {
    if (nonces == null) {
      nonces = SeededNonceStore.of(NonceStore.open(StableMemory.system(), stableOffset, config));
    }
    return nonces;
  }

  private void requireUnopened() {
    if (nonces != null) {
      throw new IllegalStateException("the nonce store is open already");
    }
  }
}
