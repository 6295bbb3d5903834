package dev.icjava.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a canister holds beside its Wasm instance, as the IC's system state does: its id, controllers
 * and environment variables, stable memory, the global timer, certified data, its cycle balance, its
 * version and status, its log, the calls it has in flight, and the low-memory hook's condition. The
 * part a trap or a discarded message rolls back is taken as a {@link Snapshot}; {@link
 * CanisterExecution} adds the Wasm memory and globals to it.
 */
final class CanisterState {
  /** The low-memory hook's condition, as dfinity/ic's {@code OnLowWasmMemoryHookStatus} tracks it. */
  enum HookStatus {
    NOT_SATISFIED,
    READY,
    EXECUTED
  }

  /** What a message may change and a trap rolls back (the canister log only with the rest when asked). */
  record Snapshot(StablePages.Snapshot stable, long globalTimer, byte[] certifiedData, long cycleBalance,
      LogBuffer logBuffer) {}

  final byte[] id;
  List<byte[]> controllers;
  final StablePages stable;
  long wasmMemoryLimit;
  long wasmMemoryThreshold;
  final List<String> logs = new ArrayList<>();
  Map<String, String> environment;
  LogBuffer logBuffer = new LogBuffer();
  long version;
  int status = 1;
  long globalTimer;
  long cycleBalance = 3_000_000_000_000L;
  byte[] certifiedData = new byte[0];
  HookStatus hook = HookStatus.NOT_SATISFIED;
  /** Calls to each callee (by its id in hex) whose responses have not been handled. */
  private final Map<String, Integer> inFlight = new HashMap<>();

  CanisterState(byte[] id, InstallOptions options) {
    this.id = id;
    this.controllers = options.controllers;
    this.environment = options.environment;
    this.stable = new StablePages(options.maxStablePages);
    this.wasmMemoryLimit = options.wasmMemoryLimit;
    this.wasmMemoryThreshold = options.wasmMemoryThreshold;
  }

  Snapshot capture() {
    return new Snapshot(stable.snapshot(), globalTimer, certifiedData, cycleBalance, logBuffer.copy());
  }

  /** Restores {@code s}; the canister log too when {@code withLog} (a trap keeps what it logged). */
  void restore(Snapshot s, boolean withLog) {
    stable.restore(s.stable());
    globalTimer = s.globalTimer();
    certifiedData = s.certifiedData();
    cycleBalance = s.cycleBalance();
    if (withLog) {
      logBuffer = s.logBuffer();
    }
  }

  void updateEnvironment(Map<String, String> env) {
    this.environment = new LinkedHashMap<>(env);
  }

  boolean isController(byte[] principal) {
    for (byte[] c : controllers) {
      if (Arrays.equals(c, principal)) {
        return true;
      }
    }
    return false;
  }

  /** Sets the global timer; returns the previous value. */
  long setGlobalTimer(long timestamp) {
    long old = globalTimer;
    globalTimer = timestamp;
    return old;
  }

  void withdrawCycles(long amount) {
    cycleBalance -= amount;
  }

  void depositCycles(long amount) {
    cycleBalance += amount;
  }

  /** Burns up to the 128-bit amount ({@code high}, {@code low}); returns what it burned. */
  long burnCycles(long high, long low) {
    long burned = high != 0 || Long.compareUnsigned(low, cycleBalance) > 0 ? cycleBalance : low;
    cycleBalance -= burned;
    return burned;
  }

  /** Calls to {@code callee} whose responses this canister has not handled yet. */
  int inFlight(byte[] callee) {
    return inFlight.getOrDefault(java.util.HexFormat.of().formatHex(callee), 0);
  }

  void sent(byte[] callee, int delta) {
    inFlight.merge(java.util.HexFormat.of().formatHex(callee), delta, Integer::sum);
  }

  /**
   * After a message whose changes are kept, with the Wasm memory now {@code usage} bytes: the hook's
   * condition is {@code wasm_memory_limit < wasm_memory_usage + wasm_memory_threshold} (dfinity/ic
   * {@code rs/replicated_state/src/canister_state/system_state/task_queue.rs}, {@code
   * is_low_wasm_memory_hook_condition_satisfied}; the limit defaults to 4 GiB); it is scheduled once
   * per crossing and runs with the next system tasks.
   */
  void updateHookCondition(long usage) {
    boolean low = wasmMemoryLimit < usage + wasmMemoryThreshold;
    if (!low) {
      hook = HookStatus.NOT_SATISFIED;
    } else if (hook == HookStatus.NOT_SATISFIED) {
      hook = HookStatus.READY;
    }
  }
}
