package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IC semantics the local replica must reproduce, checked on a canister: one built by this
 * project's TeaVM pipeline, and one built by moc, which this project did not compile. Both expose
 * {@code increment}, {@code incrementThenTrap}, {@code get} ({@code (count, heapCount)}), {@code
 * incrementInQuery} and {@code spin}; {@code count} survives upgrades, {@code heapCount} does not.
 */
abstract class ReplicaSemanticsContract {
  static final byte[] USER = userPrincipal();

  LocalReplica replica;
  Canister canister;

  abstract byte[] module() throws Exception;

  abstract InstallOptions options();

  /** Upgrades the canister to the same module, the way its toolchain requires. */
  abstract long upgradeToSameModule() throws Exception;

  @BeforeEach
  void install() throws Exception {
    replica = new LocalReplica();
    canister = replica.install(module(), options());
  }

  static List<Long> nats(CallResult r) {
    return IDLArgs.fromBytes(r.replyBytes()).getArgs().stream()
        .map(IDLValue::getValue)
        .map(v -> ((BigInteger) v).longValueExact())
        .toList();
  }

  CallResult update(String method) {
    return canister.update(method, Request.from(USER));
  }

  List<Long> counts() {
    return nats(canister.query("get", Request.from(USER)));
  }

  @Test
  void shouldCommitSuccessfulUpdates() {
    assertEquals(List.of(1L), nats(update("increment")));
    assertEquals(List.of(2L), nats(update("increment")));
    assertEquals(List.of(2L, 2L), counts());
  }

  @Test
  void shouldRollBackEveryChangeOfATrappedMessage() {
    update("increment");
    CallResult r = update("incrementThenTrap");
    assertTrue(r.trapMessage().contains("boom after increment"), r.trapMessage());
    assertTrue(r.instructions() > 0);
    assertEquals(List.of(1L, 1L), counts(), "heap and stable changes of the trap are gone");
    assertEquals(List.of(2L), nats(update("increment")));
  }

  @Test
  void shouldDiscardTheChangesOfAQuery() {
    update("increment");
    assertEquals(List.of(2L), nats(canister.query("incrementInQuery", Request.from(USER))));
    assertEquals(List.of(1L, 1L), counts());
  }

  @Test
  void shouldKeepPersistentStateAndResetTheHeapOnUpgrade() throws Exception {
    update("increment");
    update("increment");
    long instructions = upgradeToSameModule();
    assertTrue(instructions > 0);
    assertEquals(List.of(2L, 0L), counts());
    // abstract-behavior.md: 1 for the install, 1 per update that changed the canister, 1 for the upgrade
    assertEquals(4, canister.version());
    assertEquals(List.of(3L), nats(update("increment")));
  }

  @Test
  void shouldTrapAMessageThatPassesItsInstructionLimit() {
    update("increment");
    replica.setLimits(new LocalReplica.Limits(2_000_000, 2_000_000, 300_000_000_000L, 300_000_000_000L));
    CallResult r = update("spin");
    assertTrue(r.trapMessage().startsWith("instruction limit exceeded"), r.trapMessage());
    assertEquals("IC0522", ((CallResult.Trap) r).errorCode());
    // The limit bounds the IC's counter, checked on entering a function or a loop body: the message
    // stops at the first such entry past 2,000,000, within one loop body's cost of it.
    assertTrue(r.icInstructions() > 2_000_000 && r.icInstructions() < 2_000_000 + 100, r.icInstructions() + " IC");
    replica.setLimits(LocalReplica.Limits.ic());
    assertEquals(List.of(1L, 1L), counts());
  }

  @Test
  void shouldRejectACallToAMissingMethod() {
    CallResult r = update("noSuchMethod");
    CallResult.Reject reject = assertInstanceOf(CallResult.Reject.class, r);
    assertEquals(5, reject.code());
    assertEquals("IC0536", reject.errorCode());
    CallResult q = canister.query("increment", Request.from(USER));
    assertEquals("IC0536", assertInstanceOf(CallResult.Reject.class, q).errorCode(), "an update is no query");
  }

  @Test
  void shouldCountInstructionsDeterministically() throws Exception {
    CallResult first = update("increment");
    LocalReplica other = new LocalReplica();
    Canister twin = other.install(module(), options());
    CallResult second = twin.update("increment", Request.from(USER));
    assertEquals(first.instructions(), second.instructions());
    assertEquals(first.icInstructions(), second.icInstructions());
    assertTrue(first.instructions() > 100, "a Candid reply takes more than 100 instructions: " + first);
    // the IC's counter adds at least msg_reply_data_append's and msg_reply's 500 each
    assertTrue(first.icInstructions() > first.instructions() + 1000, first.toString());
  }

  private static byte[] userPrincipal() {
    byte[] b = new byte[29];
    for (int i = 0; i < 28; i++) {
      b[i] = (byte) (17 * i + 5);
    }
    b[28] = 2;
    return b;
  }
}
