package dev.icjava.testkit;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.icjava.build.wasm.SystemApiTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code ic0} module for one canister: a Chicory host function per import of the module, with
 * the types the module declares, so 32-bit and 64-bit pointer widths both work. Each call is charged
 * first, as the IC charges it ({@link SystemApiCosts}); then a call from a context the spec does not
 * list for its entry traps with the IC's message; then the entry, one method per spec entry, grouped
 * as the interface spec's "Overview of imports" groups them ({@code canister-build}'s {@code
 * ic0-imports.txt}), checks its memory ranges and traps as the IC does. Entries the replica does not
 * implement throw {@link UnsupportedSystemApiException} naming them. The message being executed is a
 * {@link RunningMessage}; a trap is a {@link TrapSignal}.
 */
final class Ic0Host {
  /**
   * The largest call (method name and argument) to a canister on the same subnet: 2 MiB times 5
   * (dfinity/ic {@code MAX_INTER_CANISTER_PAYLOAD_IN_BYTES} and {@code
   * MULTIPLIER_MAX_SIZE_LOCAL_SUBNET}; {@code request_in_prep.rs}, {@code extend_method_payload}).
   */
  static final long MAX_CALL_PAYLOAD = 2L * 1024 * 1024 * 5;

  /** The longest method name a call may carry: the limit on exported names' total length. */
  static final long MAX_METHOD_NAME = 20_000;

  /**
   * Calls one canister may have in flight to one callee: the capacity of the queue between them,
   * which holds a slot for each outstanding call's response (dfinity/ic {@code
   * rs/replicated_state/src/canister_state/queues.rs}, {@code DEFAULT_QUEUE_CAPACITY}); past it
   * {@code ic0.call_perform} returns 2.
   */
  static final int QUEUE_CAPACITY = 500;

  /** {@code MAX_CALL_TIMEOUT}: bounded-wait calls' timeouts are cut to 300 s (interface spec). */
  static final long MAX_CALL_TIMEOUT_SECONDS = 300;

  /** The subnet this replica plays: a fixed 29-byte principal, as {@code ic0.subnet_self_*} returns. */
  static final byte[] SUBNET_ID = subnetId();

  /** One {@code ic0} entry: {@code a} are its arguments (i32 ones zero-extended); the result, or null. */
  @FunctionalInterface
  private interface Entry {
    long[] call(Ic0Host host, String name, Instance instance, RunningMessage m, long[] a);
  }

  /** The entries the replica implements, by spec name; any other import throws {@link UnsupportedSystemApiException}. */
  private static final Map<String, Entry> ENTRIES = entries();

  private static Map<String, Entry> entries() {
    Map<String, Entry> e = new java.util.HashMap<>();
    e.put("msg_arg_data_size", Ic0Host::msgArgDataSize);
    e.put("msg_arg_data_copy", Ic0Host::msgArgDataCopy);
    e.put("msg_caller_size", Ic0Host::msgCallerSize);
    e.put("msg_caller_copy", Ic0Host::msgCallerCopy);
    e.put("msg_caller_info_data_size", Ic0Host::msgCallerInfoDataSize);
    e.put("msg_caller_info_data_copy", Ic0Host::msgCallerInfoDataCopy);
    e.put("msg_caller_info_signer_size", Ic0Host::msgCallerInfoSignerSize);
    e.put("msg_caller_info_signer_copy", Ic0Host::msgCallerInfoSignerCopy);
    e.put("msg_reject_code", Ic0Host::msgRejectCode);
    e.put("msg_reject_msg_size", Ic0Host::msgRejectMsgSize);
    e.put("msg_reject_msg_copy", Ic0Host::msgRejectMsgCopy);
    e.put("msg_deadline", Ic0Host::msgDeadline);
    e.put("msg_reply_data_append", Ic0Host::msgReplyDataAppend);
    e.put("msg_reply", Ic0Host::msgReply);
    e.put("msg_reject", Ic0Host::msgReject);
    e.put("msg_cycles_available128", Ic0Host::msgCyclesAvailable128);
    e.put("msg_cycles_refunded128", Ic0Host::msgCyclesRefunded128);
    e.put("msg_cycles_accept128", Ic0Host::msgCyclesAccept128);
    e.put("cycles_burn128", Ic0Host::cyclesBurn128);
    e.put("canister_self_size", Ic0Host::canisterSelfSize);
    e.put("canister_self_copy", Ic0Host::canisterSelfCopy);
    e.put("canister_cycle_balance128", Ic0Host::canisterCycleBalance128);
    e.put("canister_liquid_cycle_balance128", Ic0Host::canisterCycleBalance128);
    e.put("canister_status", Ic0Host::canisterStatus);
    e.put("canister_version", Ic0Host::canisterVersion);
    e.put("subnet_self_size", Ic0Host::subnetSelfSize);
    e.put("subnet_self_copy", Ic0Host::subnetSelfCopy);
    e.put("msg_method_name_size", Ic0Host::msgMethodNameSize);
    e.put("msg_method_name_copy", Ic0Host::msgMethodNameCopy);
    e.put("accept_message", Ic0Host::acceptMessage);
    e.put("call_new", Ic0Host::callNew);
    e.put("call_on_cleanup", Ic0Host::callOnCleanup);
    e.put("call_data_append", Ic0Host::callDataAppend);
    e.put("call_with_best_effort_response", Ic0Host::callWithBestEffortResponse);
    e.put("call_cycles_add128", Ic0Host::callCyclesAdd);
    e.put("call_cycles_add", Ic0Host::callCyclesAdd);
    e.put("call_perform", Ic0Host::callPerform);
    e.put("stable64_size", Ic0Host::stable64Size);
    e.put("stable64_grow", Ic0Host::stable64Grow);
    e.put("stable64_write", Ic0Host::stable64Write);
    e.put("stable64_read", Ic0Host::stable64Read);
    e.put("certified_data_set", Ic0Host::certifiedDataSet);
    e.put("data_certificate_present", Ic0Host::dataCertificatePresent);
    e.put("time", Ic0Host::time);
    e.put("global_timer_set", Ic0Host::globalTimerSet);
    e.put("performance_counter", Ic0Host::performanceCounter);
    e.put("is_controller", Ic0Host::isController);
    e.put("in_replicated_execution", Ic0Host::inReplicatedExecution);
    e.put("cost_call", Ic0Host::costCall);
    e.put("cost_create_canister", Ic0Host::costCreateCanister);
    e.put("env_var_count", Ic0Host::envVarCount);
    e.put("env_var_name_size", Ic0Host::envVarNameSize);
    e.put("env_var_name_copy", Ic0Host::envVarNameCopy);
    e.put("env_var_name_exists", Ic0Host::envVarNameExists);
    e.put("env_var_value_size", Ic0Host::envVarValueSize);
    e.put("env_var_value_copy", Ic0Host::envVarValueCopy);
    e.put("debug_print", Ic0Host::debugPrint);
    e.put("trap", Ic0Host::trap);
    e.put("mint_cycles", Ic0Host::mintCycles);
    e.put("mint_cycles128", Ic0Host::mintCycles);
    e.put("msg_cycles_available", Ic0Host::msgCyclesAvailable);
    e.put("msg_cycles_accept", Ic0Host::msgCyclesAccept);
    e.put("msg_cycles_refunded", Ic0Host::msgCyclesRefunded);
    e.put("canister_cycle_balance", Ic0Host::canisterCycleBalance);
    e.put("stable_size", Ic0Host::stableSize);
    e.put("stable_grow", Ic0Host::stableGrow);
    e.put("stable_read", Ic0Host::stableRead);
    e.put("stable_write", Ic0Host::stableWrite);
    return e;
  }

  private final Canister canister;
  private RunningMessage message;

  Ic0Host(Canister canister) {
    this.canister = canister;
  }

  void begin(RunningMessage m) {
    this.message = m;
  }

  RunningMessage message() {
    return message;
  }

  /** Host functions for every {@code ic0} import of {@code module}, in import order. */
  List<HostFunction> functionsFor(WasmModule module) {
    List<HostFunction> out = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (!(imp instanceof FunctionImport f) || !imp.module().equals("ic0")) {
        continue;
      }
      FunctionType type = module.typeSection().getType(f.typeIndex());
      boolean[] unsigned32 = new boolean[type.params().size()];
      for (int p = 0; p < unsigned32.length; p++) {
        unsigned32[p] = type.params().get(p).equals(ValType.I32);
      }
      String name = imp.name();
      out.add(
          new HostFunction(
              "ic0",
              name,
              type,
              (Instance instance, long... args) -> {
                long[] a = args.clone();
                for (int p = 0; p < a.length; p++) {
                  if (unsigned32[p]) {
                    a[p] &= 0xFFFFFFFFL;
                  }
                }
                return call(name, instance, a);
              }));
    }
    return out;
  }

  private long[] call(String name, Instance instance, long[] a) {
    RunningMessage m = message;
    charge(m, name, a);
    if (!SystemApiTable.allowed(name, m.kind.letter)) {
      throw new TrapSignal("\"ic0_" + name + "\" cannot be executed in " + m.kind.mode + " mode");
    }
    Entry entry = ENTRIES.get(name);
    if (entry == null) {
      throw new UnsupportedSystemApiException(name);
    }
    return entry.call(this, name, instance, m, a);
  }

  // ---- The message: its argument, caller, caller info and, in callbacks, the reject ----

  private long[] msgArgDataSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.arg.length);
  }

  private long[] msgArgDataCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, m.arg, a[0], a[1], a[2]);
    return null;
  }

  private long[] msgCallerSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.caller.length);
  }

  private long[] msgCallerCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, m.caller, a[0], a[1], a[2]);
    return null;
  }

  private long[] msgCallerInfoDataSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.callerInfoData.length);
  }

  private long[] msgCallerInfoDataCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, m.callerInfoData, a[0], a[1], a[2]);
    return null;
  }

  private long[] msgCallerInfoSignerSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.callerInfoSigner.length);
  }

  private long[] msgCallerInfoSignerCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, m.callerInfoSigner, a[0], a[1], a[2]);
    return null;
  }

  private long[] msgRejectCode(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.rejectCode);
  }

  private long[] msgRejectMsgSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.rejectMessage.getBytes(StandardCharsets.UTF_8).length);
  }

  private long[] msgRejectMsgCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, m.rejectMessage.getBytes(StandardCharsets.UTF_8), a[0], a[1], a[2]);
    return null;
  }

  private long[] msgDeadline(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.context == null ? 0 : m.context.deadline);
  }

  // ---- Responding to the call ----

  private long[] msgReplyDataAppend(String name, Instance instance, RunningMessage m, long[] a) {
    if (!m.mayRespond()) {
      throw new TrapSignal("ic0.msg_reply_data_append: the call is already replied");
    }
    byte[] chunk = Ic0Memory.readIn(instance, name, a[0], a[1]);
    m.reply.write(chunk, 0, chunk.length);
    return null;
  }

  private long[] msgReply(String name, Instance instance, RunningMessage m, long[] a) {
    if (!m.mayRespond()) {
      throw new TrapSignal("ic0.msg_reply: the call is already replied");
    }
    m.replied = true;
    return null;
  }

  private long[] msgReject(String name, Instance instance, RunningMessage m, long[] a) {
    if (!m.mayRespond()) {
      throw new TrapSignal("ic0.msg_reject: the call is already replied");
    }
    byte[] bytes = Ic0Memory.readIn(instance, name, a[0], a[1]);
    m.rejected = Ic0Memory.strictUtf8(bytes, name);
    m.reply.reset(); // "Possible reply data assembled using ic0.msg_reply_data_append is discarded."
    return null;
  }

  // ---- Cycles of the call, and burning ----

  private long[] msgCyclesAvailable128(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.writeOut(instance, name, le128(available(m)), a[0]);
    return null;
  }

  private long[] msgCyclesRefunded128(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.writeOut(instance, name, le128(m.cyclesRefunded), a[0]);
    return null;
  }

  private long[] msgCyclesAccept128(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.writeOut(instance, name, le128(accept(m, a[0] != 0 ? -1 : a[1])), a[2]);
    return null;
  }

  private long[] cyclesBurn128(String name, Instance instance, RunningMessage m, long[] a) {
    long burned = canister.burnCycles(a[0], a[1]);
    Ic0Memory.writeOut(instance, name, le128(burned), a[2]);
    return null;
  }

  // ---- The canister and its subnet ----

  private long[] canisterSelfSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.id().length);
  }

  private long[] canisterSelfCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, canister.id(), a[0], a[1], a[2]);
    return null;
  }

  private long[] canisterCycleBalance128(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.writeOut(instance, name, le128(canister.cycleBalance()), a[0]);
    return null;
  }

  private long[] canisterStatus(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.status());
  }

  private long[] canisterVersion(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.version());
  }

  private long[] subnetSelfSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(SUBNET_ID.length);
  }

  private long[] subnetSelfCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, SUBNET_ID, a[0], a[1], a[2]);
    return null;
  }

  // ---- Inspecting an ingress message ----

  private long[] msgMethodNameSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.methodName.getBytes(StandardCharsets.UTF_8).length);
  }

  private long[] msgMethodNameCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, m.methodName.getBytes(StandardCharsets.UTF_8), a[0], a[1], a[2]);
    return null;
  }

  private long[] acceptMessage(String name, Instance instance, RunningMessage m, long[] a) {
    if (m.accepted) {
      throw new TrapSignal("ic0.accept_message: the function was already called.");
    }
    m.accepted = true;
    return null;
  }

  // ---- Inter-canister calls ----

  /** A new call under construction, discarding (and refunding) any other. */
  private long[] callNew(String name, Instance instance, RunningMessage m, long[] a) {
    discardPending(m);
    long nameSize = a[3];
    if (nameSize > MAX_METHOD_NAME) {
      throw new TrapSignal("Size of method_name " + nameSize + " exceeds the allowed limit of " + MAX_METHOD_NAME + ".");
    }
    byte[] callee = Ic0Memory.readIn(instance, name, a[0], a[1]);
    byte[] method = Ic0Memory.readIn(instance, name, a[2], a[3]);
    if (callee.length > 29) {
      throw new TrapSignal("Canister provided invalid principal id");
    }
    m.pending = new OutgoingCall(callee, new String(method, StandardCharsets.UTF_8),
        new OutgoingCall.Closure(a[4], a[5]), new OutgoingCall.Closure(a[6], a[7]));
    return null;
  }

  private long[] callOnCleanup(String name, Instance instance, RunningMessage m, long[] a) {
    OutgoingCall c = underConstruction(m, "ic0.call_on_cleanup");
    if (c.cleanup != null) {
      throw new TrapSignal("ic0.call_on_cleanup can be called at most once between `ic0.call_new` and"
          + " `ic0.call_perform`");
    }
    c.cleanup = new OutgoingCall.Closure(a[0], a[1]);
    return null;
  }

  private long[] callDataAppend(String name, Instance instance, RunningMessage m, long[] a) {
    OutgoingCall c = underConstruction(m, "ic0.call_data_append");
    long size = c.method.getBytes(StandardCharsets.UTF_8).length + (long) c.payload.size() + a[1];
    if (size > MAX_CALL_PAYLOAD) {
      throw new TrapSignal("Request to " + principalText(c.callee) + ":" + c.method + " has a payload size of "
          + size + ", which exceeds the allowed limit of " + MAX_CALL_PAYLOAD + ".");
    }
    byte[] chunk = Ic0Memory.readIn(instance, name, a[0], a[1]);
    c.payload.write(chunk, 0, chunk.length);
    return null;
  }

  private long[] callWithBestEffortResponse(String name, Instance instance, RunningMessage m, long[] a) {
    OutgoingCall c = underConstruction(m, "ic0.call_with_best_effort_response");
    if (c.timeoutSeconds >= 0) {
      throw new TrapSignal("ic0.call_with_best_effort_response: timeout already set.");
    }
    c.timeoutSeconds = Math.min(a[0], MAX_CALL_TIMEOUT_SECONDS);
    return null;
  }

  private long[] callCyclesAdd(String name, Instance instance, RunningMessage m, long[] a) {
    OutgoingCall c = underConstruction(m, "ic0_" + name);
    long high = name.equals("call_cycles_add128") ? a[0] : 0;
    long low = name.equals("call_cycles_add128") ? a[1] : a[0];
    if (high != 0 || Long.compareUnsigned(low, canister.cycleBalance()) > 0) {
      throw new TrapSignal("Canister " + principalText(canister.id()) + " cannot transfer "
          + (high != 0 ? "more than 2^64" : Long.toUnsignedString(low)) + " cycles: its balance is "
          + canister.cycleBalance());
    }
    canister.withdrawCycles(low);
    c.cycles += low;
    m.cyclesSent += low;
    return null;
  }

  private long[] callPerform(String name, Instance instance, RunningMessage m, long[] a) {
    OutgoingCall c = underConstruction(m, "ic0.call_perform");
    m.pending = null;
    int inFlight = canister.inFlight(c.callee);
    for (OutgoingCall earlier : m.performed) {
      inFlight += java.util.Arrays.equals(earlier.callee, c.callee) ? 1 : 0;
    }
    if (inFlight >= QUEUE_CAPACITY) {
      // the queue to that callee is full: nothing is sent, the cycles come back (SYS_TRANSIENT)
      canister.depositCycles(c.cycles);
      m.cyclesSent -= c.cycles;
      return ret(2);
    }
    m.performed.add(c);
    return ret(0);
  }

  // ---- Stable memory ----

  private long[] stable64Size(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.stable().size());
  }

  private long[] stable64Grow(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.stable().grow(a[0]));
  }

  private long[] stable64Write(String name, Instance instance, RunningMessage m, long[] a) {
    stableWrite(instance, name, a[0], a[1], a[2]);
    return null;
  }

  private long[] stable64Read(String name, Instance instance, RunningMessage m, long[] a) {
    stableRead(instance, name, a[0], a[1], a[2]);
    return null;
  }

  // ---- Certified data ----

  private long[] certifiedDataSet(String name, Instance instance, RunningMessage m, long[] a) {
    byte[] data = Ic0Memory.readIn(instance, name, a[0], a[1]);
    if (data.length > 32) {
      throw new TrapSignal("ic0.certified_data_set: " + data.length + " bytes; at most 32");
    }
    canister.setCertifiedData(data);
    return null;
  }

  private long[] dataCertificatePresent(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(0);
  }

  // ---- Time, timers, counters, controllers, replication ----

  private long[] time(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.replica().time());
  }

  private long[] globalTimerSet(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.setGlobalTimer(a[0]));
  }

  private long[] performanceCounter(String name, Instance instance, RunningMessage m, long[] a) {
    if (a[0] != 0 && a[0] != 1) {
      throw new TrapSignal("Error getting performance counter type " + a[0]);
    }
    // The IC's counter, this call's own overhead included (it is charged before the read); type 1
    // adds the context's earlier messages (the method, callbacks before this one).
    return ret(a[0] == 1 && m.context != null ? m.context.instructions + m.icInstructions : m.icInstructions);
  }

  private long[] isController(String name, Instance instance, RunningMessage m, long[] a) {
    byte[] principal = Ic0Memory.readIn(instance, name, a[0], a[1]);
    if (principal.length > 29) {
      throw new TrapSignal("ic0.is_controller: " + principal.length + " bytes are not a principal");
    }
    return ret(canister.isController(principal) ? 1 : 0);
  }

  /**
   * {@code ic0.cost_call}: what an inter-canister call costs on a 13-node application subnet, the
   * call fee plus the byte fee for the method name and payload (dfinity/ic {@code
   * rs/config/src/subnet_config.rs}: {@code xnet_call_fee} 260,000, {@code
   * xnet_byte_transmission_fee} 1,000), as 128 bits at {@code dst}. The local replica charges
   * nothing itself; canisters that budget their calls read the IC's figure.
   */
  private long[] costCall(String name, Instance instance, RunningMessage m, long[] a) {
    long bytes = a[0] + a[1];
    long cost = bytes < 0 || bytes > Long.MAX_VALUE / 1_000 - 260_000 ? Long.MAX_VALUE : 260_000 + 1_000 * bytes;
    Ic0Memory.writeOut(instance, name, le128(cost), a[2]);
    return null;
  }

  /** {@code ic0.cost_create_canister}: the application subnet's canister creation fee, 500 billion cycles. */
  private long[] costCreateCanister(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.writeOut(instance, name, le128(500_000_000_000L), a[0]);
    return null;
  }

  private long[] inReplicatedExecution(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.kind.replicated() ? 1 : 0);
  }

  // ---- Environment variables ----

  private long[] envVarCount(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.environment().size());
  }

  private long[] envVarNameSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(envName(name, a[0]).length);
  }

  private long[] envVarNameCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, envName(name, a[0]), a[1], a[2], a[3]);
    return null;
  }

  private long[] envVarNameExists(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.environment().containsKey(Ic0Memory.utf8(instance, name, a[0], a[1])) ? 1 : 0);
  }

  private long[] envVarValueSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(envValue(name, Ic0Memory.utf8(instance, name, a[0], a[1])).length);
  }

  private long[] envVarValueCopy(String name, Instance instance, RunningMessage m, long[] a) {
    Ic0Memory.copyOut(instance, name, envValue(name, Ic0Memory.utf8(instance, name, a[0], a[1])), a[2], a[3], a[4]);
    return null;
  }

  // ---- Debugging and traps ----

  private long[] debugPrint(String name, Instance instance, RunningMessage m, long[] a) {
    canister.log(new String(Ic0Memory.readIn(instance, name, a[0], a[1]), StandardCharsets.UTF_8));
    return null;
  }

  private long[] trap(String name, Instance instance, RunningMessage m, long[] a) {
    throw new TrapSignal(new String(Ic0Memory.readIn(instance, name, a[0], a[1]), StandardCharsets.UTF_8), "IC0503");
  }

  // ---- Minting (the cycles minting canister only) ----

  private long[] mintCycles(String name, Instance instance, RunningMessage m, long[] a) {
    throw new TrapSignal("ic0." + name + " can only be called by the cycles minting canister");
  }

  // ---- Only for 32-bit memory (the spec keeps them for I = i32) ----

  private long[] msgCyclesAvailable(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(available(m));
  }

  private long[] msgCyclesAccept(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(accept(m, a[0]));
  }

  private long[] msgCyclesRefunded(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(m.cyclesRefunded);
  }

  private long[] canisterCycleBalance(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(canister.cycleBalance());
  }

  private long[] stableSize(String name, Instance instance, RunningMessage m, long[] a) {
    return ret(Math.min(canister.stable().size(), 65536));
  }

  private long[] stableGrow(String name, Instance instance, RunningMessage m, long[] a) {
    if (canister.stable().size() + a[0] > 65536) {
      return ret(0xFFFFFFFFL);
    }
    return ret(canister.stable().grow(a[0]));
  }

  private long[] stableRead(String name, Instance instance, RunningMessage m, long[] a) {
    stableRead(instance, name, a[0], a[1], a[2]);
    return null;
  }

  private long[] stableWrite(String name, Instance instance, RunningMessage m, long[] a) {
    stableWrite(instance, name, a[0], a[1], a[2]);
    return null;
  }

  /** Drops the call under construction, its cycles back to the balance (at a new call_new, or at the end). */
  void discardPending(RunningMessage m) {
    if (m.pending != null) {
      canister.depositCycles(m.pending.cycles);
      m.cyclesSent -= m.pending.cycles;
      m.pending = null;
    }
  }

  private static OutgoingCall underConstruction(RunningMessage m, String entry) {
    if (m.pending == null) {
      throw new TrapSignal(entry + " called when no call is under construction.");
    }
    return m.pending;
  }

  private static long available(RunningMessage m) {
    return m.context == null ? 0 : m.context.availableCycles;
  }

  /** Accepts up to {@code max} (unsigned; -1 for "all") of the context's available cycles. */
  private long accept(RunningMessage m, long max) {
    long available = available(m);
    long taken = Long.compareUnsigned(max, available) < 0 ? max : available;
    if (taken != 0) {
      m.context.availableCycles -= taken;
      m.cyclesAccepted += taken;
      canister.depositCycles(taken);
    }
    return taken;
  }

  static String principalText(byte[] id) {
    return PrincipalTexts.format(id);
  }

  /** Charges the call as the IC does, before anything else it does. */
  private void charge(RunningMessage m, String name, long[] a) {
    long cost = SystemApiCosts.fixed(name) + SystemApiCosts.perByte(name, a);
    LogBuffer log = canister.logBuffer();
    if (name.equals("debug_print") || name.equals("trap")) {
      long length = a[1];
      cost += SystemApiCosts.logging(length, log.capacity(), log.remaining());
      if (name.equals("trap")) {
        cost += length;
      }
      log.add(length);
    } else if ((name.equals("stable64_write") || name.equals("stable_write")) && a[2] > 0
        && canister.stable().inBounds(a[0], a[2])) {
      long first = a[0] / SystemApiCosts.OS_PAGE;
      long last = (a[0] + a[2] - 1) / SystemApiCosts.OS_PAGE;
      int fresh = 0;
      for (long p = first; p <= last; p++) {
        if (!m.dirtyStablePages.get((int) p)) {
          m.dirtyStablePages.set((int) p);
          fresh++;
        }
      }
      cost += fresh * SystemApiCosts.DIRTY_PAGE;
    }
    if (m.systemApi != null) {
      long[] c = m.systemApi.computeIfAbsent(name, k -> new long[2]);
      c[0]++;
      c[1] += cost;
    }
    m.charge(cost);
  }

  private static long[] ret(long v) {
    return new long[] {v};
  }

  private static byte[] le128(long low) {
    byte[] le = new byte[16];
    for (int i = 0; i < 8; i++) {
      le[i] = (byte) (low >>> (8 * i));
    }
    return le;
  }

  private byte[] envName(String entry, long index) {
    List<String> names = new ArrayList<>(canister.environment().keySet());
    if (index < 0 || index >= names.size()) {
      throw new TrapSignal("ic0." + entry + ": index " + index + " out of range (" + names.size() + " variables)");
    }
    return names.get((int) index).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] envValue(String entry, String name) {
    Map<String, String> env = canister.environment();
    String value = env.get(name);
    if (value == null) {
      throw new TrapSignal("ic0." + entry + ": no environment variable named \"" + name + "\"");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private void stableRead(Instance instance, String entry, long dst, long offset, long size) {
    if (!canister.stable().inBounds(offset, size)) {
      throw new TrapSignal(
          "ic0." + entry + ": stable memory range [" + offset + ", " + offset + " + " + size
              + ") is outside its " + canister.stable().size() + " pages");
    }
    Ic0Memory.checkRange(instance, entry, dst, size);
    if (size == 0) {
      return;
    }
    byte[] buf = new byte[(int) size];
    canister.stable().read(offset, buf, 0, buf.length);
    instance.memory().write((int) dst, buf);
  }

  private void stableWrite(Instance instance, String entry, long offset, long src, long size) {
    if (!canister.stable().inBounds(offset, size)) {
      throw new TrapSignal(
          "ic0." + entry + ": stable memory range [" + offset + ", " + offset + " + " + size
              + ") is outside its " + canister.stable().size() + " pages");
    }
    byte[] data = Ic0Memory.readIn(instance, entry, src, size);
    canister.stable().write(offset, data, 0, data.length);
  }

  private static byte[] subnetId() {
    byte[] b = new byte[29];
    for (int i = 0; i < 28; i++) {
      b[i] = (byte) (0x51 + i);
    }
    b[28] = 0x02;
    return b;
  }
}
