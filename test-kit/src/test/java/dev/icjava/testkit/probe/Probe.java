package dev.icjava.testkit.probe;

import dev.icjava.runtime.CompositeQuery;
import dev.icjava.runtime.GlobalTimer;
import dev.icjava.runtime.Heartbeat;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.InspectMessage;
import dev.icjava.runtime.OnLowWasmMemory;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * A TeaVM-built canister whose methods exercise the replica's semantics; the Motoko twin is {@code
 * src/test/motoko/Probe.mo}. {@code count} lives in stable memory (bytes 0-7, little-endian) and
 * survives upgrades; {@code heapCount} lives on the Java heap and does not. The system tasks count
 * their runs in stable memory too: heartbeats at 8, timers at 16, low-memory hooks at 24.
 */
public final class Probe {
  private static long heapCount;
  private static long initArgLength = -1;
  private static volatile boolean forever = true;

  private Probe() {}

  @Init
  public static void init() {
    initArgLength = SystemApi.msgArgData().length;
    ensureStable();
  }

  @Query("initArgLength")
  public static void initArgLength() {
    SystemApi.msgReply(nat(initArgLength));
  }

  /** (data length, signer length or 0 when the call carries no attributes). */
  @Query("callerInfo")
  public static void callerInfo() {
    byte[] signer = SystemApi.msgCallerInfoSigner();
    SystemApi.msgReply(nat2(SystemApi.msgCallerInfoData().length, signer == null ? 0 : signer.length));
  }

  /** Calls an entry the local replica does not implement. */
  @Update("readRootKey")
  public static void readRootKey() {
    bump();
    dev.icjava.runtime.Ic0.root_key_size();
    SystemApi.msgReply(nat(0));
  }

  @PostUpgrade
  public static void postUpgrade() {
    ensureStable();
  }

  @Update("increment")
  public static void increment() {
    long c = bump();
    SystemApi.msgReply(nat(c));
  }

  @Update("incrementThenTrap")
  public static void incrementThenTrap() {
    bump();
    throw SystemApi.trap("boom after increment");
  }

  @Query("get")
  public static void get() {
    SystemApi.msgReply(nat2(count(), heapCount));
  }

  @Query("incrementInQuery")
  public static void incrementInQuery() {
    long c = bump();
    SystemApi.msgReply(nat(c));
  }

  @Update("spin")
  public static void spin() {
    long i = 0;
    while (forever) {
      i++;
    }
    SystemApi.msgReply(nat(i));
  }

  @Update("throwUncaught")
  public static void throwUncaught() {
    bump();
    throw new IllegalStateException("boom");
  }

  @Update("noReply")
  public static void noReply() {
    bump();
  }

  @Update("greeting")
  public static void greeting() {
    String value = SystemApi.envVar("greeting");
    TextReply.text(value == null ? "unset" : value);
  }

  @Update("instructionsSoFar")
  public static void instructionsSoFar() {
    SystemApi.msgReply(nat(SystemApi.performanceCounter(0)));
  }

  @Update("arrayIndex")
  public static void arrayIndex() {
    int[] a = new int[2];
    SystemApi.msgReply(nat(a[(int) (3 + heapCount)]));
  }

  @Update("nullField")
  public static void nullField() {
    String s = heapCount >= 0 ? null : "x";
    SystemApi.msgReply(nat(s.length()));
  }

  @Update("divideByZero")
  public static void divideByZero() {
    SystemApi.msgReply(nat(10 / (int) (heapCount - heapCount)));
  }

  @Update("replyTwice")
  public static void replyTwice() {
    SystemApi.msgReply(nat(1));
    SystemApi.msgReply(nat(2));
  }

  @Update("hugeTrap")
  public static void hugeTrap() {
    char[] big = new char[100_000];
    java.util.Arrays.fill(big, '\u00e9');
    big[0] = '\ud800'; // an unpaired surrogate
    throw SystemApi.trap(new String(big));
  }

  /** Tries to recover from a trap as a JVM test might: in a canister the message ends all the same. */
  @Update("catchTrap")
  public static void catchTrap() {
    bump();
    String outcome;
    try {
      throw SystemApi.trap("trapped inside try");
    } catch (dev.icjava.runtime.CanisterTrap e) {
      outcome = "caught";
    }
    TextReply.text(outcome);
  }

  /** As {@link #catchTrap}, with a handler that catches everything, which the JVM lets catch. */
  @Update("catchThrowableAroundTrap")
  public static void catchThrowableAroundTrap() {
    bump();
    String outcome;
    try {
      throw SystemApi.trap("trapped inside try");
    } catch (Throwable t) {
      outcome = "caught";
    }
    TextReply.text(outcome);
  }

  /** Accepts every ingress message but calls to {@code refusedByInspect}. */
  @InspectMessage
  public static void inspect() {
    if (!SystemApi.msgMethodName().equals("refusedByInspect")) {
      SystemApi.acceptMessage();
    }
  }

  @Update("refusedByInspect")
  public static void refusedByInspect() {
    bump();
    SystemApi.msgReply(nat(0));
  }

  @Heartbeat
  public static void heartbeat() {
    add(8);
  }

  @GlobalTimer
  public static void timer() {
    add(16);
  }

  @OnLowWasmMemory
  public static void lowMemory() {
    add(24);
  }

  /** Sets the global timer one second after now. */
  @Update("setTimer")
  public static void setTimer() {
    SystemApi.globalTimerSet(SystemApi.time() + 1_000_000_000L);
    SystemApi.msgReply(nat(0));
  }

  /** (heartbeats, timers, low-memory hooks) run so far. */
  @Query("tasks")
  public static void tasks() {
    byte[] a = leb(read(8));
    byte[] b = leb(read(16));
    byte[] c = leb(read(24));
    byte[] out = new byte[9 + a.length + b.length + c.length];
    byte[] head = {'D', 'I', 'D', 'L', 0, 3, 0x7d, 0x7d, 0x7d};
    System.arraycopy(head, 0, out, 0, 9);
    System.arraycopy(a, 0, out, 9, a.length);
    System.arraycopy(b, 0, out, 9 + a.length, b.length);
    System.arraycopy(c, 0, out, 9 + a.length + b.length, c.length);
    SystemApi.msgReply(out);
  }

  @CompositeQuery("compositeGet")
  public static void compositeGet() {
    SystemApi.msgReply(nat2(count(), heapCount));
  }

  @Update("growStable")
  public static void growStable() {
    SystemApi.msgReply(nat(SystemApi.stableGrow(1)));
  }

  private static void ensureStable() {
    if (SystemApi.stableSize() == 0 && SystemApi.stableGrow(1) != 0) {
      throw SystemApi.trap("could not grow stable memory");
    }
  }

  private static long read(int offset) {
    byte[] b = new byte[8];
    SystemApi.stableRead(offset, b, 0, 8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  private static void add(int offset) {
    long c = read(offset) + 1;
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (c >>> (8 * i));
    }
    SystemApi.stableWrite(offset, b, 0, 8);
  }

  private static long count() {
    byte[] b = new byte[8];
    SystemApi.stableRead(0, b, 0, 8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  private static long bump() {
    long c = count() + 1;
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (c >>> (8 * i));
    }
    SystemApi.stableWrite(0, b, 0, 8);
    heapCount++;
    return c;
  }

  private static byte[] nat(long v) {
    byte[] leb = leb(v);
    byte[] out = new byte[7 + leb.length];
    out[0] = 'D';
    out[1] = 'I';
    out[2] = 'D';
    out[3] = 'L';
    out[4] = 0;
    out[5] = 1;
    out[6] = 0x7d;
    System.arraycopy(leb, 0, out, 7, leb.length);
    return out;
  }

  private static byte[] nat2(long a, long b) {
    byte[] la = leb(a);
    byte[] lb = leb(b);
    byte[] out = new byte[8 + la.length + lb.length];
    out[0] = 'D';
    out[1] = 'I';
    out[2] = 'D';
    out[3] = 'L';
    out[4] = 0;
    out[5] = 2;
    out[6] = 0x7d;
    out[7] = 0x7d;
    System.arraycopy(la, 0, out, 8, la.length);
    System.arraycopy(lb, 0, out, 8 + la.length, lb.length);
    return out;
  }

  private static byte[] leb(long value) {
    byte[] tmp = new byte[10];
    int n = 0;
    long v = value;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      tmp[n++] = (byte) (v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return java.util.Arrays.copyOf(tmp, n);
  }
}
