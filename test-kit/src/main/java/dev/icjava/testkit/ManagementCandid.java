package dev.icjava.testkit;

import static dev.icjava.testkit.IcCandid.blob;
import static dev.icjava.testkit.IcCandid.bool;
import static dev.icjava.testkit.IcCandid.nat;
import static dev.icjava.testkit.IcCandid.nat64;
import static dev.icjava.testkit.IcCandid.nul;
import static dev.icjava.testkit.IcCandid.opt;
import static dev.icjava.testkit.IcCandid.principal;
import static dev.icjava.testkit.IcCandid.record;
import static dev.icjava.testkit.IcCandid.text;
import static dev.icjava.testkit.IcCandid.variant;
import static dev.icjava.testkit.IcCandid.vec;

import dev.icjava.testkit.IcCandid.Type;

/**
 * The management canister's reply types, as the IC interface spec's {@code ic.did} writes them
 * (dfinity/portal {@code docs/references/_attachments/ic.did} at 0484f2cf), with the fields newer
 * clients require that the portal's copy lacks: {@code memory_metrics.log_memory_store_size} and
 * {@code definite_canister_settings.log_memory_limit} and {@code minimum_incoming_canister_call_cycles}, {@code snapshot_visibility}, {@code status_visibility} (added with {@code ic-management-canister-types}
 * 0.7.1, which icp-cli 1.5.0 decodes with: its reply errors name the first field it misses). Arguments are read
 * without a type ({@link IcCandid#decode}), by these field names.
 */
final class ManagementCandid {
  private ManagementCandid() {}

  static final Type LOG_VISIBILITY =
      variant("controllers", nul(), "public", nul(), "allowed_viewers", vec(principal()));

  static final Type ENVIRONMENT_VARIABLE = record("name", text(), "value", text());

  static final Type DEFINITE_SETTINGS = record(
      "controllers", vec(principal()), "compute_allocation", nat(), "memory_allocation", nat(),
      "freezing_threshold", nat(), "reserved_cycles_limit", nat(), "log_visibility", LOG_VISIBILITY,
      "wasm_memory_limit", nat(), "wasm_memory_threshold", nat(), "environment_variables", vec(ENVIRONMENT_VARIABLE),
      "log_memory_limit", nat(), "minimum_incoming_canister_call_cycles", nat(), "snapshot_visibility", LOG_VISIBILITY,
      "status_visibility", LOG_VISIBILITY);

  static final Type CANISTER_ID_RESULT = record("canister_id", principal());

  static final Type CHUNK_HASH = record("hash", blob());

  static final Type STATUS_RESULT = record(
      "status", variant("running", nul(), "stopping", nul(), "stopped", nul()),
      "ready_for_migration", bool(), "version", nat64(), "settings", DEFINITE_SETTINGS,
      "module_hash", opt(blob()), "memory_size", nat(),
      "memory_metrics", record("wasm_memory_size", nat(), "stable_memory_size", nat(),
          "global_memory_size", nat(), "wasm_binary_size", nat(), "custom_sections_size", nat(),
          "canister_history_size", nat(), "wasm_chunk_store_size", nat(), "snapshots_size", nat(),
          "log_memory_store_size", nat()),
      "cycles", nat(), "reserved_cycles", nat(), "idle_cycles_burned_per_day", nat(),
      "query_stats", record("num_calls_total", nat(), "num_instructions_total", nat(),
          "request_payload_bytes_total", nat(), "response_payload_bytes_total", nat()));

  static final Type CHANGE_ORIGIN = variant("from_user", record("user_id", principal()),
      "from_canister", record("canister_id", principal(), "canister_version", opt(nat64())));

  static final Type CHANGE_DETAILS = variant(
      "creation", record("controllers", vec(principal()), "environment_variables_hash", opt(blob())),
      "code_uninstall", nul(),
      "code_deployment", record("mode", variant("install", nul(), "reinstall", nul(), "upgrade", nul()),
          "module_hash", blob()),
      "controllers_change", record("controllers", vec(principal())));

  static final Type CHANGE = record("timestamp_nanos", nat64(), "canister_version", nat64(),
      "origin", CHANGE_ORIGIN, "details", CHANGE_DETAILS);

  static final Type INFO_RESULT = record("total_num_changes", nat64(), "recent_changes", vec(CHANGE),
      "module_hash", opt(blob()), "controllers", vec(principal()));

  /** The empty message {@code ()}. */
  static byte[] empty() {
    return new byte[] {'D', 'I', 'D', 'L', 0, 0};
  }

  /** {@code (record { canister_id })}. */
  static byte[] canisterIdResult(byte[] id) {
    return IcCandid.encode(CANISTER_ID_RESULT, IcCandid.rec("canister_id", id));
  }
}
