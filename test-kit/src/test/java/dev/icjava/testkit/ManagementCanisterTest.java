package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.TestModule.Code;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The management canister's methods, one test per operation with its refusals, called as a user's
 * ingress message (the HTTP replica's {@code IngressFilter} adds the IC's ingress checks in front).
 * Arguments are written at ic.did's types (dfinity/portal {@code docs/references/_attachments/ic.did}
 * at 0484f2cf; {@code IcCandidReferenceTest} checks that codec against {@code @dfinity/candid}); refusals are compared with the IC's texts (dfinity/ic {@code
 * rs/execution_environment/src/canister_manager/types.rs} at 7d782b8b).
 */
class ManagementCanisterTest {
  static final byte[] ALICE = user(1);
  static final byte[] BOB = user(2);
  static final byte[] NONE = {};
  static final String DOCS = "https://internetcomputer.org/docs/current/references/execution-errors#";

  // ---- ic.did's argument types ----

  static final IcCandid.Type P = IcCandid.principal();
  static final IcCandid.Type ENV_VAR = IcCandid.record("name", IcCandid.text(), "value", IcCandid.text());
  static final IcCandid.Type SETTINGS = IcCandid.record("controllers", IcCandid.opt(IcCandid.vec(P)),
      "compute_allocation", IcCandid.opt(IcCandid.nat()), "freezing_threshold", IcCandid.opt(IcCandid.nat()),
      "environment_variables", IcCandid.opt(IcCandid.vec(ENV_VAR)));
  static final IcCandid.Type PROVISIONAL = IcCandid.record("amount", IcCandid.opt(IcCandid.nat()),
      "settings", IcCandid.opt(SETTINGS), "specified_id", IcCandid.opt(P),
      "sender_canister_version", IcCandid.opt(IcCandid.nat64()));
  static final IcCandid.Type ID = IcCandid.record("canister_id", P);
  static final IcCandid.Type MODE = IcCandid.variant("install", IcCandid.nul(), "reinstall", IcCandid.nul(),
      "upgrade", IcCandid.opt(IcCandid.record("skip_pre_upgrade", IcCandid.opt(IcCandid.bool()),
          "wasm_memory_persistence", IcCandid.opt(IcCandid.variant("keep", IcCandid.nul(), "replace", IcCandid.nul())))));
  static final IcCandid.Type INSTALL = IcCandid.record("mode", MODE, "canister_id", P, "wasm_module", IcCandid.blob(),
      "arg", IcCandid.blob(), "sender_canister_version", IcCandid.opt(IcCandid.nat64()));
  static final IcCandid.Type UPDATE = IcCandid.record("canister_id", P, "settings", SETTINGS,
      "sender_canister_version", IcCandid.opt(IcCandid.nat64()));
  static final IcCandid.Type UPLOAD = IcCandid.record("canister_id", P, "chunk", IcCandid.blob());
  static final IcCandid.Type CHUNKED = IcCandid.record("mode", MODE, "target_canister", P, "store_canister",
      IcCandid.opt(P), "chunk_hashes_list", IcCandid.vec(IcCandid.record("hash", IcCandid.blob())),
      "wasm_module_hash", IcCandid.blob(), "arg", IcCandid.blob(), "sender_canister_version",
      IcCandid.opt(IcCandid.nat64()));
  static final IcCandid.Type TOP_UP = IcCandid.record("canister_id", P, "amount", IcCandid.nat());
  static final IcCandid.Type UNINSTALL = IcCandid.record("canister_id", P);
  static final byte[] EMPTY = {'D', 'I', 'D', 'L', 0, 0};

  static byte[] encode(IcCandid.Type t, Object... nameThenValue) {
    return IcCandid.encode(t, IcCandid.rec(nameThenValue));
  }

  static Object settings(List<byte[]> controllers, Long freezing, String envName, String envValue) {
    return IcCandid.rec(
        "controllers", controllers == null ? null : new ArrayList<Object>(controllers),
        "freezing_threshold", freezing == null ? null : BigInteger.valueOf(freezing),
        "environment_variables", envName == null ? null : List.of(IcCandid.rec("name", envName, "value", envValue)));
  }

  // ---- a small canister: init marks stable memory, env replies $greeting, stable replies the stable size ----

  static byte[] module(String tag) {
    TestModule m = new TestModule();
    int valueSize = m.importIc0("env_var_value_size", new byte[] {TestModule.I32, TestModule.I32},
        new byte[] {TestModule.I32});
    int valueCopy = m.importIc0("env_var_value_copy", new byte[] {TestModule.I32, TestModule.I32, TestModule.I32,
        TestModule.I32, TestModule.I32}, new byte[0]);
    int append = m.importIc0("msg_reply_data_append", new byte[] {TestModule.I32, TestModule.I32}, new byte[0]);
    int reply = m.importIc0("msg_reply", new byte[0], new byte[0]);
    int grow = m.importIc0("stable64_grow", new byte[] {TestModule.I64}, new byte[] {TestModule.I64});
    int write = m.importIc0("stable64_write", new byte[] {TestModule.I64, TestModule.I64, TestModule.I64}, new byte[0]);
    int size = m.importIc0("stable64_size", new byte[0], new byte[] {TestModule.I64});
    Code env = new Code().i32(100).i32(8).call(valueSize).localSet(0)
        .i32(100).i32(8).i32(200).i32(0).localGet(0).call(valueCopy)
        .i32(200).localGet(0).call(append).call(reply);
    Code init = new Code().i64(1).call(grow).drop().i64(0).i64(110).i64(4).call(write);
    Code stable = new Code().i32(300).call(size).i64Store().i32(300).i32(8).call(append).call(reply);
    m.export("canister_query env", m.function(new byte[0], new byte[0], new byte[] {TestModule.I32}, env));
    m.export("canister_init", m.function(init));
    m.export("canister_update stable", m.function(stable));
    m.export("canister_update ping", m.function(new Code().call(reply)));
    m.data(100, "greeting".getBytes(StandardCharsets.US_ASCII)).data(110, "mark".getBytes(StandardCharsets.US_ASCII))
        .data(400, tag.getBytes(StandardCharsets.US_ASCII));
    return m.bytes();
  }

  // ---- calls ----

  final LocalReplica replica = new LocalReplica();

  CallResult call(byte[] caller, String method, byte[] arg) {
    Ingress ingress = replica.submit(NONE, method, Request.from(caller).withArg(arg));
    replica.runUntilIdle();
    return ingress.result();
  }

  IcCandid.Value ok(byte[] caller, String method, byte[] arg) {
    CallResult r = call(caller, method, arg);
    assertInstanceOf(CallResult.Reply.class, r, method + ": " + r);
    return IcCandid.decode(r.replyBytes());
  }

  CallResult.Reject refused(byte[] caller, String method, byte[] arg) {
    CallResult r = call(caller, method, arg);
    return assertInstanceOf(CallResult.Reject.class, r, method + ": " + r);
  }

  byte[] create(byte[] caller) {
    return ok(caller, "provisional_create_canister_with_cycles", encode(PROVISIONAL)).field("canister_id").principal();
  }

  void install(byte[] caller, byte[] id, String mode, byte[] wasm) {
    ok(caller, "install_code", installArg(id, mode, wasm, null));
  }

  static byte[] installArg(byte[] id, String mode, byte[] wasm, Object upgradeFlags) {
    return encode(INSTALL, "mode", new IcCandid.Tag(mode, upgradeFlags), "canister_id", id, "wasm_module", wasm,
        "arg", EMPTY);
  }

  IcCandid.Value status(byte[] caller, byte[] id) {
    return ok(caller, "canister_status", encode(ID, "canister_id", id));
  }

  static String notController(byte[] id, byte[] controller, byte[] sender) {
    return "Only the controllers of the canister " + PrincipalTexts.format(id) + " can control it.\n"
        + "Canister's controllers: " + PrincipalTexts.format(controller) + "\nSender's ID: "
        + PrincipalTexts.format(sender) + "\nExecute this call from a controller of the target canister or add the"
        + " current caller as a controller. See documentation: " + DOCS + "invalid-controller";
  }

  // ---- tests ----

  @Test
  void shouldCreateCanistersInTheApplicationSubnetsRangeWithTheCallerAsController() {
    byte[] first = create(ALICE);
    byte[] second = create(ALICE);
    // icp-cli's docs print these for a local network's canisters (docs/concepts/canister-discovery.md @ 0335217e)
    assertEquals("bnz7o-iuaaa-aaaaa-qaaaa-cai", PrincipalTexts.format(first));
    assertEquals("bkyz2-fmaaa-aaaaa-qaaaq-cai", PrincipalTexts.format(second));
    IcCandid.Value s = status(ALICE, first);
    assertTrue(s.field("status").is("running"));
    assertTrue(s.field("module_hash").isNull());
    assertEquals(BigInteger.valueOf(100_000_000_000_000L), s.field("cycles").nat());
    assertArrayEquals(ALICE, s.field("settings").field("controllers").element(0).principal());
    assertEquals(BigInteger.valueOf(2_592_000), s.field("settings").field("freezing_threshold").nat());
    assertEquals(BigInteger.valueOf(3L << 30), s.field("settings").field("wasm_memory_limit").nat());
  }

  @Test
  void shouldCreateAtASpecifiedIdOnlyOnce() {
    byte[] ii = PrincipalTexts.parse("rdmx6-jaaaa-aaaaa-aaadq-cai");
    byte[] args = encode(PROVISIONAL, "amount", BigInteger.valueOf(7), "specified_id", ii);
    assertArrayEquals(ii, ok(BOB, "provisional_create_canister_with_cycles", args).field("canister_id").principal());
    assertEquals(BigInteger.valueOf(7), status(BOB, ii).field("cycles").nat());
    CallResult.Reject again = refused(BOB, "provisional_create_canister_with_cycles", args);
    assertEquals("Unsuccessful canister creation: canister id rdmx6-jaaaa-aaaaa-aaadq-cai already exists.",
        again.message());
    assertEquals("IC0205", again.errorCode());
  }

  @Test
  void shouldRefuseCreateCanisterAndRawRandFromIngress() {
    CallResult.Reject r = refused(ALICE, "create_canister",
        encode(IcCandid.record("settings", IcCandid.opt(SETTINGS))));
    assertEquals("ic00 method create_canister can not be called via ingress messages", r.message());
    assertEquals(4, r.code());
    assertEquals("IC0406", refused(ALICE, "raw_rand", EMPTY).errorCode());
    assertEquals("IC0406", refused(ALICE, "deposit_cycles", encode(ID, "canister_id", create(ALICE))).errorCode());
  }

  @Test
  void shouldInstallOnlyForAControllerAndOnlyIntoAnEmptyCanister() {
    byte[] id = create(ALICE);
    CallResult.Reject stranger = refused(BOB, "install_code", installArg(id, "install", module("a"), null));
    assertEquals(notController(id, ALICE, BOB), stranger.message());
    assertEquals(5, stranger.code());
    assertEquals("IC0512", stranger.errorCode());
    install(ALICE, id, "install", module("a"));
    Canister c = replica.canister(id);
    assertArrayEquals(new byte[] {'m', 'a', 'r', 'k'}, Arrays.copyOf(c.stableMemory(), 4));
    assertArrayEquals(sha256(module("a")), status(ALICE, id).field("module_hash").opt().blob());
    CallResult.Reject twice = refused(ALICE, "install_code", installArg(id, "install", module("a"), null));
    assertEquals("Canister " + PrincipalTexts.format(id) + " cannot be installed because the canister is not empty."
        + " Try installing with mode='reinstall' instead.\nCheck that you want to overwrite the canister and, if so,"
        + " use mode='reinstall'. See documentation: " + DOCS + "canister-not-empty", twice.message());
    assertEquals("IC0514", twice.errorCode());
  }

  @Test
  void shouldUpgradeKeepingStableMemoryAndReinstallWipingIt() {
    byte[] id = create(ALICE);
    install(ALICE, id, "install", module("a"));
    ok(ALICE, "install_code", installArg(id, "upgrade", module("b"),
        IcCandid.rec("skip_pre_upgrade", Boolean.TRUE)));
    assertArrayEquals(sha256(module("b")), status(ALICE, id).field("module_hash").opt().blob());
    assertEquals(1, replica.canister(id).stableMemory().length / 65_536, "stable memory kept by the upgrade");
    assertEquals(2L, status(ALICE, id).field("version").nat().longValue());
    install(ALICE, id, "reinstall", module("c"));
    // the init of the new module grew stable memory again from nothing: one page, not two
    assertEquals(1, replica.canister(id).stableMemory().length / 65_536);
    assertEquals(5, refused(BOB, "install_code", installArg(id, "upgrade", module("d"), null)).code());
  }

  @Test
  void shouldInstallFromChunksWhoseHashesMatch() {
    byte[] id = create(ALICE);
    byte[] wasm = module("chunked");
    byte[] a = Arrays.copyOfRange(wasm, 0, 100);
    byte[] b = Arrays.copyOfRange(wasm, 100, wasm.length);
    assertArrayEquals(sha256(a), ok(ALICE, "upload_chunk", encode(UPLOAD, "canister_id", id, "chunk", a)).field("hash").blob());
    ok(ALICE, "upload_chunk", encode(UPLOAD, "canister_id", id, "chunk", b));
    assertEquals(2, ok(ALICE, "stored_chunks", encode(ID, "canister_id", id)).size());
    assertEquals("IC0512", refused(BOB, "upload_chunk", encode(UPLOAD, "canister_id", id, "chunk", a)).errorCode());
    assertEquals("IC0512", refused(BOB, "stored_chunks", encode(ID, "canister_id", id)).errorCode());
    List<Object> hashes = List.of(IcCandid.rec("hash", sha256(a)), IcCandid.rec("hash", sha256(b)));
    CallResult.Reject wrong = refused(ALICE, "install_chunked_code", encode(CHUNKED, "mode",
        new IcCandid.Tag("install", null), "target_canister", id, "chunk_hashes_list", hashes, "wasm_module_hash",
        sha256(a), "arg", EMPTY));
    assertTrue(wrong.message().startsWith("Error from Wasm chunk store: Wasm module hash "), wrong.message());
    ok(ALICE, "install_chunked_code", encode(CHUNKED, "mode", new IcCandid.Tag("install", null), "target_canister", id,
        "chunk_hashes_list", hashes, "wasm_module_hash", sha256(wasm), "arg", EMPTY));
    assertArrayEquals(sha256(wasm), status(ALICE, id).field("module_hash").opt().blob());
    assertEquals("IC0512", refused(BOB, "clear_chunk_store", encode(ID, "canister_id", id)).errorCode());
    ok(ALICE, "clear_chunk_store", encode(ID, "canister_id", id));
    assertEquals(0, ok(ALICE, "stored_chunks", encode(ID, "canister_id", id)).size());
  }

  @Test
  void shouldApplySettingsFromTheNextMessageAndReportThem() {
    byte[] id = create(ALICE);
    install(ALICE, id, "install", module("a"));
    assertEquals("IC0512", refused(BOB, "update_settings", encode(UPDATE, "canister_id", id, "settings", settings(null, 1L, null, null)))
        .errorCode());
    ok(ALICE, "update_settings", encode(UPDATE, "canister_id", id, "settings", settings(null, 86_400L, "greeting", "hello")));
    CallResult r = replica.canister(id).query("env", Request.anonymous());
    assertEquals("hello", new String(r.replyBytes(), StandardCharsets.UTF_8));
    IcCandid.Value s = status(ALICE, id).field("settings");
    assertEquals(BigInteger.valueOf(86_400), s.field("freezing_threshold").nat());
    assertEquals("greeting", s.field("environment_variables").element(0).field("name").text());
    // controllers: Bob takes over, Alice loses control
    ok(ALICE, "update_settings", encode(UPDATE, "canister_id", id, "settings", settings(List.of(BOB), null, null, null)));
    assertEquals(notController(id, BOB, ALICE), refused(ALICE, "canister_status", encode(ID, "canister_id", id)).message());
    assertArrayEquals(BOB, status(BOB, id).field("settings").field("controllers").element(0).principal());
  }

  @Test
  void shouldRejectCallsToAStoppedCanisterAndDeleteOnlyAStoppedOne() {
    byte[] id = create(ALICE);
    install(ALICE, id, "install", module("a"));
    assertEquals("IC0512", refused(BOB, "stop_canister", encode(ID, "canister_id", id)).errorCode());
    CallResult.Reject running = refused(ALICE, "delete_canister", encode(ID, "canister_id", id));
    assertEquals("Canister " + PrincipalTexts.format(id) + " must be stopped before it is deleted.\nStop the canister"
        + " before deleting it. See documentation: " + DOCS + "delete-canister-not-stopped", running.message());
    assertEquals("IC0510", running.errorCode());
    ok(ALICE, "stop_canister", encode(ID, "canister_id", id));
    assertTrue(status(ALICE, id).field("status").is("stopped"));
    CallResult.Reject stopped = assertInstanceOf(CallResult.Reject.class, replica.canister(id).update("ping", Request.anonymous()));
    assertEquals("Canister " + PrincipalTexts.format(id) + " is not running", stopped.message());
    assertEquals("IC0508", stopped.errorCode());
    assertEquals("IC0512", refused(BOB, "start_canister", encode(ID, "canister_id", id)).errorCode());
    ok(ALICE, "start_canister", encode(ID, "canister_id", id));
    assertInstanceOf(CallResult.Reply.class, replica.canister(id).update("ping", Request.anonymous()));
    ok(ALICE, "stop_canister", encode(ID, "canister_id", id));
    assertEquals("IC0512", refused(BOB, "delete_canister", encode(ID, "canister_id", id)).errorCode());
    ok(ALICE, "delete_canister", encode(ID, "canister_id", id));
    CallResult.Reject gone = refused(ALICE, "canister_status", encode(ID, "canister_id", id));
    assertEquals("Canister " + PrincipalTexts.format(id) + " not found.\nCheck the ICP dashboard to ensure the canister"
        + " exists. See documentation: " + DOCS + "canister-not-found", gone.message());
    assertEquals(3, gone.code());
    assertNull(replica.canister(id));
  }

  @Test
  void shouldUninstallLeavingAnEmptyCanisterThatRejectsCalls() {
    byte[] id = create(ALICE);
    install(ALICE, id, "install", module("a"));
    assertEquals("IC0512", refused(BOB, "uninstall_code", encode(UNINSTALL, "canister_id", id))
        .errorCode());
    ok(ALICE, "uninstall_code", encode(UNINSTALL, "canister_id", id));
    assertTrue(status(ALICE, id).field("module_hash").isNull());
    Ingress ingress = replica.submit(id, "ping", Request.anonymous());
    replica.runUntilIdle();
    CallResult.Reject empty = assertInstanceOf(CallResult.Reject.class, ingress.result());
    assertEquals("Error from Canister " + PrincipalTexts.format(id)
        + ": Attempted to execute a message, but the canister contains no Wasm module.", empty.message());
    assertEquals("IC0537", empty.errorCode());
    install(ALICE, id, "install", module("again"));
  }

  @Test
  void shouldTopUpAnyCanisterProvisionally() {
    byte[] id = create(ALICE);
    ok(BOB, "provisional_top_up_canister", encode(TOP_UP, "canister_id", id, "amount", BigInteger.valueOf(5)));
    assertEquals(BigInteger.valueOf(100_000_000_000_005L), status(ALICE, id).field("cycles").nat());
    assertEquals(3, refused(BOB, "provisional_top_up_canister", encode(TOP_UP, "canister_id", BOB, "amount", BigInteger.ONE)).code());
  }

  @Test
  void shouldRefuseCanisterInfoFromIngressAndAMalformedArgument() {
    byte[] id = create(ALICE);
    assertEquals("Only canisters can call ic00 method canister_info",
        refused(ALICE, "canister_info", encode(ID, "canister_id", id)).message());
    CallResult.Reject bad = refused(ALICE, "canister_status", new byte[] {1, 2, 3});
    assertEquals("IC0408", bad.errorCode());
    assertEquals("IC0536", refused(ALICE, "no_such_method", new byte[0]).errorCode());
  }

  @Test
  void shouldSeeTheCanistersTheReplicaInstalledDirectly() {
    Canister c = replica.install(module("direct"));
    IcCandid.Value s = status(InstallOptions.defaultController(), c.id());
    assertArrayEquals(sha256(module("direct")), s.field("module_hash").opt().blob());
    assertEquals("IC0512", refused(ALICE, "canister_status", encode(ID, "canister_id", c.id())).errorCode());
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] user(int n) {
    byte[] b = new byte[29];
    Arrays.fill(b, (byte) n);
    b[28] = 2;
    return b;
  }
}
