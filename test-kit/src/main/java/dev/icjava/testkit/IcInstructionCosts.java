package dev.icjava.testkit;

import com.dylibso.chicory.wasm.types.OpCode;

/**
 * The IC's static cost of each Wasm instruction, as its instrumentation charges it: {@code
 * instruction_to_cost} in dfinity/ic {@code rs/embedders/src/wasm_utils/instrumentation.rs}, read at
 * commit 002d5530aeb1ef1ed362d7f9c3c5529b8ec1cafe. Block, loop, else and end cost 0; constants,
 * integer arithmetic, comparisons, locals and most others 1; division and remainder 10; globals 2;
 * branches and {@code if} 2; calls 5, indirect calls 10; {@code memory.grow} 300; {@code memory.size}
 * 20; bulk memory and table operations 100 plus their size in bytes or elements (charged by {@link
 * MeteringPlan}); loads and stores 1 on 32-bit memory and 2 on 64-bit memory. Instructions the IC's
 * table does not name cost 1, as its default arm says.
 *
 * <p>SIMD instructions have their own weights in that table; they are not listed here, and a module
 * that executes one fails loudly ({@link MeteringPlan}): Chicory's interpreter as this replica runs it
 * does not execute SIMD either.
 */
final class IcInstructionCosts {
  private IcInstructionCosts() {}

  /** True for the v128 (SIMD) instructions, whose weights are not modelled. */
  static boolean isSimd(OpCode op) {
    String n = op.name();
    return n.startsWith("V128") || n.startsWith("I8x16") || n.startsWith("I16x8") || n.startsWith("I32x4")
        || n.startsWith("I64x2") || n.startsWith("F32x4") || n.startsWith("F64x2");
  }

  /** The static cost of {@code op} on a module whose memory is 64-bit ({@code memory64}) or not. */
  static long cost(OpCode op, boolean memory64) {
    switch (op) {
      case BLOCK:
      case ELSE:
      case END:
      case LOOP:
        return 0;
      case I32_CONST:
      case I64_CONST:
      case F32_CONST:
      case F64_CONST:
        return 1;
      case I32_ADD:
      case I32_SUB:
      case I32_MUL:
      case I32_AND:
      case I32_OR:
      case I32_XOR:
      case I32_SHL:
      case I32_SHR_S:
      case I32_SHR_U:
      case I32_ROTL:
      case I32_ROTR:
      case I64_ADD:
      case I64_SUB:
      case I64_MUL:
      case I64_AND:
      case I64_OR:
      case I64_XOR:
      case I64_SHL:
      case I64_SHR_S:
      case I64_SHR_U:
      case I64_ROTL:
      case I64_ROTR:
        return 1;
      case I32_DIV_S:
      case I32_DIV_U:
      case I32_REM_S:
      case I32_REM_U:
      case I64_DIV_S:
      case I64_DIV_U:
      case I64_REM_S:
      case I64_REM_U:
        return 10;
      case I32_EQZ:
      case I32_EQ:
      case I32_NE:
      case I32_LT_S:
      case I32_LT_U:
      case I32_GT_S:
      case I32_GT_U:
      case I32_LE_S:
      case I32_LE_U:
      case I32_GE_S:
      case I32_GE_U:
      case I64_EQZ:
      case I64_EQ:
      case I64_NE:
      case I64_LT_S:
      case I64_LT_U:
      case I64_GT_S:
      case I64_GT_U:
      case I64_LE_S:
      case I64_LE_U:
      case I64_GE_S:
      case I64_GE_U:
        return 1;
      case F32_ABS:
      case F32_NEG:
      case F64_ABS:
      case F64_NEG:
        return 1;
      case F32_ADD:
      case F32_SUB:
      case F32_MUL:
      case F32_CEIL:
      case F32_FLOOR:
      case F32_TRUNC:
      case F32_NEAREST:
      case F64_ADD:
      case F64_SUB:
      case F64_MUL:
      case F64_CEIL:
      case F64_FLOOR:
      case F64_TRUNC:
      case F64_NEAREST:
        return 2;
      case F32_DIV:
        return 3;
      case F64_DIV:
        return 5;
      case F32_MIN:
      case F32_MAX:
      case F64_MIN:
      case F64_MAX:
        return 18;
      case F32_COPYSIGN:
        return 2;
      case F64_COPYSIGN:
        return 3;
      case F32_SQRT:
        return 5;
      case F64_SQRT:
        return 8;
      case F32_EQ:
      case F32_NE:
      case F32_LT:
      case F32_GT:
      case F32_LE:
      case F32_GE:
      case F64_EQ:
      case F64_NE:
      case F64_LT:
      case F64_GT:
      case F64_LE:
      case F64_GE:
        return 3;
      case I32_WRAP_I64:
      case I32_EXTEND_8_S:
      case I32_EXTEND_16_S:
      case I64_EXTEND_8_S:
      case I64_EXTEND_16_S:
      case I64_EXTEND_32_S:
      case F64_REINTERPRET_I64:
      case I64_REINTERPRET_F64:
      case I32_REINTERPRET_F32:
      case F32_REINTERPRET_I32:
      case I64_EXTEND_I32_S:
      case I64_EXTEND_I32_U:
        return 1;
      case F32_CONVERT_I32_S:
      case F64_CONVERT_I64_S:
      case F32_CONVERT_I64_S:
      case F64_CONVERT_I32_S:
        return 3;
      case F64_CONVERT_I32_U:
      case F32_CONVERT_I64_U:
      case F32_CONVERT_I32_U:
      case F64_CONVERT_I64_U:
        return 16;
      case I64_TRUNC_SAT_F32_S:
      case I64_TRUNC_SAT_F32_U:
      case I64_TRUNC_SAT_F64_S:
      case I64_TRUNC_SAT_F64_U:
      case I32_TRUNC_SAT_F32_S:
      case I32_TRUNC_SAT_F32_U:
      case I32_TRUNC_SAT_F64_S:
      case I32_TRUNC_SAT_F64_U:
        return 20;
      case F32_DEMOTE_F64:
      case F64_PROMOTE_F32:
        return 1;
      case I32_TRUNC_F32_S:
      case I32_TRUNC_F32_U:
      case I32_TRUNC_F64_S:
      case I32_TRUNC_F64_U:
      case I64_TRUNC_F32_S:
      case I64_TRUNC_F32_U:
      case I64_TRUNC_F64_S:
      case I64_TRUNC_F64_U:
        return 20;
      case I32_LOAD:
      case I64_LOAD:
      case F32_LOAD:
      case F64_LOAD:
      case I32_LOAD8_S:
      case I32_LOAD8_U:
      case I32_LOAD16_S:
      case I32_LOAD16_U:
      case I64_LOAD8_S:
      case I64_LOAD8_U:
      case I64_LOAD16_S:
      case I64_LOAD16_U:
      case I64_LOAD32_S:
      case I64_LOAD32_U:
      case I32_STORE:
      case I64_STORE:
      case F32_STORE:
      case F64_STORE:
      case I32_STORE8:
      case I32_STORE16:
      case I64_STORE8:
      case I64_STORE16:
      case I64_STORE32:
        return memory64 ? 2 : 1;
      case GLOBAL_GET:
      case GLOBAL_SET:
        return 2;
      case TABLE_GET:
      case TABLE_SET:
        return 5;
      case LOCAL_GET:
      case LOCAL_SET:
      case LOCAL_TEE:
      case SELECT:
        return 1;
      case TABLE_GROW:
      case MEMORY_GROW:
        return 300;
      case MEMORY_SIZE:
        return 20;
      case TABLE_SIZE:
        return 100;
      case MEMORY_FILL:
      case MEMORY_COPY:
      case TABLE_FILL:
      case TABLE_COPY:
      case MEMORY_INIT:
      case TABLE_INIT:
        return 100;
      case DATA_DROP:
      case ELEM_DROP:
        return 300;
      case CALL:
        return 5;
      case CALL_INDIRECT:
        return 10;
      case RETURN_CALL:
        return 3;
      case RETURN_CALL_INDIRECT:
        return 60;
      case RETURN:
      case DROP:
      case UNREACHABLE:
      case NOP:
        return 1;
      case IF:
      case BR:
      case BR_IF:
      case BR_TABLE:
        return 2;
      case I32_POPCNT:
      case I64_POPCNT:
      case I32_CLZ:
      case I32_CTZ:
      case I64_CLZ:
      case I64_CTZ:
        return 1;
      case REF_NULL:
        return 1;
      case REF_IS_NULL:
        return 5;
      case REF_FUNC:
        return 130;
      default:
        // The IC's default arm ("Default cost of an instruction is 1"), which also covers select
        // with a type (SELECT_T).
        return 1;
    }
  }

  /**
   * Whether the IC starts a new metered block after {@code op}: a loop's body (re-entrant), an
   * {@code if}'s then-branch, and whatever follows {@code else}, a branch, {@code end}, {@code
   * return}, {@code unreachable} or a tail call.
   */
  static boolean endsBlock(OpCode op) {
    switch (op) {
      case LOOP:
      case IF:
      case ELSE:
      case BR:
      case BR_IF:
      case BR_TABLE:
      case END:
      case RETURN:
      case UNREACHABLE:
      case RETURN_CALL:
      case RETURN_CALL_INDIRECT:
        return true;
      default:
        return false;
    }
  }

  /** Bulk operations, whose size operand (top of the stack) the IC adds to their static cost. */
  static boolean isBulk(OpCode op) {
    switch (op) {
      case MEMORY_FILL:
      case MEMORY_COPY:
      case TABLE_FILL:
      case TABLE_COPY:
      case MEMORY_INIT:
      case TABLE_INIT:
        return true;
      default:
        return false;
    }
  }
}
