package dev.icjava.calls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.CanisterInstallException;
import dev.icjava.testkit.Execution;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.Ingress;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.MessageKind;
import dev.icjava.testkit.reference.MotokoBuild;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls module compiled by TeaVM into {@code CallsProbe}, calling {@code raw_rand}, another Java
 * canister ({@code CalleeProbe}) and a Motoko canister ({@code test-kit/src/test/motoko/Callee.mo},
 * built with npm motoko), in the local replica: replies reach the user, rejects arrive in the IC's
 * words, a throwing handler rolls back only its callback and runs the cleanup, and an upgrade waits
 * for outstanding calls.
 */
class CallsProbeTest {
  static final byte[] SEED = "calls in canister".getBytes(StandardCharsets.UTF_8);
  static byte[] callerWasm;
  static byte[] calleeWasm;
  static byte[] motokoCalleeWasm;
  static byte[] motokoCallerWasm;

  LocalReplica replica;
  Canister caller;
  Canister callee;

  @BeforeAll
  static void build() throws Exception {
    // through wasm-opt, as the samples deploy: Binaryen empties table functions it thinks unused
    callerWasm = Probes.buildOptimized("dev.icjava.calls.probe.CallsProbe", "calls-probe");
    calleeWasm = Probes.build("dev.icjava.calls.probe.CalleeProbe", "callee-probe");
    // the Motoko canisters of the replica's own contract tests (test-kit), built here again
    Path motoko = Path.of("..", "test-kit", "src", "test", "motoko");
    motokoCalleeWasm = MotokoBuild.build(motoko.resolve("Callee.mo"), Path.of("target", "probe"), "motoko-callee").lowered();
    motokoCallerWasm = MotokoBuild.build(motoko.resolve("Caller.mo"), Path.of("target", "probe"), "motoko-caller").lowered();
  }

  @BeforeEach
  void install() {
    replica = new LocalReplica();
    replica.setRandomSeed(SEED);
    caller = replica.install(callerWasm);
    callee = replica.install(calleeWasm);
  }

  @Test
  void shouldReplyWithRawRandsBytes() throws Exception {
    CallResult r = caller.update("randomBytes", Request.anonymous());
    assertArrayEquals(random(0), Replies.blob(r));
    // the update, the management canister's raw_rand (no Wasm: kind null), the reply callback
    assertEquals(java.util.Arrays.asList(MessageKind.UPDATE, null, MessageKind.REPLY_CALLBACK), kinds(r));
    assertArrayEquals(random(1), Replies.blob(caller.update("randomBytes", Request.anonymous())), "fresh bytes per call");
  }

  @Test
  void shouldChainACallFromACallback() throws Exception {
    CallResult r = caller.update("twoRandoms", Request.anonymous());
    assertArrayEquals(concat(random(0), random(1)), Replies.blob(r));
    assertEquals(5, r.messages(), r.executions().toString());
  }

  @Test
  void shouldCallAnotherJavaCanisterAndPassItsReplyOn() {
    CallResult r = caller.update("forward", envelope(callee, "increment", null));
    assertEquals("count 1", Replies.text(r));
    assertEquals(List.of(MessageKind.UPDATE, MessageKind.UPDATE, MessageKind.REPLY_CALLBACK), kinds(r));
    assertEquals(callee.id().length, 10);
    assertEquals(org.ic4j.types.Principal.from(callee.id()).toString(), r.executions().get(1).canister());
    long sum = 0;
    for (Execution e : r.executions()) {
      assertTrue(e.instructions() > 0, e.toString());
      sum += e.instructions();
    }
    assertEquals(sum, r.instructions(), "the call's count is the sum of its messages'");
  }

  @Test
  void shouldCallAMotokoCanister() {
    Canister motoko = replica.install(motokoCalleeWasm, InstallOptions.defaults().lowered64());
    CallResult r = caller.update("forward", envelope(motoko, "echo", candid(IDLValue.create("from Java"))));
    assertEquals("echo: from Java", Replies.text(r));
    CallResult who = caller.update("forward", envelope(motoko, "whoCalls", null));
    assertEquals(org.ic4j.types.Principal.from(caller.id()).toString(), Replies.value(who).toString());
  }

  @Test
  void shouldBeCalledByAMotokoCanister() {
    Canister motoko = replica.install(motokoCallerWasm, InstallOptions.defaults().lowered64());
    CallResult r = motoko.update("callEcho", Request.anonymous().withArg(candid(
        IDLValue.create(org.ic4j.types.Principal.from(callee.id())), IDLValue.create("from Motoko"))));
    assertEquals("echo: from Motoko", Replies.text(r));
  }

  @Test
  void shouldShowTheCalleeTheCallingCanisterAndNoCallerInfo() {
    Request withInfo = Request.from(new byte[] {1, 2, 3, 2}).withCallerInfo(new byte[40], new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 1, 1});
    byte[] seen = Replies.blob(caller.update("forward", withInfo.withArg(envelopeBytes(callee, "whoCalls", null))));
    byte[] expected = new byte[11];
    System.arraycopy(caller.id(), 0, expected, 0, 10);
    assertArrayEquals(expected, seen, "the caller's id, then caller-info size 0");
  }

  @Test
  void shouldHandleRejectsOfEveryKind() {
    assertEquals("rejected 4: no thanks", rejectMessage(caller.update("forward", envelope(callee, "refuse", null))));
    assertEquals("rejected 5: IC0503: Error from Canister " + text(callee)
            + ": Canister called `ic0.trap` with message: 'callee trapped'.\nConsider gracefully handling failures"
            + " from this canister or altering the canister to handle exceptions. See documentation:"
            + " https://internetcomputer.org/docs/current/references/execution-errors#trapped-explicitly",
        rejectMessage(caller.update("forward", envelope(callee, "fail", null))));
    assertEquals("rejected 5: No response", rejectMessage(caller.update("forward", envelope(callee, "silent", null))));
    assertEquals("rejected 5: IC0536: Error from Canister " + text(callee) + ": Canister has no update method"
            + " 'nothing'..\nCheck that the method being called is exported by the target canister. See documentation:"
            + " https://internetcomputer.org/docs/current/references/execution-errors#method-not-found",
        rejectMessage(caller.update("forward", envelope(callee, "nothing", null))));
    byte[] nobody = {0, 0, 0, 0, 0, 0, 0, 99, 1, 1};
    assertEquals("rejected 3: Canister " + org.ic4j.types.Principal.from(nobody) + " not found",
        rejectMessage(caller.update("forward", Request.anonymous().withArg(envelopeBytes(nobody, "increment", null)))));
    assertEquals("rejected 5: IC0536: Management canister has no method 'nothing'",
        rejectMessage(caller.update("forward", Request.anonymous().withArg(envelopeBytes(new byte[0], "nothing", null)))));
  }

  @Test
  void shouldRollBackOnlyTheThrowingCallbackAndRunTheCleanup() {
    CallResult r = caller.update("trapInCallback", envelope(callee, "increment", null));
    assertEquals("Uncaught java.lang.IllegalStateException: thrown in the reply callback", r.trapMessage());
    assertEquals(List.of(MessageKind.UPDATE, MessageKind.UPDATE, MessageKind.REPLY_CALLBACK, MessageKind.CLEANUP),
        kinds(r));
    // before the call: kept; in the callback: rolled back; the cleanup: kept, and the handle freed
    assertEquals("1 0 1 0", Replies.text(caller.query("counters", Request.anonymous())));
    assertEquals("count 1", Replies.text(callee.update("count", Request.anonymous())), "the callee's message is kept");
  }

  @Test
  void shouldTrapOnARejectNobodyHandles() {
    CallResult r = caller.update("unhandledReject", envelope(callee, "refuse", null));
    assertEquals("Unhandled reject of the call to " + text(callee) + " refuse: reject 4: no thanks", r.trapMessage());
  }

  @Test
  void shouldNeverSendACallFromAMessageThatTraps() {
    CallResult r = caller.update("callThenTrap", envelope(callee, "increment", null));
    assertEquals("trapped after call_perform", r.trapMessage());
    assertEquals(1, r.messages(), "the call was discarded with the message");
    assertEquals("count 0", Replies.text(callee.update("count", Request.anonymous())));
    assertEquals("0 0 0 0", Replies.text(caller.query("counters", Request.anonymous())));
  }

  @Test
  void shouldSendOneWayCallsWhoseResponseTrapsHarmlessly() {
    CallResult r = caller.update("oneway", envelope(callee, "increment", null));
    assertEquals("sent", Replies.text(r));
    assertEquals("count 1", Replies.text(callee.update("count", Request.anonymous())));
    Execution response = r.executions().get(r.executions().size() - 1);
    assertEquals(MessageKind.REPLY_CALLBACK, response.kind());
    assertTrue(response.outcome().contains("non-existent Wasm function 4294967295"), response.toString());
  }

  @Test
  void shouldMoveCyclesAndRefundWhatTheCalleeDoesNotAccept() {
    long before = caller.cycles();
    long calleeBefore = callee.cycles();
    assertEquals("replied", Replies.text(caller.update("sendCycles", envelope(callee, "takeHalf", null))));
    assertEquals(before - 500_000, caller.cycles());
    assertEquals(calleeBefore + 500_000, callee.cycles());
  }

  @Test
  void shouldLetOtherMessagesRunBeforeACallback() {
    Ingress first = replica.submit(caller, "forwardAndCount", envelope(callee, "increment", null));
    Ingress second = replica.submit(caller, "forwardAndCount", envelope(callee, "increment", null));
    assertTrue(replica.step());
    assertTrue(replica.step());
    // both updates ran before either callback: the second saw the state the first left mid-call
    assertEquals("2 0 0 2", Replies.text(caller.query("counters", Request.anonymous())));
    replica.runUntilIdle();
    assertEquals("count 1", Replies.text(first.result()));
    assertEquals("count 2", Replies.text(second.result()));
    assertEquals("2 2 0 0", Replies.text(caller.query("counters", Request.anonymous())));
  }

  @Test
  void shouldRefuseAnUpgradeWhileACallIsOutstanding() {
    Ingress pending = replica.submit(caller, "forwardAndCount", envelope(callee, "increment", null));
    assertTrue(replica.step());
    assertFalse(pending.answered());
    CanisterInstallException e = assertThrows(CanisterInstallException.class,
        () -> caller.upgrade(callerWasm, new byte[] {'D', 'I', 'D', 'L', 0, 0}));
    assertEquals("canister_pre_upgrade trapped: Upgrade refused: inter-canister calls are outstanding, and the IC"
        + " would deliver their responses to the new module (stop the canister before upgrading)", e.getMessage());
    assertFalse(caller.logs().contains("the probe's own pre_upgrade ran"), "the guard runs before the canister's hook");
    replica.runUntilIdle();
    assertEquals("count 1", Replies.text(pending.result()));
    caller.upgrade(callerWasm, new byte[] {'D', 'I', 'D', 'L', 0, 0});
    assertTrue(caller.logs().contains("the probe's own pre_upgrade ran"));
    assertEquals("0 0 0 0", Replies.text(caller.query("counters", Request.anonymous())), "a fresh heap after the upgrade");
  }

  // ---- helpers ----

  private static List<MessageKind> kinds(CallResult r) {
    return r.executions().stream().map(Execution::kind).toList();
  }

  private static String rejectMessage(CallResult r) {
    return assertInstanceOf(CallResult.Reject.class, r).message();
  }

  private static String text(Canister c) {
    return org.ic4j.types.Principal.from(c.id()).toString();
  }

  private static Request envelope(Canister target, String method, byte[] args) {
    return Request.anonymous().withArg(envelopeBytes(target.id(), method, args));
  }

  private static byte[] envelopeBytes(Canister target, String method, byte[] args) {
    return envelopeBytes(target.id(), method, args);
  }

  private static byte[] envelopeBytes(byte[] id, String method, byte[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(id.length);
    out.writeBytes(id);
    byte[] name = method.getBytes(StandardCharsets.UTF_8);
    out.write(name.length);
    out.writeBytes(name);
    if (args != null) {
      out.writeBytes(args);
    }
    return out.toByteArray();
  }

  private static byte[] candid(IDLValue... values) {
    return IDLArgs.create(List.of(values)).toBytes();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** SHA-256(seed, n as 8 little-endian bytes): the n-th raw_rand of a replica with this seed. */
  private static byte[] random(long n) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(SEED);
    for (int i = 0; i < 8; i++) {
      sha.update((byte) (n >>> (8 * i)));
    }
    return sha.digest();
  }
}
