package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.testkit.TestModule.Code;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link SystemCanister} (Java, at a fixed id) is reached by ingress and by canisters' calls in
 * the one message queue, calls other canisters and goes on when the answer comes, and its rejects
 * and traps reach callers as a canister's do.
 */
class SystemCanisterTest {
  static final byte[] FIXED = InterCanisterCallTest.SECOND;

  /** Records who called what; replies the method name, or calls {@code target}'s pong for "relay". */
  static final class Recorder implements SystemCanister {
    final List<String> seen = new ArrayList<>();
    byte[] target;

    @Override
    public boolean isQuery(String method) {
      return false;
    }

    @Override
    public Response handle(Request r) {
      seen.add(Ic0Host.principalText(r.caller()) + " " + r.method() + " " + r.cycles());
      switch (r.method()) {
        case "relay":
          return new Call(target, "pong", new byte[] {'D', 'I', 'D', 'L', 0, 0}, 0,
              answer -> answer.replied() ? Reply.of(bytes("relayed " + answer.reply().length))
                  : Reject.of("pong rejected: " + answer.rejectMessage()));
        case "refuse":
          return Reject.of("refused");
        case "fail":
          return new Trap("failed");
        default:
          return Reply.of(bytes(r.method()));
      }
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldAnswerIngressByItsId() {
    LocalReplica replica = new LocalReplica();
    Recorder r = new Recorder();
    replica.registerSystemCanister(FIXED, r);
    Ingress ingress = replica.submit(FIXED, "hello", Request.anonymous());
    replica.runUntilIdle();
    assertArrayEquals(bytes("hello"), ingress.result().replyBytes());
    assertEquals(List.of("2vxsx-fae hello 0"), r.seen);
  }

  @Test
  void shouldBeCalledByACanisterWithThatCanisterAsCaller() {
    LocalReplica replica = new LocalReplica();
    Recorder r = new Recorder();
    replica.registerSystemCanister(FIXED, r);
    // the first canister (id ...00 01 01) calls pong at FIXED (...01 01 01): the system canister
    Canister caller = replica.install(InterCanisterCallTest.caller(new Code().call(InterCanisterCallTest.MSG_REPLY), 0)
        .bytes());
    CallResult result = caller.update("go", Request.anonymous());
    assertInstanceOf(CallResult.Reply.class, result);
    assertEquals(List.of(Ic0Host.principalText(caller.id()) + " pong 0"), r.seen);
  }

  @Test
  void shouldCallACanisterAndGoOnWithItsAnswer() {
    LocalReplica replica = new LocalReplica();
    Recorder r = new Recorder();
    replica.registerSystemCanister(FIXED, r);
    Canister pong = replica.install(InterCanisterCallTest.pong());
    r.target = pong.id();
    Ingress ingress = replica.submit(FIXED, "relay", Request.anonymous());
    replica.runUntilIdle();
    assertArrayEquals(bytes("relayed 0"), ingress.result().replyBytes());
  }

  @Test
  void shouldPassOnARejectOfTheCalleeToItsContinuation() {
    LocalReplica replica = new LocalReplica();
    Recorder r = new Recorder();
    replica.registerSystemCanister(FIXED, r);
    r.target = new byte[] {0, 0, 0, 0, 0, 0, 0, 9, 1, 1}; // nothing there
    Ingress ingress = replica.submit(FIXED, "relay", Request.anonymous());
    replica.runUntilIdle();
    CallResult.Reject reject = assertInstanceOf(CallResult.Reject.class, ingress.result());
    assertEquals(4, reject.code());
    assertEquals("pong rejected: Canister " + Ic0Host.principalText(r.target) + " not found", reject.message());
  }

  @Test
  void shouldRejectAndTrapAsACanisterDoes() {
    LocalReplica replica = new LocalReplica();
    replica.registerSystemCanister(FIXED, new Recorder());
    Ingress refused = replica.submit(FIXED, "refuse", Request.anonymous());
    Ingress failed = replica.submit(FIXED, "fail", Request.anonymous());
    replica.runUntilIdle();
    CallResult.Reject reject = assertInstanceOf(CallResult.Reject.class, refused.result());
    assertEquals(List.of(4, "refused", "IC0406"), List.of(reject.code(), reject.message(), reject.errorCode()));
    CallResult.Trap trap = assertInstanceOf(CallResult.Trap.class, failed.result());
    assertEquals(List.of("failed", "IC0503"), List.of(trap.message(), trap.errorCode()));
  }

  @Test
  void shouldRejectIngressToAnIdWhereNothingIs() {
    LocalReplica replica = new LocalReplica();
    byte[] nowhere = {0, 0, 0, 0, 0, 0, 0, 5, 1, 1};
    Ingress ingress = replica.submit(nowhere, "m", Request.anonymous());
    replica.runUntilIdle();
    CallResult.Reject reject = assertInstanceOf(CallResult.Reject.class, ingress.result());
    assertEquals(List.of(3, "Canister " + Ic0Host.principalText(nowhere) + " not found", "IC0301"),
        List.of(reject.code(), reject.message(), reject.errorCode()));
  }

  @Test
  void shouldNeverHandOutASystemCanistersIdToAnInstall() {
    LocalReplica replica = new LocalReplica();
    replica.registerSystemCanister(FIXED, new Recorder());
    replica.install(InterCanisterCallTest.pong());
    Canister second = replica.install(InterCanisterCallTest.pong());
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 2, 1, 1}, second.id());
    assertThrows(IllegalArgumentException.class, () -> replica.registerSystemCanister(second.id(), new Recorder()));
  }
}
