package dev.icjava.attributes;

import static dev.icjava.attributes.Bundles.standard;
import static dev.icjava.testkit.reference.Icrc3Json.blob;
import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.integer;
import static dev.icjava.testkit.reference.Icrc3Json.map;
import static dev.icjava.testkit.reference.Icrc3Json.nat;
import static dev.icjava.testkit.reference.Icrc3Json.text;
import static dev.icjava.testkit.reference.Icrc3Json.unsortedMap;
import static dev.icjava.testkit.reference.Icrc3Json.array;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.attributes.AttributeException.Reason;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.ConsumeOutcome;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every outcome of {@link AttributeVerifier} on the JVM, with bundles from {@code @dfinity/candid}. */
class AttributeVerifierTest {
  static final long NOW = 1_767_225_600_000_000_000L;
  static final long MINUTE = 60_000_000_000L;
  static final Principal II = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai");
  static final Principal OTHER_SIGNER = Principal.fromText("ryjl3-tyaaa-aaaaa-aaaba-cai");
  static final Principal USER = Principal.selfAuthenticating(new byte[] {1, 2, 3});
  static Bundles bundles;

  @BeforeAll
  static void encode() {
    bundles =
        new Bundles()
            .add("ok", standard(NOW, entry("email", text("alice@example.com")), entry("name", text("Alice")),
                entry("openid:https://accounts.google.com:email", text("alice@gmail.com")),
                entry("age", nat("42"))))
            .add("bare", standard(NOW))
            .add("old", standard(NOW - 5 * MINUTE - 1))
            .add("oldest-accepted", standard(NOW - 5 * MINUTE))
            .add("future", standard(NOW + MINUTE + 1))
            .add("furthest-accepted", standard(NOW + MINUTE))
            .add("huge-time", standard(0).replace("\"Nat\":\"0\"", "\"Nat\":\"18446744073709551616\""))
            .add("hugest-time", standard(0).replace("\"Nat\":\"0\"",
                "\"Nat\":\"" + java.math.BigInteger.TWO.pow(20_000) + "\""))
            .add("text", text("not a map"))
            .add("no-origin", map(entry("implicit:nonce", blob(Bundles.NONCE_HEX)),
                entry("implicit:issued_at_timestamp_ns", nat(Long.toString(NOW)))))
            .add("two-nonces", standard(NOW, entry("implicit:nonce", blob("ff"))))
            .add("origin-blob", map(entry("implicit:nonce", blob(Bundles.NONCE_HEX)),
                entry("implicit:origin", blob("00")), entry("implicit:issued_at_timestamp_ns", nat(Long.toString(NOW)))))
            .add("time-int", map(entry("implicit:nonce", blob(Bundles.NONCE_HEX)),
                entry("implicit:origin", text(Bundles.ORIGIN)), entry("implicit:issued_at_timestamp_ns", integer(Long.toString(NOW)))))
            .add("wrong-origin", standard(NOW).replace(Bundles.ORIGIN, "https://evil.example"))
            .add("long-origin", standard(NOW).replace(Bundles.ORIGIN, "https://" + "a".repeat(100) + ".example"))
            .add("origin-slash", standard(NOW).replace(Bundles.ORIGIN, Bundles.ORIGIN + "/"))
            .add("two-emails", standard(NOW, entry("email", text("a@x")), entry("email", text("b@x"))))
            .add("unsorted", unsortedMap(entry("implicit:origin", text(Bundles.ORIGIN)),
                entry("implicit:nonce", blob(Bundles.NONCE_HEX)), entry("implicit:issued_at_timestamp_ns", nat(Long.toString(NOW)))))
            .add("entries-103", standard(NOW, attributes(100)))
            .add("entries-104", standard(NOW, attributes(101)))
            .add("entries-100000", standard(NOW, attributes(100_000)))
            .add("key-1046", standard(NOW, entry("openid:https://" + "i".repeat(1016) + ":verified_email", text("a@x"))))
            .add("key-1047", standard(NOW, entry("openid:https://" + "i".repeat(1017) + ":verified_email", text("a@x"))))
            .add("value-50000", standard(NOW, entry("name", text("n".repeat(50_000)))))
            .add("value-50001", standard(NOW, entry("name", text("n".repeat(50_001)))))
            .add("origin-256", standard(NOW).replace(Bundles.ORIGIN, "https://" + "o".repeat(248)))
            .add("nested", standard(NOW, entry("list", array(text("a")))))
            .add("empty-array", standard(NOW, entry("list", array())))
            .add("int-value", standard(NOW, entry("score", integer("-1"))))
            .encode();
  }

  /** {@code n} text attributes {@code a0000000}, {@code a0000001}, ... */
  static String[] attributes(int n) {
    String[] entries = new String[n];
    for (int i = 0; i < n; i++) {
      entries[i] = entry(String.format("a%07d", i), text("v"));
    }
    return entries;
  }

  static AttributeVerifier verifier() {
    return AttributeVerifier.create().trustedSigners(TrustedSigners.of(II)).expectedOrigins(Bundles.ORIGIN);
  }

  static final NonceCheck ACCEPT = (caller, nonce, now) -> ConsumeOutcome.CONSUMED;

  static VerifiedAttributes verify(String bundle) {
    return verifier().verify(CallerInfo.of(II, bundles.get(bundle)), USER, NOW, ACCEPT);
  }

  static void assertReason(Reason reason, String message, Executable e) {
    AttributeException x = assertThrows(AttributeException.class, e);
    assertEquals(reason, x.reason(), x.getMessage());
    if (message != null) {
      assertEquals(message, x.getMessage());
    }
  }

  @Test
  void shouldHandOutAttributesOfAWellFormedFreshBundleFromATrustedSigner() {
    List<Object> seen = new ArrayList<>();
    VerifiedAttributes a =
        verifier().verify(CallerInfo.of(II, bundles.get("ok")), USER, NOW, (caller, nonce, now) -> {
          seen.add(caller);
          seen.add(HexFormat.of().formatHex(nonce));
          return ConsumeOutcome.CONSUMED;
        });
    assertEquals(List.of(USER, Bundles.NONCE_HEX), seen);
    assertEquals("alice@example.com", a.unverifiedEmail());
    assertEquals("Alice", a.name());
    assertNull(a.verifiedEmail());
    assertEquals("alice@gmail.com", a.text("openid:https://accounts.google.com:email"));
    assertEquals(42, a.get("age").nat().longValueExact());
    assertEquals(Bundles.ORIGIN, a.origin());
    assertEquals(NOW, a.issuedAtNanos());
    assertArrayEquals(HexFormat.of().parseHex(Bundles.NONCE_HEX), a.nonce());
    assertEquals(II, a.signer());
    assertEquals(USER, a.caller());
    assertEquals(7, a.bundle().size());
  }

  @Test
  void shouldTrapWhenTheCallCarriesNoAttributes() {
    assertReason(Reason.NO_ATTRIBUTES, "This call carries no identity attributes.",
        () -> verifier().verify(CallerInfo.none(), USER, NOW, ACCEPT));
  }

  @Test
  void shouldNeverDecodeOrReturnDataFromAnUntrustedSigner() {
    byte[] garbage = {1, 2, 3};
    assertReason(Reason.UNTRUSTED_SIGNER,
        "Attributes signed by ryjl3-tyaaa-aaaaa-aaaba-cai, which is not a trusted signer.",
        () -> verifier().verify(CallerInfo.of(OTHER_SIGNER, garbage), USER, NOW, ACCEPT));
    assertReason(Reason.UNTRUSTED_SIGNER, null,
        () -> CallerInfo.of(OTHER_SIGNER, garbage).trustedData(TrustedSigners.of(II)));
    assertArrayEquals(garbage, CallerInfo.of(II, garbage).trustedData(TrustedSigners.of(II)));
    assertNull(CallerInfo.none().trustedData(TrustedSigners.of(II)));
  }

  /**
   * Found by replaying the long fuzz run's corpus in a canister: the refusal of a 3,806-byte bundle
   * printed its issued_at in decimal, 339 million instructions (quadratic). Beyond 128 bits the
   * message gives the number's size.
   */
  @Test
  void shouldNameAHugeIssueTimeBySizeNotByItsDigits() {
    assertReason(Reason.ISSUED_IN_FUTURE,
        "Attributes issued at a number of 20001 bits, beyond the 64-bit range of ic0.time.", () -> verify("hugest-time"));
  }

  /**
   * Found by fuzzing (fuzz/: AttributeVerificationFuzzTestInputs/attributes/finding-4-*): a perfect
   * bundle from a trusted signer was verified for the anonymous principal, as which anyone can call.
   */
  @Test
  void shouldRefuseAttributesPresentedByTheAnonymousPrincipal() {
    List<Object> checked = new ArrayList<>();
    assertReason(Reason.ANONYMOUS_CALLER, "Attributes presented by the anonymous principal, as which anyone can call.",
        () -> verifier().verify(CallerInfo.of(II, bundles.get("ok")), Principal.anonymous(), NOW, (c, n, t) -> {
          checked.add(c);
          return ConsumeOutcome.CONSUMED;
        }));
    assertTrue(checked.isEmpty(), "the nonce is not consumed for a refused caller");
    assertReason(Reason.ANONYMOUS_CALLER, null,
        () -> verifier().verifyWithoutNonceCheckUnsafe(CallerInfo.of(II, bundles.get("ok")), Principal.anonymous(), NOW));
  }

  /**
   * Found by the adversarial suite: a message past 96 bytes (a 29-byte signer's 63-character text,
   * a long origin) ended in an index error instead of the refusal.
   */
  @Test
  void shouldNameLongSignersAndOriginsInFull() {
    assertReason(Reason.UNTRUSTED_SIGNER, "Attributes signed by " + USER.toText() + ", which is not a trusted signer.",
        () -> verifier().verify(CallerInfo.of(USER, new byte[] {1}), USER, NOW, ACCEPT));
    assertReason(Reason.WRONG_ORIGIN, "Attribute origin \"https://" + "a".repeat(100)
        + ".example\" is not one of the 1 expected origins.", () -> verify("long-origin"));
  }

  @Test
  void shouldTreatAnUnsetOrEmptySignerVariableAsTrustingNobody() {
    assertReason(Reason.SIGNERS_NOT_CONFIGURED,
        "Environment variable trusted_attribute_signers is not set: no attribute signer is trusted.",
        () -> TrustedSigners.parseEnvironmentValue(null));
    assertReason(Reason.SIGNERS_NOT_CONFIGURED,
        "Environment variable trusted_attribute_signers lists no principal: no attribute signer is trusted.",
        () -> TrustedSigners.parseEnvironmentValue(" , ,"));
  }

  @Test
  void shouldRefuseASignerVariableWithAnEntryThatIsNotAPrincipal() {
    assertReason(Reason.SIGNERS_INVALID,
        "Environment variable trusted_attribute_signers: entry 2 \"rdmx6-jaaaa-aaaaa-aaadq-caa\" is not a"
            + " principal (invalid principal (checksum): the CRC-32 in the text does not match its bytes).",
        () -> TrustedSigners.parseEnvironmentValue("rdmx6-jaaaa-aaaaa-aaadq-cai,rdmx6-jaaaa-aaaaa-aaadq-caa"));
  }

  @Test
  void shouldSplitTheSignerVariableAtCommasIgnoringBlanks() {
    Principal[] p = TrustedSigners.parseEnvironmentValue(" rdmx6-jaaaa-aaaaa-aaadq-cai ,\tryjl3-tyaaa-aaaaa-aaaba-cai,");
    assertArrayEquals(new Principal[] {II, OTHER_SIGNER}, p);
    assertEquals(List.of("a", "b c", "d"), EnvironmentList.split("a,, b c ,\td\t,"));
    assertEquals(List.of(), EnvironmentList.split(""));
  }

  @Test
  void shouldRefuseMalformedBundles() {
    assertReason(Reason.MALFORMED_BUNDLE, "Malformed attribute bundle: Candid: no DIDL magic at byte 0",
        () -> verifier().verify(CallerInfo.of(II, new byte[] {1, 2, 3}), USER, NOW, ACCEPT));
    assertReason(Reason.MALFORMED_BUNDLE, "Malformed attribute bundle: a TEXT value, not a MAP", () -> verify("text"));
    assertReason(Reason.MALFORMED_BUNDLE, "Malformed attribute bundle: implicit:origin is missing",
        () -> verify("no-origin"));
    assertReason(Reason.MALFORMED_BUNDLE, "Malformed attribute bundle: keys not sorted and unique: entry 2"
        + " \"implicit:nonce\" follows \"implicit:nonce\"", () -> verify("two-nonces"));
    assertReason(Reason.MALFORMED_BUNDLE, "Malformed attribute bundle: keys not sorted and unique: entry 1"
        + " \"implicit:nonce\" follows \"implicit:origin\"", () -> verify("unsorted"));
    assertReason(Reason.MALFORMED_BUNDLE, "Malformed attribute bundle: implicit:origin is a BLOB, not a TEXT",
        () -> verify("origin-blob"));
    assertReason(Reason.MALFORMED_BUNDLE,
        "Malformed attribute bundle: implicit:issued_at_timestamp_ns is a INT, not a NAT", () -> verify("time-int"));
    byte[] truncated = bundles.get("ok");
    byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 1);
    AttributeException e = assertThrows(AttributeException.class,
        () -> verifier().verify(CallerInfo.of(II, cut), USER, NOW, ACCEPT));
    assertEquals(Reason.MALFORMED_BUNDLE, e.reason());
    assertTrue(e.getMessage().startsWith("Malformed attribute bundle: Candid: "), e.getMessage());
  }

  @Test
  void shouldRefuseAnOriginThatIsNotExactlyAnExpectedOne() {
    assertReason(Reason.WRONG_ORIGIN,
        "Attribute origin \"https://evil.example\" is not one of the 1 expected origins.", () -> verify("wrong-origin"));
    assertReason(Reason.WRONG_ORIGIN, null, () -> verify("origin-slash"));
    VerifiedAttributes a = AttributeVerifier.create().trustedSigners(TrustedSigners.of(II))
        .expectedOrigins("https://other.example", Bundles.ORIGIN)
        .verify(CallerInfo.of(II, bundles.get("bare")), USER, NOW, ACCEPT);
    assertEquals(Bundles.ORIGIN, a.origin());
  }

  @Test
  void shouldAcceptExactlyTheFreshnessWindow() {
    assertEquals(NOW - 5 * MINUTE, verify("oldest-accepted").issuedAtNanos());
    assertEquals(NOW + MINUTE, verify("furthest-accepted").issuedAtNanos());
    assertReason(Reason.STALE,
        "Attributes issued at 1767225299999999999 ns are older than 300 s (now 1767225600000000000 ns).",
        () -> verify("old"));
    assertReason(Reason.ISSUED_IN_FUTURE,
        "Attributes issued at 1767225660000000001 ns, more than 60 s after now (1767225600000000000 ns).",
        () -> verify("future"));
    assertReason(Reason.ISSUED_IN_FUTURE,
        "Attributes issued at 18446744073709551616 ns, beyond the 64-bit range of ic0.time.",
        () -> verify("huge-time"));
    VerifiedAttributes strict = AttributeVerifier.create().trustedSigners(TrustedSigners.of(II))
        .expectedOrigins(Bundles.ORIGIN).freshness(MINUTE, 0)
        .verify(CallerInfo.of(II, bundles.get("bare")), USER, NOW + MINUTE, ACCEPT);
    assertEquals(NOW, strict.issuedAtNanos());
  }

  @Test
  void shouldRefuseANonceTheCheckRefuses() {
    assertReason(Reason.BAD_NONCE, "Attribute nonce refused: already consumed",
        () -> verifier().verify(CallerInfo.of(II, bundles.get("ok")), USER, NOW, (c, n, t) -> ConsumeOutcome.ALREADY_CONSUMED));
    // a check that answers nothing accepts nothing
    assertReason(Reason.BAD_NONCE, "Attribute nonce refused: null",
        () -> verifier().verify(CallerInfo.of(II, bundles.get("ok")), USER, NOW, (c, n, t) -> null));
  }

  @Test
  void shouldCheckTheNonceLastSoThatNoFailedCheckConsumesIt() {
    int[] calls = {0};
    NonceCheck counting = (c, n, t) -> {
      calls[0]++;
      return ConsumeOutcome.CONSUMED;
    };
    for (String b : List.of("old", "future", "wrong-origin", "two-nonces", "text")) {
      assertThrows(AttributeException.class,
          () -> verifier().verify(CallerInfo.of(II, bundles.get(b)), USER, NOW, counting));
    }
    assertEquals(0, calls[0]);
  }

  @Test
  void shouldRequireANonceCheckUnlessTheUnsafeMethodIsCalled() {
    assertThrows(IllegalArgumentException.class,
        () -> verifier().verify(CallerInfo.of(II, bundles.get("ok")), USER, NOW, null));
    assertEquals("alice@example.com",
        verifier().verifyWithoutNonceCheckUnsafe(CallerInfo.of(II, bundles.get("ok")), USER, NOW).unverifiedEmail());
  }

  @Test
  void shouldTrapOnMissingMistypedOrRepeatedRequestedAttributes() {
    VerifiedAttributes a = verify("ok");
    assertReason(Reason.MISSING_ATTRIBUTE, "Attribute verified_email is missing.", () -> a.requireText("verified_email"));
    assertReason(Reason.WRONG_ATTRIBUTE_TYPE, "Attribute age is a NAT, not TEXT.", () -> a.requireText("age"));
    assertReason(Reason.WRONG_ATTRIBUTE_TYPE, "Attribute age is a NAT, not TEXT.", () -> a.text("age"));
    assertReason(Reason.MISSING_ATTRIBUTE, null, () -> a.require("phone"));
    assertNull(a.get("phone"));
    // a repeated key: refused by the verifier under Internet Identity's limits (its keys are unique),
    // and by the accessor when the limits allow repeats
    assertReason(Reason.MALFORMED_BUNDLE, null, () -> verify("two-emails"));
    VerifiedAttributes twice = verifier().bundleLimits(BundleLimits.LENIENT)
        .verify(CallerInfo.of(II, bundles.get("two-emails")), USER, NOW, ACCEPT);
    assertReason(Reason.WRONG_ATTRIBUTE_TYPE, "Attribute email appears 2 times.", twice::unverifiedEmail);
  }

  /**
   * Internet Identity's limits (BundleLimits.INTERNET_IDENTITY), each at its bound and one past it:
   * 103 entries, keys of 1,046 bytes, values of 50,000, an origin of 255, nothing nested.
   */
  @Test
  void shouldRefuseWhatInternetIdentityNeverSigns() {
    assertEquals(103, verify("entries-103").bundle().size());
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: Candid: more values than the"
        + " decoding quota of 517 values at byte 1326", () -> verify("entries-104"));
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: Candid: a vector of 100003"
        + " values exceeds the decoding quota of 517 values at byte 58", () -> verify("entries-100000"));
    assertEquals("a@x", verify("key-1046").text("openid:https://" + "i".repeat(1016) + ":verified_email"));
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: a key of 1047 bytes; at most"
        + " 1046.", () -> verify("key-1047"));
    assertEquals(50_000, verify("value-50000").name().length());
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: a value of 50001 bytes; at"
        + " most 50000.", () -> verify("value-50001"));
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: an origin of 256 bytes; at"
        + " most 255.", () -> verify("origin-256"));
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: Candid: values nested deeper"
        + " than 5 at byte 180", () -> verify("nested"));
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: list is a ARRAY value; only"
        + " NAT, BLOB and TEXT values are signed.", () -> verify("empty-array"));
    assertReason(Reason.BEYOND_LIMITS, null, () -> verify("int-value"));
    // other limits for another signer
    assertEquals("a", verifier().bundleLimits(BundleLimits.LENIENT)
        .verify(CallerInfo.of(II, bundles.get("nested")), USER, NOW, ACCEPT).get("list").element(0).text());
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: a bundle of "
        + bundles.get("bare").length + " bytes; at most 100.", () -> verifier()
        .bundleLimits(BundleLimits.of(103, 1046, 255, 50_000, 100, true, true))
        .verify(CallerInfo.of(II, bundles.get("bare")), USER, NOW, ACCEPT));
    assertReason(Reason.BEYOND_LIMITS, "Attribute bundle beyond what its signer signs: 104 entries; at most 103.",
        () -> verifier().bundleLimits(BundleLimits.of(103, 1046, 255, 50_000, 1 << 20, true, false))
            .verify(CallerInfo.of(II, bundles.get("entries-104")), USER, NOW, ACCEPT));
  }

  @Test
  void shouldRequireExpectedOriginsToBeConfigured() {
    assertThrows(IllegalStateException.class,
        () -> AttributeVerifier.create().trustedSigners(TrustedSigners.of(II))
            .verify(CallerInfo.of(II, bundles.get("ok")), USER, NOW, ACCEPT));
  }
}
