package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.TestModule.Code;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How messages end and which ones run, as the interface spec says (dfinity/developer-docs {@code
 * docs/references/ic-interface-spec/canister-interface.md}): inspection of ingress updates, system
 * tasks when time moves on, the low-memory hook, methods that return without answering, second
 * answers, and a module without memory. Each module is written here: a counter in global 0, a query
 * {@code get} that replies it as 4 little-endian bytes, and the method under test.
 */
class MessageSemanticsTest {
  static final byte[] NONE = {};
  static final byte[] II = {TestModule.I32, TestModule.I32};

  /** A module with the counter, {@code get}, and the imports the tests use, in a fixed order. */
  static final class Counter {
    final TestModule m = new TestModule();
    final int append = m.importIc0("msg_reply_data_append", II, NONE);
    final int reply = m.importIc0("msg_reply", NONE, NONE);
    final int reject = m.importIc0("msg_reject", II, NONE);
    final int accept = m.importIc0("accept_message", NONE, NONE);
    final int nameSize = m.importIc0("msg_method_name_size", NONE, new byte[] {TestModule.I32});
    final int timerSet = m.importIc0("global_timer_set", new byte[] {TestModule.I64}, new byte[] {TestModule.I64});
    final int time = m.importIc0("time", NONE, new byte[] {TestModule.I64});
    final int replicated = m.importIc0("in_replicated_execution", NONE, new byte[] {TestModule.I32});
    final int trap = m.importIc0("trap", II, NONE);
    final int counter = m.mutableGlobal();

    Counter() {
      // get: store the counter at 0, reply those 4 bytes
      m.export("canister_query get",
          m.function(new Code().i32(0).op(0x23).op(counter).op(0x36).op(2).op(0) // i32.store
              .i32(0).i32(4).call(append).call(reply)));
    }

    /** {@code counter += 1} */
    Code bump() {
      return new Code().op(0x23).op(counter).i32(1).op(0x6a).globalSet(counter);
    }

    Code bump(Code c) {
      return c.op(0x23).op(counter).i32(1).op(0x6a).globalSet(counter);
    }

    Canister install(LocalReplica replica) {
      return replica.install(m.bytes());
    }
  }

  static int count(Canister c) {
    byte[] b = c.query("get", Request.anonymous()).replyBytes();
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }

  // ---- canister_inspect_message ----

  @Test
  void shouldRefuseAnIngressUpdateThatInspectionDoesNotAccept() {
    Counter k = new Counter();
    // inspection accepts only method names of 2 bytes ("ok"), after bumping the counter
    Code inspect = k.bump().call(k.nameSize).i32(2).op(0x46 /* i32.eq */).ifThen().call(k.accept).end();
    k.m.export("canister_inspect_message", k.m.function(inspect));
    k.m.export("canister_update ok", k.m.function(k.bump(new Code()).call(k.reply)));
    k.m.export("canister_update nope", k.m.function(k.bump(new Code()).call(k.reply)));
    Canister c = k.install(new LocalReplica());
    CallResult.Reject refused = assertInstanceOf(CallResult.Reject.class, c.update("nope", Request.anonymous()));
    assertEquals(4, refused.code());
    assertEquals("IC0406", refused.errorCode());
    assertEquals("Canister " + c.text() + " rejected the message", refused.message());
    assertEquals(0, count(c), "neither the method nor the inspection changed anything");
    assertInstanceOf(CallResult.Reply.class, c.update("ok", Request.anonymous()));
    assertEquals(1, count(c), "the method ran; the inspection's own bump was discarded");
  }

  @Test
  void shouldRefuseAnIngressUpdateWhoseInspectionTraps() {
    Counter k = new Counter();
    k.m.export("canister_inspect_message", k.m.function(new Code().i32(0).i32(0).call(k.trap)));
    k.m.export("canister_update m", k.m.function(new Code().call(k.reply)));
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, k.install(new LocalReplica()).update("m", Request.anonymous()));
    assertEquals(5, r.code());
    assertTrue(r.message().contains("trapped in canister_inspect_message"), r.message());
  }

  @Test
  void shouldNotInspectQueries() {
    Counter k = new Counter();
    k.m.export("canister_inspect_message", k.m.function(new Code())); // accepts nothing
    Canister c = k.install(new LocalReplica());
    assertArrayEquals(new byte[4], c.query("get", Request.anonymous()).replyBytes());
    // ... while the same method called as an update is inspected, and refused
    assertEquals(4, assertInstanceOf(CallResult.Reject.class, c.update("get", Request.anonymous())).code());
  }

  // ---- query methods called as updates, composite queries ----

  @Test
  void shouldRunAQueryCalledAsAnUpdateReplicatedAndDiscardItsChanges() {
    Counter k = new Counter();
    Code body = k.bump().i32(0).call(k.replicated).op(0x36).op(2).op(0).i32(0).i32(4).call(k.append).call(k.reply);
    k.m.export("canister_query mode", k.m.function(body));
    Canister c = k.install(new LocalReplica());
    assertArrayEquals(new byte[] {1, 0, 0, 0}, c.update("mode", Request.anonymous()).replyBytes(), "replicated");
    assertArrayEquals(new byte[] {0, 0, 0, 0}, c.query("mode", Request.anonymous()).replyBytes(), "non-replicated");
    assertEquals(0, count(c));
  }

  @Test
  void shouldRefuseACompositeQueryCalledAsAnUpdate() {
    Counter k = new Counter();
    k.m.export("canister_composite_query cq", k.m.function(new Code().call(k.reply)));
    Canister c = k.install(new LocalReplica());
    assertInstanceOf(CallResult.Reply.class, c.query("cq", Request.anonymous()));
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, c.update("cq", Request.anonymous()));
    assertEquals("IC0527", r.errorCode());
  }

  @Test
  void shouldRejectAMissingMethodWithTheIcsCode() {
    Canister c = new Counter().install(new LocalReplica());
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, c.update("nope", Request.anonymous()));
    assertEquals(5, r.code());
    assertEquals("IC0536", r.errorCode());
    assertEquals("Canister " + c.text() + " has no update method 'nope'", r.message());
  }

  // ---- methods that do not answer, or answer twice ----

  @Test
  void shouldKeepTheChangesOfAnUpdateThatAppendsReplyDataButNeverReplies() {
    Counter k = new Counter();
    k.m.export("canister_update m", k.m.function(k.bump().i32(0).i32(4).call(k.append)));
    Canister c = k.install(new LocalReplica());
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, c.update("m", Request.anonymous()));
    assertEquals(5, r.code());
    assertEquals("IC0506", r.errorCode());
    assertEquals("Canister " + c.text() + " did not reply to the call", r.message());
    assertEquals(1, count(c), "the IC commits a method that returns without answering");
  }

  @Test
  void shouldTrapOnASecondAnswerWithTheIcsMessagesAndRollBack() {
    Counter k = new Counter();
    k.m.export("canister_update twice", k.m.function(k.bump().call(k.reply).call(k.reply)));
    k.m.export("canister_update replyThenReject", k.m.function(k.bump().call(k.reply).i32(0).i32(0).call(k.reject)));
    k.m.export("canister_update rejectThenAppend", k.m.function(k.bump().i32(0).i32(0).call(k.reject).i32(0).i32(1).call(k.append)));
    Canister c = k.install(new LocalReplica());
    CallResult.Trap t = assertInstanceOf(CallResult.Trap.class, c.update("twice", Request.anonymous()));
    assertEquals("ic0.msg_reply: the call is already replied", t.message());
    assertEquals("IC0504", t.errorCode());
    assertEquals("ic0.msg_reject: the call is already replied", c.update("replyThenReject", Request.anonymous()).trapMessage());
    assertEquals("ic0.msg_reply_data_append: the call is already replied",
        c.update("rejectThenAppend", Request.anonymous()).trapMessage());
    assertEquals(0, count(c), "each trap rolled its bump back");
  }

  @Test
  void shouldRejectWithTheCanistersMessageAndCode4() {
    Counter k = new Counter();
    k.m.data(200, "no".getBytes(StandardCharsets.UTF_8));
    k.m.export("canister_update m", k.m.function(new Code().i32(200).i32(2).call(k.reject)));
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, k.install(new LocalReplica()).update("m", Request.anonymous()));
    assertEquals(4, r.code());
    assertEquals("no", r.message());
  }

  // ---- a module without memory ----

  @Test
  void shouldRunAModuleWithoutMemory() {
    TestModule m = new TestModule().noMemory();
    int reply = m.importIc0("msg_reply", NONE, NONE);
    int append = m.importIc0("msg_reply_data_append", II, NONE);
    m.export("canister_update m", m.function(new Code().call(reply)));
    m.export("canister_update data", m.function(new Code().i32(0).i32(0).call(append).call(reply)));
    Canister c = new LocalReplica().install(m.bytes());
    assertArrayEquals(new byte[0], c.update("m", Request.anonymous()).replyBytes());
    assertEquals(0, c.memoryPages());
    // the IC needs a memory for every entry that reads or writes one, even zero bytes of it
    assertEquals("WebAssembly module must define memory", c.update("data", Request.anonymous()).trapMessage());
  }

  // ---- system tasks ----

  @Test
  void shouldRunTheHeartbeatWhenTimeMovesOnAndRollBackATrappedOne() {
    Counter k = new Counter();
    k.m.export("canister_heartbeat", k.m.function(k.bump()));
    LocalReplica replica = new LocalReplica();
    Canister c = k.install(replica);
    List<SystemTask> ran = replica.advanceTime(1_000_000_000L);
    assertEquals(1, ran.size());
    assertEquals(MessageKind.HEARTBEAT, ran.get(0).kind());
    assertInstanceOf(CallResult.Reply.class, ran.get(0).result());
    replica.tick();
    assertEquals(2, count(c));
    replica.setTime(replica.time() + 5);
    assertEquals(2, count(c), "setting the clock runs no task");

    Counter failing = new Counter();
    failing.m.export("canister_heartbeat", failing.m.function(failing.bump().i32(0).i32(0).call(failing.trap)));
    LocalReplica other = new LocalReplica();
    Canister f = failing.install(other);
    assertInstanceOf(CallResult.Trap.class, other.tick().get(0).result());
    assertEquals(0, count(f));
  }

  @Test
  void shouldFireTheGlobalTimerOnceWhenItsTimeHasCome() {
    Counter k = new Counter();
    // set: timer = time + 10
    k.m.export("canister_update set",
        k.m.function(new Code().call(k.time).i64(10).op(0x7c /* i64.add */).call(k.timerSet).drop().call(k.reply)));
    k.m.export("canister_global_timer", k.m.function(k.bump()));
    LocalReplica replica = new LocalReplica();
    Canister c = k.install(replica);
    c.update("set", Request.anonymous()).replyBytes();
    assertEquals(replica.time() + 10, c.globalTimer());
    assertEquals(List.of(), replica.advanceTime(9));
    List<SystemTask> ran = replica.advanceTime(1);
    assertEquals(MessageKind.GLOBAL_TIMER, ran.get(0).kind());
    assertEquals(1, count(c));
    assertEquals(0, c.globalTimer(), "deactivated once scheduled");
    assertEquals(List.of(), replica.advanceTime(1_000));
    assertEquals(1, count(c));
  }

  @Test
  void shouldDeactivateTheGlobalTimerWhenTheModuleChanges() {
    Counter k = new Counter();
    k.m.export("canister_update set",
        k.m.function(new Code().call(k.time).i64(10).op(0x7c).call(k.timerSet).drop().call(k.reply)));
    k.m.export("canister_global_timer", k.m.function(k.bump()));
    LocalReplica replica = new LocalReplica();
    Canister c = k.install(replica);
    c.update("set", Request.anonymous()).replyBytes();
    c.upgrade(k.m.bytes(), new byte[0]);
    assertEquals(0, c.globalTimer());
    assertEquals(List.of(), replica.advanceTime(100));
  }

  /**
   * An upgrade whose new module traps in {@code canister_post_upgrade} leaves the canister as it was
   * (abstract-behavior.md, "Code upgrade": the upgrade fails as a whole): the old module and
   * instance with its globals, the global timer the upgrade had deactivated, the version.
   */
  @Test
  void shouldLeaveTheCanisterAsItWasWhenAnUpgradeFails() {
    Counter k = new Counter();
    k.m.export("canister_update set",
        k.m.function(new Code().call(k.time).i64(10).op(0x7c).call(k.timerSet).drop().call(k.reply)));
    k.m.export("canister_update bump", k.m.function(k.bump(new Code()).call(k.reply)));
    LocalReplica replica = new LocalReplica();
    Canister c = k.install(replica);
    c.update("set", Request.anonymous()).replyBytes();
    c.update("bump", Request.anonymous()).replyBytes();
    c.update("bump", Request.anonymous()).replyBytes();
    long timer = c.globalTimer();
    long version = c.version();
    Counter broken = new Counter(); // its post_upgrade traps with an empty message
    broken.m.export("canister_post_upgrade", broken.m.function(new Code().i32(0).i32(0).call(broken.trap)));
    CanisterInstallException e =
        assertThrows(CanisterInstallException.class, () -> c.upgrade(broken.m.bytes(), new byte[0]));
    assertTrue(e.getMessage().startsWith("canister_post_upgrade trapped"), e.getMessage());
    assertEquals(2, count(c), "the old instance, its globals as they were");
    assertEquals(timer, c.globalTimer(), "the timer the upgrade deactivated is back");
    assertEquals(version, c.version());
    c.update("bump", Request.anonymous()).replyBytes(); // the old module's method, still exported
    assertEquals(3, count(c));
  }

  @Test
  void shouldRunTheLowMemoryHookOnceWhenMemoryCrossesTheThreshold() {
    Counter k = new Counter();
    // grow: memory.grow 1 page
    k.m.export("canister_update grow", k.m.function(new Code().i32(1).op(0x40).op(0).drop().call(k.reply)));
    k.m.export("canister_on_low_wasm_memory", k.m.function(k.bump()));
    LocalReplica replica = new LocalReplica();
    // limit 2 pages, threshold half a page: 1 page used leaves 1.5 pages; 2 pages leave 0 < 0.5
    Canister c = replica.install(k.m.bytes(), InstallOptions.defaults().wasmMemory(2 * 65536, 32768));
    assertEquals(List.of(), replica.tick());
    c.update("grow", Request.anonymous()).replyBytes();
    List<SystemTask> ran = replica.tick();
    assertEquals(1, ran.size());
    assertEquals(MessageKind.ON_LOW_WASM_MEMORY, ran.get(0).kind());
    assertEquals(1, count(c));
    assertEquals(List.of(), replica.tick(), "once per crossing");
  }
}
