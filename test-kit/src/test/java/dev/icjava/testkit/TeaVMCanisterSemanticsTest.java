package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
    assertEquals(List.of(6L), nats(canister.query("initArgLength", Call.from(USER))), "DIDL\\00\\00 by default");
    Canister withArg = replica.install(moduleUnchecked(), InstallOptions.defaults().initArg(new byte[123]));
    assertEquals(List.of(123L), nats(withArg.query("initArgLength", Call.from(USER))));
  }

  @Test
  void shouldPassCallerInfoDataAndSigner() {
    assertEquals(List.of(0L, 0L), nats(canister.query("callerInfo", Call.from(USER))));
    Call withInfo = Call.from(USER).withCallerInfo(new byte[77], new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 1, 1});
    assertEquals(List.of(77L, 10L), nats(canister.query("callerInfo", withInfo)));
  }

  @Test
  void shouldFailLoudlyNamingAnEntryTheReplicaDoesNotImplement() {
    UnsupportedSystemApiException e =
        assertThrows(UnsupportedSystemApiException.class, () -> update("callAnotherCanister"));
    assertEquals("ic0.call_perform is not implemented by the test kit's local replica", e.getMessage());
    assertEquals(List.of(0L, 0L), counts(), "the replica rolled the message back before throwing");
  }

  @Test
  void shouldCommitButRejectAnUpdateThatNeverReplies() {
    CallResult.Reject r = assertInstanceOf(CallResult.Reject.class, update("noReply"));
    assertEquals(5, r.code());
    assertEquals(List.of(1L, 1L), counts(), "the IC commits a method that returns without replying");
  }

  @Test
  void shouldTrapOnASecondReply() {
    assertTrue(update("replyTwice").trapMessage().contains("already been answered"));
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
    assertEquals("unset", Replies.text(bare.update("greeting", Call.from(USER))));
  }

  @Test
  void shouldReportThePerformanceCounterOfTheMessageSoFar() {
    CallResult r = update("instructionsSoFar");
    long counter = nats(r).get(0);
    assertTrue(counter > 0 && counter < r.instructions(), counter + " of " + r.instructions());
  }

  @Test
  void shouldRefuseStableGrowthPastTheBudget() {
    Canister small = replica.install(moduleUnchecked(), InstallOptions.defaults().maxStablePages(2));
    assertEquals(List.of(1L), nats(small.update("growStable", Call.from(USER))));
    // -1 as nat64 does not fit Candid nat's reading here: the canister replies the raw value.
    CallResult r = small.update("growStable", Call.from(USER));
    assertTrue(r.replyBytes().length > 7);
    assertEquals(2, small.stableMemory().length / 65536);
  }

  @Test
  void shouldLeaveTheOldCanisterIntactWhenTheUpgradeIsRefused() {
    update("increment");
    CanisterInstallException e =
        assertThrows(CanisterInstallException.class, () -> canister.upgrade(new byte[] {0, 1, 2}, new byte[0]));
    assertTrue(e.getMessage().contains("wasm-malformed"), e.getMessage());
    assertEquals(List.of(1L, 1L), counts());
    assertEquals(0, canister.version());
  }

  private byte[] moduleUnchecked() {
    try {
      return module();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
