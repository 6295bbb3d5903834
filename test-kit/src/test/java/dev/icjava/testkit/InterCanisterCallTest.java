package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.TestModule.Code;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inter-canister calls on hand-written modules, where every instruction is known: each call and
 * callback is a message with its own counts (worked out here as in {@code IcCostModelTest}), the
 * callback is the function at its table index in the module installed when the response arrives
 * (the spec's rule, which is why the project's canisters refuse upgrades with calls outstanding),
 * bad callback indices and types trap as the IC's do, and the call-context counter adds up.
 */
class InterCanisterCallTest {
  static final byte[] NONE = {};
  static final byte[] ENV = {TestModule.I32};
  static final int CALLEE_AT = 200;
  static final int NAME_AT = 100;
  static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);
  /** The id the replica gives its second canister. */
  static final byte[] SECOND = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};

  /** Imports of the calling modules, in this order: their function indices. */
  static final int CALL_NEW = 0;
  static final int CALL_PERFORM = 1;
  static final int MSG_REPLY_DATA_APPEND = 2;
  static final int MSG_REPLY = 3;
  static final int PERFORMANCE_COUNTER = 4;

  @Test
  void shouldCountEveryMessageOfTheCallOnItsOwn() {
    LocalReplica replica = new LocalReplica();
    Canister a = replica.install(caller(new Code().call(MSG_REPLY), 0).bytes());
    replica.install(pong());
    CallResult r = a.update("go", Request.anonymous());
    assertArrayEquals(new byte[0], r.replyBytes());
    List<Execution> x = r.executions();
    assertEquals(3, x.size(), x.toString());
    // go: 1 (function) + 8 consts + call_new (5 + 1,500 + 10 callee bytes + 4 name bytes)
    //     + call_perform (5 + 5,000) + drop 1 = 6,534; raw: 8 consts, 2 calls, drop, end = 12
    assertEquals(List.of(MessageKind.UPDATE, 12L, 6_534L), row(x.get(0)));
    // pong: 1 + msg_reply (5 + 500) = 506; raw: call, end = 2
    assertEquals(List.of(MessageKind.UPDATE, 2L, 506L), row(x.get(1)));
    // the reply callback: the same, in the caller
    assertEquals(List.of(MessageKind.REPLY_CALLBACK, 2L, 506L), row(x.get(2)));
    assertEquals(16, r.instructions());
    assertEquals(7_546, r.icInstructions());
  }

  @Test
  void shouldAddTheContextsMessagesInPerformanceCounterOne() {
    LocalReplica replica = new LocalReplica();
    // the callback replies performance_counter(1) as 8 little-endian bytes
    Code callback = new Code().i32(0).i32(1).call(PERFORMANCE_COUNTER).i64Store()
        .i32(0).i32(8).call(MSG_REPLY_DATA_APPEND).call(MSG_REPLY);
    Canister a = replica.install(caller(callback, 0).bytes());
    replica.install(pong());
    CallResult r = a.update("go", Request.anonymous());
    long counter = java.nio.ByteBuffer.wrap(r.replyBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    // go's 6,534, then the callback's block, charged whole on entry: 1 + 4 consts + i64.store 1 +
    // 3 calls (15) = 21, and performance_counter's own 200, charged before it reads
    assertEquals(6_534 + 21 + 200, counter);
  }

  @Test
  void shouldRunTheCallbackOfTheModuleInstalledWhenTheResponseArrives() {
    LocalReplica replica = new LocalReplica();
    TestModule old = caller(replyText("old"), 0).data(300, "old".getBytes(StandardCharsets.US_ASCII));
    Canister a = replica.install(old.bytes());
    replica.install(pong());
    Ingress pending = replica.submit(a, "go", Request.anonymous());
    assertTrue(replica.step()); // go ran: the call waits in the queue
    // no canister_pre_upgrade guards this module: the upgrade goes through with the call outstanding
    TestModule next = caller(replyText("new"), 0).data(300, "new".getBytes(StandardCharsets.US_ASCII));
    a.upgrade(next.bytes(), new byte[0]);
    replica.runUntilIdle();
    assertEquals("new", new String(pending.result().replyBytes(), StandardCharsets.US_ASCII),
        "the response ran table[0] of the new module (interface spec, abstract-behavior.md: Mod is the current module)");
  }

  @Test
  void shouldTrapACallbackWhoseIndexOrTypeIsWrong() {
    LocalReplica replica = new LocalReplica();
    Canister outside = replica.install(caller(new Code().call(MSG_REPLY), 5).bytes());
    replica.install(pong());
    CallResult r = outside.update("go", Request.anonymous());
    assertEquals("Canister requested to invoke a non-existent Wasm function 5 from table 0", r.trapMessage());
    assertEquals("IC0513", ((CallResult.Trap) r).errorCode());

    LocalReplica second = new LocalReplica();
    TestModule wrongType = caller(new Code().call(MSG_REPLY), 1);
    int noParameter = wrongType.function(new Code());
    wrongType.table(2, noParameter); // index 1: a () -> () function
    Canister a = second.install(wrongType.bytes());
    second.install(pong());
    CallResult t = a.update("go", Request.anonymous());
    assertTrue(t.trapMessage().startsWith("Wasm trap: indirect call type mismatch"), t.trapMessage());
  }

  @Test
  void shouldTrapCallEntriesWithoutACallUnderConstruction() {
    TestModule m = new TestModule();
    int perform = m.importIc0("call_perform", NONE, new byte[] {TestModule.I32});
    m.export("canister_update m", m.function(new Code().call(perform).drop()));
    CallResult r = new LocalReplica().install(m.bytes()).update("m", Request.anonymous());
    // dfinity/ic system_api.rs, ic0_call_perform: ToolchainContractViolation
    assertEquals("ic0.call_perform called when no call is under construction.", r.trapMessage());
    assertEquals("IC0504", ((CallResult.Trap) r).errorCode());
  }

  @Test
  void shouldKeepTheCleanupsChangesAndReportBothTrapsWhenItTrapsToo() {
    LocalReplica replica = new LocalReplica();
    TestModule m = caller(new Code().unreachable(), 0);
    // call_on_cleanup(table[1]): a cleanup that traps too
    Canister a = replica.install(withCleanup(m).bytes());
    replica.install(pong());
    CallResult r = a.update("go", Request.anonymous());
    assertTrue(r.trapMessage().contains("\n\ncall_on_cleanup also failed:\n\n"), r.trapMessage());
    assertEquals(List.of(MessageKind.UPDATE, MessageKind.UPDATE, MessageKind.REPLY_CALLBACK, MessageKind.CLEANUP),
        r.executions().stream().map(Execution::kind).toList());
    assertFalse(replica.hasPendingMessages());
  }

  @Test
  void shouldRefuseTheCallPastTheQueueToOneCallee() {
    LocalReplica replica = new LocalReplica();
    TestModule m = new TestModule();
    int callNew = m.importIc0("call_new", new byte[] {TestModule.I32, TestModule.I32, TestModule.I32, TestModule.I32,
        TestModule.I32, TestModule.I32, TestModule.I32, TestModule.I32}, NONE);
    int perform = m.importIc0("call_perform", NONE, new byte[] {TestModule.I32});
    int append = m.importIc0("msg_reply_data_append", new byte[] {TestModule.I32, TestModule.I32}, NONE);
    int reply = m.importIc0("msg_reply", NONE, NONE);
    // 501 calls to pong in one message; the sum of call_perform's codes is replied as 4 bytes
    Code loop = new Code()
        .loop()
        .i32(CALLEE_AT).i32(SECOND.length).i32(NAME_AT).i32(PONG.length).i32(0).i32(0).i32(0).i32(0).call(callNew)
        .call(perform).localGet(1).op(0x6a /* i32.add */).localSet(1)
        .localGet(0).i32(1).op(0x6a).localTee(0).i32(501).op(0x49 /* i32.lt_u */).brIf(0)
        .end()
        .i32(0).localGet(1).op(0x36).op(2).op(0) // i32.store
        .i32(0).i32(4).call(append).call(reply);
    int go = m.function(NONE, NONE, new byte[] {TestModule.I32, TestModule.I32}, loop);
    int callback = m.function(ENV, NONE, NONE, new Code());
    m.table(callback).export("canister_update go", go).data(CALLEE_AT, SECOND).data(NAME_AT, PONG);
    Canister a = replica.install(m.bytes());
    replica.install(pong());
    CallResult r = a.update("go", Request.anonymous());
    // dfinity/ic: 500 calls in flight to one canister fill the queue between them; the 501st is
    // refused with 2 (SYS_TRANSIENT), and nothing is sent for it
    assertArrayEquals(new byte[] {2, 0, 0, 0}, r.replyBytes());
    assertEquals(1 + 500 * 2, r.messages());
  }

  // ---- modules ----

  /**
   * A caller: update {@code go} calls {@code pong} on the second canister with both callbacks at
   * table index {@code callbackIndex}, and does not answer; table[0] is {@code callback}, an {@code
   * (env : i32) -> ()} function.
   */
  static TestModule caller(Code callback, int callbackIndex) {
    TestModule m = new TestModule();
    m.importIc0("call_new", new byte[] {TestModule.I32, TestModule.I32, TestModule.I32, TestModule.I32,
        TestModule.I32, TestModule.I32, TestModule.I32, TestModule.I32}, NONE);
    m.importIc0("call_perform", NONE, new byte[] {TestModule.I32});
    m.importIc0("msg_reply_data_append", new byte[] {TestModule.I32, TestModule.I32}, NONE);
    m.importIc0("msg_reply", NONE, NONE);
    m.importIc0("performance_counter", new byte[] {TestModule.I32}, new byte[] {TestModule.I64});
    m.importIc0("call_on_cleanup", new byte[] {TestModule.I32, TestModule.I32}, NONE);
    Code go = new Code().i32(CALLEE_AT).i32(SECOND.length).i32(NAME_AT).i32(PONG.length)
        .i32(callbackIndex).i32(7).i32(callbackIndex).i32(7).call(CALL_NEW)
        .call(CALL_PERFORM).drop();
    int goFn = m.function(go);
    int cb = m.function(ENV, NONE, NONE, callback);
    m.table(cb);
    m.export("canister_update go", goFn);
    m.data(CALLEE_AT, SECOND).data(NAME_AT, PONG);
    return m;
  }

  /** The caller with a cleanup at table[1] that traps; go registers it with call_on_cleanup. */
  private static TestModule withCleanup(TestModule ignored) {
    TestModule m = new TestModule();
    m.importIc0("call_new", new byte[] {TestModule.I32, TestModule.I32, TestModule.I32, TestModule.I32,
        TestModule.I32, TestModule.I32, TestModule.I32, TestModule.I32}, NONE);
    m.importIc0("call_perform", NONE, new byte[] {TestModule.I32});
    int onCleanup = m.importIc0("call_on_cleanup", new byte[] {TestModule.I32, TestModule.I32}, NONE);
    Code go = new Code().i32(CALLEE_AT).i32(SECOND.length).i32(NAME_AT).i32(PONG.length)
        .i32(0).i32(7).i32(0).i32(7).call(CALL_NEW)
        .i32(1).i32(7).call(onCleanup)
        .call(CALL_PERFORM).drop();
    int goFn = m.function(go);
    int callback = m.function(ENV, NONE, NONE, new Code().unreachable());
    int cleanup = m.function(ENV, NONE, NONE, new Code().unreachable());
    m.table(callback, cleanup);
    m.export("canister_update go", goFn);
    m.data(CALLEE_AT, SECOND).data(NAME_AT, PONG);
    return m;
  }

  /** Replies the 3 bytes at address 300. */
  private static Code replyText(String ignored) {
    return new Code().i32(300).i32(3).call(MSG_REPLY_DATA_APPEND).call(MSG_REPLY);
  }

  /** The callee: update {@code pong} replies with no bytes. */
  static byte[] pong() {
    TestModule m = new TestModule();
    int reply = m.importIc0("msg_reply", NONE, NONE);
    m.export("canister_update pong", m.function(new Code().call(reply)));
    return m.bytes();
  }

  private static List<Object> row(Execution e) {
    return List.of(e.kind(), e.instructions(), e.icInstructions());
  }
}
