package dev.icjava.runtime;

import org.teavm.interop.Import;

/**
 * The raw System API of the Internet Computer: one static native method per {@code ic0.*} entry of
 * the interface specification, with the spec's names and parameter names, for 32-bit memory
 * ({@code I} = {@code int}).
 *
 * <p>Every method here is a Wasm import of module {@code ic0}; TeaVM turns the {@link Import}
 * annotation into exactly that import. Pointer arguments are linear-memory addresses (obtain one with
 * {@code Address.ofData(array).toInt()}); the range {@code [ptr, ptr + size)} must lie inside memory or
 * the call traps. The comment of each method starts with the spec's declaration and the contexts it
 * may be called from ({@code *} = every context but the start function; {@code I} init and
 * post-upgrade, {@code G} pre-upgrade, {@code U} update, {@code RQ}/{@code NRQ} replicated and
 * non-replicated query, {@code TQ} HTTP outcall transform, {@code CQ} composite query, {@code
 * Ry}/{@code Rt} reply and reject callbacks, {@code CRy}/{@code CRt} their composite forms, {@code
 * C}/{@code CC} cleanup, {@code T} system task (heartbeat, global timer, low-memory hook), {@code F}
 * inspect message, {@code s} the start function, where {@code @StaticInit} initializers run). A call
 * from any other context traps.
 *
 * <p>Nothing here is safe to call on a plain JVM: these methods have no body there. Use {@link
 * SystemApi}, which wraps them in Java types and fails with a clear message off-canister. {@code
 * Ic0BindingTest} (canister-build) checks every method, its signature and its comment's declaration
 * and contexts against the spec's own import block ({@code ic0-imports.txt}, a verbatim copy), so a
 * renamed, mistyped or re-scoped entry fails the build.
 */
public final class Ic0 {
  private Ic0() {}

  // ---- Message data ----

  /**
   * {@code ic0.msg_arg_data_size : () -> I}; contexts I U RQ NRQ TQ CQ Ry CRy F.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "msg_arg_data_size")
  public static native int msg_arg_data_size();

  /**
   * {@code ic0.msg_arg_data_copy : (dst : I, offset : I, size : I) -> ()}; contexts I U RQ NRQ TQ
   * CQ Ry CRy F.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_arg_data_copy")
  public static native void msg_arg_data_copy(int dst, int offset, int size);

  /**
   * {@code ic0.msg_caller_size : () -> I}; contexts *.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "msg_caller_size")
  public static native int msg_caller_size();

  /**
   * {@code ic0.msg_caller_copy : (dst : I, offset : I, size : I) -> ()}; contexts *.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_caller_copy")
  public static native void msg_caller_copy(int dst, int offset, int size);

  /**
   * {@code ic0.msg_caller_info_data_size : () -> I}; contexts U RQ NRQ CQ Ry Rt CRy CRt C CC F. The bytes are
   * signed by {@link #msg_caller_info_signer_size the signer}, whom the IC does not vet: trust them
   * only after checking the signer.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "msg_caller_info_data_size")
  public static native int msg_caller_info_data_size();

  /**
   * {@code ic0.msg_caller_info_data_copy : (dst : I, offset : I, size : I) -> ()}; contexts U RQ
   * NRQ CQ Ry Rt CRy CRt C CC F.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_caller_info_data_copy")
  public static native void msg_caller_info_data_copy(int dst, int offset, int size);

  /**
   * {@code ic0.msg_caller_info_signer_size : () -> I}; contexts U RQ NRQ CQ Ry Rt CRy CRt C CC F. 0
   * means the call carries no attributes.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "msg_caller_info_signer_size")
  public static native int msg_caller_info_signer_size();

  /**
   * {@code ic0.msg_caller_info_signer_copy : (dst : I, offset : I, size : I) -> ()}; contexts U RQ
   * NRQ CQ Ry Rt CRy CRt C CC F.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_caller_info_signer_copy")
  public static native void msg_caller_info_signer_copy(int dst, int offset, int size);

  /**
   * {@code ic0.msg_reject_code : () -> i32}; contexts Ry Rt CRy CRt C.
   *
   * @return the reject code, 0 for a reply
   */
  @Import(module = "ic0", name = "msg_reject_code")
  public static native int msg_reject_code();

  /**
   * {@code ic0.msg_reject_msg_size : () -> I}; contexts Rt CRt.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "msg_reject_msg_size")
  public static native int msg_reject_msg_size();

  /**
   * {@code ic0.msg_reject_msg_copy : (dst : I, offset : I, size : I) -> ()}; contexts Rt CRt.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_reject_msg_copy")
  public static native void msg_reject_msg_copy(int dst, int offset, int size);

  /**
   * {@code ic0.msg_deadline : () -> i64}; contexts U Q CQ Ry Rt CRy CRt.
   *
   * @return the deadline, in nanoseconds since 1970, or 0
   */
  @Import(module = "ic0", name = "msg_deadline")
  public static native long msg_deadline();

  /**
   * {@code ic0.msg_reply_data_append : (src : I, size : I) -> ()}; contexts U RQ NRQ TQ CQ Ry Rt
   * CRy CRt.
   *
   * @param src address of the bytes to append
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_reply_data_append")
  public static native void msg_reply_data_append(int src, int size);

  /** {@code ic0.msg_reply : () -> ()}; contexts U RQ NRQ TQ CQ Ry Rt CRy CRt. */
  @Import(module = "ic0", name = "msg_reply")
  public static native void msg_reply();

  /**
   * {@code ic0.msg_reject : (src : I, size : I) -> ()}; contexts U RQ NRQ TQ CQ Ry Rt CRy CRt.
   *
   * @param src address of the message's UTF-8 bytes
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_reject")
  public static native void msg_reject(int src, int size);

  // ---- Cycles ----

  /**
   * {@code ic0.msg_cycles_available128 : (dst : I) -> ()}; contexts U RQ Rt Ry. 16 bytes at dst.
   *
   * @param dst address in Wasm memory for the 128-bit amount
   */
  @Import(module = "ic0", name = "msg_cycles_available128")
  public static native void msg_cycles_available128(int dst);

  /**
   * {@code ic0.msg_cycles_refunded128 : (dst : I) -> ()}; contexts Rt Ry.
   *
   * @param dst address in Wasm memory for the 128-bit amount
   */
  @Import(module = "ic0", name = "msg_cycles_refunded128")
  public static native void msg_cycles_refunded128(int dst);

  /**
   * {@code ic0.msg_cycles_accept128 : (max_amount_high : i64, max_amount_low: i64, dst : I) -> ()};
   * contexts U RQ Rt Ry.
   *
   * @param max_amount_high high 64 bits of the most cycles to accept
   * @param max_amount_low low 64 bits of the most cycles to accept
   * @param dst address in Wasm memory for the 128-bit amount accepted
   */
  @Import(module = "ic0", name = "msg_cycles_accept128")
  public static native void msg_cycles_accept128(long max_amount_high, long max_amount_low, int dst);

  /**
   * {@code ic0.cycles_burn128 : (amount_high : i64, amount_low : i64, dst : I) -> ()}; contexts I G
   * U RQ Ry Rt C T.
   *
   * @param amount_high high 64 bits of the amount, in cycles
   * @param amount_low low 64 bits of the amount, in cycles
   * @param dst address in Wasm memory for the 128-bit amount burned
   */
  @Import(module = "ic0", name = "cycles_burn128")
  public static native void cycles_burn128(long amount_high, long amount_low, int dst);

  // ---- The canister itself ----

  /**
   * {@code ic0.canister_self_size : () -> I}; contexts *.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "canister_self_size")
  public static native int canister_self_size();

  /**
   * {@code ic0.canister_self_copy : (dst : I, offset : I, size : I) -> ()}; contexts *.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "canister_self_copy")
  public static native void canister_self_copy(int dst, int offset, int size);

  /**
   * {@code ic0.canister_cycle_balance128 : (dst : I) -> ()}; contexts *.
   *
   * @param dst address in Wasm memory for the 128-bit balance
   */
  @Import(module = "ic0", name = "canister_cycle_balance128")
  public static native void canister_cycle_balance128(int dst);

  /**
   * {@code ic0.canister_liquid_cycle_balance128 : (dst : I) -> ()}; contexts *.
   *
   * @param dst address in Wasm memory for the 128-bit balance
   */
  @Import(module = "ic0", name = "canister_liquid_cycle_balance128")
  public static native void canister_liquid_cycle_balance128(int dst);

  /**
   * {@code ic0.canister_status : () -> i32}; contexts *. 1 running, 2 stopping, 3 stopped.
   *
   * @return 1 running, 2 stopping, 3 stopped
   */
  @Import(module = "ic0", name = "canister_status")
  public static native int canister_status();

  /**
   * {@code ic0.canister_version : () -> i64}; contexts *.
   *
   * @return the canister version
   */
  @Import(module = "ic0", name = "canister_version")
  public static native long canister_version();

  /**
   * {@code ic0.subnet_self_size : () -> I}; contexts *.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "subnet_self_size")
  public static native int subnet_self_size();

  /**
   * {@code ic0.subnet_self_copy : (dst : I, offset : I, size : I) -> ()}; contexts *.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "subnet_self_copy")
  public static native void subnet_self_copy(int dst, int offset, int size);

  /**
   * {@code ic0.msg_method_name_size : () -> I}; contexts F.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "msg_method_name_size")
  public static native int msg_method_name_size();

  /**
   * {@code ic0.msg_method_name_copy : (dst : I, offset : I, size : I) -> ()}; contexts F.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "msg_method_name_copy")
  public static native void msg_method_name_copy(int dst, int offset, int size);

  /** {@code ic0.accept_message : () -> ()}; contexts F. */
  @Import(module = "ic0", name = "accept_message")
  public static native void accept_message();

  // ---- Inter-canister calls ----

  /**
   * {@code ic0.call_new : ( callee_src : I, callee_size : I, name_src : I, name_size : I, reply_fun
   * : I, reply_env : I, reject_fun : I, reject_env : I ) -> ()}; contexts U CQ Ry Rt CRy CRt T.
   *
   * @param callee_src address of the callee's principal bytes
   * @param callee_size length of the callee's principal
   * @param name_src address of the name's UTF-8 bytes
   * @param name_size length of the name, in bytes
   * @param reply_fun table index of the reply callback
   * @param reply_env value passed to the reply callback
   * @param reject_fun table index of the reject callback
   * @param reject_env value passed to the reject callback
   */
  @Import(module = "ic0", name = "call_new")
  public static native void call_new(
      int callee_src,
      int callee_size,
      int name_src,
      int name_size,
      int reply_fun,
      int reply_env,
      int reject_fun,
      int reject_env);

  /**
   * {@code ic0.call_on_cleanup : (fun : I, env : I) -> ()}; contexts U CQ Ry Rt CRy CRt T.
   *
   * @param fun table index of the cleanup callback
   * @param env value passed to the cleanup callback
   */
  @Import(module = "ic0", name = "call_on_cleanup")
  public static native void call_on_cleanup(int fun, int env);

  /**
   * {@code ic0.call_data_append : (src : I, size : I) -> ()}; contexts U CQ Ry Rt CRy CRt T.
   *
   * @param src address of the bytes to append
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "call_data_append")
  public static native void call_data_append(int src, int size);

  /**
   * {@code ic0.call_with_best_effort_response : (timeout_seconds : i32) -> ()}; contexts U CQ Ry Rt
   * CRy CRt T.
   *
   * @param timeout_seconds the timeout, in seconds
   */
  @Import(module = "ic0", name = "call_with_best_effort_response")
  public static native void call_with_best_effort_response(int timeout_seconds);

  /**
   * {@code ic0.call_cycles_add128 : (amount_high : i64, amount_low: i64) -> ()}; contexts U Ry Rt
   * T.
   *
   * @param amount_high high 64 bits of the amount, in cycles
   * @param amount_low low 64 bits of the amount, in cycles
   */
  @Import(module = "ic0", name = "call_cycles_add128")
  public static native void call_cycles_add128(long amount_high, long amount_low);

  /**
   * {@code ic0.call_perform : () -> ( err_code : i32 )}; contexts U CQ Ry Rt CRy CRt T.
   *
   * @return 0 when the call was enqueued, else an error code (nothing is sent)
   */
  @Import(module = "ic0", name = "call_perform")
  public static native int call_perform();

  // ---- Stable memory (64-bit API; pointers are i64 even on 32-bit memory) ----

  /**
   * {@code ic0.stable64_size : () -> (page_count : i64)}; contexts * s. Pages of 64 KiB.
   *
   * @return the size, in pages of 64 KiB
   */
  @Import(module = "ic0", name = "stable64_size")
  public static native long stable64_size();

  /**
   * {@code ic0.stable64_grow : (new_pages : i64) -> (old_page_count : i64)}; contexts * s. -1 when
   * refused.
   *
   * @param new_pages pages of 64 KiB to add
   * @return the previous size in pages, or -1 when refused
   */
  @Import(module = "ic0", name = "stable64_grow")
  public static native long stable64_grow(long new_pages);

  /**
   * {@code ic0.stable64_write : (offset : i64, src : i64, size : i64) -> ()}; contexts * s. Traps
   * out of bounds.
   *
   * @param offset offset in stable memory, in bytes
   * @param src address in Wasm memory of the bytes
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "stable64_write")
  public static native void stable64_write(long offset, long src, long size);

  /**
   * {@code ic0.stable64_read : (dst : i64, offset : i64, size : i64) -> ()}; contexts * s. Traps
   * out of bounds.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in stable memory, in bytes
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "stable64_read")
  public static native void stable64_read(long dst, long offset, long size);

  // ---- Certification ----

  /**
   * {@code ic0.root_key_size : () -> I}; contexts I G U RQ Ry Rt C T.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "root_key_size")
  public static native int root_key_size();

  /**
   * {@code ic0.root_key_copy : (dst : I, offset : I, size : I) -> ()}; contexts I G U RQ Ry Rt C T.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "root_key_copy")
  public static native void root_key_copy(int dst, int offset, int size);

  /**
   * {@code ic0.certified_data_set : (src : I, size : I) -> ()}; contexts I G U Ry Rt T. At most 32
   * bytes.
   *
   * @param src address of the data (at most 32 bytes)
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "certified_data_set")
  public static native void certified_data_set(int src, int size);

  /**
   * {@code ic0.data_certificate_present : () -> i32}; contexts *.
   *
   * @return 1 when a certificate is present, else 0
   */
  @Import(module = "ic0", name = "data_certificate_present")
  public static native int data_certificate_present();

  /**
   * {@code ic0.data_certificate_size : () -> I}; contexts NRQ CQ.
   *
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "data_certificate_size")
  public static native int data_certificate_size();

  /**
   * {@code ic0.data_certificate_copy : (dst : I, offset : I, size : I) -> ()}; contexts NRQ CQ.
   *
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "data_certificate_copy")
  public static native void data_certificate_copy(int dst, int offset, int size);

  // ---- Time, timers, counters, controllers ----

  /**
   * {@code ic0.time : () -> (timestamp : i64)}; contexts *. Nanoseconds since 1970-01-01, unsigned.
   *
   * @return nanoseconds since 1970-01-01, unsigned
   */
  @Import(module = "ic0", name = "time")
  public static native long time();

  /**
   * {@code ic0.global_timer_set : (timestamp : i64) -> i64}; contexts I G U Ry Rt C T.
   *
   * @param timestamp the deadline, in nanoseconds since 1970; 0 deactivates the timer
   * @return the previous deadline, 0 when none
   */
  @Import(module = "ic0", name = "global_timer_set")
  public static native long global_timer_set(long timestamp);

  /**
   * {@code ic0.performance_counter : (counter_type : i32) -> (counter : i64)}; contexts * s. 0 =
   * this message.
   *
   * @param counter_type which counter (0: this message's instructions)
   * @return the counter's value
   */
  @Import(module = "ic0", name = "performance_counter")
  public static native long performance_counter(int counter_type);

  /**
   * {@code ic0.is_controller : (src : I, size : I) -> ( result : i32)}; contexts * s. Traps if not
   * a principal.
   *
   * @param src address of the principal's bytes
   * @param size length of the principal, in bytes
   * @return 1 when the principal controls this canister, else 0
   */
  @Import(module = "ic0", name = "is_controller")
  public static native int is_controller(int src, int size);

  /**
   * {@code ic0.in_replicated_execution : () -> (result : i32)}; contexts * s.
   *
   * @return 1 in replicated execution, else 0
   */
  @Import(module = "ic0", name = "in_replicated_execution")
  public static native int in_replicated_execution();

  // ---- Costs ----

  /**
   * {@code ic0.cost_call : (method_name_size: i64, payload_size : i64, dst : I) -> ()}; contexts *
   * s.
   *
   * @param method_name_size length of the method name, in bytes
   * @param payload_size size of the argument, in bytes
   * @param dst address in Wasm memory for the 128-bit cost
   */
  @Import(module = "ic0", name = "cost_call")
  public static native void cost_call(long method_name_size, long payload_size, int dst);

  /**
   * {@code ic0.cost_create_canister : (dst : I) -> ()}; contexts * s.
   *
   * @param dst address in Wasm memory for the 128-bit cost
   */
  @Import(module = "ic0", name = "cost_create_canister")
  public static native void cost_create_canister(int dst);

  /**
   * {@code ic0.cost_http_request : (request_size : i64, max_res_bytes : i64, dst : I) -> ()};
   * contexts * s.
   *
   * @param request_size size of the request, in bytes
   * @param max_res_bytes the most response bytes allowed
   * @param dst address in Wasm memory for the 128-bit cost
   */
  @Import(module = "ic0", name = "cost_http_request")
  public static native void cost_http_request(long request_size, long max_res_bytes, int dst);

  /**
   * {@code ic0.cost_sign_with_ecdsa : (src : I, size : I, ecdsa_curve: i32, dst : I) -> i32};
   * contexts * s.
   *
   * @param src address of the key name's UTF-8 bytes
   * @param size length of the key name, in bytes
   * @param ecdsa_curve the curve
   * @param dst address in Wasm memory for the 128-bit cost
   * @return 0 when the cost was written, else an error code (unknown curve or key name)
   */
  @Import(module = "ic0", name = "cost_sign_with_ecdsa")
  public static native int cost_sign_with_ecdsa(int src, int size, int ecdsa_curve, int dst);

  /**
   * {@code ic0.cost_sign_with_schnorr : (src : I, size : I, algorithm: i32, dst : I) -> i32};
   * contexts * s.
   *
   * @param src address of the key name's UTF-8 bytes
   * @param size length of the key name, in bytes
   * @param algorithm the algorithm
   * @param dst address in Wasm memory for the 128-bit cost
   * @return 0 when the cost was written, else an error code (unknown algorithm or key name)
   */
  @Import(module = "ic0", name = "cost_sign_with_schnorr")
  public static native int cost_sign_with_schnorr(int src, int size, int algorithm, int dst);

  /**
   * {@code ic0.cost_vetkd_derive_key : (src : I, size : I, vetkd_curve: i32, dst : I) -> i32};
   * contexts * s.
   *
   * @param src address of the key name's UTF-8 bytes
   * @param size length of the key name, in bytes
   * @param vetkd_curve the curve
   * @param dst address in Wasm memory for the 128-bit cost
   * @return 0 when the cost was written, else an error code (unknown curve or key name)
   */
  @Import(module = "ic0", name = "cost_vetkd_derive_key")
  public static native int cost_vetkd_derive_key(int src, int size, int vetkd_curve, int dst);

  // ---- Canister environment variables ----

  /**
   * {@code ic0.env_var_count : () -> I}; contexts *.
   *
   * @return the number of environment variables
   */
  @Import(module = "ic0", name = "env_var_count")
  public static native int env_var_count();

  /**
   * {@code ic0.env_var_name_size : (index: I) -> I}; contexts *. Traps when index is out of range.
   *
   * @param index the variable's index, from 0
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "env_var_name_size")
  public static native int env_var_name_size(int index);

  /**
   * {@code ic0.env_var_name_copy : (index: I, dst: I, offset: I, size: I) -> ()}; contexts *.
   *
   * @param index the variable's index, from 0
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "env_var_name_copy")
  public static native void env_var_name_copy(int index, int dst, int offset, int size);

  /**
   * {@code ic0.env_var_name_exists : (name_src: I, name_size: I) -> i32}; contexts *. 1 or 0.
   *
   * @param name_src address of the variable name's UTF-8 bytes
   * @param name_size length of the name, in bytes
   * @return 1 when the variable is set, else 0
   */
  @Import(module = "ic0", name = "env_var_name_exists")
  public static native int env_var_name_exists(int name_src, int name_size);

  /**
   * {@code ic0.env_var_value_size : (name_src: I, name_size: I) -> I}; contexts *. Traps when
   * unset.
   *
   * @param name_src address of the variable name's UTF-8 bytes
   * @param name_size length of the name, in bytes
   * @return the size, in bytes
   */
  @Import(module = "ic0", name = "env_var_value_size")
  public static native int env_var_value_size(int name_src, int name_size);

  /**
   * {@code ic0.env_var_value_copy : (name_src: I, name_size: I, dst: I, offset: I, size: I) -> ()};
   * contexts *.
   *
   * @param name_src address of the variable name's UTF-8 bytes
   * @param name_size length of the name, in bytes
   * @param dst address in Wasm memory to write to
   * @param offset offset in the source to start from
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "env_var_value_copy")
  public static native void env_var_value_copy(
      int name_src, int name_size, int dst, int offset, int size);

  // ---- Debugging and traps ----

  /**
   * {@code ic0.debug_print : (src : I, size : I) -> ()}; contexts * s.
   *
   * @param src address of the text's UTF-8 bytes
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "debug_print")
  public static native void debug_print(int src, int size);

  /**
   * {@code ic0.trap : (src : I, size : I) -> ()}; contexts * s. Never returns: the message is
   * rolled back.
   *
   * @param src address of the message's UTF-8 bytes
   * @param size number of bytes
   */
  @Import(module = "ic0", name = "trap")
  public static native void trap(int src, int size);
}
