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
import dev.icjava.runtime.internal.Utf8;

/**
 * The nonce store compiled into a canister, for replica tests and the scaling benchmark. Arguments
 * and replies are raw bytes, not Candid. The store sits at offset 65,536: the first page belongs
 * to "another user" of stable memory. {@code mint} gives the anonymous caller an unbound nonce and
 * any other caller a bound one, as the whoami sample does.
 */
public final class NonceStoreProbe {
  private static NonceStore store;

  private NonceStoreProbe() {}

  /** Argument: capacity, then ring slots, 4 bytes little-endian each (upgrades must pass the same). */
  @Init
  public static void init() {
    byte[] a = SystemApi.msgArgData();
    capacity = intAt(a, 0);
    ringSlots = intAt(a, 4);
    open();
  }

  private static int capacity;
  private static int ringSlots;

  /** Argument: the same capacity and ring slots as at install. */
  @PostUpgrade
  public static void postUpgrade() {
    init();
  }

  private static void open() {
    store = NonceStore.open(StableMemory.system(), 65_536,
        new NonceStore.Config().capacity(capacity).ringSlots(ringSlots).perCallerCap(8));
  }

  /** Mints {@code n} (4 bytes LE) bound nonces for synthetic callers, 8 per caller (the cap), valid a day. */
  @Update("fill")
  public static void fill() {
    int n = argumentInt();
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

  /** Mints {@code n} (4 bytes LE) unbound nonces, valid a day: what an anonymous flood does to the ring. */
  @Update("fillUnbound")
  public static void fillUnbound() {
    int n = argumentInt();
    for (int i = 0; i < n; i++) {
      store.mintUnbound("fill", 86_400_000_000_000L);
    }
    SystemApi.msgReply(new byte[0]);
  }

  /** Mints a nonce for the caller and action {@code bench}, valid 5 minutes; replies its 32 bytes. */
  @Update("mint")
  public static void mint() {
    SystemApi.msgReply(store.mint(Caller.principal(), "bench", 300_000_000_000L));
  }

  /** Mints a nonce bound to the caller with {@code mintBound} at {@code ic0.time}; replies its 32 bytes. */
  @Update("mintBound")
  public static void mintBound() {
    SystemApi.msgReply(store.mintBound(Caller.principal(), "bench", 300_000_000_000L));
  }

  /** Consumes the nonce in the argument for the caller and {@code bench}; replies the outcome's name. */
  @Update("consume")
  public static void consume() {
    ConsumeOutcome o = store.consume(Caller.principal(), "bench", SystemApi.msgArgData());
    SystemApi.msgReply(Utf8.encode(o.description()));
  }

  /** Consumes like {@code consume}, then traps: the consumption must be rolled back. */
  @Update("consumeThenTrap")
  public static void consumeThenTrap() {
    ConsumeOutcome o = store.consume(Caller.principal(), "bench", SystemApi.msgArgData());
    throw SystemApi.trap("trapping after " + o.description());
  }

  /** Mints like {@code mint}, then traps: the nonce, its counter and its slots must be rolled back. */
  @Update("mintThenTrap")
  public static void mintThenTrap() {
    store.mint(Caller.principal(), "bench", 300_000_000_000L);
    throw SystemApi.trap("trapping after a mint");
  }

  /** Reseeds the store with the argument's bytes as entropy (as {@code raw_rand}'s reply would). */
  @Update("reseed")
  public static void reseed() {
    store.reseed(SystemApi.msgArgData());
    SystemApi.msgReply(new byte[0]);
  }

  /** What the store holds about the nonce in the argument: one byte, 0 nothing, 1 live, 2 consumed. */
  @Update("inspect")
  public static void inspect() {
    dev.icjava.noncestore.NonceInfo info = store.inspect(SystemApi.msgArgData());
    SystemApi.msgReply(new byte[] {(byte) (info == null ? 0 : info.consumed() ? 2 : 1)});
  }

  /** Replies the number of bound nonces held, as 4 bytes LE. */
  @Update("held")
  public static void held() {
    int h = store.boundHeld();
    SystemApi.msgReply(new byte[] {(byte) h, (byte) (h >>> 8), (byte) (h >>> 16), (byte) (h >>> 24)});
  }

  /** The argument's first 4 bytes, little-endian. */
  private static int argumentInt() {
    return intAt(SystemApi.msgArgData(), 0);
  }

  private static int intAt(byte[] a, int at) {
    return (a[at] & 0xFF) | ((a[at + 1] & 0xFF) << 8) | ((a[at + 2] & 0xFF) << 16) | ((a[at + 3] & 0xFF) << 24);
  }
}
