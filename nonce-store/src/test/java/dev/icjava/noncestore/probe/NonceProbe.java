package dev.icjava.noncestore.probe;

import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.noncestore.ConsumeOutcome;
import dev.icjava.noncestore.NonceStore;
import dev.icjava.runtime.Init;
import dev.icjava.runtime.PostUpgrade;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * The nonce store compiled into a canister, for replica tests and the scaling benchmark. Arguments
 * and replies are raw bytes, not Candid. The store sits at offset 65,536: the first page belongs
 * to "another user" of stable memory.
 */
public final class NonceProbe {
  private static NonceStore store;

  private NonceProbe() {}

  /** Argument: capacity, 4 bytes little-endian (install only; upgrades keep it). */
  @Init
  public static void init() {
    byte[] arg = SystemApi.msgArgData();
    capacity = (arg[0] & 0xFF) | ((arg[1] & 0xFF) << 8) | ((arg[2] & 0xFF) << 16) | ((arg[3] & 0xFF) << 24);
    open();
  }

  private static int capacity;

  /** Argument: the same capacity as at install. */
  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  private static void open() {
    store = NonceStore.open(StableMemory.system(), 65_536,
        new NonceStore.Config().capacity(capacity).perCallerCap(8));
  }

  /** Mints {@code n} (4 bytes LE) nonces for synthetic callers, 8 per caller (the cap), valid a day. */
  @Update("fill")
  public static void fill() {
    byte[] arg = SystemApi.msgArgData();
    int n = (arg[0] & 0xFF) | ((arg[1] & 0xFF) << 8) | ((arg[2] & 0xFF) << 16) | ((arg[3] & 0xFF) << 24);
    long start = store.minted();
    byte[] caller = new byte[29];
    caller[28] = 0x02;
    for (int i = 0; i < n; i++) {
      long k = (start + i) / 8;
      for (int b = 0; b < 8; b++) {
        caller[b] = (byte) (k >>> (8 * b));
      }
      store.mint(Principal.fromBytes(caller), "fill", 86_400_000_000_000L);
    }
    SystemApi.msgReply(new byte[0]);
  }

  /** Mints a nonce for the caller and action {@code bench}, valid 5 minutes; replies its 16 bytes. */
  @Update("mint")
  public static void mint() {
    SystemApi.msgReply(store.mint(Caller.principal(), "bench", 300_000_000_000L));
  }

  /** Consumes the nonce in the argument for the caller and {@code bench}; replies the outcome's name. */
  @Update("consume")
  public static void consume() {
    ConsumeOutcome o = store.consume(Caller.principal(), "bench", SystemApi.msgArgData());
    SystemApi.msgReply(ascii(o.description()));
  }

  /** Consumes like {@code consume}, then traps: the consumption must be rolled back. */
  @Update("consumeThenTrap")
  public static void consumeThenTrap() {
    ConsumeOutcome o = store.consume(Caller.principal(), "bench", SystemApi.msgArgData());
    throw SystemApi.trap("trapping after " + o.description());
  }

  /** Replies the number of nonces held, as 4 bytes LE. */
  @Update("held")
  public static void held() {
    int h = store.held();
    SystemApi.msgReply(new byte[] {(byte) h, (byte) (h >>> 8), (byte) (h >>> 16), (byte) (h >>> 24)});
  }

  private static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }
}
