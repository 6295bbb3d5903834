package dev.icjava.testkit;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.icjava.build.wasm.IcModuleValidator;
import dev.icjava.build.wasm.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A canister installed in a {@link LocalReplica}: call it, upgrade it, look at its state. This is
 * the handle tests hold; what the canister holds is its {@link CanisterState}, and how its messages
 * run on its Wasm instance is its {@link CanisterExecution}.
 */
public final class Canister {
  private final LocalReplica replica;
  private final CanisterState state;
  private final CanisterExecution execution;

  private Canister(LocalReplica replica, byte[] id, InstallOptions options) {
    this.replica = replica;
    this.state = new CanisterState(id, options);
    this.execution = new CanisterExecution(this, state, options.lowered64);
  }

  static Canister install(LocalReplica replica, byte[] id, byte[] wasm, InstallOptions options) {
    Canister c = new Canister(replica, id, options);
    CanisterExecution x = c.execution;
    WasmModule module = x.load(wasm);
    long limit = replica.limits().install();
    RunningMessage start = new RunningMessage(MessageKind.START, Request.from(new byte[0]), limit);
    String trap = x.instantiate(module, start, null);
    if (trap != null) {
      throw new CanisterInstallException("the start function trapped: " + trap, List.of());
    }
    if (x.exports.contains("canister_init")) {
      Request call = Request.from(options.installer != null ? options.installer : options.controllers.get(0))
          .withArg(options.initArg);
      CallResult r = x.execute(MessageKind.INIT, "canister_init", call, null, limit - start.icInstructions);
      if (r instanceof CallResult.Trap t) {
        throw new CanisterInstallException("canister_init trapped: " + t.message(), List.of());
      }
    }
    c.state.version = 1; // created at 0, one more for the installation (abstract-behavior.md, "Code installation")
    x.updateHookCondition();
    return c;
  }

  /**
   * Calls method {@code method} as a query: a {@code canister_query} method runs in non-replicated
   * mode, a {@code canister_composite_query} method as a composite query; the changes are discarded
   * whatever the outcome. {@code canister_inspect_message} does not run for queries.
   *
   * @param method the method's name
   * @param call the caller, argument and attributes
   * @return the outcome
   */
  public CallResult query(String method, Request call) {
    long limit = replica.limits().query();
    if (execution.exports.contains("canister_query " + method)) {
      return execution.execute(MessageKind.QUERY, "canister_query " + method, call, null, limit);
    }
    if (execution.exports.contains("canister_composite_query " + method)) {
      return replica.compositeQuery(this, method, call);
    }
    return noSuchMethod("query", method);
  }

  /**
   * Calls method {@code method} as an ingress update: {@code canister_inspect_message}, when the module
   * exports it, runs first (non-replicated, its changes discarded) and must call {@code
   * ic0.accept_message}, or the call is refused (reject code 4, the IC's {@code "Canister <id>
   * rejected the message"}; a trap there refuses it with code 5). Then an update method runs and
   * keeps its changes unless it traps; a query method runs in replicated mode, its changes
   * discarded; a composite query is refused, as it cannot run replicated. The result's instruction
   * counts are the method's (the IC does not bill inspection).
   *
   * @param method the method's name
   * @param call the caller, argument and attributes
   * @return the outcome
   */
  public CallResult update(String method, Request call) {
    Ingress ingress = replica.submit(this, method, call);
    replica.runUntilIdle();
    return ingress.result();
  }

  /**
   * Inspects an ingress update and resolves its method, as the IC does before the call is inducted:
   * null when the call may go on to {@code export}, or the refusal the user receives.
   */
  CallResult admit(String method, Request call) {
    if (execution.exports.contains("canister_inspect_message")) {
      CallResult inspected =
          execution.execute(MessageKind.INSPECT_MESSAGE, "canister_inspect_message", call, method, replica.limits().query());
      if (inspected instanceof CallResult.Trap t) {
        return new CallResult.Reject(5, "Canister " + text() + " trapped in canister_inspect_message: " + t.message(),
            t.errorCode(), t.instructions(), t.icInstructions());
      }
      if (!execution.lastAccepted) {
        return new CallResult.Reject(4, "Canister " + text() + " rejected the message", "IC0406",
            inspected.instructions(), inspected.icInstructions());
      }
    }
    if (execution.exports.contains("canister_update " + method) || execution.exports.contains("canister_query " + method)) {
      return null;
    }
    if (execution.exports.contains("canister_composite_query " + method)) {
      return new CallResult.Reject(5, "Composite query cannot be called in replicated mode", "IC0527", 0, 0);
    }
    return noSuchMethod("update", method);
  }

  private CallResult noSuchMethod(String kind, String method) {
    return new CallResult.Reject(5, "Canister " + text() + " has no " + kind + " method '" + method + "'", "IC0536", 0, 0);
  }

  /**
   * Upgrades to {@code wasm} with argument {@code arg}: pre-upgrade on the old module, a fresh heap,
   * stable memory kept, post-upgrade on the new one. Returns the raw instructions of the whole
   * upgrade; throws {@link CanisterInstallException} (and keeps the old canister intact) when the new
   * module breaks an IC rule or a hook traps.
   *
   * @param wasm the new module
   * @param arg the upgrade argument, a Candid message
   * @return the raw instructions of the whole upgrade
   */
  public long upgrade(byte[] wasm, byte[] arg) {
    return upgrade(wasm, arg, false);
  }

  /**
   * As {@link #upgrade(byte[], byte[])}; with {@code keepMainMemory} the Wasm memory is kept rather
   * than wiped (the IC's {@code wasm_memory_persistence = opt keep}, which canisters with enhanced
   * orthogonal persistence, Motoko's, require: like the IC, the replica refuses to upgrade such a
   * canister without it, and refuses it for a module that does not declare that persistence). The
   * global timer is deactivated by the change of module: only {@code canister_post_upgrade} can set
   * it again.
   *
   * @param wasm the new module
   * @param arg the upgrade argument, a Candid message
   * @param keepMainMemory whether to keep the Wasm memory
   * @return the raw instructions of the whole upgrade
   */
  public long upgrade(byte[] wasm, byte[] arg, boolean keepMainMemory) {
    return upgrade(wasm, arg, keepMainMemory, false);
  }

  /**
   * As {@link #upgrade(byte[], byte[], boolean)}; with {@code skipPreUpgrade} the old module's
   * {@code canister_pre_upgrade} does not run (the IC's {@code skip_pre_upgrade = opt true}).
   */
  long upgrade(byte[] wasm, byte[] arg, boolean keepMainMemory, boolean skipPreUpgrade) {
    return upgrade(wasm, arg, keepMainMemory, skipPreUpgrade,
        state.controllers.isEmpty() ? new byte[] {4} : state.controllers.get(0));
  }

  /** As above, run by {@code installer} (the caller the hooks see: who called install_code). */
  long upgrade(byte[] wasm, byte[] arg, boolean keepMainMemory, boolean skipPreUpgrade, byte[] installer) {
    CanisterExecution x = execution;
    List<Violation> violations = IcModuleValidator.validate(wasm, x.lowered64());
    if (!violations.isEmpty()) {
      throw new CanisterInstallException("the IC would refuse this module: " + violations, violations);
    }
    WasmModule newModule = Parser.parse(wasm);
    if (CanisterExecution.hasEop(x.module) && !keepMainMemory) {
      throw new CanisterInstallException(
          "the canister uses enhanced orthogonal persistence: upgrade with keepMainMemory", List.of());
    }
    if (keepMainMemory && !CanisterExecution.hasEop(newModule)) {
      throw new CanisterInstallException(
          "keepMainMemory needs a module with the custom section " + CanisterExecution.EOP_SECTION, List.of());
    }
    CanisterExecution.Snapshot before = x.capture(); // what a failed upgrade rolls back to
    long limit = replica.limits().upgrade();
    long used = 0;
    long icUsed = 0;
    Request byController = Request.from(installer);
    if (!skipPreUpgrade && x.exports.contains("canister_pre_upgrade")) {
      CallResult pre = x.execute(MessageKind.PRE_UPGRADE, "canister_pre_upgrade", byController, null, limit);
      if (pre instanceof CallResult.Trap t) {
        throw new CanisterInstallException("canister_pre_upgrade trapped: " + t.message(), List.of());
      }
      used += pre.instructions();
      icUsed += pre.icInstructions();
    }
    byte[] kept = keepMainMemory ? x.capture().memory() : null;
    state.globalTimer = 0; // "deactivated upon changes to the canister's Wasm module"
    RunningMessage start = new RunningMessage(MessageKind.START, byController, limit - icUsed);
    String trap = x.instantiate(newModule, start, kept);
    used += start.instructions;
    icUsed += start.icInstructions;
    if (trap == null && x.exports.contains("canister_post_upgrade")) {
      CallResult post = x.execute(
          MessageKind.POST_UPGRADE, "canister_post_upgrade", byController.withArg(arg), null, limit - icUsed);
      if (post instanceof CallResult.Trap t) {
        trap = "canister_post_upgrade trapped: " + t.message();
      }
      used += post.instructions();
    } else if (trap != null) {
      trap = "the start function trapped: " + trap;
    }
    if (trap != null) {
      x.restore(before, true);
      throw new CanisterInstallException(trap, List.of());
    }
    state.version++;
    x.updateHookCondition();
    return used;
  }

  /**
   * Starts counting executed instructions per function (slower); returns the profile, which keeps
   * counting until {@link #stopProfiling()}.
   *
   * @return the profile
   */
  public InstructionProfile startProfiling() {
    execution.profile = new InstructionProfile(execution.module);
    return execution.profile;
  }

  /**
   * Stops counting per function; the profile {@link #startProfiling()} returned keeps its counts.
   */
  public void stopProfiling() {
    execution.profile = null;
  }

  /**
   * The canister's id (an opaque principal, 10 bytes).
   *
   * @return the id's bytes
   */
  public byte[] id() {
    return state.id.clone();
  }

  byte[] idBytes() {
    return state.id;
  }

  /** A composite query's hold on this canister: {@link #end()} discards what the tree changed. */
  final class Session {
    private final CanisterExecution.Snapshot before = execution.capture();

    void end() {
      execution.restore(before, true);
    }
  }

  Session beginSession() {
    return new Session();
  }

  /**
   * Lines the canister printed with {@code ic0.debug_print}, oldest first.
   *
   * @return the log lines
   */
  public List<String> logs() {
    return Collections.unmodifiableList(state.logs);
  }

  /**
   * A copy of the whole stable memory.
   *
   * @return the stable memory's bytes
   */
  public byte[] stableMemory() {
    return state.stable.toByteArray();
  }

  /**
   * A copy of the whole Wasm (main) memory of the current instance (empty for a module without
   * memory).
   *
   * @return the Wasm memory's bytes
   */
  public byte[] mainMemory() {
    return execution.mainMemory();
  }

  /**
   * Pages of Wasm (main) memory the current instance holds (0 for a module without memory).
   *
   * @return the number of 64 KiB pages
   */
  public int memoryPages() {
    return execution.memoryPages();
  }

  /**
   * The canister's version ({@code ic0.canister_version}): 1 after install (created at 0), one more
   * per successful upgrade and per update, callback or system task that ends without trapping
   * (interface spec, abstract-behavior.md, "Message execution"); queries and traps leave it.
   *
   * @return the version
   */
  public long version() {
    return state.version;
  }

  /**
   * The global timer ({@code ic0.global_timer_set}): nanoseconds since 1970, 0 when inactive.
   *
   * @return the timer's deadline, or 0
   */
  public long globalTimer() {
    return state.globalTimer;
  }

  /**
   * The canister's cycle balance (3 T at install; calls move cycles in and out).
   *
   * @return the balance, in cycles
   */
  public long cycles() {
    return state.cycleBalance;
  }

  /**
   * Replaces the canister's environment variables, as the management canister's {@code
   * update_settings} with {@code environment_variables} does: no reinstall, no upgrade; the next
   * message reads the new values.
   *
   * @param env the new variables, by name
   */
  public void updateEnvironment(Map<String, String> env) {
    state.updateEnvironment(env);
  }

  // ---- system tasks ----

  /**
   * Runs the system tasks due now, as the IC's scheduler would in a round: the low-memory hook if
   * its condition arose, {@code canister_heartbeat} if exported, and {@code canister_global_timer}
   * if the timer is set and the time has passed it (deactivating the timer first).
   */
  List<SystemTask> runDueTasks() {
    List<SystemTask> ran = new ArrayList<>();
    if (state.hook == CanisterState.HookStatus.READY && exports(MessageKind.ON_LOW_WASM_MEMORY.export)) {
      state.hook = CanisterState.HookStatus.EXECUTED;
      ran.add(new SystemTask(this, MessageKind.ON_LOW_WASM_MEMORY, runTask(MessageKind.ON_LOW_WASM_MEMORY)));
    }
    if (exports(MessageKind.HEARTBEAT.export)) {
      ran.add(new SystemTask(this, MessageKind.HEARTBEAT, runTask(MessageKind.HEARTBEAT)));
    }
    if (state.globalTimer != 0 && Long.compareUnsigned(replica.time(), state.globalTimer) >= 0
        && exports(MessageKind.GLOBAL_TIMER.export)) {
      state.globalTimer = 0;
      ran.add(new SystemTask(this, MessageKind.GLOBAL_TIMER, runTask(MessageKind.GLOBAL_TIMER)));
    }
    return ran;
  }

  /** Runs system task {@code kind} now, due or not (the call-context tests need each one). */
  CallResult runTask(MessageKind kind) {
    if (!kind.isSystemTask()) {
      throw new IllegalArgumentException(kind + " is not a system task");
    }
    if (!exports(kind.export)) {
      throw new IllegalStateException("the module exports no " + kind.export);
    }
    return replica.runTask(this, kind);
  }

  // ---- for the scheduler: one message ----

  /** Runs export {@code export} as message {@code m}. */
  CanisterExecution.Ran run(RunningMessage m, String export) {
    return execution.run(m, export);
  }

  /** Runs the function at index {@code fun} of the module's table with argument {@code env}: a callback. */
  CanisterExecution.Ran runTable(RunningMessage m, long fun, long env) {
    return execution.runTable(m, fun, env);
  }

  /** Whether the current module exports {@code name}. */
  boolean exports(String name) {
    return execution.exports.contains(name);
  }

  /** The canister id as principal text. */
  String text() {
    return PrincipalTexts.format(state.id);
  }

  // ---- for Ic0Host: the canister's state ----

  LocalReplica replica() {
    return replica;
  }

  StablePages stable() {
    return state.stable;
  }

  /**
   * The canister's environment variables now (a copy), as {@code ic0.env_var_*} reads them.
   *
   * @return the variables, by name
   */
  public Map<String, String> environmentVariables() {
    return Map.copyOf(state.environment);
  }

  Map<String, String> environment() {
    return state.environment;
  }

  LogBuffer logBuffer() {
    return state.logBuffer;
  }

  /**
   * The canister's controllers (copies), as the management canister's ingress filter checks them.
   *
   * @return the controllers' principal bytes
   */
  public List<byte[]> controllers() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] c : state.controllers) {
      out.add(c.clone());
    }
    return out;
  }

  boolean isController(byte[] principal) {
    return state.isController(principal);
  }

  void log(String line) {
    state.logs.add(line);
  }

  long setGlobalTimer(long timestamp) {
    return state.setGlobalTimer(timestamp);
  }

  void setCertifiedData(byte[] data) {
    state.certifiedData = data;
  }

  long cycleBalance() {
    return state.cycleBalance;
  }

  void withdrawCycles(long amount) {
    state.withdrawCycles(amount);
  }

  void depositCycles(long amount) {
    state.depositCycles(amount);
  }

  /** Burns up to the 128-bit amount ({@code high}, {@code low}); returns what it burned. */
  long burnCycles(long high, long low) {
    return state.burnCycles(high, low);
  }

  /** Calls to {@code callee} whose responses this canister has not handled yet. */
  int inFlight(byte[] callee) {
    return state.inFlight(callee);
  }

  void sent(byte[] callee, int delta) {
    state.sent(callee, delta);
  }

  /** {@code ic0.canister_status}: 1 running, 2 stopping, 3 stopped. */
  int status() {
    return state.status;
  }

  // ---- for the management canister ----

  void setStatus(int status) {
    state.status = status;
  }

  void setControllers(List<byte[]> controllers) {
    state.controllers = List.copyOf(controllers);
  }

  void setCycleBalance(long cycles) {
    state.cycleBalance = cycles;
  }

  void setWasmMemory(long limit, long threshold) {
    state.wasmMemoryLimit = limit;
    state.wasmMemoryThreshold = threshold;
  }

  /** Bytes of Wasm memory, stable memory and globals, as canister_status's memory metrics count them. */
  long wasmMemoryBytes() {
    return (long) execution.memoryPages() * 65_536L;
  }

  long stableMemoryBytes() {
    return state.stable.size() * 65_536L;
  }

  /** Whether the current module declares enhanced orthogonal persistence (Motoko's). */
  boolean usesEop() {
    return CanisterExecution.hasEop(execution.module);
  }
}
