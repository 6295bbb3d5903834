package dev.icjava.testkit;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code ic0} module for one canister: a Chicory host function per import of the module, with
 * the types the module declares, so 32-bit and 64-bit pointer widths both work. Each entry checks
 * its call context and its memory ranges and traps as the IC does; entries the replica does not
 * implement throw {@link UnsupportedSystemApiException} naming them.
 */
final class Ic0Host {
  /** Thrown by {@code ic0.trap} and by failed checks; ends the message as a trap. */
  static final class TrapSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrapSignal(String message) {
      super(message, null, false, false);
    }
  }

  /** The state of the message being executed. */
  static final class Message {
    final MessageKind kind;
    final byte[] caller;
    final byte[] arg;
    final byte[] callerInfoData;
    final byte[] callerInfoSigner;
    final ByteArrayOutputStream reply = new ByteArrayOutputStream();
    boolean replied;
    String rejected;
    long instructions;
    long limit;

    Message(MessageKind kind, Call call, long limit) {
      this.kind = kind;
      this.caller = call.caller();
      this.arg = call.arg();
      this.callerInfoData = call.callerInfoData();
      this.callerInfoSigner = call.callerInfoSigner();
      this.limit = limit;
    }

    boolean responded() {
      return replied || rejected != null;
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
    switch (name) {
      case "msg_arg_data_size":
        require(m.kind.canReadArg(), name);
        return ret(m.arg.length);
      case "msg_arg_data_copy":
        require(m.kind.canReadArg(), name);
        copyOut(instance, name, m.arg, a[0], a[1], a[2]);
        return null;
      case "msg_caller_size":
        require(m.kind != MessageKind.START, name);
        return ret(m.caller.length);
      case "msg_caller_copy":
        require(m.kind != MessageKind.START, name);
        copyOut(instance, name, m.caller, a[0], a[1], a[2]);
        return null;
      case "msg_caller_info_data_size":
        require(m.kind.isMethod(), name);
        return ret(m.callerInfoData.length);
      case "msg_caller_info_data_copy":
        require(m.kind.isMethod(), name);
        copyOut(instance, name, m.callerInfoData, a[0], a[1], a[2]);
        return null;
      case "msg_caller_info_signer_size":
        require(m.kind.isMethod(), name);
        return ret(m.callerInfoSigner.length);
      case "msg_caller_info_signer_copy":
        require(m.kind.isMethod(), name);
        copyOut(instance, name, m.callerInfoSigner, a[0], a[1], a[2]);
        return null;
      case "msg_reply_data_append":
        require(m.kind.isMethod(), name);
        if (m.responded()) {
          throw new TrapSignal("ic0.msg_reply_data_append: the call has already been answered");
        }
        byte[] chunk = readIn(instance, name, a[0], a[1]);
        m.reply.write(chunk, 0, chunk.length);
        return null;
      case "msg_reply":
        require(m.kind.isMethod(), name);
        if (m.responded()) {
          throw new TrapSignal("ic0.msg_reply: the call has already been answered");
        }
        m.replied = true;
        return null;
      case "msg_reject":
        require(m.kind.isMethod(), name);
        if (m.responded()) {
          throw new TrapSignal("ic0.msg_reject: the call has already been answered");
        }
        m.rejected = new String(readIn(instance, name, a[0], a[1]), StandardCharsets.UTF_8);
        return null;
      case "canister_self_size":
        return ret(canister.id().length);
      case "canister_self_copy":
        copyOut(instance, name, canister.id(), a[0], a[1], a[2]);
        return null;
      case "canister_cycle_balance128":
      case "canister_liquid_cycle_balance128":
        {
          byte[] le = new byte[16];
          long balance = canister.replica().cycleBalance();
          for (int i = 0; i < 8; i++) {
            le[i] = (byte) (balance >>> (8 * i));
          }
          writeOut(instance, name, le, a[0]);
          return null;
        }
      case "canister_status":
        return ret(1);
      case "canister_version":
        return ret(canister.version());
      case "time":
        return ret(canister.replica().time());
      case "performance_counter":
        if (a[0] != 0 && a[0] != 1) {
          throw new TrapSignal("ic0.performance_counter: unknown counter type " + a[0]);
        }
        return ret(m.instructions);
      case "is_controller":
        {
          require(m.kind != MessageKind.START, name);
          byte[] principal = readIn(instance, name, a[0], a[1]);
          if (principal.length > 29) {
            throw new TrapSignal("ic0.is_controller: " + principal.length + " bytes are not a principal");
          }
          return ret(canister.isController(principal) ? 1 : 0);
        }
      case "in_replicated_execution":
        return ret(m.kind == MessageKind.QUERY ? 0 : 1);
      case "debug_print":
        canister.log(new String(readIn(instance, name, a[0], a[1]), StandardCharsets.UTF_8));
        return null;
      case "trap":
        throw new TrapSignal(new String(readIn(instance, name, a[0], a[1]), StandardCharsets.UTF_8));
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
          require(m.kind != MessageKind.QUERY && m.kind != MessageKind.START, name);
          byte[] data = readIn(instance, name, a[0], a[1]);
          if (data.length > 32) {
            throw new TrapSignal("ic0.certified_data_set: " + data.length + " bytes; at most 32");
          }
          canister.setCertifiedData(data);
          return null;
        }
      case "data_certificate_present":
        return ret(0);
      case "msg_reject_code":
      case "msg_reject_msg_size":
      case "msg_reject_msg_copy":
      case "msg_method_name_size":
      case "msg_method_name_copy":
      case "accept_message":
      case "msg_cycles_refunded128":
        throw new TrapSignal("ic0." + name + " cannot be called in " + m.kind.description);
      case "msg_cycles_available128":
        require(m.kind == MessageKind.UPDATE, name);
        writeOut(instance, name, new byte[16], a[0]);
        return null;
      default:
        throw new UnsupportedSystemApiException(name);
    }
  }

  private static long[] ret(long v) {
    return new long[] {v};
  }

  private void require(boolean allowed, String name) {
    if (!allowed) {
      throw new TrapSignal("ic0." + name + " cannot be called in " + message.kind.description);
    }
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

  private static void checkRange(Instance instance, String entry, long address, long size) {
    long limit = (long) instance.memory().pages() * Memory.PAGE_SIZE;
    if (address < 0 || size < 0 || address > limit - size) {
      throw new TrapSignal(
          "ic0." + entry + ": memory range [" + address + ", " + address + " + " + size
              + ") is outside the Wasm memory of " + limit + " bytes");
    }
  }

  private static byte[] readIn(Instance instance, String entry, long src, long size) {
    checkRange(instance, entry, src, size);
    return instance.memory().readBytes((int) src, (int) size);
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
    instance.memory().write((int) dst, data, (int) offset, (int) size);
  }

  private void stableRead(Instance instance, String entry, long dst, long offset, long size) {
    if (!canister.stable().inBounds(offset, size)) {
      throw new TrapSignal(
          "ic0." + entry + ": stable memory range [" + offset + ", " + offset + " + " + size
              + ") is outside its " + canister.stable().size() + " pages");
    }
    checkRange(instance, entry, dst, size);
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
}
