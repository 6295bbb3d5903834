package dev.icjava.attributes;

import static dev.icjava.attributes.Bundles.standard;
import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.nat;
import static dev.icjava.testkit.reference.Icrc3Json.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every outcome of the verifier inside a TeaVM-compiled canister ({@code AttributesProbe}), with
 * caller info and environment variables set by the local replica, and bundles from
 * {@code @dfinity/candid}.
 */
class AttributesProbeTest {
  static final Principal II = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai");
  static final byte[] USER = Principal.selfAuthenticating(new byte[] {9}).bytes();
  static final byte[] NONCE = HexFormat.of().parseHex(Bundles.NONCE_HEX);
  static final long NOW = LocalReplica.DEFAULT_TIME;
  static final long MINUTE = 60_000_000_000L;
  static byte[] wasm;
  static Bundles bundles;

  @BeforeAll
  static void build() throws Exception {
    wasm = Probes.build("dev.icjava.attributes.probe.AttributesProbe", "attributes-probe");
    bundles =
        new Bundles()
            .add("ok", standard(NOW, entry("email", text("alice@example.com"))))
            .add("other-origin", standard(NOW).replace(Bundles.ORIGIN, "https://other.example"))
            .add("stale", standard(NOW - 6 * MINUTE))
            .add("future", standard(NOW + 2 * MINUTE))
            .add("text", text("x"))
            .add("no-email", standard(NOW, entry("name", text("Alice"))))
            .add("email-nat", standard(NOW, entry("email", nat("5"))))
            .encode();
  }

  static Canister install(Map<String, String> env) {
    return new LocalReplica().install(wasm, InstallOptions.defaults().environment(env));
  }

  static Canister trusting() {
    return install(Map.of("trusted_attribute_signers", "aaaaa-aa, " + II.toText()));
  }

  static CallResult verify(Canister c, String bundle, byte[] signer) {
    Request call = Request.from(USER).withArg(NONCE);
    if (bundle != null) {
      call = call.withCallerInfo(bundles.get(bundle), signer);
    }
    return c.update("verify", call);
  }

  @Test
  void shouldVerifyATrustedFreshBundleAndReadTheOriginDefaultFromCode() {
    CallResult r = verify(trusting(), "ok", II.bytes());
    assertEquals(Principal.fromBytes(USER).toText() + " https://your-app.icp0.io alice@example.com", Replies.text(r));
  }

  @Test
  void shouldReadExpectedOriginsFromTheEnvironment() {
    Canister c = install(Map.of("trusted_attribute_signers", II.toText(),
        "frontend_origins", "https://x.example, https://other.example"));
    assertTrue(Replies.text(verify(c, "other-origin", II.bytes())).contains("https://other.example"));
    assertEquals("Attribute origin \"https://your-app.icp0.io\" is not one of the 2 expected origins.",
        verify(c, "ok", II.bytes()).trapMessage());
  }

  @Test
  void shouldTrapWithTheReasonForEveryRefusal() {
    Canister c = trusting();
    assertEquals("This call carries no identity attributes.", verify(c, null, null).trapMessage());
    assertEquals("Attributes signed by ryjl3-tyaaa-aaaaa-aaaba-cai, which is not a trusted signer.",
        verify(c, "ok", Principal.fromText("ryjl3-tyaaa-aaaaa-aaaba-cai").bytes()).trapMessage());
    assertEquals("Attributes presented by the anonymous principal, as which anyone can call.",
        c.update("verify", Request.anonymous().withArg(NONCE).withCallerInfo(bundles.get("ok"), II.bytes())).trapMessage());
    assertEquals("Malformed attribute bundle: a TEXT value, not a MAP", verify(c, "text", II.bytes()).trapMessage());
    assertEquals("Malformed attribute bundle: Candid: no DIDL magic at byte 0",
        c.update("verify", Request.from(USER).withArg(NONCE).withCallerInfo(new byte[] {1}, II.bytes())).trapMessage());
    assertEquals("Attribute origin \"https://other.example\" is not one of the 1 expected origins.",
        verify(c, "other-origin", II.bytes()).trapMessage());
    assertEquals("Attributes issued at 1767225240000000000 ns are older than 300 s (now 1767225600000000000 ns).",
        verify(c, "stale", II.bytes()).trapMessage());
    assertEquals("Attributes issued at 1767225720000000000 ns, more than 60 s after now (1767225600000000000 ns).",
        verify(c, "future", II.bytes()).trapMessage());
    assertEquals("Attribute nonce refused: unknown nonce",
        c.update("verify", Request.from(USER).withArg(new byte[] {1}).withCallerInfo(bundles.get("ok"), II.bytes()))
            .trapMessage());
  }

  @Test
  void shouldTrapOnAMissingOrMistypedRequestedAttribute() {
    Canister c = trusting();
    assertEquals("alice@example.com",
        Replies.text(c.update("email", Request.from(USER).withArg(NONCE).withCallerInfo(bundles.get("ok"), II.bytes()))));
    assertEquals("Attribute email is missing.",
        c.update("email", Request.from(USER).withArg(NONCE).withCallerInfo(bundles.get("no-email"), II.bytes())).trapMessage());
    assertEquals("Attribute email is a NAT, not TEXT.",
        c.update("email", Request.from(USER).withArg(NONCE).withCallerInfo(bundles.get("email-nat"), II.bytes())).trapMessage());
  }

  @Test
  void shouldTrapWhenTheSignerVariableIsUnsetEmptyOrInvalid() {
    assertEquals("Environment variable trusted_attribute_signers is not set: no attribute signer is trusted.",
        verify(install(Map.of()), "ok", II.bytes()).trapMessage());
    assertEquals("Environment variable trusted_attribute_signers lists no principal: no attribute signer is trusted.",
        verify(install(Map.of("trusted_attribute_signers", " ")), "ok", II.bytes()).trapMessage());
    assertTrue(verify(install(Map.of("trusted_attribute_signers", "not-a-principal")), "ok", II.bytes())
        .trapMessage().startsWith("Environment variable trusted_attribute_signers: entry 1 \"not-a-principal\""));
  }

  @Test
  void shouldHandOutTrustedDataOnlyAsMoCoreDoes() {
    Canister c = trusting();
    CallResult none = c.update("trustedData", Request.from(USER));
    assertEquals("none", Replies.text(none));
    CallResult ok = c.update("trustedData", Request.from(USER).withCallerInfo(new byte[] {7, 7}, II.bytes()));
    assertArrayEquals(new byte[] {7, 7}, Replies.blob(ok));
    assertEquals("Attributes signed by ryjl3-tyaaa-aaaaa-aaaba-cai, which is not a trusted signer.",
        c.update("trustedData", Request.from(USER).withCallerInfo(new byte[] {7},
            Principal.fromText("ryjl3-tyaaa-aaaaa-aaaba-cai").bytes())).trapMessage());
  }
}
