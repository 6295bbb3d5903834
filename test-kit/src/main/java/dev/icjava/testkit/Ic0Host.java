package dev.icjava.testkit;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.icjava.build.wasm.SystemApiTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code ic0} module for one canister: a Chicory host function per import of the module, with
 * the types the module declares, so 32-bit and 64-bit pointer widths both work. Each call is charged
 * first, as the IC charges it ({@link SystemApiCosts}); then a call from a context the spec does not
 * list for its entry traps with the IC's message; then the entry checks its memory ranges and traps
 * as the IC does. Entries the replica does not implement throw {@link
 * UnsupportedSystemApiException} naming them.
 */
final class Ic0Host {
  /**
   * Thrown by {@code ic0.trap} (the IC's error code IC0503) and by failed checks (a contract
   * violation, IC0504); ends the message as a trap.
   */
  static final class TrapSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorCode;

    TrapSignal(String message) {
      this(message, "IC0504");
    }

    TrapSignal(String message, String errorCode) {
      super(message, null, false, false);
      this.errorCode = errorCode;
    }

    String errorCode() {
      return errorCode;
    }
  }

  /** Stops execution when a message passes its instruction limit. */
  static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceeded() {
      super(null, null, false, false);
    }
  }

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

  /** The state of the message being executed. */
  static final class Message {
    final MessageKind kind;
    final byte[] caller;
    final byte[] arg;
    final byte[] callerInfoData;
    final byte[] callerInfoSigner;
    final String methodName;
    final ByteArrayOutputStream reply = new ByteArrayOutputStream();
    final BitSet dirtyStablePages = new BitSet();
    boolean replied;
    String rejected;
    boolean accepted;
    /** Executions per opcode, when the replica counts them; null otherwise. */
    long[] opcodes;
    /** System API calls and their IC charges by entry, when the replica counts opcodes. */
    java.util.Map<String, long[]> systemApi;
    long instructions;
    long icInstructions;
    long limit;
    /** The call context this message runs in (null for install, upgrade and the start function). */
    CallContext context;
    /** The call under construction ({@code ic0.call_new} .. {@code ic0.call_perform}). */
    OutgoingCall pending;
    /** Calls performed, sent if the message ends without trapping. */
    final List<OutgoingCall> performed = new ArrayList<>();
    /** In callbacks and cleanup: the response's reject code (0 for a reply); -1 elsewhere. */
    int rejectCode = -1;
    String rejectMessage;
    /** In callbacks: the cycles the callee did not accept, back with the response. */
    long cyclesRefunded;
    /** Cycles accepted from the call context in this message. */
    long cyclesAccepted;
    /** Cycles moved onto calls in this message (back to the balance if it traps). */
    long cyclesSent;

    Message(MessageKind kind, Request call, long limit) {
      this(kind, call, null, limit);
    }

    Message(MessageKind kind, Request call, String methodName, long limit) {
      this.kind = kind;
      this.caller = kind.isSystemTask() ? new byte[0] : call.caller();
      this.arg = call.arg();
      this.callerInfoData = call.callerInfoData();
      this.callerInfoSigner = call.callerInfoSigner();
      this.methodName = methodName;
      this.limit = limit;
    }

    boolean responded() {
      return replied || rejected != null;
    }

    /** Whether {@code msg_reply}/{@code msg_reject} may answer: its context still awaits an answer. */
    boolean mayRespond() {
      return !responded() && (context == null || context.needsToRespond);
    }

    /** Adds {@code amount} to the IC counter; past the limit, the message ends. */
    void charge(long amount) {
      icInstructions += amount;
      if (icInstructions > limit || icInstructions < 0) {
        throw new LimitExceeded();
      }
    }
  }

  private final Canister canister;
  private Message message;

  Ic0Host(Canister canister) {
    this.canister = canister;
  }

  void begin(Message m) {
    this.message = m;
  }

  Message message() {
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
    Message m = message;
    charge(m, name, a);
    if (!SystemApiTable.allowed(name, m.kind.letter)) {
      throw new TrapSignal("\"ic0_" + name + "\" cannot be executed in " + m.kind.mode + " mode");
    }
    switch (name) {
      case "msg_arg_data_size":
        return ret(m.arg.length);
      case "msg_arg_data_copy":
        copyOut(instance, name, m.arg, a[0], a[1], a[2]);
        return null;
      case "msg_caller_size":
        return ret(m.caller.length);
      case "msg_caller_copy":
        copyOut(instance, name, m.caller, a[0], a[1], a[2]);
        return null;
      case "msg_caller_info_data_size":
        return ret(m.callerInfoData.length);
      case "msg_caller_info_data_copy":
        copyOut(instance, name, m.callerInfoData, a[0], a[1], a[2]);
        return null;
      case "msg_caller_info_signer_size":
        return ret(m.callerInfoSigner.length);
      case "msg_caller_info_signer_copy":
        copyOut(instance, name, m.callerInfoSigner, a[0], a[1], a[2]);
        return null;
      case "msg_method_name_size":
        return ret(m.methodName.getBytes(StandardCharsets.UTF_8).length);
      case "msg_method_name_copy":
        copyOut(instance, name, m.methodName.getBytes(StandardCharsets.UTF_8), a[0], a[1], a[2]);
        return null;
      case "accept_message":
        if (m.accepted) {
          throw new TrapSignal("ic0.accept_message: the function was already called.");
        }
        m.accepted = true;
        return null;
      case "msg_deadline":
        return ret(m.context == null ? 0 : m.context.deadline);
      case "msg_reply_data_append":
        {
          if (!m.mayRespond()) {
            throw new TrapSignal("ic0.msg_reply_data_append: the call is already replied");
          }
          byte[] chunk = readIn(instance, name, a[0], a[1]);
          m.reply.write(chunk, 0, chunk.length);
          return null;
        }
      case "msg_reply":
        if (!m.mayRespond()) {
          throw new TrapSignal("ic0.msg_reply: the call is already replied");
        }
        m.replied = true;
        return null;
      case "msg_reject":
        {
          if (!m.mayRespond()) {
            throw new TrapSignal("ic0.msg_reject: the call is already replied");
          }
          byte[] bytes = readIn(instance, name, a[0], a[1]);
          m.rejected = strictUtf8(bytes, name);
          m.reply.reset(); // "Possible reply data assembled using ic0.msg_reply_data_append is discarded."
          return null;
        }
      case "msg_cycles_available128":
        writeOut(instance, name, le128(available(m)), a[0]);
        return null;
      case "msg_cycles_available":
        return ret(available(m));
      case "msg_cycles_accept128":
        writeOut(instance, name, le128(accept(m, a[0] != 0 ? -1 : a[1])), a[2]);
        return null;
      case "msg_cycles_accept":
        return ret(accept(m, a[0]));
      case "msg_cycles_refunded128":
        writeOut(instance, name, le128(m.cyclesRefunded), a[0]);
        return null;
      case "msg_cycles_refunded":
        return ret(m.cyclesRefunded);
      case "msg_reject_code":
        return ret(m.rejectCode);
      case "msg_reject_msg_size":
        return ret(m.rejectMessage.getBytes(StandardCharsets.UTF_8).length);
      case "msg_reject_msg_copy":
        copyOut(instance, name, m.rejectMessage.getBytes(StandardCharsets.UTF_8), a[0], a[1], a[2]);
        return null;
      case "call_new":
        return callNew(instance, m, a);
      case "call_on_cleanup":
        {
          OutgoingCall c = underConstruction(m, "ic0.call_on_cleanup");
          if (c.cleanup != null) {
            throw new TrapSignal("ic0.call_on_cleanup can be called at most once between `ic0.call_new` and"
                + " `ic0.call_perform`");
          }
          c.cleanup = new OutgoingCall.Closure(a[0], a[1]);
          return null;
        }
      case "call_data_append":
        {
          OutgoingCall c = underConstruction(m, "ic0.call_data_append");
          long size = c.method.getBytes(StandardCharsets.UTF_8).length + (long) c.payload.size() + a[1];
          if (size > MAX_CALL_PAYLOAD) {
            throw new TrapSignal("Request to " + principalText(c.callee) + ":" + c.method + " has a payload size of "
                + size + ", which exceeds the allowed limit of " + MAX_CALL_PAYLOAD + ".");
          }
          byte[] chunk = readIn(instance, name, a[0], a[1]);
          c.payload.write(chunk, 0, chunk.length);
          return null;
        }
      case "call_with_best_effort_response":
        {
          OutgoingCall c = underConstruction(m, "ic0.call_with_best_effort_response");
          if (c.timeoutSeconds >= 0) {
            throw new TrapSignal("ic0.call_with_best_effort_response: timeout already set.");
          }
          c.timeoutSeconds = Math.min(a[0], MAX_CALL_TIMEOUT_SECONDS);
          return null;
        }
      case "call_cycles_add128":
      case "call_cycles_add":
        {
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
      case "call_perform":
        {
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
      case "canister_cycle_balance":
        return ret(canister.cycleBalance());
      case "cycles_burn128":
        {
          long burned = canister.burnCycles(a[0], a[1]);
          writeOut(instance, name, le128(burned), a[2]);
          return null;
        }
      case "canister_self_size":
        return ret(canister.id().length);
      case "canister_self_copy":
        copyOut(instance, name, canister.id(), a[0], a[1], a[2]);
        return null;
      case "subnet_self_size":
        return ret(SUBNET_ID.length);
      case "subnet_self_copy":
        copyOut(instance, name, SUBNET_ID, a[0], a[1], a[2]);
        return null;
      case "canister_cycle_balance128":
      case "canister_liquid_cycle_balance128":
        writeOut(instance, name, le128(canister.cycleBalance()), a[0]);
        return null;
      case "canister_status":
        return ret(canister.status());
      case "canister_version":
        return ret(canister.version());
      case "time":
        return ret(canister.replica().time());
      case "performance_counter":
        if (a[0] != 0 && a[0] != 1) {
          throw new TrapSignal("Error getting performance counter type " + a[0]);
        }
        // The IC's counter, this call's own overhead included (it is charged before the read); type 1
        // adds the context's earlier messages (the method, callbacks before this one).
        return ret(a[0] == 1 && m.context != null ? m.context.instructions + m.icInstructions : m.icInstructions);
      case "is_controller":
        {
          byte[] principal = readIn(instance, name, a[0], a[1]);
          if (principal.length > 29) {
            throw new TrapSignal("ic0.is_controller: " + principal.length + " bytes are not a principal");
          }
          return ret(canister.isController(principal) ? 1 : 0);
        }
      case "in_replicated_execution":
        return ret(m.kind.replicated() ? 1 : 0);
      case "debug_print":
        canister.log(new String(readIn(instance, name, a[0], a[1]), StandardCharsets.UTF_8));
        return null;
      case "trap":
        throw new TrapSignal(new String(readIn(instance, name, a[0], a[1]), StandardCharsets.UTF_8), "IC0503");
      case "stable64_size":
        return ret(canister.stable().size());
      case "stable64_grow":
        return ret(canister.stable().grow(a[0]));
      case "stable64_read":
        stableRead(instance, name, a[0], a[1], a[2]);
        return null;
      case "stable64_write":
        stableWrite(instance, name, a[0], a[1], a[2]);
        return null;
      case "stable_size":
        return ret(Math.min(canister.stable().size(), 65536));
      case "stable_grow":
        {
          if (canister.stable().size() + a[0] > 65536) {
            return ret(0xFFFFFFFFL);
          }
          return ret(canister.stable().grow(a[0]));
        }
      case "stable_read":
        stableRead(instance, name, a[0], a[1], a[2]);
        return null;
      case "stable_write":
        stableWrite(instance, name, a[0], a[1], a[2]);
        return null;
      case "env_var_count":
        return ret(canister.environment().size());
      case "env_var_name_size":
        return ret(envName(name, a[0]).length);
      case "env_var_name_copy":
        copyOut(instance, name, envName(name, a[0]), a[1], a[2], a[3]);
        return null;
      case "env_var_name_exists":
        return ret(canister.environment().containsKey(utf8(instance, name, a[0], a[1])) ? 1 : 0);
      case "env_var_value_size":
        return ret(envValue(name, utf8(instance, name, a[0], a[1])).length);
      case "env_var_value_copy":
        copyOut(instance, name, envValue(name, utf8(instance, name, a[0], a[1])), a[2], a[3], a[4]);
        return null;
      case "global_timer_set":
        return ret(canister.setGlobalTimer(a[0]));
      case "certified_data_set":
        {
          byte[] data = readIn(instance, name, a[0], a[1]);
          if (data.length > 32) {
            throw new TrapSignal("ic0.certified_data_set: " + data.length + " bytes; at most 32");
          }
          canister.setCertifiedData(data);
          return null;
        }
      case "data_certificate_present":
        return ret(0);
      case "mint_cycles":
      case "mint_cycles128":
        throw new TrapSignal("ic0." + name + " can only be called by the cycles minting canister");
      default:
        throw new UnsupportedSystemApiException(name);
    }
  }

  /** {@code ic0.call_new}: a new call under construction, discarding (and refunding) any other. */
  private long[] callNew(Instance instance, Message m, long[] a) {
    discardPending(m);
    long nameSize = a[3];
    if (nameSize > MAX_METHOD_NAME) {
      throw new TrapSignal("Size of method_name " + nameSize + " exceeds the allowed limit of " + MAX_METHOD_NAME + ".");
    }
    byte[] callee = readIn(instance, "call_new", a[0], a[1]);
    byte[] name = readIn(instance, "call_new", a[2], a[3]);
    if (callee.length > 29) {
      throw new TrapSignal("Canister provided invalid principal id");
    }
    m.pending = new OutgoingCall(callee, new String(name, StandardCharsets.UTF_8),
        new OutgoingCall.Closure(a[4], a[5]), new OutgoingCall.Closure(a[6], a[7]));
    return null;
  }

  /** Drops the call under construction, its cycles back to the balance (at a new call_new, or at the end). */
  void discardPending(Message m) {
    if (m.pending != null) {
      canister.depositCycles(m.pending.cycles);
      m.cyclesSent -= m.pending.cycles;
      m.pending = null;
    }
  }

  private static OutgoingCall underConstruction(Message m, String entry) {
    if (m.pending == null) {
      throw new TrapSignal(entry + " called when no call is under construction.");
    }
    return m.pending;
  }

  private static long available(Message m) {
    return m.context == null ? 0 : m.context.availableCycles;
  }

  /** Accepts up to {@code max} (unsigned; -1 for "all") of the context's available cycles. */
  private long accept(Message m, long max) {
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
    return org.ic4j.types.Principal.from(id).toString();
  }

  /** Charges the call as the IC does, before anything else it does. */
  private void charge(Message m, String name, long[] a) {
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

  private static String utf8(Instance instance, String entry, long src, long size) {
    return new String(readIn(instance, entry, src, size), StandardCharsets.UTF_8);
  }

  private static String strictUtf8(byte[] bytes, String entry) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new TrapSignal("ic0." + entry + ": the message is not valid UTF-8");
    }
  }

  /** The bytes of Wasm memory: 0 for a module without memory. */
  private static long memoryBytes(Instance instance) {
    Memory memory = instance.memory();
    return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
  }

  private static void checkRange(Instance instance, String entry, long address, long size) {
    if (instance.memory() == null) {
      // dfinity/ic linker.rs, with_memory_and_system_api: every entry that reads or writes memory
      throw new TrapSignal("WebAssembly module must define memory");
    }
    long limit = memoryBytes(instance);
    if (address < 0 || size < 0 || address > limit - size) {
      throw new TrapSignal(
          "ic0." + entry + ": memory range [" + address + ", " + address + " + " + size
              + ") is outside the Wasm memory of " + limit + " bytes");
    }
  }

  private static byte[] readIn(Instance instance, String entry, long src, long size) {
    checkRange(instance, entry, src, size);
    return size == 0 ? new byte[0] : instance.memory().readBytes((int) src, (int) size);
  }

  private static void writeOut(Instance instance, String entry, byte[] data, long dst) {
    checkRange(instance, entry, dst, data.length);
    instance.memory().write((int) dst, data);
  }

  /** The {@code _copy} contract: {@code data[offset..offset+size)} to {@code dst}. */
  private static void copyOut(
      Instance instance, String entry, byte[] data, long dst, long offset, long size) {
    if (offset < 0 || size < 0 || offset > data.length - size) {
      throw new TrapSignal(
          "ic0." + entry + ": offset " + offset + " + size " + size + " exceeds the data's "
              + data.length + " bytes");
    }
    checkRange(instance, entry, dst, size);
    if (size > 0) {
      instance.memory().write((int) dst, data, (int) offset, (int) size);
    }
  }

  private void stableRead(Instance instance, String entry, long dst, long offset, long size) {
    if (!canister.stable().inBounds(offset, size)) {
      throw new TrapSignal(
          "ic0." + entry + ": stable memory range [" + offset + ", " + offset + " + " + size
              + ") is outside its " + canister.stable().size() + " pages");
    }
    checkRange(instance, entry, dst, size);
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
    byte[] data = readIn(instance, entry, src, size);
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
