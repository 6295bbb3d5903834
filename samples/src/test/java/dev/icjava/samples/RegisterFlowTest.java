package dev.icjava.samples;

import static dev.icjava.samples.Fixtures.II;
import static dev.icjava.samples.Fixtures.MINUTE;
import static dev.icjava.samples.Fixtures.ORIGIN;
import static dev.icjava.samples.Fixtures.UNTRUSTED;
import static dev.icjava.samples.Fixtures.email;
import static dev.icjava.samples.Fixtures.encode;
import static dev.icjava.testkit.reference.Icrc3Json.entry;
import static dev.icjava.testkit.reference.Icrc3Json.nat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.CanisterBuild;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.CanisterInstallException;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Replies;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * The sample's contract for {@code registerBegin} and {@code registerFinish}, end to end on the
 * compiled module in the local replica, with bundles encoded by {@code @dfinity/candid} and signed
 * (as the replica models it) by the Internet Identity backend.
 */
class RegisterFlowTest {
  static final byte[] ANONYMOUS = {4};
  static byte[] wasm;
  static byte[] otherBuild;
  static byte[] user;
  static byte[] other;
  static String userText;

  @BeforeAll
  static void setUp() throws Exception {
    wasm = Sample.whoami();
    Path out = Sample.directory().resolve("target/whoami-advanced");
    Files.createDirectories(out);
    otherBuild = Files.readAllBytes(new CanisterBuild()
        .canisterClass("dev.icjava.samples.WhoAmI")
        .classPath(List.of(Sample.directory().resolve("target/classes").toFile()))
        .outputDirectory(out)
        .name("whoami")
        .optimizationLevel(TeaVMOptimizationLevel.ADVANCED) // a different binary: another build
        .run());
    user = Demo.selfAuthenticating();
    other = Demo.selfAuthenticating();
    userText = NodeReference.principalTexts(List.of(user)).get(0);
  }

  static Canister install(Map<String, String> env) {
    return Sample.install(new LocalReplica(), env);
  }

  static Canister deployed() {
    return deployed(new LocalReplica());
  }

  /** Installed in {@code replica} as deployed: trusting the Internet Identity backend. */
  static Canister deployed(LocalReplica replica) {
    return Sample.deployed(replica);
  }

  static byte[] begin(Canister c, byte[] caller) {
    return Replies.blob(c.update("registerBegin", Request.from(caller)));
  }

  static CallResult finish(Canister c, byte[] caller, byte[] bundle, byte[] signer) {
    return c.update("registerFinish", Request.from(caller).withCallerInfo(bundle, signer));
  }

  /**
   * The integration guide's flow: the frontend asks for the nonce with an anonymous agent, then
   * signs in and presents Internet Identity's bundle as the user.
   */
  @Test
  void shouldRegisterOnceWithTheGuidesAnonymousNonceAndRefuseTheReplay() {
    LocalReplica replica = new LocalReplica();
    Canister c = deployed(replica);
    byte[] nonce = begin(c, ANONYMOUS);
    assertEquals(32, nonce.length); // II takes exactly 32 (ICRC3_NONCE_BYTES)
    byte[] b = encode(Icrc3Json.bundle(nonce, ORIGIN, replica.time(), email("alice@example.com")));
    assertEquals("Registered " + userText + " with email alice@example.com", Replies.text(finish(c, user, b, II)));
    assertEquals("Attribute nonce refused: already consumed", finish(c, user, b, II).trapMessage());
    byte[] sameNonceOtherUser = encode(Icrc3Json.bundle(nonce, ORIGIN, replica.time(), email("eve@example.com")));
    assertEquals("Attribute nonce refused: already consumed", finish(c, other, sameNonceOtherUser, II).trapMessage());
  }

  /** The registration is kept in stable memory: readable by a query, and after upgrades. */
  @Test
  void shouldKeepTheRegisteredEmailAcrossUpgrades() {
    LocalReplica replica = new LocalReplica();
    Canister c = deployed(replica);
    byte[] nonce = begin(c, ANONYMOUS);
    byte[] b = encode(Icrc3Json.bundle(nonce, ORIGIN, replica.time(), email("alice@example.com")));
    assertEquals("Registered " + userText + " with email alice@example.com", Replies.text(finish(c, user, b, II)));
    assertEquals(Optional.of("alice@example.com"), registeredEmail(c, user));
    for (int i = 0; i < 3; i++) {
      Sample.upgrade(c);
    }
    assertEquals(Optional.of("alice@example.com"), registeredEmail(c, user));
    assertEquals(Optional.empty(), registeredEmail(c, other));
  }

  static Optional<?> registeredEmail(Canister c, byte[] principal) {
    Object v = Replies.value(c.query("registeredEmail",
        Request.anonymous().withArg(ProfilesTest.principalArgument(principal))));
    return (Optional<?>) v;
  }

  /** Linking an email after sign-in: the signed-in user's nonce is bound to it. */
  @Test
  void shouldBindTheNonceOfASignedInUserToIt() {
    LocalReplica replica = new LocalReplica();
    Canister c = deployed(replica);
    byte[] nonce = begin(c, user);
    assertEquals(32, nonce.length);
    byte[] theirs = encode(Icrc3Json.bundle(nonce, ORIGIN, replica.time(), email("eve@example.com")));
    assertEquals("Attribute nonce refused: minted for another caller", finish(c, other, theirs, II).trapMessage());
    byte[] mine = encode(Icrc3Json.bundle(nonce, ORIGIN, replica.time(), email("alice@example.com")));
    assertEquals("Registered " + userText + " with email alice@example.com", Replies.text(finish(c, user, mine, II)));
  }

  @Test
  void shouldMintForTheAnonymousCallerButNeverRegisterIt() {
    LocalReplica replica = new LocalReplica();
    Canister c = deployed(replica);
    byte[] nonce = begin(c, ANONYMOUS);
    assertEquals("Anonymous principal not allowed.", c.update("registerFinish", Request.anonymous()).trapMessage());
    byte[] b = encode(Icrc3Json.bundle(nonce, ORIGIN, replica.time(), email("a@x")));
    assertEquals("Anonymous principal not allowed.", finish(c, ANONYMOUS, b, II).trapMessage());
    assertEquals("Registered " + userText + " with email a@x", Replies.text(finish(c, user, b, II)));
  }

  @Test
  void shouldTrapNamingEachRefusal() {
    LocalReplica replica = new LocalReplica();
    long now = replica.time();
    Canister c = deployed(replica);
    byte[] nonce = begin(c, user); // bound to user
    List<String> jsons = new ArrayList<>();
    jsons.add(Icrc3Json.bundle(nonce, ORIGIN, now, email("a@x")));                      // 0 ok
    jsons.add(Icrc3Json.bundle(nonce, "https://evil.example", now, email("a@x")));      // 1 origin
    jsons.add(Icrc3Json.bundle(nonce, ORIGIN, now - 5 * MINUTE - 1, email("a@x")));     // 2 stale
    jsons.add(Icrc3Json.bundle(nonce, ORIGIN, now + MINUTE + 1, email("a@x")));         // 3 future
    jsons.add(Icrc3Json.bundle(nonce, ORIGIN, now));                                     // 4 no email
    jsons.add(Icrc3Json.bundle(nonce, ORIGIN, now, entry("email", nat("1"))));           // 5 email not text
    jsons.add(Icrc3Json.bundle(new byte[32], ORIGIN, now, email("a@x")));                // 6 unknown nonce
    List<byte[]> b = new ArrayList<>();
    for (NodeReference.Encoded e : NodeReference.encodeIcrc3Values(jsons)) {
      b.add(e.message());
    }
    assertEquals("This call carries no identity attributes.", c.update("registerFinish", Request.from(user)).trapMessage());
    assertEquals("This call carries no identity attributes.", finish(c, user, b.get(0), new byte[0]).trapMessage());
    assertTrue(finish(c, user, b.get(0), UNTRUSTED).trapMessage().endsWith("which is not a trusted signer."));
    assertEquals("Attribute origin \"https://evil.example\" is not one of the 1 expected origins.",
        finish(c, user, b.get(1), II).trapMessage());
    assertTrue(finish(c, user, b.get(2), II).trapMessage().contains("are older than 300 s"));
    assertTrue(finish(c, user, b.get(3), II).trapMessage().contains("more than 60 s after now"));
    assertEquals("Attribute email is missing.", finish(c, user, b.get(4), II).trapMessage());
    assertEquals("Attribute email is a NAT, not TEXT.", finish(c, user, b.get(5), II).trapMessage());
    assertEquals("Attribute nonce refused: unknown nonce", finish(c, user, b.get(6), II).trapMessage());
    assertEquals("Attribute nonce refused: minted for another caller", finish(c, other, b.get(0), II).trapMessage());
    // Every refusal above was rolled back, the nonce consumption of the email checks included:
    assertEquals("Registered " + userText + " with email a@x", Replies.text(finish(c, user, b.get(0), II)));
  }

  @Test
  void shouldRefuseAnExpiredNonce() {
    LocalReplica replica = new LocalReplica();
    Canister c = deployed(replica);
    byte[] nonce = begin(c, user);
    replica.advanceTime(5 * MINUTE);
    byte[] b = encode(Icrc3Json.bundle(nonce, ORIGIN, replica.time(), email("a@x")));
    assertEquals("Attribute nonce refused: expired", finish(c, user, b, II).trapMessage());
  }

  @Test
  void shouldTrapWhenNoSignerIsConfiguredAndReadOriginsFromTheEnvironment() {
    LocalReplica replica = new LocalReplica();
    Canister unset = replica.install(wasm);
    byte[] nonce = begin(unset, user);
    byte[] b = encode(Icrc3Json.bundle(nonce, "https://app.example", replica.time(), email("a@x")));
    assertEquals("Environment variable trusted_attribute_signers is not set: no attribute signer is trusted.",
        finish(unset, user, b, II).trapMessage());
    Canister configured = replica.install(wasm, InstallOptions.defaults().environment(Map.of(
        "trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai",
        "frontend_origins", "https://app.example,https://www.app.example")));
    byte[] n2 = begin(configured, user);
    byte[] b2 = encode(Icrc3Json.bundle(n2, "https://app.example", replica.time(), email("a@x")));
    assertEquals("Registered " + userText + " with email a@x", Replies.text(finish(configured, user, b2, II)));
  }

  @Test
  void shouldKeepOutstandingNoncesOfBothKindsAcrossUpgradesToTheSameAndAnotherBuild() {
    LocalReplica replica = new LocalReplica();
    Canister c = deployed(replica);
    byte[] bound = begin(c, user);
    byte[] unbound = begin(c, ANONYMOUS);
    c.upgrade(wasm, new byte[] {'D', 'I', 'D', 'L', 0, 0});
    byte[] b1 = encode(Icrc3Json.bundle(bound, ORIGIN, replica.time(), email("a@x")));
    assertEquals("Registered " + userText + " with email a@x", Replies.text(finish(c, user, b1, II)));
    c.upgrade(otherBuild, new byte[0]);
    byte[] b2 = encode(Icrc3Json.bundle(unbound, ORIGIN, replica.time(), email("b@x")));
    assertEquals("Attribute nonce refused: already consumed", finish(c, user, b1, II).trapMessage());
    assertEquals("Registered " + userText + " with email b@x", Replies.text(finish(c, user, b2, II)));
    // the counter went on across both upgrades: a reset one would mint counter 1 again
    assertEquals(counter(unbound) + 1, counter(begin(c, ANONYMOUS)));
    assertEquals(counter(unbound) + 2, counter(begin(c, user)));
  }

  /**
   * An upgrade from the sample as released before layout 2 ({@code whoami-c081a35.wasm}: its
   * stable memory a version-1 store of 16-byte nonces) migrates the store in place: the counter
   * goes on, the old 16-byte nonces (which Internet Identity would never have signed) are refused,
   * new 32-byte ones register.
   */
  @Test
  void shouldMigrateTheStoreOfTheReleasedSampleOnUpgrade() throws Exception {
    byte[] released = Files.readAllBytes(Sample.directory().resolve("src/test/resources/released/whoami-c081a35.wasm"));
    LocalReplica replica = new LocalReplica();
    Canister c = replica.install(released, InstallOptions.defaults()
        .environment(Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai")));
    byte[] old = begin(c, user);
    begin(c, other);
    assertEquals(16, old.length);
    c.upgrade(wasm, new byte[] {'D', 'I', 'D', 'L', 0, 0});
    byte[] oldBundle = encode(Icrc3Json.bundle(old, ORIGIN, replica.time(), email("a@x")));
    assertEquals("Attribute nonce refused: unknown nonce", finish(c, user, oldBundle, II).trapMessage());
    byte[] fresh = begin(c, ANONYMOUS);
    assertEquals(3, counter(fresh)); // version 1 minted counters 1 and 2
    byte[] b = encode(Icrc3Json.bundle(fresh, ORIGIN, replica.time(), email("a@x")));
    assertEquals("Registered " + userText + " with email a@x", Replies.text(finish(c, user, b, II)));
  }

  /** The counter of a nonce: its first seven bytes, little-endian (the eighth is its kind). */
  static long counter(byte[] nonce) {
    long v = 0;
    for (int i = 6; i >= 0; i--) {
      v = (v << 8) | (nonce[i] & 0xFF);
    }
    return v;
  }

  @Test
  void shouldTrapOnArgumentsThatAreNotCandid() {
    Canister c = deployed();
    byte[][] bad = {new byte[0], {'D', 'I', 'D', 'L'}, {'D', 'I', 'D', 'L', 0, 0, 0}, {1, 2, 3}, {'D', 'I', 'D', 'L', 0, 1, 0x71, 1, (byte) 0xff}};
    for (byte[] arg : bad) {
      for (String m : List.of("protectedAction", "registerBegin", "registerFinish")) {
        CallResult r = c.update(m, Request.from(user).withArg(arg));
        assertInstanceOf(CallResult.Trap.class, r, m);
        assertTrue(r.trapMessage().startsWith("Candid: "), r.trapMessage());
      }
      assertTrue(c.query("whoAmI", Request.from(user).withArg(arg)).trapMessage().startsWith("Candid: "));
    }
    // a valid message with extra arguments is fine: () ignores them
    assertEquals("Action performed by " + userText,
        Replies.text(c.update("protectedAction", Request.from(user).withArg(new byte[] {'D', 'I', 'D', 'L', 0, 1, 0x7d, 5}))));
  }

  @Test
  void shouldInstallWithAnEmptyArgumentListOrNone() {
    new LocalReplica().install(wasm, InstallOptions.defaults().initArg(new byte[] {'D', 'I', 'D', 'L', 0, 0}));
    new LocalReplica().install(wasm, InstallOptions.defaults().initArg(new byte[0]));
  }
}
