package dev.icjava.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-process stand-in for an IC replica, for tests: installs Wasm modules and executes messages
 * on Chicory with the IC's semantics.
 *
 * <ul>
 *   <li>A trap rolls back everything the message changed: Wasm memory, globals, stable memory.
 *   <li>A query's changes are discarded once it has run.
 *   <li>Every {@code ic0} call is checked against the contexts the interface spec lists for it: a
 *       call from any other (the start function, a query, a system task...) traps, as on the IC.
 *   <li>An ingress update runs {@code canister_inspect_message} first, when the module exports it.
 *   <li>System tasks ({@code canister_heartbeat}, {@code canister_global_timer}, {@code
 *       canister_on_low_wasm_memory}) run when a test moves time on ({@link #advanceTime}) or asks
 *       for a round ({@link #tick()}).
 *   <li>Canisters call each other, and the management canister ({@code raw_rand}): each call and
 *       each callback is a message of its own, with its own instruction count and rollback ({@link
 *       MessageScheduler}). {@link Canister#update} runs an ingress call and every message it causes,
 *       and answers with the final outcome; {@link #submit}, {@link #step()} and {@link
 *       #runUntilIdle()} let a test interleave messages (reentrancy).
 *   <li>An upgrade runs {@code canister_pre_upgrade} on the old module, drops its memory and globals,
 *       keeps stable memory, instantiates the new module (start function) and runs {@code
 *       canister_post_upgrade}; a trap anywhere leaves the old canister as it was.
 *   <li>Every executed Wasm instruction is counted, and the IC's own counter beside it; a message
 *       past its kind's limit (on the IC's counter) traps.
 *   <li>Install refuses a module that breaks the IC's module rules ({@code IcModuleValidator}).
 * </ul>
 *
 * <p>Time is the replica's, not the JVM's: it stands still unless a test moves it.
 */
public final class LocalReplica {
  /** Instruction limits per message, as on the IC (on the IC's counter). */
  public record Limits(long update, long query, long install, long upgrade) {
    /**
     * The IC's: 40 billion per update, 5 billion per query, 300 billion per install or upgrade.
     *
     * @return the IC's limits
     */
    public static Limits ic() {
      return new Limits(40_000_000_000L, 5_000_000_000L, 300_000_000_000L, 300_000_000_000L);
    }
  }

  /** 2026-01-01T00:00:00Z in nanoseconds. */
  public static final long DEFAULT_TIME = 1_767_225_600_000_000_000L;

  private long time = DEFAULT_TIME;
  private Limits limits = Limits.ic();
  private int nextCanister;
  private final List<Canister> canisters = new ArrayList<>();
  private boolean countOpcodes;
  private OpcodeCounts lastOpcodes;
  private final MessageScheduler scheduler = new MessageScheduler(this, false);
  private final ManagementCanister management = new ManagementCanister(this);
  private final java.util.Map<String, SystemCanister> systemCanisters = new java.util.HashMap<>();
  private long nextContext = 1;
  private long nextCallback = 1;

  /**
   * Installs {@code wasm} with default options.
   *
   * @param wasm the module
   * @return the installed canister
   */
  public Canister install(byte[] wasm) {
    return install(wasm, InstallOptions.defaults());
  }

  /**
   * Installs {@code wasm}; throws {@link CanisterInstallException} when the IC would refuse it.
   *
   * @param wasm the module
   * @param options how to install it
   * @return the installed canister
   */
  public Canister install(byte[] wasm, InstallOptions options) {
    byte[] id = {0, 0, 0, 0, 0, 0, 0, (byte) nextCanister++, 1, 1};
    while (systemCanister(id) != null) { // a system canister's fixed id is never handed out again
      id = new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) nextCanister++, 1, 1};
    }
    Canister c = Canister.install(this, id, wasm, options);
    canisters.add(c);
    management.adopt(c, wasm, time);
    return c;
  }

  // ---- for the management canister: canisters it installs, replaces and removes ----

  void addCanister(Canister c) {
    canisters.add(c);
  }

  void replaceCanister(Canister old, Canister fresh) {
    canisters.set(canisters.indexOf(old), fresh);
  }

  void removeCanister(Canister c) {
    canisters.remove(c);
  }

  /**
   * The management canister's view of the canister at {@code id} (installed or created empty):
   * whether it exists, who controls it, its module hash; null when no canister is there.
   *
   * @param id the canister's id bytes
   * @return its view, or {@code null}
   */
  public ManagedCanisterInfo managedCanister(byte[] id) {
    ManagedCanister m = management.find(id);
    return m == null ? null : ManagedCanisterInfo.of(m);
  }

  /**
   * Every canister created or installed, in creation order, as the management canister sees it.
   *
   * @return the canisters' views
   */
  public List<ManagedCanisterInfo> managedCanisters() {
    List<ManagedCanisterInfo> out = new ArrayList<>();
    for (ManagedCanister m : management.all()) {
      out.add(ManagedCanisterInfo.of(m));
    }
    return out;
  }

  /**
   * The installed canister with these id bytes, or null.
   *
   * @param id the canister's id bytes
   * @return the canister, or {@code null}
   */
  public Canister canister(byte[] id) {
    for (Canister c : canisters) {
      if (java.util.Arrays.equals(c.idBytes(), id)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Registers {@code canister}, written in Java, at id {@code id}: from now on ingress calls and
   * canisters' calls to that id reach it ({@link SystemCanister}). An id already taken, by a Wasm
   * canister or another system canister, is refused.
   *
   * @param id the id to register it at
   * @param canister the system canister
   */
  public void registerSystemCanister(byte[] id, SystemCanister canister) {
    String key = java.util.HexFormat.of().formatHex(id);
    if (id.length == 0 || canister(id) != null || systemCanisters.containsKey(key)) {
      throw new IllegalArgumentException("canister id " + Ic0Host.principalText(id) + " is taken");
    }
    systemCanisters.put(key, canister);
  }

  /**
   * The system canister registered at {@code id}, or null.
   *
   * @param id the id's bytes
   * @return the system canister, or {@code null}
   */
  public SystemCanister systemCanister(byte[] id) {
    return systemCanisters.get(java.util.HexFormat.of().formatHex(id));
  }

  /**
   * Submits an ingress update call to the canister with id {@code canisterId}: a Wasm canister (as
   * {@link #submit(Canister, String, Request)}), a {@link SystemCanister}, the management canister (the
   * empty id), or an id where nothing is (answered as the IC answers: reject code 3, {@code IC0301}).
   *
   * @param canisterId the callee's id bytes
   * @param method the method's name
   * @param call the caller, argument and attributes
   * @return the ingress message, to step or await
   */
  public Ingress submit(byte[] canisterId, String method, Request call) {
    Canister c = canisterId.length == 0 ? null : canister(canisterId);
    if (c != null) {
      return submit(c, method, call);
    }
    Ingress ingress = new Ingress();
    scheduler.submitTo(canisterId, method, call, ingress);
    return ingress;
  }

  /**
   * Submits an ingress update call of {@code method} to {@code canister}, as a user's agent would:
   * {@code canister_inspect_message} runs now (a refusal answers at once), and the call waits in the
   * queue with the messages already there. Nothing else runs until {@link #step()} or {@link
   * #runUntilIdle()}; {@link Ingress#result()} is the final answer once one has come.
   *
   * @param canister the callee
   * @param method the method's name
   * @param call the caller, argument and attributes
   * @return the ingress message, to step or await
   */
  public Ingress submit(Canister canister, String method, Request call) {
    Ingress ingress = new Ingress();
    CallResult refused = canister.admit(method, call);
    if (refused != null) {
      ingress.answer(refused);
    } else {
      scheduler.submit(canister, method, call, ingress);
    }
    return ingress;
  }

  private java.util.function.UnaryOperator<byte[]> wasm64Lowering;

  /**
   * How the management canister installs a module with 64-bit memory (Motoko's): {@code lowering}
   * turns it into a 32-bit module that keeps {@code ic0}'s i64 pointers (binaryen's {@code
   * --memory64-lowering --table64-lowering}), which runs as {@link InstallOptions#lowered64()}. The
   * canister's module hash and metadata stay those of the module as given. Without one, such an
   * install is refused.
   *
   * @param lowering turns a 64-bit module into a 32-bit one
   */
  public void setWasm64Lowering(java.util.function.UnaryOperator<byte[]> lowering) {
    this.wasm64Lowering = lowering;
  }

  java.util.function.UnaryOperator<byte[]> wasm64Lowering() {
    return wasm64Lowering;
  }

  /**
   * Runs the oldest waiting message (a call or a response); false when none waits.
   *
   * @return whether a message ran
   */
  public boolean step() {
    return scheduler.step();
  }

  /** Runs waiting messages, and those they cause, until none waits. */
  public void runUntilIdle() {
    scheduler.runUntilIdle();
  }

  /**
   * Whether messages are waiting to run.
   *
   * @return whether messages are waiting
   */
  public boolean hasPendingMessages() {
    return scheduler.busy();
  }

  /**
   * Seeds {@code raw_rand}: from now on the management canister answers the n-th {@code raw_rand}
   * with SHA-256(seed, n), 32 bytes, n counting from 0. A fixed default seed makes every run the same.
   *
   * @param seed the seed
   */
  public void setRandomSeed(byte[] seed) {
    management.setSeed(seed);
  }

  ManagementCanister managementCanister() {
    return management;
  }

  CallContext newContext(Canister canister, CallContext.Origin origin, byte[] caller, byte[] callerInfoData,
      byte[] callerInfoSigner, CallbackRecord callback, Ingress ingress, long deadline, boolean composite, long cycles) {
    return new CallContext(nextContext++, canister, origin, caller, callerInfoData, callerInfoSigner, callback, ingress,
        deadline, composite, cycles);
  }

  long nextCallbackId() {
    return nextCallback++;
  }

  /** Runs system task {@code kind} of {@code canister} and every message it causes; the task's result. */
  CallResult runTask(Canister canister, MessageKind kind) {
    Ingress tree = new Ingress();
    CallResult own = scheduler.runTask(canister, kind, tree);
    scheduler.runUntilIdle();
    return own.withExecutions(tree.executions());
  }

  /**
   * A composite query: the method and the queries it calls, each a message in non-replicated mode,
   * in a queue of their own; every canister's changes are discarded at the end.
   */
  CallResult compositeQuery(Canister canister, String method, Request call) {
    List<Canister.Session> sessions = new ArrayList<>();
    for (Canister c : canisters) {
      sessions.add(c.beginSession());
    }
    try {
      MessageScheduler tree = new MessageScheduler(this, true);
      Ingress ingress = new Ingress();
      tree.submit(canister, method, call, ingress);
      tree.runUntilIdle();
      return ingress.result();
    } finally {
      for (Canister.Session s : sessions) {
        s.end();
      }
    }
  }

  /**
   * The replica's time, nanoseconds since 1970 ({@code ic0.time}).
   *
   * @return the time, in nanoseconds since 1970
   */
  public long time() {
    return time;
  }

  /**
   * Sets the clock, without running any system task (it may go back: tests of expiry need that).
   *
   * @param nanos the new time, in nanoseconds since 1970
   */
  public void setTime(long nanos) {
    this.time = nanos;
  }

  /**
   * Moves the clock on by {@code nanos}, then runs a round of system tasks ({@link #tick()}) and
   * returns what ran.
   *
   * @param nanos how far to move the clock, in nanoseconds
   * @return the system tasks that ran
   */
  public List<SystemTask> advanceTime(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time only moves on: " + nanos);
    }
    this.time += nanos;
    return tick();
  }

  /**
   * A round of system tasks at the current time, canister by canister in install order: a pending
   * low-memory hook, the heartbeat, and the global timer when it is due (the timer is deactivated
   * as it fires). Returns every task run, with its outcome; a trapped task's changes are rolled
   * back, as on the IC.
   *
   * @return the system tasks that ran
   */
  public List<SystemTask> tick() {
    List<SystemTask> ran = new ArrayList<>();
    for (Canister c : canisters) {
      ran.addAll(c.runDueTasks());
    }
    return ran;
  }

  /**
   * Counts executed instructions by opcode from now on (slower): see {@link #lastMessageOpcodes()}.
   *
   * @param on whether to count
   */
  public void countOpcodes(boolean on) {
    this.countOpcodes = on;
  }

  /**
   * The opcode counts of the last message executed (not of a start function), or null.
   *
   * @return the counts, or {@code null}
   */
  public OpcodeCounts lastMessageOpcodes() {
    return lastOpcodes;
  }

  boolean countsOpcodes() {
    return countOpcodes;
  }

  void recordOpcodes(OpcodeCounts counts) {
    lastOpcodes = counts;
  }

  /**
   * The instruction limits per message now in force ({@link Limits#ic()} unless set).
   *
   * @return the limits
   */
  public Limits limits() {
    return limits;
  }

  /**
   * Replaces the instruction limits per message, for the messages that follow.
   *
   * @param limits the new limits
   */
  public void setLimits(Limits limits) {
    this.limits = limits;
  }
}
