package dev.icjava.testkit;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
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
  /** Stops execution when a message passes its instruction limit. */
  private static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceeded() {
      super(null, null, false, false);
    }
  }

  private final LocalReplica replica;
  private final byte[] id;
  private final List<byte[]> controllers;
  private final Map<String, String> environment;
  private final StableMemory stable;
  private final Ic0Host host;
  private final List<String> logs = new ArrayList<>();
  private final boolean lowered64;
  private WasmModule module;
  private Set<String> exports;
  private Instance instance;
  private CanisterMemory memory;
  private long version;
  private long globalTimer;
  private InstructionProfile profile;
  private byte[] certifiedData = new byte[0];

  private Canister(LocalReplica replica, byte[] id, InstallOptions options) {
    this.replica = replica;
    this.id = id;
    this.controllers = options.controllers;
    this.environment = options.environment;
    this.stable = new StableMemory(options.maxStablePages);
    this.host = new Ic0Host(this);
    this.lowered64 = options.lowered64;
  }

  static Canister install(LocalReplica replica, byte[] id, byte[] wasm, InstallOptions options) {
    Canister c = new Canister(replica, id, options);
    WasmModule module = c.load(wasm);
    long limit = replica.limits().install();
    Ic0Host.Message start = new Ic0Host.Message(MessageKind.START, Call.from(new byte[0]), limit);
    String trap = c.instantiate(module, start, null);
    if (trap != null) {
      throw new CanisterInstallException("the start function trapped: " + trap, List.of());
    }
    if (c.exports.contains("canister_init")) {
      Call call = Call.from(options.controllers.get(0)).withArg(options.initArg);
      CallResult r = c.execute(MessageKind.INIT, "canister_init", call, limit - start.instructions);
      if (r instanceof CallResult.Trap t) {
        throw new CanisterInstallException("canister_init trapped: " + t.message(), List.of());
      }
    }
    return c;
  }

  /** Runs query method {@code method}; its changes are discarded whatever the outcome. */
  public CallResult query(String method, Call call) {
    return method("canister_query " + method, MessageKind.QUERY, call, replica.limits().query());
  }

  /** Runs update method {@code method}; its changes persist unless it traps. */
  public CallResult update(String method, Call call) {
    return method("canister_update " + method, MessageKind.UPDATE, call, replica.limits().update());
  }

  private CallResult method(String export, MessageKind kind, Call call, long limit) {
    if (!exports.contains(export)) {
      return new CallResult.Reject(
          3, "Canister has no " + (kind == MessageKind.QUERY ? "query" : "update") + " method '"
              + export.substring(export.indexOf(' ') + 1) + "'", 0);
    }
    return execute(kind, export, call, limit);
  }

  /**
   * Upgrades to {@code wasm} with argument {@code arg}: pre-upgrade on the old module, a fresh heap,
   * stable memory kept, post-upgrade on the new one. Returns the instructions of the whole upgrade;
   * throws {@link CanisterInstallException} (and keeps the old canister intact) when the new module
   * breaks an IC rule or a hook traps.
   */
  public long upgrade(byte[] wasm, byte[] arg) {
    return upgrade(wasm, arg, false);
  }

  /**
   * As {@link #upgrade(byte[], byte[])}; with {@code keepMainMemory} the Wasm memory is kept rather
   * than wiped (the IC's {@code wasm_memory_persistence = opt keep}, which canisters with enhanced
   * orthogonal persistence, Motoko's, require: like the IC, the replica refuses to upgrade such a
   * canister without it, and refuses it for a module that does not declare that persistence).
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
    StableMemory.Snapshot oldStable = stable.snapshot();
    long limit = replica.limits().upgrade();
    long used = 0;
    Call byController = Call.from(controllers.get(0));
    if (exports.contains("canister_pre_upgrade")) {
      CallResult pre = execute(MessageKind.PRE_UPGRADE, "canister_pre_upgrade", byController, limit);
      if (pre instanceof CallResult.Trap t) {
        throw new CanisterInstallException("canister_pre_upgrade trapped: " + t.message(), List.of());
      }
      used += pre.instructions();
    }
    byte[] kept = keepMainMemory ? capture().memory : null;
    Ic0Host.Message start = new Ic0Host.Message(MessageKind.START, byController, limit - used);
    long oldGlobalTimer = globalTimer;
    byte[] oldCertifiedData = certifiedData;
    String trap = instantiate(newModule, start, kept);
    used += start.instructions;
    if (trap == null && exports.contains("canister_post_upgrade")) {
      CallResult post =
          execute(MessageKind.POST_UPGRADE, "canister_post_upgrade", byController.withArg(arg), limit - used);
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
      throw new CanisterInstallException(trap, List.of());
    }
    version++;
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

  /** Lines the canister printed with {@code ic0.debug_print}, oldest first. */
  public List<String> logs() {
    return Collections.unmodifiableList(logs);
  }

  /** A copy of the whole stable memory. */
  public byte[] stableMemory() {
    return stable.toByteArray();
  }

  /** A copy of the whole Wasm (main) memory of the current instance. */
  public byte[] mainMemory() {
    Memory mem = instance.memory();
    return mem.readBytes(0, mem.pages() * Memory.PAGE_SIZE);
  }

  /** Pages of Wasm (main) memory the current instance holds. */
  public int memoryPages() {
    return instance.memory().pages();
  }

  /** The canister's version: 0 after install, +1 per successful upgrade. */
  public long version() {
    return version;
  }

  // ---- used by Ic0Host ----

  LocalReplica replica() {
    return replica;
  }

  StableMemory stable() {
    return stable;
  }

  Map<String, String> environment() {
    return environment;
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
  private String instantiate(WasmModule m, Ic0Host.Message start, byte[] keptMemory) {
    host.begin(start);
    try {
      instance = build(m, keptMemory);
      module = m;
      exports = exportNames(m);
      return null;
    } catch (RuntimeException | StackOverflowError e) {
      return describeTrap(e);
    } finally {
      host.begin(null);
    }
  }

  /**
   * A new instance of {@code m}: memory zeroed and data segments applied, or, with {@code
   * keptMemory}, the kept bytes with data segments applied over them; then the start section runs.
   */
  private Instance build(WasmModule m, byte[] keptMemory) {
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
              Ic0Host.Message msg = host.message();
              if (msg != null && ++msg.instructions > msg.limit) {
                throw new LimitExceeded();
              }
              if (profile != null) {
                profile.record(insn);
              }
            })
        .build();
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

  /** Runs one export as a message of {@code kind}; rolls back on trap, and always for queries. */
  private CallResult execute(MessageKind kind, String export, Call call, long limit) {
    Snapshot before = capture();
    Ic0Host.Message m = new Ic0Host.Message(kind, call, limit);
    host.begin(m);
    String trap = null;
    try {
      instance.export(export).apply();
      if (m.kind.isMethod() && !m.responded() && m.reply.size() > 0) {
        trap = "the method appended reply data but never called ic0.msg_reply";
      }
    } catch (UnsupportedSystemApiException e) {
      host.begin(null);
      restore(before);
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      trap = describeTrap(e);
    } finally {
      host.begin(null);
    }
    if (trap != null) {
      restore(before);
      return new CallResult.Trap(trap, m.instructions);
    }
    if (kind == MessageKind.QUERY) {
      restore(before);
    }
    if (!kind.isMethod()) {
      return new CallResult.Reply(new byte[0], m.instructions);
    }
    if (m.replied) {
      return new CallResult.Reply(m.reply.toByteArray(), m.instructions);
    }
    if (m.rejected != null) {
      return new CallResult.Reject(4, m.rejected, m.instructions);
    }
    return new CallResult.Reject(5, "Canister did not reply to the call", m.instructions);
  }

  private String describeTrap(Throwable e) {
    if (e instanceof Ic0Host.TrapSignal) {
      return e.getMessage();
    }
    if (e instanceof LimitExceeded) {
      return "instruction limit exceeded: the message ran more instructions than its limit allows";
    }
    if (e instanceof StackOverflowError) {
      return "Wasm trap: call stack exhausted";
    }
    if (e instanceof ChicoryException) {
      return "Wasm trap: " + e.getMessage();
    }
    if (e instanceof UnsupportedSystemApiException u) {
      throw u;
    }
    throw new IllegalStateException("the local replica failed while running the canister", e);
  }

  // ---- snapshots for rollback ----

  private record Snapshot(
      byte[] memory, long[] globals, StableMemory.Snapshot stable, long globalTimer, byte[] certifiedData) {}

  private Snapshot capture() {
    Memory mem = instance.memory();
    byte[] bytes = mem.readBytes(0, mem.pages() * Memory.PAGE_SIZE);
    int n = instance.globalCount();
    long[] globals = new long[n * 2];
    for (int i = 0; i < n; i++) {
      globals[2 * i] = instance.global(i).getValueLow();
      globals[2 * i + 1] = instance.global(i).getValueHigh();
    }
    return new Snapshot(bytes, globals, stable.snapshot(), globalTimer, certifiedData);
  }

  private void restore(Snapshot s) {
    memory.reset(s.memory);
    for (int i = 0; i < instance.globalCount(); i++) {
      instance.global(i).setValueLow(s.globals[2 * i]);
      instance.global(i).setValueHigh(s.globals[2 * i + 1]);
    }
    stable.restore(s.stable);
    globalTimer = s.globalTimer;
    certifiedData = s.certifiedData;
  }
}
