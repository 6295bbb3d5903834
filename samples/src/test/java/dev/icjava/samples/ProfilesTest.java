package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.IcModuleValidator;
import dev.icjava.build.wasm.WasmSections;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Replies;
import dev.icjava.testkit.reference.Icrc3Json;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The profiles sample as built ({@code samples/target/profiles.wasm} and {@code .did}): its exports
 * and generated interface, checked by ic-wasm; the start method's nonces; whoAmI. The sign-in
 * itself, step by step beside DFINITY's Motoko library, is ProfilesDifferentialTest.
 */
class ProfilesTest {
  static final Path WASM = Sample.directory().resolve("target/profiles.wasm");
  static final Path DID = Sample.directory().resolve("target/profiles.did");

  @Test
  void shouldExportTheContractAndNothingElse() throws Exception {
    byte[] bytes = Files.readAllBytes(WASM);
    assertEquals(List.of(), IcModuleValidator.validate(bytes));
    List<String> exports = new ArrayList<>();
    for (Exports.Entry e : Exports.read(WasmSections.parse(bytes))) {
      exports.add(e.name());
    }
    exports.sort(null);
    // canister_pre_upgrade is the build's guard against upgrading with calls (raw_rand) outstanding;
    // the global timer and its executor run the library's timer that seeds the nonce store
    assertEquals(List.of("canister_global_timer", "canister_init", "canister_post_upgrade", "canister_pre_upgrade",
        "canister_query getProfile", "canister_query whoAmI", "canister_update <icjava internal> timer",
        "canister_update _internet_identity_sign_in_finish", "canister_update _internet_identity_sign_in_start"),
        exports);
  }

  @Test
  void shouldGenerateTheLibrarysInterface() throws Exception {
    String did = Files.readString(DID);
    assertTrue(did.contains("_internet_identity_sign_in_start : () -> (blob);"), did);
    assertTrue(did.contains("_internet_identity_sign_in_finish : () -> (variant { ok; err : Error; });"), did);
    assertTrue(did.contains("getProfile : (principal) -> (opt IdentityAttributes) query;"), did);
    assertTrue(did.contains("whoAmI : () -> (text) query;"), did);
    assertTrue(did.contains("MissingField : text;"), did);
    assertTrue(did.contains("Stale : record { ageNs : nat; };"), did);
  }

  @Test
  void shouldMatchItsCandidInterfaceAccordingToIcWasm() throws Exception {
    assertTrue(new File(WhoAmIModuleTest.IC_WASM).canExecute(), "ic-wasm missing: run npm ci in tools/node");
    String out = WhoAmIModuleTest.run(WhoAmIModuleTest.IC_WASM, WASM.toString(), "check-endpoints", "--candid",
        DID.toString(), "--hidden", "src/main/candid/profiles.hidden");
    assertTrue(out.contains("match"), out);
  }

  @Test
  void shouldBeSeededByTheLibraryTimerInTheRoundAfterTheInstall() throws Exception {
    LocalReplica replica = new LocalReplica();
    Canister c = replica.install(Files.readAllBytes(WASM),
        InstallOptions.defaults().environment(Map.of("frontend_origins", "https://a.example")));
    replica.tick(); // init opened the store (SIGN_IN.open()), which set the timer that seeds it
    CallResult first = c.update("_internet_identity_sign_in_start", Request.anonymous());
    assertEquals(1, first.messages(), "seeded before the first start: no call");
    assertEquals(32, Replies.blob(first).length);
  }

  @Test
  void shouldAwaitRawRandBeforeTheFirstNonceOnlyAndMintUnboundNonces() throws Exception {
    LocalReplica replica = new LocalReplica();
    replica.setRandomSeed("profiles".getBytes(StandardCharsets.UTF_8));
    Canister c = replica.install(Files.readAllBytes(WASM),
        InstallOptions.defaults().environment(Map.of("frontend_origins", "https://a.example")));
    CallResult first = c.update("_internet_identity_sign_in_start", Request.anonymous());
    CallResult second = c.update("_internet_identity_sign_in_start", Request.from(Fixtures.USER));
    assertTrue(first.executions().stream().anyMatch(e -> e.entry().equals("raw_rand")), first.executions().toString());
    assertEquals(1, second.messages(), "seeded: no call");
    byte[] a = Replies.blob(first);
    byte[] b = Replies.blob(second);
    assertEquals(32, a.length);
    assertEquals(32, b.length);
    assertFalse(Arrays.equals(a, b));
    assertEquals(1, a[7], "unbound (kind 1), as the anonymous frontend asks");
    assertEquals(1, b[7], "unbound even for a signed-in caller, as the library's nonces are");
    c.upgrade(Files.readAllBytes(WASM), new byte[] {'D', 'I', 'D', 'L', 0, 0});
    CallResult afterUpgrade = c.update("_internet_identity_sign_in_start", Request.anonymous());
    assertTrue(afterUpgrade.executions().stream().anyMatch(e -> e.entry().equals("raw_rand")),
        "a new instance seeds again");
    assertEquals(Fixtures.USER_TEXT, Replies.text(c.query("whoAmI", Request.from(Fixtures.USER))));
  }

  /** {@code (principal)}, Candid-encoded by hand: no type table, one argument of type principal. */
  static byte[] principalArgument(byte[] principal) {
    byte[] head = {'D', 'I', 'D', 'L', 0, 1, 0x68, 1, (byte) principal.length};
    byte[] a = Arrays.copyOf(head, head.length + principal.length);
    System.arraycopy(principal, 0, a, head.length, principal.length);
    return a;
  }

  @Test
  void shouldKeepAProfileAcrossUpgrades() throws Exception {
    LocalReplica replica = new LocalReplica();
    byte[] wasm = Files.readAllBytes(WASM);
    Canister c = replica.install(wasm, InstallOptions.defaults().environment(
        Map.of("frontend_origins", Fixtures.ORIGIN, "trusted_attribute_signers", Fixtures.II_TEXT)));
    byte[] nonce = Replies.blob(c.update("_internet_identity_sign_in_start", Request.anonymous()));
    byte[] bundle = Fixtures.encode(Icrc3Json.bundle(nonce, Fixtures.ORIGIN, replica.time(),
        Icrc3Json.entry("name", Icrc3Json.text("Alice")),
        Icrc3Json.entry("verified_email", Icrc3Json.text("alice@example.com"))));
    CallResult finish = c.update("_internet_identity_sign_in_finish",
        Request.from(Fixtures.USER).withCallerInfo(bundle, Fixtures.II));
    assertTrue(finish instanceof CallResult.Reply, finish.toString());
    String before = String.valueOf(Replies.value(
        c.query("getProfile", Request.anonymous().withArg(principalArgument(Fixtures.USER)))));
    assertTrue(before.contains("alice@example.com") && before.contains("Alice"), before);
    for (int i = 0; i < 3; i++) {
      c.upgrade(wasm, new byte[] {'D', 'I', 'D', 'L', 0, 0});
    }
    assertEquals(before, String.valueOf(Replies.value(
        c.query("getProfile", Request.anonymous().withArg(principalArgument(Fixtures.USER))))));
    assertEquals(String.valueOf(Optional.empty()), String.valueOf(Replies.value(
        c.query("getProfile", Request.anonymous().withArg(principalArgument(Fixtures.OTHER_USER))))));
  }
}
