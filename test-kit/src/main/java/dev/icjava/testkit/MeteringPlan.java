package dev.icjava.testkit;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where and how much the IC charges while a module runs: its instrumentation, replayed on the
 * instructions Chicory executes. dfinity/ic {@code rs/embedders/src/wasm_utils/instrumentation.rs}
 * (commit 002d5530aeb1ef1ed362d7f9c3c5529b8ec1cafe), function {@code injections}, cuts every function
 * body into blocks: one starts at the function's first instruction (charged 1 more, "even empty
 * functions should consume at least some fuel"), and one after each {@code loop} (re-entrant), {@code
 * if}, {@code else}, {@code br}, {@code br_if}, {@code br_table}, {@code end}, {@code return}, {@code
 * unreachable} and tail call. The whole block's cost ({@link IcInstructionCosts}) is taken from the
 * counter when execution enters the block, before any of its instructions run; a block that costs 0
 * and is not re-entrant is not charged at all. The counter is checked against the limit on entering
 * a re-entrant block (a function or a loop body) and when the System API charges. A bulk operation
 * also costs its size operand, taken just before it runs.
 *
 * <p>So a message that runs to its end is charged the sum of its executed instructions' costs, and
 * one that traps inside a block has paid for the whole block, as on the IC; {@code
 * ic0.performance_counter} read inside a block already includes the rest of that block.
 */
final class MeteringPlan {
  static final int REENTRANT = 1;
  static final int BULK = 2;
  static final int SIMD = 4;

  /** A block's cost keyed by its first instruction, and flags, by instruction identity. */
  private final Map<Instruction, long[]> points = new IdentityHashMap<>();

  private final boolean memory64;

  /**
   * The plan for {@code module}, whose loads and stores the IC weighs as on 64-bit memory when
   * {@code memory64} (Chicory runs 32-bit memory only: a lowered wasm64 module is planned as what it
   * is, a 32-bit one).
   */
  MeteringPlan(WasmModule module, boolean memory64) {
    this.memory64 = memory64;
    for (FunctionBody body : module.codeSection().functionBodies()) {
      plan(body);
    }
  }

  private void plan(FunctionBody body) {
    var code = body.instructions();
    int start = 0;
    long cost = 1;
    boolean reentrant = true;
    for (int i = 0; i < code.size(); i++) {
      Instruction insn = code.get(i);
      OpCode op = insn.opcode();
      if (IcInstructionCosts.isSimd(op)) {
        point(insn)[1] |= SIMD;
      }
      cost += IcInstructionCosts.cost(op, memory64);
      if (IcInstructionCosts.isBulk(op)) {
        point(insn)[1] |= BULK;
      }
      if (IcInstructionCosts.endsBlock(op)) {
        charge(code.get(start), cost, reentrant);
        start = i + 1;
        cost = 0;
        reentrant = op == OpCode.LOOP;
        if (start >= code.size()) {
          break;
        }
      }
    }
  }

  private void charge(Instruction first, long cost, boolean reentrant) {
    if (cost == 0 && !reentrant) {
      return;
    }
    long[] p = point(first);
    p[0] += cost;
    if (reentrant) {
      p[1] |= REENTRANT;
    }
  }

  private long[] point(Instruction insn) {
    return points.computeIfAbsent(insn, k -> new long[2]);
  }

  /** The cost and flags charged when {@code insn} executes, or {@code null} when none. */
  long[] at(Instruction insn) {
    return points.get(insn);
  }

  boolean memory64() {
    return memory64;
  }
}
