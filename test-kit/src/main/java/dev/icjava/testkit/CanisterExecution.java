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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A canister's Wasm side and how its messages run: the module and its Chicory instance (memory,
 * globals, table), instantiation with the metering the IC's counter needs, running an export or a
 * table function as one message ({@link #run}, {@link #runTable}) with rollback of a trap or a
 * discarded message, and the description of traps. Rollback goes through one path: {@link #capture}
 * takes the Wasm memory, the globals and the instance beside the {@link CanisterState}'s part, and
 * {@link #restore} puts them back, for a message as for an upgrade that fails.
 */
final class CanisterExecution {
  /**
   * Everything a rollback restores: the instance (and its module, exports and memory object, which
   * an upgrade replaces), the memory's bytes and the globals' values, and the state's part.
   */
  record Snapshot(WasmModule module, Set<String> exports, Instance instance, CanisterMemory memoryObject,
      byte[] memory, long[] globals, CanisterState.Snapshot state) {}

  private final Canister canister;
  private final CanisterState state;
  private final Ic0Host host;
  private final boolean lowered64;
  WasmModule module;
  Set<String> exports;
  Instance instance;
  private CanisterMemory memory;
  InstructionProfile profile;
  /** Whether the last inspection accepted its message ({@code ic0.accept_message}). */
  boolean lastAccepted;

  CanisterExecution(Canister canister, CanisterState state, boolean lowered64) {
    this.canister = canister;
    this.state = state;
    this.host = new Ic0Host(canister);
    this.lowered64 = lowered64;
  }

  Ic0Host host() {
    return host;
  }

  boolean lowered64() {
    return lowered64;
  }

  /** A copy of the whole Wasm (main) memory of the current instance (empty for a module without memory). */
  byte[] mainMemory() {
    Memory mem = instance.memory();
    return mem == null ? new byte[0] : mem.readBytes(0, mem.pages() * Memory.PAGE_SIZE);
  }

  /** Pages of Wasm (main) memory the current instance holds (0 for a module without memory). */
  int memoryPages() {
    Memory m = instance.memory();
    return m == null ? 0 : m.pages();
  }

  /** The low-memory hook's condition after a message whose changes are kept. */
  void updateHookCondition() {
    state.updateHookCondition((long) memoryPages() * Memory.PAGE_SIZE);
  }

  WasmModule load(byte[] wasm) {
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
  String instantiate(WasmModule m, RunningMessage start, byte[] keptMemory) {
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

  static boolean hasEop(WasmModule m) {
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
  CallResult execute(MessageKind kind, String export, Request call, String methodName, long limit) {
    RunningMessage m = new RunningMessage(kind, call, methodName, limit);
    Ran ran = run(m, export);
    CallResult r = ran.result();
    List<Execution> one = List.of(new Execution(canister.text(), kind, export, ran.describe(), m.instructions, m.icInstructions));
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
    if (canister.replica().countsOpcodes()) {
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
      canister.replica().recordOpcodes(new OpcodeCounts(m.opcodes, m.systemApi));
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
        state.version++;
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

  // ---- one snapshot path for rollback ----

  Snapshot capture() {
    Memory mem = instance.memory();
    byte[] bytes = mem == null ? null : mem.readBytes(0, mem.pages() * Memory.PAGE_SIZE);
    int n = instance.globalCount();
    long[] globals = new long[n * 2];
    for (int i = 0; i < n; i++) {
      globals[2 * i] = instance.global(i).getValueLow();
      globals[2 * i + 1] = instance.global(i).getValueHigh();
    }
    return new Snapshot(module, exports, instance, memory, bytes, globals, state.capture());
  }

  /**
   * Restores {@code s}: the instance it was taken of (an upgrade that fails gets the old module
   * back), that instance's memory and globals, and the state; the canister log too when {@code
   * withLog} (a trap keeps what it logged).
   */
  void restore(Snapshot s, boolean withLog) {
    module = s.module();
    exports = s.exports();
    instance = s.instance();
    memory = s.memoryObject();
    if (s.memory() != null) {
      memory.reset(s.memory());
    }
    for (int i = 0; i < instance.globalCount(); i++) {
      instance.global(i).setValueLow(s.globals()[2 * i]);
      instance.global(i).setValueHigh(s.globals()[2 * i + 1]);
    }
    state.restore(s.state(), withLog);
  }
}
