package dev.icjava.runtime;

import dev.icjava.runtime.internal.TimerQueue;
import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.Address;

/**
 * The System API in Java types: the safe layer over {@link Ic0}.
 *
 * <p>Naming rule (as in cdk-rs): a wrapper over one {@code ic0} call keeps the spec's name in
 * camelCase ({@code ic0.time} → {@link #time()}); a {@code _size}/{@code _copy} pair becomes one
 * method named by the pair's shared prefix ({@code msg_caller_size} + {@code msg_caller_copy} → {@link
 * #msgCaller()}); bit-width suffixes are dropped ({@code stable64_size} → {@link #stableSize()}).
 * Sentinels become Java values: a signer of size 0 is {@code null}, {@code is_controller}'s 0/1 is a
 * boolean.
 *
 * <p>Byte arrays returned here are fresh copies owned by the caller. Nothing is cached across
 * messages: every call reads the current message's data from the System API.
 *
 * <p>On a plain JVM each method throws {@link IllegalStateException} naming the {@code ic0} entry it
 * needs; run canister code in the test kit's local replica instead.
 */
public final class SystemApi {
  /** Longest trap or reject message passed to the IC, in UTF-8 bytes; longer ones are cut. */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024;

  private SystemApi() {}

  /**
   * The argument bytes of this message ({@code ic0.msg_arg_data_*}).
   *
   * @return the argument, a new array
   */
  public static byte[] msgArgData() {
    requireCanister("msg_arg_data_size");
    byte[] data = new byte[Ic0.msg_arg_data_size()];
    Ic0.msg_arg_data_copy(address(data), 0, data.length);
    return data;
  }

  /**
   * The size of this message's argument in bytes ({@code ic0.msg_arg_data_size}).
   *
   * @return the argument's size, in bytes
   */
  public static int msgArgDataSize() {
    requireCanister("msg_arg_data_size");
    return Ic0.msg_arg_data_size();
  }

  /**
   * Copies the first {@code dst.length} bytes of the argument into {@code dst} ({@code
   * ic0.msg_arg_data_copy}); the argument must be at least that long. For checks that should not
   * allocate.
   *
   * @param dst filled with the argument's first {@code dst.length} bytes
   */
  public static void msgArgDataInto(byte[] dst) {
    requireCanister("msg_arg_data_copy");
    Ic0.msg_arg_data_copy(address(dst), 0, dst.length);
  }

  /**
   * The raw bytes of the principal that sent this message ({@code ic0.msg_caller_*}).
   *
   * @return the caller's principal bytes, a new array
   */
  public static byte[] msgCaller() {
    requireCanister("msg_caller_size");
    byte[] data = new byte[Ic0.msg_caller_size()];
    Ic0.msg_caller_copy(address(data), 0, data.length);
    return data;
  }

  /**
   * The identity-attribute bundle attached to this call ({@code ic0.msg_caller_info_data_*}), or an
   * empty array. The IC checked its signature but not <em>who</em> signed it: do not trust or even
   * decode these bytes before checking {@link #msgCallerInfoSigner()} against a trusted list.
   *
   * @return the bundle, a new array; empty when the call carries none
   */
  public static byte[] msgCallerInfoData() {
    requireCanister("msg_caller_info_data_size");
    byte[] data = new byte[Ic0.msg_caller_info_data_size()];
    Ic0.msg_caller_info_data_copy(address(data), 0, data.length);
    return data;
  }

  /**
   * The size of the identity-attribute bundle ({@code ic0.msg_caller_info_data_size}), without
   * copying it.
   *
   * @return the bundle's size, in bytes; 0 when the call carries none
   */
  public static int msgCallerInfoDataSize() {
    requireCanister("msg_caller_info_data_size");
    return Ic0.msg_caller_info_data_size();
  }

  /**
   * The principal bytes of whoever signed this call's attributes ({@code
   * ic0.msg_caller_info_signer_*}), or {@code null} when the call carries no attributes (size 0).
   *
   * @return the signer's principal bytes, or {@code null}
   */
  public static byte[] msgCallerInfoSigner() {
    requireCanister("msg_caller_info_signer_size");
    int size = Ic0.msg_caller_info_signer_size();
    if (size == 0) {
      return null;
    }
    byte[] data = new byte[size];
    Ic0.msg_caller_info_signer_copy(address(data), 0, size);
    return data;
  }

  /**
   * This canister's own principal bytes ({@code ic0.canister_self_*}).
   *
   * @return this canister's principal bytes, a new array
   */
  public static byte[] canisterSelf() {
    requireCanister("canister_self_size");
    byte[] data = new byte[Ic0.canister_self_size()];
    Ic0.canister_self_copy(address(data), 0, data.length);
    return data;
  }

  /**
   * The name of the method an ingress message calls ({@code ic0.msg_method_name_*}); only in {@code
   * @InspectMessage}, where the IC asks whether to accept it.
   *
   * @return the method name
   */
  public static String msgMethodName() {
    requireCanister("msg_method_name_size");
    byte[] name = new byte[Ic0.msg_method_name_size()];
    Ic0.msg_method_name_copy(address(name), 0, name.length);
    return Utf8.decodeOrTrap(name, "method name");
  }

  /**
   * Accepts the ingress message being inspected ({@code ic0.accept_message}): in {@code
   * @InspectMessage} only, at most once; a message not accepted is refused without running.
   */
  public static void acceptMessage() {
    requireCanister("accept_message");
    Ic0.accept_message();
  }

  /**
   * Sets the canister's own timer to {@code timestamp} (nanoseconds since 1970; 0 deactivates it) and
   * returns its previous value, as {@code ic0.global_timer_set} does: when the IC's time passes it,
   * the {@code @GlobalTimer} method runs once (and the value is 0 again); a new module (install,
   * upgrade) deactivates it. The IC's one global timer is shared with the library's timers ({@link
   * Timers}): it is set to the earlier of this deadline and theirs, and {@code canister_global_timer}
   * calls the {@code @GlobalTimer} method only once this deadline has passed.
   *
   * @param timestamp the deadline, in nanoseconds since 1970; 0 to deactivate
   * @return the previous deadline, 0 when none was set
   */
  public static long globalTimerSet(long timestamp) {
    requireCanister("global_timer_set");
    return TimerQueue.setUserDeadline(timestamp);
  }

  /**
   * Appends {@code data} to the reply and sends it ({@code ic0.msg_reply_data_append}, {@code
   * ic0.msg_reply}).
   *
   * @param data the whole reply, usually a Candid message
   */
  public static void msgReply(byte[] data) {
    requireCanister("msg_reply");
    Ic0.msg_reply_data_append(address(data), data.length);
    Ic0.msg_reply();
  }

  /**
   * Replies with the first {@code length} bytes of {@code data} ({@code ic0.msg_reply_data_append},
   * {@code ic0.msg_reply}).
   *
   * @param data the buffer holding the reply
   * @param length how many of its first bytes to send
   */
  public static void msgReply(byte[] data, int length) {
    requireCanister("msg_reply");
    if (length < 0 || length > data.length) {
      throw new IndexOutOfBoundsException(length);
    }
    Ic0.msg_reply_data_append(address(data), length);
    Ic0.msg_reply();
  }

  /**
   * Rejects the call with a message, cut to {@link #MAX_MESSAGE_BYTES} ({@code ic0.msg_reject}).
   *
   * @param message the reject message; longer than {@link #MAX_MESSAGE_BYTES} bytes in UTF-8, it is
   *     cut
   */
  public static void msgReject(String message) {
    requireCanister("msg_reject");
    byte[] bytes = Utf8.encode(message, MAX_MESSAGE_BYTES);
    Ic0.msg_reject(address(bytes), bytes.length);
  }

  /**
   * The reject code of the response a callback handles ({@code ic0.msg_reject_code}): 0 in a reply
   * callback (or its cleanup), the code of the reject in a reject callback (or its cleanup): 1
   * SYS_FATAL, 2 SYS_TRANSIENT, 3 DESTINATION_INVALID, 4 CANISTER_REJECT, 5 CANISTER_ERROR, 6
   * SYS_UNKNOWN. Only in callbacks.
   *
   * @return the reject code, 0 for a reply
   */
  public static int msgRejectCode() {
    requireCanister("msg_reject_code");
    return Ic0.msg_reject_code();
  }

  /**
   * The reject message of the response a reject callback handles ({@code ic0.msg_reject_msg_*}).
   *
   * @return the reject message
   */
  public static String msgRejectMsg() {
    requireCanister("msg_reject_msg_size");
    byte[] message = new byte[Ic0.msg_reject_msg_size()];
    Ic0.msg_reject_msg_copy(address(message), 0, message.length);
    return Utf8.decodeOrTrap(message, "reject message");
  }

  /**
   * When the caller stops waiting for this message's response, in nanoseconds since 1970, or 0 when
   * it waits for ever ({@code ic0.msg_deadline}): set for bounded-wait (best-effort) calls only.
   *
   * @return the deadline, in nanoseconds since 1970, or 0
   */
  public static long msgDeadline() {
    requireCanister("msg_deadline");
    return Ic0.msg_deadline();
  }

  /**
   * This canister's version ({@code ic0.canister_version}): one more after every install, upgrade,
   * update or callback that changed the canister, so two messages that changed it never see the same.
   *
   * @return the canister version
   */
  public static long canisterVersion() {
    requireCanister("canister_version");
    return Ic0.canister_version();
  }

  /**
   * {@code ic0.canister_status}: 1 running, 2 stopping, 3 stopped.
   *
   * @return 1, 2 or 3
   */
  public static int canisterStatus() {
    requireCanister("canister_status");
    return Ic0.canister_status();
  }

  /**
   * The IC's time for this message, in nanoseconds since 1970 ({@code ic0.time}).
   *
   * @return nanoseconds since 1970-01-01T00:00:00Z
   */
  public static long time() {
    requireCanister("time");
    return Ic0.time();
  }

  /**
   * {@code ic0.performance_counter}: type 0 counts the instructions of this message so far.
   *
   * @param counterType 0 for this message's instructions (1: the call context's, as the spec
   *     defines)
   * @return the counter's value
   */
  public static long performanceCounter(int counterType) {
    requireCanister("performance_counter");
    return Ic0.performance_counter(counterType);
  }

  /**
   * Whether the principal with these bytes controls this canister ({@code ic0.is_controller}).
   *
   * @param principal the principal's bytes
   * @return whether it is a controller
   */
  public static boolean isController(byte[] principal) {
    requireCanister("is_controller");
    int result = Ic0.is_controller(address(principal), principal.length);
    if (result != 0 && result != 1) {
      throw trap("ic0.is_controller returned " + result + ", neither 0 nor 1");
    }
    return result == 1;
  }

  /**
   * Whether this message runs in replicated execution ({@code ic0.in_replicated_execution}): true in
   * updates, callbacks, system tasks, the install and upgrade hooks and a query method called as an
   * update; false in a query or composite query called as a query (and their callbacks) and in
   * {@code canister_inspect_message}, whose changes the IC discards and which one node alone runs.
   * (A query method called as an update is replicated, yet its changes are discarded too.)
   *
   * @return whether this message runs in replicated execution
   */
  public static boolean inReplicatedExecution() {
    requireCanister("in_replicated_execution");
    int result = Ic0.in_replicated_execution();
    if (result != 0 && result != 1) {
      throw trap("ic0.in_replicated_execution returned neither 0 nor 1");
    }
    return result == 1;
  }

  /**
   * The value of the canister environment variable {@code name}, or {@code null} when it is not set
   * ({@code ic0.env_var_name_exists}, {@code ic0.env_var_value_*}).
   *
   * @param name the variable's name
   * @return its value, or {@code null}
   */
  public static String envVar(String name) {
    byte[] value = envVarUtf8(Utf8.encode(name));
    return value == null ? null : Utf8.decodeOrTrap(value, "environment variable", name);
  }

  /**
   * The raw UTF-8 value of the environment variable whose name is {@code nameUtf8}, or {@code null}
   * when it is not set: for callers that cache what they parse from it and only need to compare.
   *
   * @param nameUtf8 the variable's name, as UTF-8
   * @return its value as UTF-8, or {@code null}
   */
  public static byte[] envVarUtf8(byte[] nameUtf8) {
    requireCanister("env_var_name_exists");
    if (Ic0.env_var_name_exists(address(nameUtf8), nameUtf8.length) == 0) {
      return null;
    }
    byte[] value = new byte[Ic0.env_var_value_size(address(nameUtf8), nameUtf8.length)];
    // the name's address again: allocating the value may have run the collector, which moves arrays
    Ic0.env_var_value_copy(address(nameUtf8), nameUtf8.length, address(value), 0, value.length);
    return value;
  }

  /**
   * Prints a line to the canister log ({@code ic0.debug_print}).
   *
   * @param message the line, as text
   */
  public static void debugPrint(String message) {
    requireCanister("debug_print");
    byte[] bytes = Utf8.encode(message, MAX_MESSAGE_BYTES);
    Ic0.debug_print(address(bytes), bytes.length);
  }

  /**
   * Ends this message with a trap whose message is {@code message} (UTF-8, cut to {@link
   * #MAX_MESSAGE_BYTES}); the IC rolls back every change the message made. Never returns: typed for
   * {@code throw SystemApi.trap("...")}, so that the compiler knows control ends there. Inside a
   * canister {@code ic0.trap} ends the message; on a JVM this throws {@link MessageTrapped}, an
   * {@link Error} that {@code catch (CanisterTrap | RuntimeException | Exception e)} does not catch,
   * as nothing in a canister can catch {@code ic0.trap}.
   *
   * @param message the trap message
   * @return never returns; declared so that callers can {@code throw} it
   */
  public static CanisterTrap trap(String message) {
    if (Platform.inCanister()) {
      return trapUtf8(Utf8.encode(message, MAX_MESSAGE_BYTES));
    }
    throw new MessageTrapped(message);
  }

  /**
   * As {@link #trap(String)}, with the message already encoded as UTF-8: for constant messages,
   * encoded once (for example in a {@code @StaticInit} class) rather than at every trap.
   *
   * @param message the trap message, as UTF-8
   * @return never returns; declared so that callers can {@code throw} it
   */
  public static CanisterTrap trapUtf8(byte[] message) {
    if (Platform.inCanister()) {
      Ic0.trap(address(message), Math.min(message.length, MAX_MESSAGE_BYTES));
      // Not reached: ic0.trap does not return. Returning (not throwing) keeps TeaVM from adding an
      // exception check after every call of this method.
      return new CanisterTrap(message);
    }
    String text = Utf8.decode(message);
    throw new MessageTrapped(text == null ? "(invalid UTF-8 trap message)" : text);
  }

  /**
   * Size of stable memory in 64 KiB pages ({@code ic0.stable64_size}).
   *
   * @return the size, in 64 KiB pages
   */
  public static long stableSize() {
    requireCanister("stable64_size");
    return Ic0.stable64_size();
  }

  /**
   * Grows stable memory; the old size in pages, or -1 when refused ({@code ic0.stable64_grow}).
   *
   * @param newPages how many 64 KiB pages to add
   * @return the old size in pages, or -1
   */
  public static long stableGrow(long newPages) {
    requireCanister("stable64_grow");
    return Ic0.stable64_grow(newPages);
  }

  /**
   * Copies {@code length} bytes from stable memory at {@code offset} into {@code dst[dstOffset..]}.
   *
   * @param offset where to read, in bytes from the start of stable memory
   * @param dst the array to copy into
   * @param dstOffset where in {@code dst} to start
   * @param length how many bytes to copy
   */
  public static void stableRead(long offset, byte[] dst, int dstOffset, int length) {
    requireCanister("stable64_read");
    checkRange(dst.length, dstOffset, length);
    Ic0.stable64_read((address(dst) + dstOffset) & 0xFFFFFFFFL, offset, length);
  }

  /**
   * Copies {@code src[srcOffset..srcOffset+length)} into stable memory at {@code offset}.
   *
   * @param offset where to write, in bytes from the start of stable memory
   * @param src the array to copy from
   * @param srcOffset where in {@code src} to start
   * @param length how many bytes to copy
   */
  public static void stableWrite(long offset, byte[] src, int srcOffset, int length) {
    requireCanister("stable64_write");
    checkRange(src.length, srcOffset, length);
    Ic0.stable64_write(offset, (address(src) + srcOffset) & 0xFFFFFFFFL, length);
  }

  private static void checkRange(int arrayLength, int offset, int length) {
    if (offset < 0 || length < 0 || offset > arrayLength - length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", " + offset + "+" + length + ") outside an array of " + arrayLength);
    }
  }

  /**
   * The address of {@code data}'s first element, for an {@code ic0} call made at once: TeaVM's
   * collector moves objects when it defragments, so an address is valid only until the next
   * allocation.
   */
  private static int address(byte[] data) {
    return Address.ofData(data).toInt();
  }

  private static void requireCanister(String entry) {
    if (!Platform.inCanister()) {
      throw new IllegalStateException(
          "ic0."
              + entry
              + " is only available inside a canister; run this code in the test kit's local"
              + " replica");
    }
  }
}
