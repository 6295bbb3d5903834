package dev.icjava.calls.probe;

import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/** A canister that is called, for tests: replies, rejects, traps, or answers nothing. */
public final class CalleeProbe {
  private static long count;

  private CalleeProbe() {}

  /** Counts calls; replies {@code (text)} "count N". */
  @Update("increment")
  public static void increment() {
    count++;
    CandidReply.text("count " + count);
  }

  /** Replies {@code (blob)} with the caller's principal bytes followed by the caller-info data size. */
  @Update("whoCalls")
  public static void whoCalls() {
    byte[] caller = SystemApi.msgCaller();
    byte[] out = new byte[caller.length + 1];
    System.arraycopy(caller, 0, out, 0, caller.length);
    out[caller.length] = (byte) SystemApi.msgCallerInfoDataSize();
    CandidReply.blob(out);
  }

  /** Rejects: "no thanks". */
  @Update("refuse")
  public static void refuse() {
    SystemApi.msgReject("no thanks");
  }

  /** Traps: "callee trapped". */
  @Update("fail")
  public static void fail() {
    count++;
    throw SystemApi.trap("callee trapped");
  }

  /** Returns without answering. */
  @Update("silent")
  public static void silent() {
    count++;
  }

  /** Accepts half the cycles offered; replies {@code (text)} with what was available. */
  @Update("takeHalf")
  public static void takeHalf() {
    byte[] available = new byte[16];
    dev.icjava.runtime.Ic0.msg_cycles_available128(org.teavm.interop.Address.ofData(available).toInt());
    long offered = 0;
    for (int i = 7; i >= 0; i--) {
      offered = (offered << 8) | (available[i] & 0xFF);
    }
    byte[] accepted = new byte[16];
    dev.icjava.runtime.Ic0.msg_cycles_accept128(0, offered / 2, org.teavm.interop.Address.ofData(accepted).toInt());
    CandidReply.text("offered " + offered);
  }

  /** {@code echo : (text) -> (text)}, Candid both ways, as Motoko's Callee.mo has it: "echo: " + t. */
  @Update("echo")
  public static void echo() {
    count++;
    String t = CandidMessage.parse(SystemApi.msgArgData()).decode(CandidType.text())[0].text();
    CandidReply.text("echo: " + t);
  }

  /** The count, as text. */
  @Update("count")
  public static void getCount() {
    CandidReply.text("count " + count);
  }
}
