package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.icjava.testkit.TestModule.Code;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The IC's instruction counter on hand-written modules whose cost is worked out here, line by line,
 * from the tables the replica implements: the instrumentation's per-instruction weights and blocks
 * (dfinity/ic {@code rs/embedders/src/wasm_utils/instrumentation.rs} at
 * 002d5530aeb1ef1ed362d7f9c3c5529b8ec1cafe: a function's first block costs 1 more; a block is
 * charged whole when entered; block/loop/else/end 0, const/add/local/drop 1, br/br_if/if 2, global
 * 2, div 10, call 5, memory.fill 100 + its size) and the System API's charges ({@code
 * system_api_complexity.rs}, {@code linker.rs}, {@code system_api_replacements.rs}: see {@link
 * SystemApiCosts}). Each test also states the raw count Chicory executes, to show the two differ.
 */
class IcCostModelTest {
  static final byte[] NONE = {};

  private static Canister install(TestModule m) {
    return new LocalReplica().install(m.bytes());
  }

  @Test
  void shouldWeighArithmeticAndGlobalsAsTheIcDoes() {
    TestModule m = new TestModule();
    int g = m.mutableGlobal();
    m.export("canister_update m", m.function(new Code().i32(7).i32(2).op(0x6e /* i32.div_u */).globalSet(g)));
    CallResult r = install(m).update("m", Request.anonymous());
    // one block: 1 (function) + 1 + 1 (two consts) + 10 (div_u) + 2 (global.set) + 0 (end)
    assertEquals(15, r.icInstructions());
    assertEquals(5, r.instructions(), "Chicory: const, const, div_u, global.set, end");
  }

  @Test
  void shouldChargeALoopBodyOnEveryEntry() {
    TestModule m = new TestModule();
    Code body = new Code().i32(3).localSet(0)
        .loop().localGet(0).i32(1).op(0x6b /* i32.sub */).localTee(0).brIf(0).end();
    m.export("canister_update m", m.function(NONE, NONE, new byte[] {TestModule.I32}, body));
    CallResult r = install(m).update("m", Request.anonymous());
    // first block: 1 + const 1 + local.set 1 + loop 0 = 3; the loop's body (get, const, sub, tee:
    // 4, br_if 2) runs three times: 18; the two ends after it cost 0. 3 + 18 = 21.
    assertEquals(21, r.icInstructions());
    assertEquals(20, r.instructions(), "const, set, loop, 3 x (get, const, sub, tee, br_if), end, end");
  }

  @Test
  void shouldChargeOnlyTheBranchTaken() {
    TestModule m = new TestModule();
    Code body = new Code().i32(0).ifThen()
        .i32(1).drop()
        .orElse()
        .i32(2).i32(3).op(0x6c /* i32.mul */).drop()
        .end();
    m.export("canister_update m", m.function(body));
    CallResult r = install(m).update("m", Request.anonymous());
    // 1 + const 1 + if 2 = 4; then-branch (2 + else 0) skipped; else-branch const, const, mul, drop
    // = 4 (its end 0); the function's end 0. 4 + 4 = 8.
    assertEquals(8, r.icInstructions());
  }

  @Test
  void shouldChargeACallAndTheCalledFunction() {
    TestModule m = new TestModule();
    int f = m.function(new Code().op(0x01 /* nop */));
    m.export("canister_update m", m.function(new Code().call(f)));
    CallResult r = install(m).update("m", Request.anonymous());
    // caller: 1 + call 5 = 6; callee: 1 + nop 1 = 2
    assertEquals(8, r.icInstructions());
  }

  @Test
  void shouldAddTheSizeOfABulkOperation() {
    TestModule m = new TestModule();
    m.export("canister_update m", m.function(new Code().i32(0).i32(7).i32(1000).memoryFill()));
    CallResult r = install(m).update("m", Request.anonymous());
    // 1 + 3 consts + memory.fill 100, plus its size 1,000
    assertEquals(1104, r.icInstructions());
    assertEquals(5, r.instructions());
  }

  @Test
  void shouldChargeSystemApiOverheadsAndBytes() {
    TestModule m = new TestModule();
    int append = m.importIc0("msg_reply_data_append", new byte[] {TestModule.I32, TestModule.I32}, NONE);
    int reply = m.importIc0("msg_reply", NONE, NONE);
    m.export("canister_update m", m.function(new Code().i32(0).i32(10).call(append).call(reply)));
    CallResult r = install(m).update("m", Request.anonymous());
    assertArrayEquals(new byte[10], r.replyBytes());
    // Wasm: 1 + 2 consts + 2 calls (10) = 13; msg_reply_data_append: 500 + 50 per byte (500);
    // msg_reply: 500.
    assertEquals(13 + 1000 + 500, r.icInstructions());
  }

  @Test
  void shouldReadThePerformanceCounterAsTheIcDoesInsideABlock() {
    TestModule m = new TestModule();
    int counter = m.importIc0("performance_counter", new byte[] {TestModule.I32}, new byte[] {TestModule.I64});
    int append = m.importIc0("msg_reply_data_append", new byte[] {TestModule.I32, TestModule.I32}, NONE);
    int reply = m.importIc0("msg_reply", NONE, NONE);
    Code body = new Code().i32(0).i32(0).call(counter).i64Store().i32(0).i32(8).call(append).call(reply);
    m.export("canister_update m", m.function(body));
    CallResult r = install(m).update("m", Request.anonymous());
    // The one block is charged on entry: 1 + const, const, call 5, i64.store 1, const, const, call 5,
    // call 5 = 21. The counter then adds its own 200 before it is read: 221, although only three
    // instructions had run. Then 500 + 8 x 50 and 500 for the reply.
    long read = ByteBuffer.wrap(r.replyBytes()).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(221, read);
    assertEquals(21 + 200 + 900 + 500, r.icInstructions());
  }

  @Test
  void shouldChargeStableMemoryAsTheIcsWasmNativeStableMemoryDoes() {
    TestModule m = new TestModule();
    byte[] l1 = {TestModule.I64};
    int grow = m.importIc0("stable64_grow", l1, l1);
    int write = m.importIc0("stable64_write", new byte[] {TestModule.I64, TestModule.I64, TestModule.I64}, NONE);
    Code body = new Code().i64(1).call(grow).drop()
        .i64(0).i64(0).i64(5000).call(write)
        .i64(8000).i64(0).i64(100).call(write);
    m.export("canister_update m", m.function(body));
    CallResult r = install(m).update("m", Request.anonymous());
    // Wasm: 1 + const, call 5, drop + 3 consts, call 5 + 3 consts, call 5 = 24. stable64_grow: 100.
    // First write, [0, 5000): 20 + 5,000 bytes + 1,000 for each of the two 4 KiB pages it dirties
    // first. Second, [8000, 8100): 20 + 100 bytes, its page already dirty in this message.
    assertEquals(24 + 100 + (20 + 5000 + 2000) + (20 + 100), r.icInstructions());
  }

  @Test
  void shouldChargeATrapForItsMessageAndTheCanisterLog() {
    TestModule m = new TestModule();
    int trap = m.importIc0("trap", new byte[] {TestModule.I32, TestModule.I32}, NONE);
    m.export("canister_update m", m.function(new Code().i32(0).i32(4000).call(trap)));
    Canister c = install(m);
    CallResult first = c.update("m", Request.anonymous());
    // Wasm: 1 + 2 consts + call 5 = 8. ic0.trap: 500, the 4,000 bytes once, twice more for the log
    // buffer, and 50 per byte that fits in the log's remaining space (4 KiB, empty).
    assertEquals(8 + 500 + 4000 + 8000 + 50 * 4000, first.icInstructions());
    assertEquals("IC0503", assertInstanceOf(CallResult.Trap.class, first).errorCode());
    // The first trap's record (40 + 4,000 bytes) stays in the log: 56 bytes remain.
    CallResult second = c.update("m", Request.anonymous());
    assertEquals(8 + 500 + 4000 + 8000 + 50 * 56, second.icInstructions());
  }

  @Test
  void shouldHaveChargedTheWholeBlockWhenAnInstructionInItTraps() {
    TestModule m = new TestModule();
    Code body = new Code().i32(1).i32(0).op(0x6e /* i32.div_u */).drop().i32(5).drop();
    m.export("canister_update m", m.function(body));
    CallResult r = install(m).update("m", Request.anonymous());
    assertEquals("IC0502", assertInstanceOf(CallResult.Trap.class, r).errorCode());
    // the block 1 + 1 + 1 + 10 + 1 + 1 + 1 was paid on entry; three instructions ran
    assertEquals(16, r.icInstructions());
    assertEquals(3, r.instructions());
  }

  @Test
  void shouldWeighLoadsAndStoresTwiceOnWasm64() {
    TestModule m = new TestModule();
    m.export("canister_update m", m.function(new Code().i32(0).op(0x28).op(2).op(0) /* i32.load */.drop()));
    com.dylibso.chicory.wasm.WasmModule module = com.dylibso.chicory.wasm.Parser.parse(m.bytes());
    var first = module.codeSection().functionBodies()[0].instructions().get(0);
    // 1 + const 1 + load + drop 1: the load costs 1 on 32-bit memory, 2 on 64-bit memory
    assertEquals(4, new MeteringPlan(module, false).at(first)[0]);
    assertEquals(5, new MeteringPlan(module, true).at(first)[0]);
    assertEquals(4, install(m).update("m", Request.anonymous()).icInstructions());
  }

  @Test
  void shouldStopAtTheLimitOnTheIcsCounter() {
    TestModule m = new TestModule();
    m.export("canister_update m", m.function(new Code().loop().br(0).end()));
    LocalReplica replica = new LocalReplica();
    Canister c = replica.install(m.bytes());
    replica.setLimits(new LocalReplica.Limits(1000, 1000, 1000, 1000));
    CallResult r = c.update("m", Request.anonymous());
    // 1 on entry, then 2 (br) per entry of the loop's body, checked on entry: 1 + 2 x 500 = 1001 is
    // the first count past 1,000.
    assertEquals("IC0522", assertInstanceOf(CallResult.Trap.class, r).errorCode());
    assertEquals(1001, r.icInstructions());
  }
}
