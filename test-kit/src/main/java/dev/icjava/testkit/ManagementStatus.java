package dev.icjava.testkit;

import static dev.icjava.testkit.IcCandid.rec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replies of {@code canister_status} and {@code canister_info}, written at ic.did's {@code
 * canister_status_result} and {@code canister_info_result} (dfinity/portal {@code
 * docs/references/_attachments/ic.did} at 0484f2cf). Memory sizes are what the replica holds (Wasm
 * memory pages, stable memory pages, the chunk store); idle burn, reserved cycles and query
 * statistics are 0: the local replica charges no storage and counts no queries.
 */
final class ManagementStatus {
  private ManagementStatus() {}

  static ManagementCanister.Answer status(ManagedCanister m) {
    long wasm = m.installed == null ? 0 : m.installed.wasmMemoryBytes();
    long stable = m.installed == null ? 0 : m.installed.stableMemoryBytes();
    long chunks = 0;
    for (byte[] c : m.chunks.values()) {
      chunks += c.length;
    }
    long module = m.wasm == null ? 0 : m.wasm.length;
    String status = m.status == ManagedCanister.RUNNING ? "running"
        : m.status == ManagedCanister.STOPPING ? "stopping" : "stopped";
    Map<String, Object> reply = rec(
        "status", new IcCandid.Tag(status, null),
        "ready_for_migration", false,
        "version", m.version(),
        "settings", settings(m),
        "module_hash", m.moduleHash,
        "memory_size", BigInteger.valueOf(wasm + stable + chunks + module),
        "memory_metrics", rec("wasm_memory_size", BigInteger.valueOf(wasm), "stable_memory_size",
            BigInteger.valueOf(stable), "global_memory_size", BigInteger.ZERO, "wasm_binary_size",
            BigInteger.valueOf(module), "custom_sections_size", BigInteger.ZERO, "canister_history_size",
            BigInteger.ZERO, "wasm_chunk_store_size", BigInteger.valueOf(chunks), "snapshots_size", BigInteger.ZERO,
            "log_memory_store_size", BigInteger.ZERO),
        "cycles", BigInteger.valueOf(m.cycleBalance()),
        "reserved_cycles", BigInteger.ZERO,
        "idle_cycles_burned_per_day", BigInteger.ZERO,
        "query_stats", rec("num_calls_total", BigInteger.ZERO, "num_instructions_total", BigInteger.ZERO,
            "request_payload_bytes_total", BigInteger.ZERO, "response_payload_bytes_total", BigInteger.ZERO));
    return ManagementCanister.Answer.reply(IcCandid.encode(ManagementCandid.STATUS_RESULT, reply));
  }

  /** {@code definite_canister_settings}. */
  static Map<String, Object> settings(ManagedCanister m) {
    String visibility = m.logVisibility == 0 ? "controllers" : m.logVisibility == 1 ? "public" : "allowed_viewers";
    List<Object> env = new ArrayList<>();
    for (Map.Entry<String, String> e : m.environment.entrySet()) {
      env.add(rec("name", e.getKey(), "value", e.getValue()));
    }
    return rec(
        "controllers", new ArrayList<Object>(m.controllers),
        "compute_allocation", m.computeAllocation,
        "memory_allocation", m.memoryAllocation,
        "freezing_threshold", m.freezingThreshold,
        "reserved_cycles_limit", m.reservedCyclesLimit,
        "log_visibility", new IcCandid.Tag(visibility,
            m.logVisibility == 2 ? new ArrayList<Object>(m.allowedViewers) : null),
        "wasm_memory_limit", m.wasmMemoryLimit,
        "wasm_memory_threshold", m.wasmMemoryThreshold,
        "environment_variables", env,
        "log_memory_limit", m.logMemoryLimit,
        "minimum_incoming_canister_call_cycles", BigInteger.ZERO,
        "snapshot_visibility", new IcCandid.Tag("controllers", null),
        "status_visibility", new IcCandid.Tag("controllers", null));
  }

  /** {@code canister_info}: the last {@code num_requested_changes} changes (none unless asked). */
  static ManagementCanister.Answer info(ManagedCanister m, IcCandid.Value args) {
    IcCandid.Value n = args.field("num_requested_changes").opt();
    int asked = n == null ? 0 : (int) Math.min(m.history.size(), n.nat().min(BigInteger.valueOf(1000)).longValue());
    List<Object> changes = new ArrayList<>();
    for (ManagedCanister.Change ch : m.history.subList(m.history.size() - asked, m.history.size())) {
      changes.add(change(ch));
    }
    Map<String, Object> reply = rec(
        "total_num_changes", m.totalChanges,
        "recent_changes", changes,
        "module_hash", m.moduleHash,
        "controllers", new ArrayList<Object>(m.controllers));
    return ManagementCanister.Answer.reply(IcCandid.encode(ManagementCandid.INFO_RESULT, reply));
  }

  private static Map<String, Object> change(ManagedCanister.Change ch) {
    Object origin = ch.originUser() != null
        ? new IcCandid.Tag("from_user", rec("user_id", ch.originUser()))
        : new IcCandid.Tag("from_canister", rec("canister_id", ch.originCanister(), "canister_version", null));
    Object details = switch (ch.kind()) {
      case "creation" -> new IcCandid.Tag("creation", rec("controllers", new ArrayList<Object>(ch.controllers()),
          "environment_variables_hash", null));
      case "code_uninstall" -> new IcCandid.Tag("code_uninstall", null);
      case "code_deployment" -> new IcCandid.Tag("code_deployment", rec("mode", new IcCandid.Tag(ch.mode(), null),
          "module_hash", ch.moduleHash()));
      default -> new IcCandid.Tag("controllers_change", rec("controllers", new ArrayList<Object>(ch.controllers())));
    };
    return rec("timestamp_nanos", ch.timestampNanos(), "canister_version", ch.canisterVersion(), "origin", origin,
        "details", details);
  }
}
