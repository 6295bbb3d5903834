package dev.icjava.build.wasm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code ic0} function a canister may import, with its signature as the interface spec gives
 * it. {@code I} is the pointer width: {@code i32} for 32-bit memory, {@code i64} for wasm64. Entries
 * marked deprecated are still accepted by the IC (older toolchains, Motoko among them, import them).
 */
public final class SystemApiTable {
  /** A signature: parameter and result types, each {@code i32}, {@code i64} or {@code I}. */
  public record Signature(List<String> params, List<String> results, boolean deprecated) {
    /** The signature with {@code I} resolved to {@code i32} or {@code i64}. */
    public Signature resolve(boolean memory64) {
      String width = memory64 ? "i64" : "i32";
      return new Signature(
          params.stream().map(t -> t.equals("I") ? width : t).toList(),
          results.stream().map(t -> t.equals("I") ? width : t).toList(),
          deprecated);
    }

    @Override
    public String toString() {
      return "(" + String.join(", ", params) + ") -> (" + String.join(", ", results) + ")";
    }
  }

  private static final Map<String, Signature> ENTRIES = new LinkedHashMap<>();

  static {
    fn("msg_arg_data_size", "", "I");
    fn("msg_arg_data_copy", "I I I", "");
    fn("msg_caller_size", "", "I");
    fn("msg_caller_copy", "I I I", "");
    fn("msg_caller_info_data_size", "", "I");
    fn("msg_caller_info_data_copy", "I I I", "");
    fn("msg_caller_info_signer_size", "", "I");
    fn("msg_caller_info_signer_copy", "I I I", "");
    fn("msg_reject_code", "", "i32");
    fn("msg_reject_msg_size", "", "I");
    fn("msg_reject_msg_copy", "I I I", "");
    fn("msg_deadline", "", "i64");
    fn("msg_reply_data_append", "I I", "");
    fn("msg_reply", "", "");
    fn("msg_reject", "I I", "");
    fn("msg_cycles_available128", "I", "");
    fn("msg_cycles_refunded128", "I", "");
    fn("msg_cycles_accept128", "i64 i64 I", "");
    fn("cycles_burn128", "i64 i64 I", "");
    fn("canister_self_size", "", "I");
    fn("canister_self_copy", "I I I", "");
    fn("canister_cycle_balance128", "I", "");
    fn("canister_liquid_cycle_balance128", "I", "");
    fn("canister_status", "", "i32");
    fn("canister_version", "", "i64");
    fn("subnet_self_size", "", "I");
    fn("subnet_self_copy", "I I I", "");
    fn("msg_method_name_size", "", "I");
    fn("msg_method_name_copy", "I I I", "");
    fn("accept_message", "", "");
    fn("call_new", "I I I I I I I I", "");
    fn("call_on_cleanup", "I I", "");
    fn("call_data_append", "I I", "");
    fn("call_with_best_effort_response", "i32", "");
    fn("call_cycles_add128", "i64 i64", "");
    fn("call_perform", "", "i32");
    fn("stable64_size", "", "i64");
    fn("stable64_grow", "i64", "i64");
    fn("stable64_write", "i64 i64 i64", "");
    fn("stable64_read", "i64 i64 i64", "");
    fn("root_key_size", "", "I");
    fn("root_key_copy", "I I I", "");
    fn("certified_data_set", "I I", "");
    fn("data_certificate_present", "", "i32");
    fn("data_certificate_size", "", "I");
    fn("data_certificate_copy", "I I I", "");
    fn("time", "", "i64");
    fn("global_timer_set", "i64", "i64");
    fn("performance_counter", "i32", "i64");
    fn("is_controller", "I I", "i32");
    fn("in_replicated_execution", "", "i32");
    fn("cost_call", "i64 i64 I", "");
    fn("cost_create_canister", "I", "");
    fn("cost_http_request", "i64 i64 I", "");
    fn("cost_sign_with_ecdsa", "I I i32 I", "i32");
    fn("cost_sign_with_schnorr", "I I i32 I", "i32");
    fn("cost_vetkd_derive_key", "I I i32 I", "i32");
    fn("env_var_count", "", "I");
    fn("env_var_name_size", "I", "I");
    fn("env_var_name_copy", "I I I I", "");
    fn("env_var_name_exists", "I I", "i32");
    fn("env_var_value_size", "I I", "I");
    fn("env_var_value_copy", "I I I I I", "");
    fn("debug_print", "I I", "");
    fn("trap", "I I", "");
    // Deprecated but still linked by the IC.
    deprecated("msg_cycles_available", "", "i64");
    deprecated("msg_cycles_refunded", "", "i64");
    deprecated("msg_cycles_accept", "i64", "i64");
    deprecated("canister_cycle_balance", "", "i64");
    deprecated("call_cycles_add", "i64", "");
    deprecated("mint_cycles", "i64", "i64");
    deprecated("mint_cycles128", "i64 i64 I", "");
    deprecated("stable_size", "", "i32");
    deprecated("stable_grow", "i32", "i32");
    deprecated("stable_read", "i32 i32 i32", "");
    deprecated("stable_write", "i32 i32 i32", "");
  }

  private SystemApiTable() {}

  private static void fn(String name, String params, String results) {
    ENTRIES.put(name, new Signature(split(params), split(results), false));
  }

  private static void deprecated(String name, String params, String results) {
    ENTRIES.put(name, new Signature(split(params), split(results), true));
  }

  private static List<String> split(String types) {
    return types.isEmpty() ? List.of() : List.of(types.split(" "));
  }

  /** The signature of {@code ic0.<name>}, or {@code null} when the System API has no such entry. */
  public static Signature lookup(String name) {
    return ENTRIES.get(name);
  }

  /** All entries, in spec order, deprecated ones last. */
  public static Map<String, Signature> all() {
    return Collections.unmodifiableMap(ENTRIES);
  }
}
