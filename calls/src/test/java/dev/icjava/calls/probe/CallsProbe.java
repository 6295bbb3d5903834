package dev.icjava.calls.probe;

import dev.icjava.calls.Call;
import dev.icjava.calls.CallFuture;
import dev.icjava.calls.ManagementCanister;
import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.PreUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;
import dev.icjava.runtime.internal.Utf8;

/**
 * A canister that makes calls, for tests. Most methods take an envelope as raw argument bytes: the
 * callee's id length (1 byte), its id, the method name's length (1 byte), the name, then the
 * argument to send (a Candid message, or nothing for {@code ()}). Replies are Candid.
 */
public final class CallsProbe {
  private static long beforeCall;
  private static long inCallback;
  private static long cleanups;

  private CallsProbe() {}

  /** The canister's own pre_upgrade hook: the build runs its upgrade guard before it. */
  @PreUpgrade
  public static void preUpgrade() {
    SystemApi.debugPrint("the probe's own pre_upgrade ran");
  }

  /** 32 bytes of raw_rand. */
  @Update("randomBytes")
  public static void randomBytes() {
    ManagementCanister.rawRand().onReply(CandidReply::blob);
  }

  /** raw_rand, then raw_rand again from the first one's callback: 64 bytes. */
  @Update("twoRandoms")
  public static void twoRandoms() {
    ManagementCanister.rawRand()
        .then(first -> ManagementCanister.rawRand().map(second -> concat(first, second)))
        .onReply(CandidReply::blob);
  }

  /** Calls the envelope's method; replies with its reply as it is, or rejects naming the reject. */
  @Update("forward")
  public static void forward() {
    call(SystemApi.msgArgData())
        .onReply(SystemApi::msgReply)
        .onReject(r -> SystemApi.msgReject("rejected " + r.code() + ": " + r.message()));
  }

  /** As forward, counting before the call and in its callback. */
  @Update("forwardAndCount")
  public static void forwardAndCount() {
    beforeCall++;
    call(SystemApi.msgArgData())
        .onReply(reply -> {
          inCallback++;
          SystemApi.msgReply(reply);
        })
        .onReject(r -> {
          inCallback++;
          SystemApi.msgReject("rejected " + r.code() + ": " + r.message());
        });
  }

  /** Counts, calls, counts in the callback and then throws: the callback's count is rolled back. */
  @Update("trapInCallback")
  public static void trapInCallback() {
    beforeCall++;
    Envelope e = Envelope.of(SystemApi.msgArgData());
    Call.to(e.callee, e.method)
        .withArgs(e.args)
        .onCleanup(() -> cleanups++)
        .perform()
        .onReply(reply -> {
          inCallback++;
          throw new IllegalStateException("thrown in the reply callback");
        });
  }

  /** Only a reply handler: a reject traps, naming the call. */
  @Update("unhandledReject")
  public static void unhandledReject() {
    call(SystemApi.msgArgData()).onReply(SystemApi::msgReply);
  }

  /** Performs the call, then traps: the call must never leave. */
  @Update("callThenTrap")
  public static void callThenTrap() {
    beforeCall++;
    call(SystemApi.msgArgData());
    throw SystemApi.trap("trapped after call_perform");
  }

  /** A one-way call: no callback, the method replies at once. */
  @Update("oneway")
  public static void oneway() {
    Envelope e = Envelope.of(SystemApi.msgArgData());
    Call.to(e.callee, e.method).withArgs(e.args).performOneway();
    CandidReply.text("sent");
  }

  /** Sends {@code 1_000_000} cycles with the call; replies with what came back (a text). */
  @Update("sendCycles")
  public static void sendCycles() {
    Envelope e = Envelope.of(SystemApi.msgArgData());
    Call.to(e.callee, e.method).withArgs(e.args).withCycles(1_000_000).perform()
        .onReply(r -> CandidReply.text("replied"));
  }

  /** The counters: before calls, in callbacks, cleanups; and the calls still outstanding. */
  @Query("counters")
  public static void counters() {
    CandidReply.text(beforeCall + " " + inCallback + " " + cleanups + " "
        + dev.icjava.runtime.internal.Callbacks.outstanding());
  }

  private static CallFuture<byte[]> call(byte[] envelope) {
    Envelope e = Envelope.of(envelope);
    return Call.to(e.callee, e.method).withArgs(e.args).perform();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The argument envelope: callee, method, argument. */
  static final class Envelope {
    final Principal callee;
    final String method;
    final byte[] args;

    private Envelope(Principal callee, String method, byte[] args) {
      this.callee = callee;
      this.method = method;
      this.args = args;
    }

    static Envelope of(byte[] b) {
      int at = 0;
      int idLength = b[at++] & 0xFF;
      byte[] id = new byte[idLength];
      System.arraycopy(b, at, id, 0, idLength);
      at += idLength;
      int nameLength = b[at++] & 0xFF;
      byte[] name = new byte[nameLength];
      System.arraycopy(b, at, name, 0, nameLength);
      at += nameLength;
      byte[] args = new byte[b.length - at];
      System.arraycopy(b, at, args, 0, args.length);
      return new Envelope(Principal.fromBytes(id), Utf8.decodeOrTrap(name, "method name"),
          args.length == 0 ? new byte[] {'D', 'I', 'D', 'L', 0, 0} : args);
    }
  }
}
