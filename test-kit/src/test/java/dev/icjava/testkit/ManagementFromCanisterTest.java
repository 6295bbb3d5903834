package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The management canister called by a canister (here a Java {@link SystemCanister}, as the cycles
 * ledger and the cycles minting canister call it): {@code create_canister} keeps the cycles
 * attached and makes the caller the controller, {@code canister_info} is answered to any canister
 * with the history, {@code deposit_cycles} accepts what is attached, and a refusal reaches the
 * calling canister as {@code "<error code>: <description>"}, the IC's {@code UserError} printed
 * whole (dfinity/ic {@code rs/types/error_types/src/lib.rs}).
 */
class ManagementFromCanisterTest {
  static final byte[] CALLER = {0, 0, 0, 0, 0, 0, 0, 9, 1, 1};

  /** Calls aaaaa-aa's {@code method} with the ingress argument and cycles; replies what came back. */
  static final class Relay implements SystemCanister {
    final List<Answer> answers = new ArrayList<>();

    @Override
    public boolean isQuery(String method) {
      return false;
    }

    @Override
    public Response handle(Request r) {
      long cycles = r.method().equals("canister_info") ? 0 : 1_000_000;
      return new Call(new byte[0], r.method(), r.arg(), cycles, answer -> {
        answers.add(answer);
        return answer.replied() ? Reply.of(answer.reply()) : Reject.of(answer.rejectMessage());
      });
    }
  }

  final LocalReplica replica = new LocalReplica();
  final Relay relay = new Relay();

  {
    replica.registerSystemCanister(CALLER, relay);
  }

  CallResult call(String method, byte[] arg) {
    Ingress ingress = replica.submit(CALLER, method, Request.anonymous().withArg(arg));
    replica.runUntilIdle();
    return ingress.result();
  }

  @Test
  void shouldCreateWithTheCyclesAttachedAndTheCallerAsController() {
    CallResult r = call("create_canister", ManagementCanisterTest.encode(
        IcCandid.record("settings", IcCandid.opt(ManagementCanisterTest.SETTINGS))));
    byte[] id = IcCandid.decode(assertInstanceOf(CallResult.Reply.class, r).replyBytes()).field("canister_id")
        .principal();
    assertEquals(0, relay.answers.get(0).refund(), "the management canister kept every cycle attached");
    CallResult status = call("canister_status", ManagementCanisterTest.encode(ManagementCanisterTest.ID,
        "canister_id", id));
    IcCandid.Value s = IcCandid.decode(assertInstanceOf(CallResult.Reply.class, status).replyBytes());
    assertEquals(BigInteger.valueOf(1_000_000), s.field("cycles").nat());
    assertArrayEquals(CALLER, s.field("settings").field("controllers").element(0).principal());
  }

  @Test
  void shouldAnswerCanisterInfoWithTheHistoryToAnyCanister() {
    byte[] id = new ManagementCanisterTestAccess(replica).createAndInstall();
    IcCandid.Type args = IcCandid.record("canister_id", IcCandid.principal(), "num_requested_changes",
        IcCandid.opt(IcCandid.nat64()));
    CallResult r = call("canister_info", IcCandid.encode(args, IcCandid.rec("canister_id", id,
        "num_requested_changes", 5L)));
    IcCandid.Value info = IcCandid.decode(assertInstanceOf(CallResult.Reply.class, r).replyBytes());
    assertEquals(BigInteger.valueOf(2), info.field("total_num_changes").nat());
    assertEquals(2, info.field("recent_changes").size());
    assertTrue(info.field("recent_changes").element(0).field("details").is("creation"));
    assertTrue(info.field("recent_changes").element(1).field("details").is("code_deployment"));
    assertArrayEquals(ManagementCanisterTest.sha256(ManagementCanisterTest.module("info")),
        info.field("module_hash").opt().blob());
  }

  @Test
  void shouldDepositTheCyclesAttached() {
    byte[] id = new ManagementCanisterTestAccess(replica).createAndInstall();
    call("deposit_cycles", ManagementCanisterTest.encode(ManagementCanisterTest.ID, "canister_id", id));
    assertEquals(100_000_000_000_000L + 1_000_000, replica.canister(id).cycles());
  }

  @Test
  void shouldRejectAStrangerCanisterWithTheErrorCodeInTheMessage() {
    byte[] id = new ManagementCanisterTestAccess(replica).createAndInstall();
    CallResult r = call("stop_canister", ManagementCanisterTest.encode(ManagementCanisterTest.ID, "canister_id", id));
    assertInstanceOf(CallResult.Reject.class, r);
    SystemCanister.Answer a = relay.answers.get(0);
    assertEquals(5, a.rejectCode());
    assertEquals("IC0512: " + ManagementCanisterTest.notController(id, ManagementCanisterTest.ALICE, CALLER),
        a.rejectMessage());
    assertEquals(1_000_000, a.refund(), "a refusal sends the cycles back");
  }

  /** Alice creates a canister and installs the test module in it, as a user would. */
  static final class ManagementCanisterTestAccess {
    final LocalReplica replica;

    ManagementCanisterTestAccess(LocalReplica replica) {
      this.replica = replica;
    }

    byte[] createAndInstall() {
      Ingress created = replica.submit(new byte[0], "provisional_create_canister_with_cycles",
          Request.from(ManagementCanisterTest.ALICE).withArg(ManagementCanisterTest.encode(
              ManagementCanisterTest.PROVISIONAL)));
      replica.runUntilIdle();
      byte[] id = IcCandid.decode(created.result().replyBytes()).field("canister_id").principal();
      Ingress installed = replica.submit(new byte[0], "install_code", Request.from(ManagementCanisterTest.ALICE)
          .withArg(ManagementCanisterTest.installArg(id, "install", ManagementCanisterTest.module("info"), null)));
      replica.runUntilIdle();
      assertInstanceOf(CallResult.Reply.class, installed.result());
      return id;
    }
  }
}
