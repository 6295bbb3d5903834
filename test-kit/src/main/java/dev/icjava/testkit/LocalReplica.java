package dev.icjava.testkit;

/**
 * An in-process stand-in for an IC replica, for tests: installs Wasm modules and executes messages
 * on Chicory with the IC's semantics.
 *
 * <ul>
 *   <li>A trap rolls back everything the message changed: Wasm memory, globals, stable memory.
 *   <li>A query's changes are discarded once it has run.
 *   <li>An upgrade runs {@code canister_pre_upgrade} on the old module, drops its memory and globals,
 *       keeps stable memory, instantiates the new module (start function) and runs {@code
 *       canister_post_upgrade}; a trap anywhere leaves the old canister as it was.
 *   <li>Every executed Wasm instruction is counted; a message past its kind's limit traps.
 *   <li>Install refuses a module that breaks the IC's module rules ({@code IcModuleValidator}).
 * </ul>
 *
 * <p>Time is the replica's, not the JVM's: it stands still unless a test moves it.
 */
public final class LocalReplica {
  /** Instruction limits per message, as on the IC. */
  public record Limits(long update, long query, long install, long upgrade) {
    /** The IC's: 40 billion per update, 5 billion per query, 300 billion per install or upgrade. */
    public static Limits ic() {
      return new Limits(40_000_000_000L, 5_000_000_000L, 300_000_000_000L, 300_000_000_000L);
    }
  }

  /** 2026-01-01T00:00:00Z in nanoseconds. */
  public static final long DEFAULT_TIME = 1_767_225_600_000_000_000L;

  private long time = DEFAULT_TIME;
  private Limits limits = Limits.ic();
  private int nextCanister;
  private long cycleBalance = 3_000_000_000_000L;

  /** Installs {@code wasm} with default options. */
  public Canister install(byte[] wasm) {
    return install(wasm, InstallOptions.defaults());
  }

  /** Installs {@code wasm}; throws {@link CanisterInstallException} when the IC would refuse it. */
  public Canister install(byte[] wasm, InstallOptions options) {
    byte[] id = {0, 0, 0, 0, 0, 0, 0, (byte) nextCanister++, 1, 1};
    return Canister.install(this, id, wasm, options);
  }

  /** The replica's time, nanoseconds since 1970 ({@code ic0.time}). */
  public long time() {
    return time;
  }

  public void setTime(long nanos) {
    this.time = nanos;
  }

  public void advanceTime(long nanos) {
    this.time += nanos;
  }

  public Limits limits() {
    return limits;
  }

  public void setLimits(Limits limits) {
    this.limits = limits;
  }

  long cycleBalance() {
    return cycleBalance;
  }
}
