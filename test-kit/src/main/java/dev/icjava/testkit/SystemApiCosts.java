package dev.icjava.testkit;

import java.util.Map;

/**
 * What the IC charges, in instructions, for each System API call beyond the Wasm {@code call}
 * instruction itself: a fixed overhead per entry plus a charge per byte the call moves.
 *
 * <p>Fixed overheads: dfinity/ic {@code rs/embedders/src/wasmtime_embedder/system_api_complexity.rs},
 * module {@code overhead::new} at commit 023cfe84513a5b9db9a1a966336fa01cd9d06ae0 (the metering the
 * IC runs; later versions dropped the old/new split and kept these values). Entries that file had not
 * yet listed (environment variables, caller info, {@code in_replicated_execution}, {@code
 * msg_deadline}, {@code subnet_self_*}, {@code root_key_*}, {@code cost_*}, {@code
 * canister_liquid_cycle_balance128}, {@code cycles_burn128}, {@code call_with_best_effort_response})
 * are charged 500 each as in its newest version, which the index here holds only as quoted in a
 * third-party audit of that file, not from dfinity/ic itself: read them as 500 until checked.
 *
 * <p>Per-byte charges, for an application subnet: dfinity/ic {@code
 * rs/embedders/src/wasmtime_embedder/linker.rs} at commit 6b857d45cf69349ed7e66570eccbe3dd62b2ad90
 * ({@code charge_for_cpu_and_mem}: one instruction per byte, {@code get_num_instructions_from_bytes}
 * in {@code system_api.rs}): copies out of the System API cost their size; {@code
 * msg_reply_data_append}, {@code msg_reject} and {@code call_data_append} 50 per byte ({@code
 * BYTE_TRANSMISSION_COST_FACTOR}); {@code debug_print} and {@code trap} pay for the canister log, 2
 * per byte allocated in it and 50 per byte that fits in its remaining space ({@code
 * logging_charge_bytes}; a trap also pays its length once more); debug printing itself is off on
 * application subnets, so it adds nothing.
 *
 * <p>Stable memory is Wasm-native on the IC ({@code
 * rs/embedders/src/wasm_utils/system_api_replacements.rs}, commit
 * 0c3226cfc2aee4dab2ae34297ef637f6bc223418): {@code stable64_read} costs 20 plus its size, {@code
 * stable64_write} 20 plus its size plus 1,000 per 4 KiB page it dirties first in the message ({@code
 * DEFAULT_DIRTY_PAGE_OVERHEAD}, {@code rs/config/src/subnet_config.rs}), {@code stable64_grow} 100
 * ({@code overhead_native::STABLE_GROW}), {@code stable64_size} nothing; the 32-bit forms alike.
 */
final class SystemApiCosts {
  static final long BYTE_TRANSMISSION_COST_FACTOR = 50;
  static final long STABLE_ACCESS = 20;
  static final long STABLE_GROW = 100;
  static final long DIRTY_PAGE = 1_000;
  static final int OS_PAGE = 4096;

  private static final Map<String, Long> FIXED = Map.ofEntries(
      Map.entry("msg_arg_data_size", 500L),
      Map.entry("msg_arg_data_copy", 500L),
      Map.entry("msg_caller_size", 500L),
      Map.entry("msg_caller_copy", 500L),
      Map.entry("msg_caller_info_data_size", 500L),
      Map.entry("msg_caller_info_data_copy", 500L),
      Map.entry("msg_caller_info_signer_size", 500L),
      Map.entry("msg_caller_info_signer_copy", 500L),
      Map.entry("msg_reject_code", 500L),
      Map.entry("msg_reject_msg_size", 500L),
      Map.entry("msg_reject_msg_copy", 500L),
      Map.entry("msg_deadline", 500L),
      Map.entry("msg_reply_data_append", 500L),
      Map.entry("msg_reply", 500L),
      Map.entry("msg_reject", 500L),
      Map.entry("msg_cycles_available128", 500L),
      Map.entry("msg_cycles_refunded128", 500L),
      Map.entry("msg_cycles_accept128", 500L),
      Map.entry("cycles_burn128", 500L),
      Map.entry("canister_self_size", 500L),
      Map.entry("canister_self_copy", 500L),
      Map.entry("canister_cycle_balance128", 500L),
      Map.entry("canister_liquid_cycle_balance128", 500L),
      Map.entry("canister_status", 500L),
      Map.entry("canister_version", 500L),
      Map.entry("subnet_self_size", 500L),
      Map.entry("subnet_self_copy", 500L),
      Map.entry("msg_method_name_size", 500L),
      Map.entry("msg_method_name_copy", 500L),
      Map.entry("accept_message", 500L),
      Map.entry("call_new", 1_500L),
      Map.entry("call_on_cleanup", 500L),
      Map.entry("call_data_append", 500L),
      Map.entry("call_with_best_effort_response", 500L),
      Map.entry("call_cycles_add128", 500L),
      Map.entry("call_perform", 5_000L),
      Map.entry("stable64_size", 0L),
      Map.entry("stable64_grow", STABLE_GROW),
      Map.entry("stable64_write", STABLE_ACCESS),
      Map.entry("stable64_read", STABLE_ACCESS),
      Map.entry("root_key_size", 500L),
      Map.entry("root_key_copy", 500L),
      Map.entry("certified_data_set", 500L),
      Map.entry("data_certificate_present", 500L),
      Map.entry("data_certificate_size", 500L),
      Map.entry("data_certificate_copy", 500L),
      Map.entry("time", 500L),
      Map.entry("global_timer_set", 500L),
      Map.entry("performance_counter", 200L),
      Map.entry("is_controller", 1_000L),
      Map.entry("in_replicated_execution", 500L),
      Map.entry("cost_call", 500L),
      Map.entry("cost_create_canister", 500L),
      Map.entry("cost_http_request", 500L),
      Map.entry("cost_sign_with_ecdsa", 500L),
      Map.entry("cost_sign_with_schnorr", 500L),
      Map.entry("cost_vetkd_derive_key", 500L),
      Map.entry("env_var_count", 500L),
      Map.entry("env_var_name_size", 500L),
      Map.entry("env_var_name_copy", 500L),
      Map.entry("env_var_name_exists", 500L),
      Map.entry("env_var_value_size", 500L),
      Map.entry("env_var_value_copy", 500L),
      Map.entry("debug_print", 100L),
      Map.entry("trap", 500L),
      Map.entry("msg_cycles_available", 500L),
      Map.entry("msg_cycles_refunded", 500L),
      Map.entry("msg_cycles_accept", 500L),
      Map.entry("canister_cycle_balance", 500L),
      Map.entry("call_cycles_add", 500L),
      Map.entry("stable_size", 0L),
      Map.entry("stable_grow", STABLE_GROW),
      Map.entry("stable_write", STABLE_ACCESS),
      Map.entry("stable_read", STABLE_ACCESS),
      // linked without any charge (linker.rs above)
      Map.entry("mint_cycles", 0L),
      Map.entry("mint_cycles128", 0L));

  private SystemApiCosts() {}

  /** The fixed overhead of {@code ic0.<name>}. */
  static long fixed(String name) {
    Long c = FIXED.get(name);
    if (c == null) {
      throw new IllegalStateException("no IC cost recorded for ic0." + name);
    }
    return c;
  }

  /**
   * The per-byte part of a call with arguments {@code a} (unsigned), except for stable writes'
   * dirty pages and the log, which depend on state ({@link Ic0Host} adds them).
   */
  static long perByte(String name, long[] a) {
    switch (name) {
      case "msg_arg_data_copy":
      case "msg_caller_copy":
      case "msg_caller_info_data_copy":
      case "msg_caller_info_signer_copy":
      case "msg_reject_msg_copy":
      case "msg_method_name_copy":
      case "canister_self_copy":
      case "subnet_self_copy":
      case "root_key_copy":
      case "data_certificate_copy":
        return a[2];
      case "env_var_name_copy":
        return a[3];
      case "env_var_value_copy":
        return a[4];
      case "msg_reply_data_append":
      case "msg_reject":
      case "call_data_append":
        return saturatingMultiply(BYTE_TRANSMISSION_COST_FACTOR, a[1]);
      case "call_new":
        return a[1] + a[3];
      case "certified_data_set":
      case "is_controller":
      case "cost_sign_with_ecdsa":
      case "cost_sign_with_schnorr":
      case "cost_vetkd_derive_key":
        return a[1];
      case "stable64_read":
      case "stable64_write":
      case "stable_read":
      case "stable_write":
        return a[2];
      default:
        return 0;
    }
  }

  /** What writing {@code length} bytes to a log with {@code remaining} free bytes of {@code capacity} costs. */
  static long logging(long length, long capacity, long remaining) {
    return 2 * Math.min(length, capacity) + BYTE_TRANSMISSION_COST_FACTOR * Math.min(length, remaining);
  }

  private static long saturatingMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
  }
}
