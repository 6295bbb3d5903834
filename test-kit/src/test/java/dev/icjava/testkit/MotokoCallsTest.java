package dev.icjava.testkit;

import dev.icjava.testkit.reference.MotokoBuild;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
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
 * Inter-canister calls between canisters this project did not compile: {@code src/test/motoko/
 * Caller.mo} and {@code Callee.mo}, built with npm motoko 4.10.0 (lowered to 32-bit memory). Replies
 * reach the original caller, rollbacks are per message, {@code raw_rand} gives fresh bytes, and what
 * a Motoko canister reads of a reject is what the IC would give it.
 */
class MotokoCallsTest {
  static final byte[] SEED = "motoko calls test".getBytes(StandardCharsets.UTF_8);
  static byte[] callerWasm;
  static byte[] calleeWasm;

  LocalReplica replica;
  Canister caller;
  Canister callee;

  @BeforeAll
  static void build() {
    callerWasm = MotokoBuild.build(Path.of("src/test/motoko/Caller.mo"), Fixtures.OUT, "motoko-caller").lowered();
    calleeWasm = MotokoBuild.build(Path.of("src/test/motoko/Callee.mo"), Fixtures.OUT, "motoko-callee").lowered();
  }

  @BeforeEach
  void install() {
    replica = new LocalReplica();
    replica.setRandomSeed(SEED);
    caller = replica.install(callerWasm, InstallOptions.defaults().lowered64());
    callee = replica.install(calleeWasm, InstallOptions.defaults().lowered64());
  }

  @Test
  void shouldAwaitRawRandAndGetFreshBytesEachTime() throws Exception {
    CallResult first = caller.update("randomBlob", Request.anonymous());
    CallResult second = caller.update("randomBlob", Request.anonymous());
    assertArrayEquals(expectedRandom(0), Replies.blob(first));
    assertArrayEquals(expectedRandom(1), Replies.blob(second));
    assertEquals(List.of(2L, 2L), counts());
    // the update, raw_rand, the reply callback: three messages, each counted on its own
    assertEquals(3, first.messages(), first.executions().toString());
    assertEquals(MessageKind.UPDATE, first.executions().get(0).kind());
    assertEquals("raw_rand", first.executions().get(1).entry());
    assertEquals(MessageKind.REPLY_CALLBACK, first.executions().get(2).kind());
    long sum = 0;
    for (Execution e : first.executions()) {
      sum += e.instructions();
    }
    assertEquals(sum, first.instructions());
  }

  @Test
  void shouldCarryTheReplyOfASecondCanisterBackToTheUser() throws Exception {
    CallResult r = caller.update("callEcho", args(IDLValue.create(principal(callee)), IDLValue.create("hi")));
    assertEquals("echo: hi", Replies.text(r));
    assertEquals(List.of(1L, 1L), counts());
    assertEquals(new BigInteger("1"), callee.query("count", Request.anonymous()).replyBytes().length > 0
        ? (BigInteger) IDLArgs.fromBytes(callee.query("count", Request.anonymous()).replyBytes()).getArgs().get(0).getValue()
        : null);
    assertEquals(List.of(MessageKind.UPDATE, MessageKind.UPDATE, MessageKind.REPLY_CALLBACK),
        r.executions().stream().map(Execution::kind).toList());
    assertEquals(callee.text(), r.executions().get(1).canister());
  }

  @Test
  void shouldShowTheCalleeTheCallingCanisterAsCaller() throws Exception {
    CallResult r = caller.update("whoDoesItSeeCalling", args(IDLValue.create(principal(callee))));
    Object p = IDLArgs.fromBytes(r.replyBytes()).getArgs().get(0).getValue();
    assertEquals(caller.text(), p.toString().replaceAll("-$", ""));
  }

  @Test
  void shouldRollBackOnlyTheCallbackThatTraps() throws Exception {
    CallResult r = caller.update("trapInCallback", args(IDLValue.create(principal(callee))));
    assertEquals("motoko caller trapped in the callback after echo: before the trap", r.trapMessage());
    assertEquals("IC0503", ((CallResult.Trap) r).errorCode());
    // the caller's first message (before the await) is kept, its callback's change is not;
    // the callee's own message is kept
    assertEquals(List.of(1L, 0L), counts());
    assertEquals(BigInteger.ONE,
        IDLArgs.fromBytes(callee.query("count", Request.anonymous()).replyBytes()).getArgs().get(0).getValue());
  }

  @Test
  void shouldDeliverTheCalleesRejectAsTheIcDoes() throws Exception {
    assertEquals("caught #canister_reject: motoko says no",
        Replies.text(caller.update("catchReject", args(IDLValue.create(principal(callee))))));
    String trap = Replies.text(caller.update("catchTrap", args(IDLValue.create(principal(callee)))));
    assertEquals("caught #canister_error: IC0503: Error from Canister " + callee.text()
        + ": Canister called `ic0.trap` with message: 'motoko callee trapped'.\n"
        + "Consider gracefully handling failures from this canister or altering the canister to handle exceptions."
        + " See documentation: https://internetcomputer.org/docs/current/references/execution-errors#trapped-explicitly",
        trap);
  }

  @Test
  void shouldRejectACallToACanisterThatDoesNotExist() throws Exception {
    byte[] nobody = {0, 0, 0, 0, 0, 0, 0, 42, 1, 1};
    String text = org.ic4j.types.Principal.from(nobody).toString();
    String r = Replies.text(caller.update("catchReject",
        args(IDLValue.create(org.ic4j.types.Principal.from(nobody)))));
    assertEquals("caught #destination_invalid: Canister " + text + " not found", r);
  }

  @Test
  void shouldLetMotokoRefuseAnUpgradeWhileItsCallIsOutstanding() throws Exception {
    Ingress pending = replica.submit(caller, "callEcho", args(IDLValue.create(principal(callee)), IDLValue.create("x")));
    assertTrue(replica.step()); // the caller's update runs and sends the call
    assertFalse(pending.answered());
    CanisterInstallException e =
        assertThrows(CanisterInstallException.class, () -> caller.upgrade(callerWasm, empty(), true));
    assertTrue(e.getMessage().contains(
        "canister_pre_upgrade attempted with outstanding message callbacks (try stopping the canister before upgrade)"),
        e.getMessage());
    replica.runUntilIdle();
    assertEquals("echo: x", Replies.text(pending.result()));
    caller.upgrade(callerWasm, empty(), true);
    assertEquals(List.of(1L, 1L), counts());
  }

  // ---- helpers ----

  private List<Long> counts() {
    CallResult r = caller.query("counts", Request.anonymous());
    List<Long> out = new java.util.ArrayList<>();
    for (IDLValue v : IDLArgs.fromBytes(r.replyBytes()).getArgs()) {
      out.add(((BigInteger) v.getValue()).longValue());
    }
    return out;
  }

  private static org.ic4j.types.Principal principal(Canister c) {
    return org.ic4j.types.Principal.from(c.id());
  }

  private static Request args(IDLValue... values) {
    return Request.anonymous().withArg(IDLArgs.create(List.of(values)).toBytes());
  }

  private static byte[] empty() {
    return new byte[] {'D', 'I', 'D', 'L', 0, 0};
  }

  /** SHA-256(seed, n as 8 little-endian bytes): the n-th raw_rand of a replica with this seed. */
  static byte[] expectedRandom(long n) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(SEED);
    for (int i = 0; i < 8; i++) {
      sha.update((byte) (n >>> (8 * i)));
    }
    return sha.digest();
  }
}
