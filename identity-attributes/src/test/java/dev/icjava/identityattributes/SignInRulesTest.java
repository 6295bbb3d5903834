package dev.icjava.identityattributes;

import static dev.icjava.testkit.reference.Icrc3Json.blob;
import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.map;
import static dev.icjava.testkit.reference.Icrc3Json.nat;
import static dev.icjava.testkit.reference.Icrc3Json.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.candid.Result;
import dev.icjava.runtime.CanisterTrap;
import dev.icjava.testkit.reference.NodeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the Motoko library (src/Internal/Verify.mo and Attributes.mo) on the JVM, with
 * bundles encoded by {@code @dfinity/candid}; the same rules run against the library itself in
 * samples' ProfilesDifferentialTest.
 */
class SignInRulesTest {
  static final long NOW = 1_767_225_600_000_000_000L;
  static final byte[] NONCE = new byte[32];
  static final String ORIGIN = "https://a.example";
  static final Map<String, String> ENV = Map.of("frontend_origins", ORIGIN + ",https://b.example",
      "trusted_sso_domains", "dfinity.org");
  static final List<String> JSON = new ArrayList<>();
  static List<NodeReference.Encoded> encoded;

  static int bundle(String... extra) {
    List<String> entries = new ArrayList<>(List.of(entry("implicit:nonce", blob(NONCE)),
        entry("implicit:origin", text(ORIGIN)), entry("implicit:issued_at_timestamp_ns", nat(Long.toString(NOW)))));
    entries.addAll(List.of(extra));
    JSON.add(map(entries.toArray(new String[0])));
    return JSON.size() - 1;
  }

  static final int PLAIN = bundle();
  static final int NAME_EMAIL = bundle(entry("name", text("Alice")), entry("verified_email", text("a@x")),
      entry("email", text("typed@x")));
  static final int SSO = bundle(entry("sso:dfinity.org:name", text("A")), entry("sso:dfinity.org:email", text("a@d")));
  static final int UNTRUSTED = bundle(entry("sso:evil.com:email", text("m@e")), entry("sso:aaa.org:name", nat("1")));
  static final int MIXED = bundle(entry("sso:dfinity.org:name", text("A")), entry("verified_email", nat("5")));
  static final int TWO_NAMES = bundle(entry("name", text("A")),
      entry("openid:https://login.microsoftonline.com/{tid}/v2.0:name", text("B")));
  static final int NESTED = bundle(entry("x", "{\"Array\":[]}"));
  static final int AHEAD = bundleAt(NOW + 60_000_000_001L);
  static final int BIG = bundleRaw(nat("18446744073709551616"));

  static int bundleAt(long t) {
    return bundleRaw(nat(Long.toString(t)));
  }

  static int bundleRaw(String issuedAt) {
    JSON.add(map(entry("implicit:nonce", blob(NONCE)), entry("implicit:origin", text(ORIGIN)),
        entry("implicit:issued_at_timestamp_ns", issuedAt)));
    return JSON.size() - 1;
  }

  @BeforeAll
  static void encode() {
    encoded = NodeReference.encodeIcrc3Values(JSON);
  }

  static Result<IdentityAttributes, SignInError> check(int bundle, Map<String, String> env) {
    return BundleCheck.check(encoded.get(bundle).message(),
        lists(env), NOW, (n, t) -> true);
  }

  /** The environment's lists as the canister reads them, from a map of variables. */
  static BundleCheck.Environment lists(Map<String, String> env) {
    return name -> AttributeRules.parseList(env.get(name));
  }

  static SignInError error(int bundle) {
    return ((Result.Err<IdentityAttributes, SignInError>) check(bundle, ENV)).error();
  }

  static IdentityAttributes ok(int bundle) {
    return ((Result.Ok<IdentityAttributes, SignInError>) check(bundle, ENV)).value();
  }

  @Test
  void shouldParseListsAsTheLibraryDoes() {
    assertEquals(List.of(), AttributeRules.parseList(null));
    assertEquals(List.of(), AttributeRules.parseList(""));
    assertEquals(List.of(), AttributeRules.parseList(",,"));
    assertEquals(List.of("a", " b ", "c"), AttributeRules.parseList(",a,, b ,c,"));
  }

  @Test
  void shouldSplitSsoKeysIntoExactlyThreeParts() {
    assertArrayEquals(new String[] {"dfinity.org", "email"}, AttributeRules.ssoKey("sso:dfinity.org:email"));
    assertArrayEquals(new String[] {"", ""}, AttributeRules.ssoKey("sso::"));
    assertNull(AttributeRules.ssoKey("sso:a:b:c"));
    assertNull(AttributeRules.ssoKey("sso:a"));
    assertNull(AttributeRules.ssoKey("openid:https://accounts.google.com:name"));
  }

  @Test
  void shouldTakeTheVerifiedEmailNeverTheTypedOne() {
    assertEquals(new IdentityAttributes(Optional.of("Alice"), Optional.of("a@x"), Optional.empty()), ok(NAME_EMAIL));
    assertEquals(new IdentityAttributes(Optional.empty(), Optional.empty(), Optional.empty()), ok(PLAIN));
    assertEquals(new IdentityAttributes(Optional.of("A"), Optional.of("a@d"), Optional.of("dfinity.org")), ok(SSO));
  }

  @Test
  void shouldRefuseAsTheLibraryDoes() {
    assertEquals(new SignInError.UntrustedSsoSource("evil.com"), error(UNTRUSTED));
    assertEquals(new SignInError.MixedSsoSources(List.of("sso:dfinity.org:name"), List.of("verified_email")),
        error(MIXED));
    assertEquals(new SignInError.AmbiguousAttribute("name",
        List.of("name", "openid:https://login.microsoftonline.com/{tid}/v2.0:name")), error(TWO_NAMES));
    assertEquals(new SignInError.FrontendOriginsNotConfigured(), ((Result.Err<IdentityAttributes, SignInError>)
        check(PLAIN, Map.of("frontend_origins", ","))).error());
    assertEquals(new SignInError.UnknownNonce(), ((Result.Err<IdentityAttributes, SignInError>)
        BundleCheck.check(encoded.get(PLAIN).message(), lists(ENV), NOW, (n, t) -> false)).error());
    assertEquals(new SignInError.Stale(300_000_000_001L), ((Result.Err<IdentityAttributes, SignInError>)
        BundleCheck.check(encoded.get(PLAIN).message(), lists(ENV), NOW + 300_000_000_001L, (n, t) -> true)).error());
  }

  @Test
  void shouldBeStricterWhereTheReadmeSays() {
    assertEquals(new SignInError.MalformedCandid(), error(NESTED));
    assertEquals(new SignInError.MalformedCandid(),
        ((Result.Err<IdentityAttributes, SignInError>) BundleCheck.check(new byte[] {1, 2}, lists(ENV), NOW,
            (n, t) -> true)).error());
    assertThrows(CanisterTrap.class, () -> check(AHEAD, ENV));
    assertThrows(CanisterTrap.class, () -> check(BIG, ENV));
  }
}
