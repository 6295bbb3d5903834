package dev.icjava.testkit;

import com.dylibso.chicory.wasm.types.OpCode;

/**
 * How often each Wasm instruction ran in one message, and which System API calls it made, when the replica counts them ({@link
 * LocalReplica#countOpcodes(boolean)}): for measuring what a transformation of a module (binaryen's
 * 64-bit memory lowering, say) adds to its runs.
 */
public final class OpcodeCounts {
  private final long[] counts;
  private final java.util.Map<String, long[]> systemApi;

  OpcodeCounts(long[] counts, java.util.Map<String, long[]> systemApi) {
    this.counts = counts.clone();
    this.systemApi = systemApi;
  }

  /**
   * The message's System API calls, by entry: {@code "msg_reply_data_append 2 x = 1,900"}, the count
   * and the IC's charges (overheads and bytes, not the Wasm {@code call}), in name order.
   *
   * @return one line per entry
   */
  public java.util.List<String> systemApiCharges() {
    java.util.List<String> out = new java.util.ArrayList<>();
    systemApi.forEach((name, c) -> out.add(String.format("%s %d x = %,d", name, c[0], c[1])));
    return out;
  }

  /**
   * Executions of any of {@code ops}.
   *
   * @param ops the opcodes
   * @return the number of executions
   */
  public long of(OpCode... ops) {
    long n = 0;
    for (OpCode op : ops) {
      n += counts[op.ordinal()];
    }
    return n;
  }

  /**
   * Every execution counted (equals the message's raw instruction count).
   *
   * @return the number of executions
   */
  public long total() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /**
   * Executed {@code i32.wrap_i64} and {@code i64.extend_i32_u}: what binaryen's 64-bit memory
   * lowering adds around addresses and memory sizes (with any the module had of its own).
   *
   * @return the number of executions
   */
  public long wrapsAndExtends() {
    return of(OpCode.I32_WRAP_I64, OpCode.I64_EXTEND_I32_U);
  }

  /**
   * Executed loads and stores of the (first) memory, whose IC weight differs on 64-bit memory.
   *
   * @return the number of executions
   */
  public long loadsAndStores() {
    long n = 0;
    for (OpCode op : OpCode.values()) {
      String name = op.name();
      if ((name.contains("_LOAD") || name.contains("_STORE")) && !name.startsWith("V128")) {
        n += counts[op.ordinal()];
      }
    }
    return n;
  }
}
