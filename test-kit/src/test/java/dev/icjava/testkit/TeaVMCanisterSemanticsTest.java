package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ic4j.candid.parser.IDLArgs;
import org.junit.jupiter.api.Test;

/** The replica's semantics on the TeaVM-built probe, plus what only Java canisters can do wrong. */
class TeaVMCanisterSemanticsTest extends ReplicaSemanticsContract {
  @Override
  byte[] module() throws Exception {
    return Fixtures.teavmProbe();
  }

  @Override
  InstallOptions options() {
    return InstallOptions.defaults().environment(Map.of("greeting", "héllo"));
  }

  @Override
  long upgradeToSameModule() throws Exception {
    return canister.upgrade(module(), new byte[] {'D', 'I', 'D', 'L', 0, 0});
  }

  @Test
  void shouldTurnAnUncaughtExceptionIntoATrapNamingItAndRollBack() {
    CallResult r = update("throwUncaught");
    assertEquals("Uncaught java.lang.IllegalStateException: boom", r.trapMessage());
    assertEquals(List.of(0L, 0L), counts());
  }

  @Test
  void shouldNameRuntimeExceptionsThatTheJvmWouldThrow() {
    assertEquals("Uncaught java.lang.ArrayIndexOutOfBoundsException", update("arrayIndex").trapMessage());
    assertEquals("Uncaught java.lang.NullPointerException", update("nullField").trapMessage());
    // TeaVM emits i32.div_s, which the Wasm engine itself traps on: a trap with the engine's
    // message (the IC's says "integer division by 0"), never a silent wrong answer.
    assertEquals("Wasm trap: integer divide by zero", update("divideByZero").trapMessage());
  }

  @Test
  void shouldPassTheInitArgumentToCanisterInit() {
    assertEquals(List.of(6L), nats(canister.query("initArgLength", Request.from(USER))), "DIDL\\00\\00 by default");
    Canister withArg = replica.install(moduleUnchecked(), InstallOptions.defaults().initArg(new byte[123]));
    assertEquals(List.of(123L), nats(withArg.query("initArgLength", Request.from(USER))));
  }

  @Test
  void shouldPassCallerInfoDataAndSigner() {
    assertEquals(List.of(0L, 0L), nats(canister.query("callerInfo", Request.from(USER))));
    Request withInfo = Request.from(USER).withCallerInfo(new byte[77], new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 1, 1});
    assertEquals(List.of(77L, 10L), nats(canister.query("callerInfo", withInfo)));
  }

  @Test
  void shouldFailLoudlyNamingAnEntryTheReplicaDoesNotImplement() {
    UnsupportedSystemApiException e =
        assertThrows(UnsupportedSystemApiException.class, () -> update("readRootKey"));
    assertEquals("ic0.root_key_size is not implemented by the test kit's local replica", e.getMessage());
    assertEquals(List.of(0L, 0L), counts(), "the replica rolled the message back before throwing");
  }

  @Test
  void shouldCommitButRejectAnUpdateThatNeverReplies() {
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, update("noReply"));
    assertEquals(5, r.code());
    assertEquals("IC0506", r.errorCode());
    assertEquals(List.of(1L, 1L), counts(), "the IC commits a method that returns without replying");
  }

  @Test
  void shouldTrapOnASecondReply() {
    CallResult.Trap t = assertInstanceOf(CallResult.Trap.class, update("replyTwice"));
    // SystemApi.msgReply appends, then replies: the second reply traps at its append
    assertEquals("ic0.msg_reply_data_append: the call is already replied", t.message());
    assertEquals("IC0504", t.errorCode());
  }

  @Test
  void shouldEndTheMessageAtATrapThatCodeTriesToCatch() {
    // runtime's TrapOnJvmTest runs the same handlers on a JVM: there the trap is not caught either,
    // except by catch (Throwable), which it documents; in a canister nothing catches it.
    assertEquals("trapped inside try", update("catchTrap").trapMessage());
    assertEquals("trapped inside try", update("catchThrowableAroundTrap").trapMessage());
    assertEquals(List.of(0L, 0L), counts(), "both messages rolled back");
  }

  @Test
  void shouldInspectIngressUpdatesThroughInspectMessage() {
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, update("refusedByInspect"));
    assertEquals(4, r.code());
    assertEquals("IC0406", r.errorCode());
    assertEquals(List.of(1L), nats(update("increment")), "everything else is accepted");
    assertEquals(List.of(1L, 1L), counts(), "a query is not inspected");
  }

  @Test
  void shouldRunHeartbeatAndGlobalTimerWhenTimeMovesOn() {
    assertEquals(List.of(0L, 0L, 0L), tasks());
    replica.advanceTime(1);
    assertEquals(List.of(1L, 0L, 0L), tasks(), "@Heartbeat ran");
    nats(update("setTimer"));
    replica.advanceTime(999_999_999L);
    assertEquals(List.of(2L, 0L, 0L), tasks(), "the timer is not due yet");
    List<SystemTask> ran = replica.advanceTime(1);
    assertEquals(List.of(MessageKind.HEARTBEAT, MessageKind.GLOBAL_TIMER), ran.stream().map(SystemTask::kind).toList());
    assertEquals(List.of(3L, 1L, 0L), tasks(), "@GlobalTimer ran once");
    replica.advanceTime(5_000_000_000L);
    assertEquals(List.of(4L, 1L, 0L), tasks());
  }

  @Test
  void shouldRunTheLowMemoryHookWhenLittleMemoryIsLeft() {
    long bytes = canister.memoryPages() * 65536L;
    // a limit one page above what the module holds, a threshold of two: the hook is due at once
    Canister tight = replica.install(moduleUnchecked(), options().wasmMemory(bytes + 65536, 2 * 65536));
    List<SystemTask> ran = replica.tick();
    assertTrue(ran.stream().anyMatch(t -> t.canister() == tight && t.kind() == MessageKind.ON_LOW_WASM_MEMORY), ran.toString());
    assertEquals(1L, nats(tight.query("tasks", Request.from(USER))).get(2), "@OnLowWasmMemory ran once");
    replica.tick();
    assertEquals(1L, nats(tight.query("tasks", Request.from(USER))).get(2), "once per crossing");
  }

  @Test
  void shouldRunACompositeQueryAsAQueryOnly() {
    update("increment");
    assertEquals(List.of(1L, 1L), nats(canister.query("compositeGet", Request.from(USER))));
    assertEquals("IC0527", assertInstanceOf(CallResult.Reject.class, update("compositeGet")).errorCode());
  }

  private List<Long> tasks() {
    return nats(canister.query("tasks", Request.from(USER)));
  }

  @Test
  void shouldCutHugeTrapMessagesToValidUtf8() {
    String m = update("hugeTrap").trapMessage();
    byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
    assertTrue(bytes.length <= 16 * 1024, bytes.length + " bytes");
    assertTrue(bytes.length > 16 * 1024 - 4, bytes.length + " bytes");
    assertEquals('\ufffd', m.charAt(0), "an unpaired surrogate becomes U+FFFD");
    assertEquals('\u00e9', m.charAt(1));
  }

  @Test
  void shouldReadCanisterEnvironmentVariables() {
    assertEquals("héllo", Replies.text(update("greeting")));
    Canister bare = replica.install(moduleUnchecked());
    assertEquals("unset", Replies.text(bare.update("greeting", Request.from(USER))));
  }

  @Test
  void shouldReportThePerformanceCounterOfTheMessageSoFar() {
    CallResult r = update("instructionsSoFar");
    long counter = nats(r).get(0);
    // ic0.performance_counter reads the IC's counter, its own 200 included; the reply comes after
    assertTrue(counter > 200 && counter < r.icInstructions(), counter + " of " + r.icInstructions());
  }

  @Test
  void shouldRefuseStableGrowthPastTheBudget() {
    Canister small = replica.install(moduleUnchecked(), InstallOptions.defaults().maxStablePages(2));
    assertEquals(List.of(1L), nats(small.update("growStable", Request.from(USER))));
    // stable64_grow's -1, which the probe replies as a nat64 bit pattern: 2^64 - 1
    CallResult r = small.update("growStable", Request.from(USER));
    BigInteger refused = (BigInteger) IDLArgs.fromBytes(r.replyBytes()).getArgs().get(0).getValue();
    assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), refused);
    assertEquals(2, small.stableMemory().length / 65536);
  }

  @Test
  void shouldLeaveTheOldCanisterIntactWhenTheUpgradeIsRefused() {
    update("increment");
    CanisterInstallException e =
        assertThrows(CanisterInstallException.class, () -> canister.upgrade(new byte[] {0, 1, 2}, new byte[0]));
    assertTrue(e.getMessage().contains("wasm-malformed"), e.getMessage());
    assertEquals(List.of(1L, 1L), counts());
    assertEquals(2, canister.version(), "1 for the install, 1 for the update, none for the refused upgrade");
  }

  private byte[] moduleUnchecked() {
    try {
      return module();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
