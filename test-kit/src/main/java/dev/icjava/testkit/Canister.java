package dev.icjava.testkit;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.icjava.build.wasm.IcModuleValidator;
import dev.icjava.build.wasm.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A canister installed in a {@link LocalReplica}: call it, upgrade it, look at its state. */
public final class Canister {
  /** The low-memory hook's condition, as dfinity/ic's {@code OnLowWasmMemoryHookStatus} tracks it. */
  private enum HookStatus {
    NOT_SATISFIED,
    READY,
    EXECUTED
  }

  private final LocalReplica replica;
  private final byte[] id;
  private final List<byte[]> controllers;
  private Map<String, String> environment;
  private final StablePages stable;
  private final Ic0Host host;
  private final List<String> logs = new ArrayList<>();
  private final boolean lowered64;
  private final long wasmMemoryLimit;
  private final long wasmMemoryThreshold;
  private LogBuffer logBuffer = new LogBuffer();
  private WasmModule module;
  private Set<String> exports;
  private Instance instance;
  private CanisterMemory memory;
  private long version;
  private int status = 1;
  private long globalTimer;
  private long cycleBalance = 3_000_000_000_000L;
  private HookStatus hook = HookStatus.NOT_SATISFIED;
  private InstructionProfile profile;
  private byte[] certifiedData = new byte[0];
  /** Whether the last inspection accepted its message ({@code ic0.accept_message}). */
  private boolean lastAccepted;

  private Canister(LocalReplica replica, byte[] id, InstallOptions options) {
    this.replica = replica;
    this.id = id;
    this.controllers = options.controllers;
    this.environment = options.environment;
    this.stable = new StablePages(options.maxStablePages);
    this.host = new Ic0Host(this);
    this.lowered64 = options.lowered64;
    this.wasmMemoryLimit = options.wasmMemoryLimit;
    this.wasmMemoryThreshold = options.wasmMemoryThreshold;
  }

  static Canister install(LocalReplica replica, byte[] id, byte[] wasm, InstallOptions options) {
    Canister c = new Canister(replica, id, options);
    WasmModule module = c.load(wasm);
    long limit = replica.limits().install();
    RunningMessage start = new RunningMessage(MessageKind.START, Request.from(new byte[0]), limit);
    String trap = c.instantiate(module, start, null);
    if (trap != null) {
      throw new CanisterInstallException("the start function trapped: " + trap, List.of());
    }
    if (c.exports.contains("canister_init")) {
      Request call = Request.from(options.controllers.get(0)).withArg(options.initArg);
      CallResult r = c.execute(MessageKind.INIT, "canister_init", call, null, limit - start.icInstructions);
      if (r instanceof CallResult.Trap t) {
        throw new CanisterInstallException("canister_init trapped: " + t.message(), List.of());
      }
    }
    c.version = 1; // created at 0, one more for the installation (abstract-behavior.md, "Code installation")
    c.updateHookCondition();
    return c;
  }

  /**
   * Calls method {@code method} as a query: a {@code canister_query} method runs in non-replicated
   * mode, a {@code canister_composite_query} method as a composite query; the changes are discarded
   * whatever the outcome. {@code canister_inspect_message} does not run for queries.
   */
  public CallResult query(String method, Request call) {
    long limit = replica.limits().query();
    if (exports.contains("canister_query " + method)) {
      return execute(MessageKind.QUERY, "canister_query " + method, call, null, limit);
    }
    if (exports.contains("canister_composite_query " + method)) {
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
    if (exports.contains("canister_inspect_message")) {
      CallResult inspected =
          execute(MessageKind.INSPECT_MESSAGE, "canister_inspect_message", call, method, replica.limits().query());
      if (inspected instanceof CallResult.Trap t) {
        return new CallResult.Reject(5, "Canister " + text() + " trapped in canister_inspect_message: " + t.message(),
            t.errorCode(), t.instructions(), t.icInstructions());
      }
      if (!lastAccepted) {
        return new CallResult.Reject(4, "Canister " + text() + " rejected the message", "IC0406",
            inspected.instructions(), inspected.icInstructions());
      }
    }
    if (exports.contains("canister_update " + method) || exports.contains("canister_query " + method)) {
      return null;
    }
    if (exports.contains("canister_composite_query " + method)) {
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
   */
  public long upgrade(byte[] wasm, byte[] arg, boolean keepMainMemory) {
    List<Violation> violations = IcModuleValidator.validate(wasm, lowered64);
    if (!violations.isEmpty()) {
      throw new CanisterInstallException("the IC would refuse this module: " + violations, violations);
    }
    WasmModule newModule = Parser.parse(wasm);
    if (hasEop(module) && !keepMainMemory) {
      throw new CanisterInstallException(
          "the canister uses enhanced orthogonal persistence: upgrade with keepMainMemory", List.of());
    }
    if (keepMainMemory && !hasEop(newModule)) {
      throw new CanisterInstallException(
          "keepMainMemory needs a module with the custom section " + EOP_SECTION, List.of());
    }
    WasmModule oldModule = module;
    Set<String> oldExports = exports;
    Instance oldInstance = instance;
    CanisterMemory oldMemory = memory;
    StablePages.Snapshot oldStable = stable.snapshot();
    long oldGlobalTimer = globalTimer;
    byte[] oldCertifiedData = certifiedData;
    long oldCycles = cycleBalance;
    long limit = replica.limits().upgrade();
    long used = 0;
    long icUsed = 0;
    Request byController = Request.from(controllers.get(0));
    if (exports.contains("canister_pre_upgrade")) {
      CallResult pre = execute(MessageKind.PRE_UPGRADE, "canister_pre_upgrade", byController, null, limit);
      if (pre instanceof CallResult.Trap t) {
        throw new CanisterInstallException("canister_pre_upgrade trapped: " + t.message(), List.of());
      }
      used += pre.instructions();
      icUsed += pre.icInstructions();
    }
    byte[] kept = keepMainMemory ? capture().memory : null;
    globalTimer = 0; // "deactivated upon changes to the canister's Wasm module"
    RunningMessage start = new RunningMessage(MessageKind.START, byController, limit - icUsed);
    String trap = instantiate(newModule, start, kept);
    used += start.instructions;
    icUsed += start.icInstructions;
    if (trap == null && exports.contains("canister_post_upgrade")) {
      CallResult post = execute(
          MessageKind.POST_UPGRADE, "canister_post_upgrade", byController.withArg(arg), null, limit - icUsed);
      if (post instanceof CallResult.Trap t) {
        trap = "canister_post_upgrade trapped: " + t.message();
      }
      used += post.instructions();
    } else if (trap != null) {
      trap = "the start function trapped: " + trap;
    }
    if (trap != null) {
      module = oldModule;
      exports = oldExports;
      instance = oldInstance;
      memory = oldMemory;
      stable.restore(oldStable);
      globalTimer = oldGlobalTimer;
      certifiedData = oldCertifiedData;
      cycleBalance = oldCycles;
      throw new CanisterInstallException(trap, List.of());
    }
    version++;
    updateHookCondition();
    return used;
  }

  /**
   * Starts counting executed instructions per function (slower); returns the profile, which keeps
   * counting until {@link #stopProfiling()}.
   */
  public InstructionProfile startProfiling() {
    profile = new InstructionProfile(module);
    return profile;
  }

  public void stopProfiling() {
    profile = null;
  }

  /** The canister's id (an opaque principal, 10 bytes). */
  public byte[] id() {
    return id.clone();
  }

  byte[] idBytes() {
    return id;
  }

  /** A composite query's hold on this canister: {@link #end()} discards what the tree changed. */
  final class Session {
    private final Snapshot before = capture();

    void end() {
      restore(before, true);
    }
  }

  Session beginSession() {
    return new Session();
  }

  /** Lines the canister printed with {@code ic0.debug_print}, oldest first. */
  public List<String> logs() {
    return Collections.unmodifiableList(logs);
  }

  /** A copy of the whole stable memory. */
  public byte[] stableMemory() {
    return stable.toByteArray();
  }

  /** A copy of the whole Wasm (main) memory of the current instance (empty for a module without memory). */
  public byte[] mainMemory() {
    Memory mem = instance.memory();
    return mem == null ? new byte[0] : mem.readBytes(0, mem.pages() * Memory.PAGE_SIZE);
  }

  /** Pages of Wasm (main) memory the current instance holds (0 for a module without memory). */
  public int memoryPages() {
    Memory m = instance.memory();
    return m == null ? 0 : m.pages();
  }

  /**
   * The canister's version ({@code ic0.canister_version}): 1 after install (created at 0), one more
   * per successful upgrade and per update, callback or system task that ends without trapping
   * (interface spec, abstract-behavior.md, "Message execution"); queries and traps leave it.
   */
  public long version() {
    return version;
  }

  /** The global timer ({@code ic0.global_timer_set}): nanoseconds since 1970, 0 when inactive. */
  public long globalTimer() {
    return globalTimer;
  }

  // ---- system tasks ----

  /**
   * Runs the system tasks due now, as the IC's scheduler would in a round: the low-memory hook if
   * its condition arose, {@code canister_heartbeat} if exported, and {@code canister_global_timer}
   * if the timer is set and the time has passed it (deactivating the timer first).
   */
  List<SystemTask> runDueTasks() {
    List<SystemTask> ran = new ArrayList<>();
    if (hook == HookStatus.READY && exports.contains(MessageKind.ON_LOW_WASM_MEMORY.export)) {
      hook = HookStatus.EXECUTED;
      ran.add(new SystemTask(this, MessageKind.ON_LOW_WASM_MEMORY, runTask(MessageKind.ON_LOW_WASM_MEMORY)));
    }
    if (exports.contains(MessageKind.HEARTBEAT.export)) {
      ran.add(new SystemTask(this, MessageKind.HEARTBEAT, runTask(MessageKind.HEARTBEAT)));
    }
    if (globalTimer != 0 && Long.compareUnsigned(replica.time(), globalTimer) >= 0
        && exports.contains(MessageKind.GLOBAL_TIMER.export)) {
      globalTimer = 0;
      ran.add(new SystemTask(this, MessageKind.GLOBAL_TIMER, runTask(MessageKind.GLOBAL_TIMER)));
    }
    return ran;
  }

  /** Runs system task {@code kind} now, due or not (the call-context tests need each one). */
  CallResult runTask(MessageKind kind) {
    if (!kind.isSystemTask()) {
      throw new IllegalArgumentException(kind + " is not a system task");
    }
    if (!exports.contains(kind.export)) {
      throw new IllegalStateException("the module exports no " + kind.export);
    }
    return replica.runTask(this, kind);
  }

  // ---- used by Ic0Host ----

  LocalReplica replica() {
    return replica;
  }

  StablePages stable() {
    return stable;
  }

  Map<String, String> environment() {
    return environment;
  }

  /**
   * Replaces the canister's environment variables, as the management canister's {@code
   * update_settings} with {@code environment_variables} does: no reinstall, no upgrade; the next
   * message reads the new values.
   */
  public void updateEnvironment(Map<String, String> env) {
    this.environment = new java.util.LinkedHashMap<>(env);
  }

  LogBuffer logBuffer() {
    return logBuffer;
  }

  boolean isController(byte[] principal) {
    for (byte[] c : controllers) {
      if (Arrays.equals(c, principal)) {
        return true;
      }
    }
    return false;
  }

  void log(String line) {
    logs.add(line);
  }

  long setGlobalTimer(long timestamp) {
    long old = globalTimer;
    globalTimer = timestamp;
    return old;
  }

  void setCertifiedData(byte[] data) {
    certifiedData = data;
  }

  long cycleBalance() {
    return cycleBalance;
  }

  void withdrawCycles(long amount) {
    cycleBalance -= amount;
  }

  void depositCycles(long amount) {
    cycleBalance += amount;
  }

  /** Calls to each callee (by its id in hex) whose responses have not been handled. */
  private final Map<String, Integer> inFlight = new java.util.HashMap<>();

  /** Calls to {@code callee} whose responses this canister has not handled yet. */
  int inFlight(byte[] callee) {
    return inFlight.getOrDefault(java.util.HexFormat.of().formatHex(callee), 0);
  }

  void sent(byte[] callee, int delta) {
    inFlight.merge(java.util.HexFormat.of().formatHex(callee), delta, Integer::sum);
  }

  /** {@code ic0.canister_status}: 1 running (the replica does not stop canisters yet). */
  int status() {
    return status;
  }

  /** Whether the current module exports {@code name}. */
  boolean exports(String name) {
    return exports.contains(name);
  }

  /** The canister's cycle balance (3 T at install; calls move cycles in and out). */
  public long cycles() {
    return cycleBalance;
  }

  /** Burns up to the 128-bit amount ({@code high}, {@code low}); returns what it burned. */
  long burnCycles(long high, long low) {
    long burned = high != 0 || Long.compareUnsigned(low, cycleBalance) > 0 ? cycleBalance : low;
    cycleBalance -= burned;
    return burned;
  }

  // ---- execution ----

  private WasmModule load(byte[] wasm) {
    List<Violation> violations = IcModuleValidator.validate(wasm, lowered64);
    if (!violations.isEmpty()) {
      throw new CanisterInstallException("the IC would refuse this module: " + violations, violations);
    }
    return Parser.parse(wasm);
  }

  /**
   * Instantiates {@code m}, running its start function as {@code start}: with a fresh memory, or
   * over {@code keptMemory} when that is not null.
   */
  private String instantiate(WasmModule m, RunningMessage start, byte[] keptMemory) {
    host.begin(start);
    try {
      Instance built = build(m, keptMemory);
      instance = built;
      module = m;
      exports = exportNames(m);
      return null;
    } catch (UnsupportedSystemApiException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      return describeTrap(e).message();
    } finally {
      host.begin(null);
    }
  }

  /**
   * A new instance of {@code m}: memory zeroed and data segments applied, or, with {@code
   * keptMemory}, the kept bytes with data segments applied over them; then the start section runs.
   */
  private Instance build(WasmModule m, byte[] keptMemory) {
    MeteringPlan plan = new MeteringPlan(m, false);
    return Instance.builder(m)
        .withMemoryFactory(
            limits -> {
              memory = new CanisterMemory(limits);
              if (keptMemory != null) {
                memory.reset(keptMemory);
                memory.keepNextZero();
              }
              return memory;
            })
        .withImportValues(
            ImportValues.builder().withFunctions(new ArrayList<>(host.functionsFor(m))).build())
        .withUnsafeExecutionListener(
            (insn, stack) -> {
              RunningMessage msg = host.message();
              msg.instructions++;
              if (msg.opcodes != null) {
                msg.opcodes[insn.opcode().ordinal()]++;
              }
              long[] point = plan.at(insn);
              if (point != null) {
                meter(msg, point, stack);
              }
              if (profile != null) {
                profile.record(insn);
              }
            })
        .build();
  }

  /** Charges a metering point: a block's cost when it is entered, a bulk operation's size. */
  private static void meter(RunningMessage msg, long[] point, com.dylibso.chicory.runtime.MStack stack) {
    int flags = (int) point[1];
    if ((flags & MeteringPlan.SIMD) != 0) {
      throw new UnsupportedOperationException("the IC's costs of SIMD instructions are not modelled by the test kit");
    }
    msg.icInstructions += point[0];
    if ((flags & MeteringPlan.BULK) != 0) {
      msg.icInstructions += stack.peek() & 0xFFFFFFFFL; // the IC extends the i32 size operand unsigned
    }
    if ((flags & (MeteringPlan.REENTRANT | MeteringPlan.BULK)) != 0 && msg.icInstructions > msg.limit) {
      throw new InstructionLimitExceeded();
    }
  }

  static final String EOP_SECTION = "icp:private enhanced-orthogonal-persistence";

  private static boolean hasEop(WasmModule m) {
    for (var section : m.customSections()) {
      if (section.name().equals(EOP_SECTION)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> exportNames(WasmModule m) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < m.exportSection().exportCount(); i++) {
      Export e = m.exportSection().getExport(i);
      names.add(e.name());
    }
    return names;
  }

  /**
   * Runs one export as a message of {@code kind} without a call context (install, upgrade, queries,
   * inspection): the old single-message path, its outcome as a {@link CallResult}.
   */
  private CallResult execute(MessageKind kind, String export, Request call, String methodName, long limit) {
    RunningMessage m = new RunningMessage(kind, call, methodName, limit);
    Ran ran = run(m, export);
    CallResult r = ran.result();
    List<Execution> one = List.of(new Execution(text(), kind, export, ran.describe(), m.instructions, m.icInstructions));
    return r.withExecutions(one);
  }

  /** How one message ended: its state, and the trap that ended it, if any. */
  record Ran(TrapDescription trap, RunningMessage message) {
    boolean trapped() {
      return trap != null;
    }

    Ran withTrap(String message) {
      return new Ran(new TrapDescription(message, trap.errorCode()), this.message);
    }

    /** The message's own outcome (for a method: the reply, the reject, or "no answer yet"). */
    CallResult result() {
      RunningMessage m = message;
      if (trap != null) {
        return new CallResult.Trap(trap.message(), trap.errorCode(), m.instructions, m.icInstructions);
      }
      if (m.replied) {
        return new CallResult.Reply(m.reply.toByteArray(), m.instructions, m.icInstructions);
      }
      if (m.rejected != null) {
        return new CallResult.Reject(4, m.rejected, "IC0406", m.instructions, m.icInstructions);
      }
      if (!m.kind.isMethod()) {
        return new CallResult.Reply(new byte[0], m.instructions, m.icInstructions);
      }
      // The IC keeps the changes of a method that returns without answering (whatever reply data it
      // appended is discarded) and answers the caller for it.
      return new CallResult.Reject(5, "did not reply to the call", "IC0506", m.instructions, m.icInstructions);
    }

    /** One line for the test's view of the call tree. */
    String describe() {
      RunningMessage m = message;
      String calls = m.performed.isEmpty() || trap != null ? "" : ", " + m.performed.size() + " call(s)";
      if (trap != null) {
        return "trap (" + trap.errorCode() + "): " + trap.message();
      }
      if (m.replied) {
        return "reply " + m.reply.size() + " bytes" + calls;
      }
      if (m.rejected != null) {
        return "reject: " + m.rejected + calls;
      }
      return "no answer" + calls;
    }
  }

  /** Runs export {@code export} as message {@code m}. */
  Ran run(RunningMessage m, String export) {
    return runWith(m, () -> instance.export(export).apply());
  }

  /**
   * Runs the function at index {@code fun} of the module's table with argument {@code env}: a
   * callback (interface spec, abstract-behavior.md, "The function callbacks of the CanisterModule":
   * an index outside the table, or a function of another type than {@code (env : I) -> ()}, traps).
   */
  Ran runTable(RunningMessage m, long fun, long env) {
    return runWith(m, () -> callTable(fun, env));
  }

  private void callTable(long fun, long env) {
    TableInstance table = instance.tableCount() == 0 ? null : instance.table(0);
    int function = table == null || fun < 0 || fun >= table.size() ? -1 : table.ref((int) fun);
    if (function < 0) {
      // dfinity/ic HypervisorError::FunctionNotFound, CanisterFunctionNotFound
      throw new TrapSignal(
          "Canister requested to invoke a non-existent Wasm function " + fun + " from table 0", "IC0513");
    }
    FunctionType type = instance.type(instance.functionType(function));
    ValType pointer = lowered64 ? ValType.I64 : ValType.I32;
    if (type.params().size() != 1 || !type.params().get(0).equals(pointer) || !type.returns().isEmpty()) {
      throw new TrapSignal("Wasm trap: indirect call type mismatch: the callback at table[" + fun
          + "] is not of type (env : " + (lowered64 ? "i64" : "i32") + ") -> ()", "IC0502");
    }
    instance.getMachine().call(function, new long[] {lowered64 ? env : env & 0xFFFFFFFFL});
  }

  /**
   * Runs {@code body} as message {@code m}. A trap rolls back every change but the canister log's
   * (and the cycles its context offered that it accepted); a query's or an inspection's changes are
   * discarded whatever the outcome; a call under construction when the message ends is dropped, its
   * cycles back in the balance.
   */
  private Ran runWith(RunningMessage m, Runnable body) {
    Snapshot before = capture();
    long available = m.context == null ? 0 : m.context.availableCycles;
    if (replica.countsOpcodes()) {
      m.opcodes = new long[com.dylibso.chicory.wasm.types.OpCode.values().length];
      m.systemApi = new java.util.TreeMap<>();
    }
    host.begin(m);
    TrapDescription trap = null;
    try {
      body.run();
    } catch (UnsupportedSystemApiException e) {
      host.begin(null);
      restore(before, true);
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      trap = describeTrap(e);
    } finally {
      host.begin(null);
    }
    lastAccepted = m.accepted;
    if (m.opcodes != null) {
      replica.recordOpcodes(new OpcodeCounts(m.opcodes, m.systemApi));
    }
    if (trap != null) {
      restore(before, m.kind.discardsChanges());
      if (m.context != null) {
        m.context.availableCycles = available;
      }
      m.performed.clear();
      m.pending = null;
      return new Ran(trap, m);
    }
    host.discardPending(m);
    if (m.kind.discardsChanges()) {
      restore(before, true);
    } else {
      if (m.kind.bumpsVersion()) {
        version++;
      }
      updateHookCondition();
    }
    return new Ran(null, m);
  }

  record TrapDescription(String message, String errorCode) {}

  private TrapDescription describeTrap(Throwable e) {
    if (e instanceof com.dylibso.chicory.runtime.WasmRuntimeException w && w.getCause() instanceof RuntimeException c
        && (c instanceof TrapSignal || c instanceof InstructionLimitExceeded)) {
      return describeTrap(c);
    }
    if (e instanceof TrapSignal t) {
      return new TrapDescription(t.getMessage(), t.errorCode());
    }
    if (e instanceof InstructionLimitExceeded) {
      return new TrapDescription(
          "instruction limit exceeded: the message ran more instructions than its limit allows (the IC's"
              + " counter, as ic0.performance_counter reads it)", "IC0522");
    }
    if (e instanceof StackOverflowError) {
      return new TrapDescription("Wasm trap: call stack exhausted", "IC0502");
    }
    if (e instanceof ChicoryException) {
      return new TrapDescription("Wasm trap: " + e.getMessage(), "IC0502");
    }
    if (e instanceof UnsupportedSystemApiException u) {
      throw u;
    }
    throw new IllegalStateException("the local replica failed while running the canister", e);
  }

  /** The canister id as principal text. */
  String text() {
    return org.ic4j.types.Principal.from(id).toString();
  }

  // ---- the low-memory hook ----

  /**
   * After a message whose changes are kept: the hook's condition is {@code wasm_memory_limit <
   * wasm_memory_usage + wasm_memory_threshold} (dfinity/ic {@code
   * rs/replicated_state/src/canister_state/system_state/task_queue.rs}, {@code
   * is_low_wasm_memory_hook_condition_satisfied}; the limit defaults to 4 GiB); it is scheduled once
   * per crossing and runs with the next system tasks.
   */
  private void updateHookCondition() {
    long usage = (long) memoryPages() * Memory.PAGE_SIZE;
    boolean low = wasmMemoryLimit < usage + wasmMemoryThreshold;
    if (!low) {
      hook = HookStatus.NOT_SATISFIED;
    } else if (hook == HookStatus.NOT_SATISFIED) {
      hook = HookStatus.READY;
    }
  }

  // ---- snapshots for rollback ----

  private record Snapshot(
      byte[] memory,
      long[] globals,
      StablePages.Snapshot stable,
      long globalTimer,
      byte[] certifiedData,
      long cycleBalance,
      LogBuffer logBuffer) {}

  private Snapshot capture() {
    Memory mem = instance.memory();
    byte[] bytes = mem == null ? null : mem.readBytes(0, mem.pages() * Memory.PAGE_SIZE);
    int n = instance.globalCount();
    long[] globals = new long[n * 2];
    for (int i = 0; i < n; i++) {
      globals[2 * i] = instance.global(i).getValueLow();
      globals[2 * i + 1] = instance.global(i).getValueHigh();
    }
    return new Snapshot(bytes, globals, stable.snapshot(), globalTimer, certifiedData, cycleBalance, logBuffer.copy());
  }

  /** Restores {@code s}; the canister log too when {@code withLog} (a trap keeps what it logged). */
  private void restore(Snapshot s, boolean withLog) {
    if (s.memory != null) {
      memory.reset(s.memory);
    }
    for (int i = 0; i < instance.globalCount(); i++) {
      instance.global(i).setValueLow(s.globals[2 * i]);
      instance.global(i).setValueHigh(s.globals[2 * i + 1]);
    }
    stable.restore(s.stable);
    globalTimer = s.globalTimer;
    certifiedData = s.certifiedData;
    cycleBalance = s.cycleBalance;
    if (withLog) {
      logBuffer = s.logBuffer;
    }
  }
}
