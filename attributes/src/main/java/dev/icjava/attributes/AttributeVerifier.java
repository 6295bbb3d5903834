package dev.icjava.attributes;

import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.ConsumeOutcome;
import dev.icjava.candid.CandidException;
import dev.icjava.candid.CandidInteger;
import dev.icjava.candid.CandidValue;
import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.Platform;
import dev.icjava.runtime.internal.MessageBuilder;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;
import java.util.List;
import org.teavm.interop.StaticInit;

/**
 * Turns the attributes of a call into {@link VerifiedAttributes}, or traps with an {@link
 * AttributeException} naming what was wrong.
 *
 * <pre>{@code
 * VerifiedAttributes attributes = AttributeVerifier.create()
 *     .expectedOrigins("https://your-app.icp0.io")
 *     .verify((caller, nonce, now) -> nonceStore.consume(caller, "register", nonce, now));
 * String email = attributes.requireText("email");
 * }</pre>
 *
 * <p>The IC checks the bundle's signature, and the signature covers only the bundle: not the target
 * canister, the method or the argument. A bundle obtained for one request can be presented in
 * another; the canister-issued {@code implicit:nonce}, bound to the caller and the action, is what
 * ties it to this call. So {@link #verify(NonceCheck)} requires a nonce check, and the only way
 * around it is {@link #verifyWithoutNonceCheckUnsafe()}.
 *
 * <p>Checks, in order, each ending in the reason shown when it fails:
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>situation</th><th>{@link AttributeException.Reason}</th><th>trap message</th></tr>
 *   <tr><td>no attributes (signer size 0)</td><td>NO_ATTRIBUTES</td>
 *       <td>{@code This call carries no identity attributes.}</td></tr>
 *   <tr><td>{@code trusted_attribute_signers} unset (or only blanks)</td><td>SIGNERS_NOT_CONFIGURED</td>
 *       <td>{@code Environment variable trusted_attribute_signers is not set: no attribute signer is trusted.}</td></tr>
 *   <tr><td>an entry of it is not a principal</td><td>SIGNERS_INVALID</td>
 *       <td>{@code Environment variable trusted_attribute_signers: entry 2 "x" is not a principal (...).}</td></tr>
 *   <tr><td>signer not in the list</td><td>UNTRUSTED_SIGNER</td>
 *       <td>{@code Attributes signed by <principal>, which is not a trusted signer.}</td></tr>
 *   <tr><td>the caller is the anonymous principal</td><td>ANONYMOUS_CALLER</td>
 *       <td>{@code Attributes presented by the anonymous principal, as which anyone can call.}</td></tr>
 *   <tr><td>more than its signer signs ({@link BundleLimits}, by default Internet Identity's: 103
 *       entries, keys of 1,046 bytes, values of 50,000, an origin of 255, nothing nested, 5,118,324
 *       bytes in all)</td><td>BEYOND_LIMITS</td>
 *       <td>{@code Attribute bundle beyond what its signer signs: <detail>}</td></tr>
 *   <tr><td>bytes not a Candid ICRC-3 Map, keys not sorted and unique (by default), or an implicit
 *       field missing or of another type</td>
 *       <td>MALFORMED_BUNDLE</td><td>{@code Malformed attribute bundle: <detail>}</td></tr>
 *   <tr><td>{@code implicit:origin} not expected</td><td>WRONG_ORIGIN</td>
 *       <td>{@code Attribute origin "<origin>" is not one of the N expected origins.}</td></tr>
 *   <tr><td>issued more than the maximum age ago</td><td>STALE</td>
 *       <td>{@code Attributes issued at <t> ns are older than <s> s (now <t> ns).}</td></tr>
 *   <tr><td>issued further ahead than allowed, or beyond 64 bits</td><td>ISSUED_IN_FUTURE</td>
 *       <td>{@code Attributes issued at <t> ns, more than <s> s after now (<t> ns).}</td></tr>
 *   <tr><td>a nonce check in a message that does not run in replicated execution (a query or
 *       composite query called as a query: {@code ic0.in_replicated_execution} is 0), once every
 *       check above passed</td><td>none: a {@link CanisterTrap}, the method is wrong, not the
 *       bundle</td><td>{@code Attribute nonce not checked: this is not replicated execution (a
 *       query or composite query), whose changes the IC discards, ...}</td></tr>
 *   <tr><td>nonce check refuses {@code implicit:nonce}</td><td>BAD_NONCE</td>
 *       <td>{@code Attribute nonce refused: <reason>}</td></tr>
 *   <tr><td>{@link VerifiedAttributes#requireText} finds no such key</td><td>MISSING_ATTRIBUTE</td>
 *       <td>{@code Attribute email is missing.}</td></tr>
 *   <tr><td>... or finds another type, or the key twice</td><td>WRONG_ATTRIBUTE_TYPE</td>
 *       <td>{@code Attribute email is a NAT, not TEXT.}</td></tr>
 * </table>
 *
 * <p><b>Nonce checks in update methods only.</b> The IC discards a query's changes: a nonce
 * "consumed" in a query or composite query stays valid, and the same bundle would be accepted by
 * every such call until the nonce expires. So in a canister the nonce check is never called where
 * {@code ic0.in_replicated_execution} is 0: the verification traps instead, with a message that
 * says so. Verify with a nonce check in an {@code @Update} method. A {@code @Query} method may call
 * {@link #verifyWithoutNonceCheckUnsafe()} where a replayed bundle does no harm (reading what it
 * shows, changing nothing). A query method called as an update runs replicated, and its changes
 * are discarded too: {@code ic0.in_replicated_execution} cannot tell it from an update, so never
 * pass a nonce check in a method annotated {@code @Query}.
 *
 * <p>The bundle's bytes are read from the System API only after the signer is found trusted, and
 * decoded only then: data from an untrusted signer is never returned, logged or decoded.
 *
 * <p>The limits are checked while the bundle is decoded or before: a bundle of 100,000 entries is
 * refused at its map's length, before any entry is read, and one larger than the limit before it is
 * copied out of the System API.
 *
 * <p>Defaults: signers from {@link TrustedSigners#fromEnvironment()}, at most 5 minutes old, at most
 * 1 minute ahead of {@code ic0.time}, {@link BundleLimits#INTERNET_IDENTITY}. Expected origins have
 * no default: verifying without any traps with {@link IllegalStateException}.
 */
@StaticInit
public final class AttributeVerifier {
  /**
   * The default freshness window: a bundle issued at most 5 minutes (in nanoseconds) before {@code
   * ic0.time}.
   */
  public static final long DEFAULT_MAX_AGE_NANOS = 5L * 60 * 1_000_000_000L;
  /**
   * The default tolerance for clock skew: a bundle issued at most 1 minute (in nanoseconds) after
   * {@code ic0.time}.
   */
  public static final long DEFAULT_MAX_FUTURE_NANOS = 60L * 1_000_000_000L;

  static final byte[] ORIGIN_KEY = Utf8.encode("implicit:origin");
  static final byte[] ISSUED_AT_KEY = Utf8.encode("implicit:issued_at_timestamp_ns");
  static final byte[] NONCE_KEY = Utf8.encode("implicit:nonce");

  private TrustedSigners signers = TrustedSigners.fromEnvironment();
  private byte[][] origins;
  private byte[] originVariable;
  private byte[][] defaultOrigins;
  private byte[] cachedOriginValue;
  private byte[][] cachedOrigins;
  private long maxAgeNanos = DEFAULT_MAX_AGE_NANOS;
  private long maxFutureNanos = DEFAULT_MAX_FUTURE_NANOS;
  private BundleLimits bundleLimits = BundleLimits.INTERNET_IDENTITY;

  private AttributeVerifier() {}

  /**
   * A verifier with the defaults above; set its expected origins before verifying.
   *
   * @return a new verifier
   */
  public static AttributeVerifier create() {
    return new AttributeVerifier();
  }

  /**
   * The signers whose bundles are accepted, in place of {@link TrustedSigners#fromEnvironment()}.
   *
   * @param signers the trusted signers
   * @return this verifier
   */
  public AttributeVerifier trustedSigners(TrustedSigners signers) {
    this.signers = signers;
    return this;
  }

  /**
   * {@code implicit:origin} must equal one of these, byte for byte.
   *
   * @param origins the expected origins
   * @return this verifier
   */
  public AttributeVerifier expectedOrigins(String... origins) {
    if (origins.length == 0) {
      throw new IllegalArgumentException("at least one origin");
    }
    this.origins = new byte[origins.length][];
    for (int i = 0; i < origins.length; i++) {
      this.origins[i] = Utf8.encode(origins[i]);
    }
    this.originVariable = null;
    return this;
  }

  /**
   * The origins listed in the environment variable {@code variable} (an {@link EnvironmentList}),
   * read at each verification; {@code defaults} when it is unset or lists nothing.
   *
   * @param variable the environment variable's name
   * @param defaults the origins used when it is unset or empty
   * @return this verifier
   */
  public AttributeVerifier expectedOriginsFromEnvironment(String variable, String... defaults) {
    this.originVariable = Utf8.encode(variable);
    this.defaultOrigins = new byte[defaults.length][];
    for (int i = 0; i < defaults.length; i++) {
      this.defaultOrigins[i] = Utf8.encode(defaults[i]);
    }
    this.origins = null;
    return this;
  }

  /**
   * The freshness window around {@code ic0.time}: how old, and how far ahead, in nanoseconds.
   *
   * @param maxAgeNanos how old a bundle may be, in nanoseconds
   * @param maxFutureNanos how far ahead of {@code ic0.time} it may be issued, in nanoseconds
   * @return this verifier
   */
  public AttributeVerifier freshness(long maxAgeNanos, long maxFutureNanos) {
    if (maxAgeNanos < 0 || maxFutureNanos < 0) {
      throw new IllegalArgumentException("negative window");
    }
    this.maxAgeNanos = maxAgeNanos;
    this.maxFutureNanos = maxFutureNanos;
    return this;
  }

  /**
   * What a bundle may hold (default {@link BundleLimits#INTERNET_IDENTITY}).
   *
   * @param limits the limits
   * @return this verifier
   */
  public AttributeVerifier bundleLimits(BundleLimits limits) {
    this.bundleLimits = limits;
    return this;
  }

  /**
   * Reads and parses the configuration now (trusted signers and expected origins from environment
   * variables), for example in {@code canister_init} and {@code canister_post_upgrade}, so that the
   * first verification does not pay for it. Errors in the configuration are not thrown here: the
   * verification that needs it reports them.
   *
   * @return this verifier
   */
  public AttributeVerifier prepare() {
    try {
      resolveOrigins();
    } catch (RuntimeException e) {
      // reported by verify
    }
    try {
      signers.principals();
    } catch (RuntimeException e) {
      // reported by verify
    }
    return this;
  }

  /**
   * Verifies the current call's attributes, {@code implicit:nonce} with {@code nonceCheck}: in an
   * update method (a query or composite query traps, see above).
   *
   * @param nonceCheck what consumes {@code implicit:nonce}
   * @return the verified attributes; any refusal throws {@link AttributeException}
   */
  public VerifiedAttributes verify(NonceCheck nonceCheck) {
    requireNonceCheck(nonceCheck);
    CallerInfo info = CallerInfo.current();
    requirePresentAndTrusted(info); // the cheap refusals first: nothing else read or allocated yet
    return checkBundle(info, Caller.principal(), SystemApi.time(), nonceCheck);
  }

  /**
   * {@link #verify(NonceCheck)} for a caller the method has read already (with {@code
   * Auth.requireAuth()}, say): each {@code ic0} call costs the canister at least 500 instructions
   * on the IC's counter, so the caller is not read twice.
   *
   * @param caller the caller of this message
   * @param nonceCheck what consumes {@code implicit:nonce}
   * @return the verified attributes; any refusal throws {@link AttributeException}
   */
  public VerifiedAttributes verify(Principal caller, NonceCheck nonceCheck) {
    requireNonceCheck(nonceCheck);
    CallerInfo info = CallerInfo.current();
    requirePresentAndTrusted(info);
    return checkBundle(info, caller, SystemApi.time(), nonceCheck);
  }

  /**
   * Verifies the current call's attributes without checking {@code implicit:nonce}. Unsafe: a
   * bundle captured from any earlier request of this user to this origin is accepted here.
   *
   * @return the verified attributes; any refusal throws {@link AttributeException}
   */
  public VerifiedAttributes verifyWithoutNonceCheckUnsafe() {
    return check(CallerInfo.current(), Caller.principal(), SystemApi.time(), null);
  }

  /**
   * Verifies given caller info at a given time: the same checks, for tests and other sources.
   *
   * @param info the caller info to verify
   * @param caller the caller
   * @param nowNanos the time, in nanoseconds since 1970
   * @param nonceCheck what consumes {@code implicit:nonce}
   * @return the verified attributes; any refusal throws {@link AttributeException}
   */
  public VerifiedAttributes verify(CallerInfo info, Principal caller, long nowNanos, NonceCheck nonceCheck) {
    requireNonceCheck(nonceCheck);
    return check(info, caller, nowNanos, nonceCheck);
  }

  /**
   * As {@link #verifyWithoutNonceCheckUnsafe()}, for given caller info and time.
   *
   * @param info the caller info to verify
   * @param caller the caller
   * @param nowNanos the time, in nanoseconds since 1970
   * @return the verified attributes; any refusal throws {@link AttributeException}
   */
  public VerifiedAttributes verifyWithoutNonceCheckUnsafe(CallerInfo info, Principal caller, long nowNanos) {
    return check(info, caller, nowNanos, null);
  }

  private VerifiedAttributes check(CallerInfo info, Principal caller, long now, NonceCheck nonceCheck) {
    requirePresentAndTrusted(info);
    return checkBundle(info, caller, now, nonceCheck);
  }

  private static void requireNonceCheck(NonceCheck nonceCheck) {
    if (nonceCheck == null) {
      throw new IllegalArgumentException("a nonce check is required; see verifyWithoutNonceCheckUnsafe");
    }
  }

  private void requirePresentAndTrusted(CallerInfo info) {
    if (!info.hasAttributes()) {
      throw noAttributes();
    }
    info.requireTrusted(signers);
  }

  /** The checks after {@link #requirePresentAndTrusted}, in the order of the outcome table. */
  private VerifiedAttributes checkBundle(CallerInfo info, Principal caller, long now, NonceCheck nonceCheck) {
    if (caller.isAnonymous()) {
      throw anonymousCaller();
    }
    BundleLimits limits = bundleLimits;
    int bytes = info.dataSize();
    if (bytes > limits.maxBundleBytes()) {
      throw beyondLimits("a bundle of ", bytes, " bytes; at most ", limits.maxBundleBytes());
    }
    Icrc3Value bundle;
    try {
      bundle = Icrc3Value.decode(info.data(), limits.candidLimits());
    } catch (CandidException e) {
      throw e.kind() == CandidException.Kind.LIMIT ? beyondLimits(e) : malformed(e);
    }
    if (bundle.kind() != Icrc3Value.Kind.MAP) {
      throw notAMap(bundle.kind());
    }
    int size = bundle.size();
    if (size > limits.maxEntries()) {
      throw beyondLimits("", size, " entries; at most ", limits.maxEntries());
    }
    // One pass over the entries checks the limits, finds the three implicit fields and notices
    // repeats (which sorted, unique keys already exclude).
    int originAt = -1;
    int issuedAtAt = -1;
    int nonceAt = -1;
    CandidValue entries = bundle.mapEntries();
    CandidValue previous = null;
    for (int i = 0; i < size; i++) {
      CandidValue entry = entries.element(i);
      CandidValue key = entry.field(0);
      if (key.textLength() > limits.maxKeyBytes()) {
        throw beyondLimits("a key of ", key.textLength(), " bytes; at most ", limits.maxKeyBytes());
      }
      if (previous != null && limits.sortedUniqueKeys() && previous.compareText(key) >= 0) {
        throw unsorted(previous, key, i);
      }
      previous = key;
      CandidValue value = entry.field(1);
      Icrc3Value.Kind kind = Icrc3Value.kindOf(value);
      int valueBytes = kind == Icrc3Value.Kind.TEXT ? value.variantValue().textLength()
          : kind == Icrc3Value.Kind.BLOB ? value.variantValue().size() : 0;
      if (valueBytes > limits.maxValueBytes()) {
        throw beyondLimits("a value of ", valueBytes, " bytes; at most ", limits.maxValueBytes());
      }
      if (key.textEquals(ORIGIN_KEY)) {
        originAt = originAt == -1 ? i : Icrc3Value.DUPLICATE;
      } else if (key.textEquals(ISSUED_AT_KEY)) {
        issuedAtAt = issuedAtAt == -1 ? i : Icrc3Value.DUPLICATE;
      } else if (key.textEquals(NONCE_KEY)) {
        nonceAt = nonceAt == -1 ? i : Icrc3Value.DUPLICATE;
      } else if (limits.flatValues() && kind != Icrc3Value.Kind.NAT && kind != Icrc3Value.Kind.TEXT
          && kind != Icrc3Value.Kind.BLOB) {
        throw notFlat(key, kind); // (the implicit fields' exact types are checked below)
      }
    }
    CandidValue origin = implicit(bundle, ORIGIN_KEY, originAt, Icrc3Value.Kind.TEXT).textValue();
    if (origin.textLength() > limits.maxOriginBytes()) {
      throw beyondLimits("an origin of ", origin.textLength(), " bytes; at most ", limits.maxOriginBytes());
    }
    CandidInteger issuedAt = implicit(bundle, ISSUED_AT_KEY, issuedAtAt, Icrc3Value.Kind.NAT).nat();
    Icrc3Value nonce = implicit(bundle, NONCE_KEY, nonceAt, Icrc3Value.Kind.BLOB);

    checkOrigin(origin, resolveOrigins());
    long issuedAtNanos = checkFreshness(issuedAt, now);
    byte[] nonceBytes = nonce.blob();
    if (nonceCheck != null) {
      if (Platform.inCanister() && !SystemApi.inReplicatedExecution()) {
        throw notReplicated();
      }
      ConsumeOutcome outcome = nonceCheck.consume(caller, nonceBytes, now);
      if (outcome != ConsumeOutcome.CONSUMED) {
        throw badNonce(outcome);
      }
    }
    return new VerifiedAttributes(caller, info.signer(), bundle, origin, issuedAtNanos, nonceBytes);
  }

  private byte[][] resolveOrigins() {
    if (origins != null) {
      return origins;
    }
    if (originVariable == null) {
      throw new IllegalStateException(
          "no expected origins: call expectedOrigins or expectedOriginsFromEnvironment");
    }
    byte[] value = SystemApi.envVarUtf8(originVariable);
    if (cachedOrigins != null && Utf8.equalBytes(value, cachedOriginValue)) {
      return cachedOrigins;
    }
    byte[][] chosen = defaultOrigins;
    if (value != null) {
      List<String> listed =
          EnvironmentList.split(Utf8.decodeOrTrap(value, "environment variable", Utf8.decode(originVariable)));
      if (!listed.isEmpty()) {
        chosen = new byte[listed.size()][];
        for (int i = 0; i < chosen.length; i++) {
          chosen[i] = Utf8.encode(listed.get(i));
        }
      }
    }
    if (chosen.length == 0) {
      throw noOrigin(originVariable);
    }
    cachedOriginValue = value;
    cachedOrigins = chosen;
    return chosen;
  }

  private static Icrc3Value implicit(Icrc3Value bundle, byte[] key, int index, Icrc3Value.Kind kind) {
    if (index < 0) {
      throw index == -1 ? missingImplicit(key) : repeatedImplicit(key, bundle.count(key));
    }
    Icrc3Value value = bundle.value(index);
    if (value.kind() != kind) {
      throw wrongImplicitType(key, value.kind(), kind);
    }
    return value;
  }

  private static void checkOrigin(CandidValue origin, byte[][] expected) {
    for (byte[] e : expected) {
      if (origin.textEquals(e)) {
        return;
      }
    }
    throw wrongOrigin(origin, expected.length);
  }

  private long checkFreshness(CandidInteger issuedAt, long now) {
    if (!issuedAt.fitsInLong()) {
      throw beyondTime(issuedAt);
    }
    long t = issuedAt.longValueExact();
    if (t > now) {
      if (t - now > maxFutureNanos) {
        throw inFuture(t, now);
      }
    } else if (now - t > maxAgeNanos) {
      throw stale(t, now);
    }
    return t;
  }

  // ---- failures ----
  // Each message is built in one of these factories, never at the throwing site: the canister build
  // does not inline a method returning an exception, so check() stays small and fast.

  private static AttributeException noAttributes() {
    return new AttributeException(AttributeException.Reason.NO_ATTRIBUTES, Messages.NO_ATTRIBUTES);
  }

  private static AttributeException anonymousCaller() {
    return new AttributeException(AttributeException.Reason.ANONYMOUS_CALLER, Messages.ANONYMOUS_CALLER);
  }

  private static AttributeException notAMap(Icrc3Value.Kind kind) {
    return malformed("a " + kind + " value, not a MAP");
  }

  private static CanisterTrap notReplicated() {
    return new CanisterTrap("Attribute nonce not checked: this is not replicated execution (a query or composite"
        + " query), whose changes the IC discards, so the bundle would be accepted again. Verify in an update method,"
        + " or use verifyWithoutNonceCheckUnsafe().");
  }

  private static AttributeException badNonce(ConsumeOutcome outcome) {
    return new AttributeException(
        AttributeException.Reason.BAD_NONCE,
        new MessageBuilder().append(Messages.NONCE_REFUSED)
            .append(outcome == null ? "null" : outcome.description()).toArray());
  }

  private static IllegalStateException noOrigin(byte[] variable) {
    return new IllegalStateException(
        "environment variable " + Utf8.decode(variable) + " lists no origin and there is no default");
  }

  private static AttributeException missingImplicit(byte[] key) {
    return malformed(Utf8.decode(key) + " is missing");
  }

  private static AttributeException repeatedImplicit(byte[] key, int count) {
    return malformed(Utf8.decode(key) + " appears " + count + " times");
  }

  private static AttributeException wrongImplicitType(byte[] key, Icrc3Value.Kind actual, Icrc3Value.Kind wanted) {
    return malformed(Utf8.decode(key) + " is a " + actual + ", not a " + wanted);
  }

  private static AttributeException wrongOrigin(CandidValue origin, int expected) {
    MessageBuilder m = new MessageBuilder().append(Messages.ORIGIN);
    int at = m.reserve(origin.textLength()); // before buffer(): reserving may grow it
    origin.copyText(m.buffer(), at);
    m.append(Messages.NOT_ONE_OF).appendDecimal(expected).append(Messages.EXPECTED_ORIGINS);
    return new AttributeException(AttributeException.Reason.WRONG_ORIGIN, m.toArray());
  }

  /**
   * The value is printed when it has at most 128 bits; beyond, its size: decimal conversion is
   * quadratic in the number's length, and the bundle may hold a number as long as the message.
   */
  private static AttributeException beyondTime(CandidInteger issuedAt) {
    byte[] m = issuedAt.magnitude();
    String value = m.length <= 16 ? issuedAt + " ns"
        : "a number of " + (8 * m.length - Integer.numberOfLeadingZeros(m[0] & 0xFF) + 24) + " bits";
    return new AttributeException(
        AttributeException.Reason.ISSUED_IN_FUTURE, "Attributes issued at " + value + ", beyond the 64-bit range of ic0.time.");
  }

  private AttributeException inFuture(long t, long now) {
    return new AttributeException(
        AttributeException.Reason.ISSUED_IN_FUTURE,
        new MessageBuilder().append(Messages.ISSUED_AT).appendDecimal(t).append(Messages.MORE_THAN)
            .appendDecimal(maxFutureNanos / 1_000_000_000L).append(Messages.AFTER_NOW).appendDecimal(now)
            .append(Messages.NS_PAREN).toArray());
  }

  private AttributeException stale(long t, long now) {
    return new AttributeException(
        AttributeException.Reason.STALE,
        new MessageBuilder().append(Messages.ISSUED_AT).appendDecimal(t).append(Messages.OLDER_THAN)
            .appendDecimal(maxAgeNanos / 1_000_000_000L).append(Messages.NOW_PAREN).appendDecimal(now)
            .append(Messages.NS_PAREN).toArray());
  }

  private static AttributeException beyondLimits(String a, long x, String b, long y) {
    return new AttributeException(AttributeException.Reason.BEYOND_LIMITS,
        new MessageBuilder().append(Messages.BEYOND_LIMITS).append(a).appendDecimal(x).append(b).appendDecimal(y)
            .append(Messages.PERIOD).toArray());
  }

  private static AttributeException beyondLimits(CandidException e) {
    return new AttributeException(AttributeException.Reason.BEYOND_LIMITS,
        new MessageBuilder().append(Messages.BEYOND_LIMITS).append(e.messageUtf8()).toArray());
  }

  private static AttributeException notFlat(CandidValue key, Icrc3Value.Kind kind) {
    MessageBuilder m = new MessageBuilder().append(Messages.BEYOND_LIMITS);
    int at = m.reserve(key.textLength());
    key.copyText(m.buffer(), at);
    return new AttributeException(AttributeException.Reason.BEYOND_LIMITS,
        m.append(Messages.IS_A).append(kind.name()).append(Messages.ONLY_FLAT).toArray());
  }

  private static AttributeException unsorted(CandidValue previous, CandidValue key, int i) {
    MessageBuilder m = new MessageBuilder().append(Messages.MALFORMED).append(Messages.NOT_SORTED).appendDecimal(i)
        .append(Messages.SPACE_QUOTE);
    int at = m.reserve(key.textLength());
    key.copyText(m.buffer(), at);
    m.append(Messages.FOLLOWS);
    at = m.reserve(previous.textLength());
    previous.copyText(m.buffer(), at);
    return new AttributeException(AttributeException.Reason.MALFORMED_BUNDLE, m.append(Messages.QUOTE).toArray());
  }

  private static AttributeException malformed(String detail) {
    return new AttributeException(
        AttributeException.Reason.MALFORMED_BUNDLE, new MessageBuilder().append(Messages.MALFORMED).append(detail).toArray());
  }

  private static AttributeException malformed(CandidException e) {
    return new AttributeException(
        AttributeException.Reason.MALFORMED_BUNDLE, new MessageBuilder().append(Messages.MALFORMED).append(e.messageUtf8()).toArray());
  }
}
