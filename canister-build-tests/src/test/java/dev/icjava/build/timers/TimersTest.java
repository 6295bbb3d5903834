package dev.icjava.build.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.WasmSections;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.MessageKind;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.SystemTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The library's timers in a compiled canister ({@link TimersProbe}): tasks run in order of deadline,
 * then of setting; a task that throws loses only its own message (its effects are rolled back, the
 * canister log names it) and the others run; the canister's own {@code @GlobalTimer} runs when its
 * own deadline has passed, not when a library timer fires; an upgrade forgets the timers; only the
 * canister may call the executor; a canister that sets no timer has no executor.
 */
class TimersTest {
  static final long SECOND = TimersProbe.SECOND;
  static final String EXECUTOR = "canister_update <icjava internal> timer";
  static byte[] wasm;

  LocalReplica replica;
  Canister canister;

  @BeforeAll
  static void build() throws Exception {
    wasm = Probes.buildTyped("dev.icjava.build.timers.TimersProbe", "timers-probe");
  }

  @BeforeEach
  void install() {
    replica = new LocalReplica();
    canister = replica.install(wasm);
  }

  String ran() {
    return Replies.text(canister.query("ran", Request.anonymous()));
  }

  String update(String method) {
    return Replies.text(canister.update(method, Request.anonymous()));
  }

  @Test
  void shouldRunTasksInOrderOfDeadlineThenOfSetting() {
    assertEquals("true", update("schedule"), "the cancelled timer was waiting");
    assertEquals(0, canister.globalTimer() - replica.time() - SECOND, "the IC's timer is set to the earliest");
    replica.advanceTime(3 * SECOND); // all due in one firing
    assertEquals("a a2 b c ", ran());
    assertEquals(0, canister.globalTimer(), "nothing left: the timer is deactivated");
  }

  @Test
  void shouldRunEachDeadlineWhenItComes() {
    update("schedule");
    replica.advanceTime(SECOND - 1);
    assertEquals("", ran());
    replica.advanceTime(1);
    assertEquals("a a2 ", ran());
    assertEquals(replica.time() + SECOND, canister.globalTimer(), "set again to the next deadline");
    replica.advanceTime(SECOND);
    assertEquals("a a2 b ", ran());
    replica.advanceTime(SECOND);
    assertEquals("a a2 b c ", ran());
  }

  @Test
  void shouldLoseOnlyTheTaskThatTrapped() {
    update("schedule");
    List<SystemTask> tasks = replica.advanceTime(SECOND);
    CallResult timer = tasks.get(0).result();
    assertEquals(MessageKind.GLOBAL_TIMER, tasks.get(0).kind());
    // the timer message, then each of the three tasks in a call of its own and its callback
    List<MessageKind> kinds = new ArrayList<>();
    timer.executions().forEach(e -> kinds.add(e.kind()));
    assertEquals(List.of(MessageKind.GLOBAL_TIMER, MessageKind.UPDATE, MessageKind.UPDATE, MessageKind.UPDATE,
        MessageKind.REPLY_CALLBACK, MessageKind.REJECT_CALLBACK, MessageKind.REPLY_CALLBACK), kinds);
    assertEquals("a a2 ", ran(), "x appended, then threw: rolled back with its message");
    assertTrue(canister.logs().stream().anyMatch(l -> l.contains("timer 3 failed, reject code 5: ")
        && l.contains("Uncaught java.lang.IllegalStateException: boom")), canister.logs().toString());
    replica.advanceTime(2 * SECOND);
    assertEquals("a a2 b c ", ran());
  }

  @Test
  void shouldCallTheOwnGlobalTimerOnlyWhenItsDeadlineHasPassed() {
    assertEquals("0", update("setOwnTimer"));
    assertEquals(Long.toString(replica.time() + 3 * SECOND / 2), update("setOwnTimer"), "the previous deadline");
    update("schedule");
    replica.advanceTime(SECOND);
    assertEquals("a a2 ", ran(), "a library timer fired, the own deadline had not passed");
    assertEquals(replica.time() + SECOND / 2, canister.globalTimer(), "the own deadline is next");
    replica.advanceTime(SECOND / 2);
    assertEquals("a a2 own ", ran());
    assertEquals(replica.time() + SECOND / 2, canister.globalTimer(), "then the library's");
    replica.advanceTime(2 * SECOND);
    assertEquals("a a2 own b c ", ran());
    assertEquals("0", update("setOwnTimer"), "fired: no deadline left");
  }

  @Test
  void shouldForgetTimersAtAnUpgrade() {
    update("schedule");
    canister.upgrade(wasm, new byte[] {'D', 'I', 'D', 'L', 0, 0});
    assertEquals(0, canister.globalTimer());
    replica.advanceTime(5 * SECOND);
    assertEquals("", ran());
  }

  @Test
  void shouldRefuseTheExecutorToAnyCallerButTheCanister() {
    CallResult r = canister.update("<icjava internal> timer", Request.anonymous());
    assertEquals("This method runs the canister's timers: only the canister itself may call it",
        assertInstanceOf(CallResult.Trap.class, r).message());
  }

  @Test
  void shouldLeaveTheExecutorOutOfACanisterThatSetsNoTimer() throws Exception {
    List<String> exports = exports(Probes.buildTyped("dev.icjava.build.typed.fixtures.Typed", "timers-none"));
    assertTrue(exports.contains("canister_global_timer"), exports.toString());
    assertTrue(!exports.contains(EXECUTOR), exports.toString());
    assertTrue(exports(wasm).contains(EXECUTOR));
  }

  static List<String> exports(byte[] module) {
    List<String> out = new ArrayList<>();
    for (Exports.Entry e : Exports.read(WasmSections.parse(module))) {
      out.add(e.name());
    }
    return out;
  }
}
