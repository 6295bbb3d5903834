package dev.icjava.build.wasm;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Wasm proposals the IC keeps off, and where a module uses them: its types, sections,
 * instructions and constant expressions. The IC validates every module with the wasmtime
 * configuration of dfinity/ic {@code rs/embedders/src/wasm_utils/validation.rs} ({@code
 * wasmtime_validation_config}), which turns off:
 *
 * <ul>
 *   <li>exception handling ({@code wasm_exceptions(false)}, since pull request 10994, merged
 *       2026-08-03, which moved to wasmtime 47, where the proposal is on by default: "It is not
 *       supported on the IC"): the tag section, tag imports and exports, {@code throw}, {@code
 *       throw_ref}, {@code try_table}, the legacy {@code try}/{@code catch}/{@code rethrow}/{@code
 *       delegate}, and {@code exnref};
 *   <li>garbage collection and typed function references ({@code wasm_gc(false)}, {@code
 *       wasm_function_references(false)}): struct, array, recursive and sub types, typed
 *       references, and their instructions;
 *   <li>relaxed SIMD ({@code wasm_relaxed_simd(false)}, for determinism);
 *   <li>extended constant expressions ({@code wasm_extended_const(false)}, since pull request 1847,
 *       2024-10-04, when wasmtime 25 turned it on): arithmetic in a global's initializer or a
 *       segment's offset;
 *   <li>multi-memory ({@code wasm_multi_memory(false)} for validation): counted by the validator's
 *       {@code memory-count} rule;
 *   <li>threads (wasmtime's default; the IC's own {@code test_initial_wasmtime_config}, {@code
 *       rs/embedders/src/wasmtime_embedder/tests.rs} at 07e64a33, expects "threads must be
 *       enabled"): atomic instructions and shared memories;
 *   <li>the component model: a component is not a module.
 * </ul>
 *
 * <p>Tail calls are on ({@code wasm_tail_call(true)}, pull request 2826, 2024-11-26; {@code
 * return_call} has its own cost in {@code rs/embedders/src/wasm_utils/instrumentation.rs}), and so
 * are SIMD, bulk memory, reference types ({@code funcref}, {@code externref}) and, for canisters
 * built for it, 64-bit memory.
 */
final class WasmFeatures {
  static final String EXCEPTIONS = "exception handling";
  static final String THREADS = "threads";
  static final String GC = "garbage collection";
  static final String FUNCTION_REFERENCES = "typed function references";
  static final String RELAXED_SIMD = "relaxed SIMD";
  static final String EXTENDED_CONST = "extended constant expressions";
  static final String COMPONENT_MODEL = "component model";

  /** The tag section's id (exception handling). */
  static final int TAG_SECTION = 13;

  private static final Pattern UNDECODED_OPCODE = Pattern.compile("op value ([0-9A-Fa-f]+)");

  private WasmFeatures() {}

  /** Why a proposal's use is refused, in the validator's words. */
  static String refusal(String proposal) {
    return proposal + ", which the IC does not enable";
  }

  /**
   * Whether {@code wasm} is a component (the component model's binary: magic, then a version and
   * layer 1) rather than a core module.
   */
  static boolean isComponent(byte[] wasm) {
    return wasm.length >= 8
        && wasm[0] == 0 && wasm[1] == 'a' && wasm[2] == 's' && wasm[3] == 'm'
        && wasm[6] == 1 && wasm[7] == 0;
  }

  /** The proposal the IC keeps off that {@code op} belongs to, or null. */
  static String ofOpcode(OpCode op) {
    if (op == OpCode.THROW || op == OpCode.THROW_REF || op == OpCode.TRY_TABLE) {
      return EXCEPTIONS;
    }
    if (op == OpCode.CALL_REF
        || op == OpCode.RETURN_CALL_REF
        || op == OpCode.REF_AS_NON_NULL
        || op == OpCode.BR_ON_NULL
        || op == OpCode.BR_ON_NON_NULL) {
      return FUNCTION_REFERENCES;
    }
    String name = op.name();
    if (name.contains("ATOMIC")) {
      return THREADS;
    }
    if (name.startsWith("STRUCT_")
        || name.startsWith("ARRAY_")
        || name.contains("I31")
        || name.startsWith("REF_TEST")
        || name.startsWith("REF_CAST")
        || name.startsWith("BR_ON_CAST")
        || op == OpCode.REF_EQ
        || op == OpCode.ANY_CONVERT_EXTERN
        || op == OpCode.EXTERN_CONVERT_ANY) {
      return GC;
    }
    return null;
  }

  /** An instruction Chicory's parser could not decode, and the proposal the IC keeps off it is from. */
  record UndecodedInstruction(String instruction, String proposal) {}

  /**
   * The instruction Chicory's parser could not decode, read from its message ({@code "... illegal
   * opcode, op value 06"}: one byte, or for a prefixed instruction the prefix times 256 plus the
   * sub-opcode), when it is from a proposal the IC keeps off; otherwise null. Chicory 1.7.5 decodes
   * today's exception handling but not its legacy instructions, and no relaxed SIMD.
   */
  static UndecodedInstruction ofUndecodedOpcode(String parserMessage) {
    if (parserMessage == null) {
      return null;
    }
    Matcher m = UNDECODED_OPCODE.matcher(parserMessage);
    if (!m.find()) {
      return null;
    }
    int value = Integer.parseInt(m.group(1), 16);
    switch (value) {
      case 0x06:
        return new UndecodedInstruction("try (0x06, legacy)", EXCEPTIONS);
      case 0x07:
        return new UndecodedInstruction("catch (0x07, legacy)", EXCEPTIONS);
      case 0x09:
        return new UndecodedInstruction("rethrow (0x09, legacy)", EXCEPTIONS);
      case 0x18:
        return new UndecodedInstruction("delegate (0x18, legacy)", EXCEPTIONS);
      case 0x19:
        return new UndecodedInstruction("catch_all (0x19, legacy)", EXCEPTIONS);
      default:
        // 0xfd 0x100 (i8x16.relaxed_swizzle) to 0xfd 0x113 (i32x4.relaxed_dot_i8x16_i7x16_add_s)
        int sub = value - 0xfd00;
        return sub >= 0x100 && sub <= 0x113
            ? new UndecodedInstruction("0xfd 0x" + Integer.toHexString(sub), RELAXED_SIMD)
            : null;
    }
  }

  /**
   * Adds a violation for each entry of the type section that is not a function type of numeric,
   * {@code funcref} or {@code externref} values: GC's composite and recursive types, typed
   * references ({@code (ref $t)}), {@code exnref}. Stops at a GC type, whose layout it does not
   * read.
   */
  static void checkTypeSection(WasmSections sections, List<Violation> out) {
    WasmSections.Section types = sections.find(1);
    if (types == null) {
      return;
    }
    WasmSections.Reader r = new WasmSections.Reader(types.payload(), 0);
    long count = r.u32();
    for (long i = 0; i < count; i++) {
      int form = r.u8();
      if (form != 0x60) {
        out.add(
            new Violation(
                "wasm-feature",
                "type " + i,
                "is a " + formName(form) + " type from " + refusal(GC)));
        return;
      }
      String proposal = null;
      for (int vectors = 0; vectors < 2; vectors++) {
        long n = r.u32();
        for (long j = 0; j < n; j++) {
          String p = valueTypeProposal(r);
          proposal = proposal == null ? p : proposal;
        }
      }
      if (proposal != null) {
        out.add(new Violation("wasm-feature", "type " + i, "has a value type from " + refusal(proposal)));
      }
    }
  }

  private static String formName(int form) {
    switch (form) {
      case 0x5f:
        return "struct";
      case 0x5e:
        return "array";
      case 0x4e:
        return "recursive (rec)";
      case 0x50:
      case 0x4f:
        return "sub";
      default:
        return "0x" + Integer.toHexString(form);
    }
  }

  /** Reads one value type; the proposal it needs that the IC keeps off, or null. */
  private static String valueTypeProposal(WasmSections.Reader r) {
    int b = r.u8();
    switch (b) {
      case 0x7f: // i32
      case 0x7e: // i64
      case 0x7d: // f32
      case 0x7c: // f64
      case 0x7b: // v128
      case 0x70: // funcref
      case 0x6f: // externref
        return null;
      case 0x69: // exnref
      case 0x74: // nullexnref
        return EXCEPTIONS;
      case 0x64: // (ref ht)
      case 0x63: // (ref null ht)
        r.u32(); // the heap type (s33): a type index or an abstract heap type
        return FUNCTION_REFERENCES;
      default:
        return GC; // anyref, eqref, i31ref, structref, arrayref, the bottom types
    }
  }

  /** The proposal a local of type {@code type} needs that the IC keeps off, or null. */
  static String ofLocal(ValType type) {
    int op = type.opcode();
    if (type.equals(ValType.ExnRef)) {
      return EXCEPTIONS;
    }
    if (op == 0x64 || op == 0x63) {
      return FUNCTION_REFERENCES;
    }
    if (type.isReference() && !type.equals(ValType.FuncRef) && !type.equals(ValType.ExternRef)) {
      return GC;
    }
    return null;
  }

  /**
   * The proposal a constant expression (a global's initializer, a segment's offset) uses that the
   * IC keeps off, or null: arithmetic is extended-const; GC's allocations are GC.
   */
  static String ofConstantExpression(List<? extends Instruction> expression) {
    for (Instruction insn : expression) {
      OpCode op = insn.opcode();
      if (op == OpCode.I32_ADD || op == OpCode.I32_SUB || op == OpCode.I32_MUL
          || op == OpCode.I64_ADD || op == OpCode.I64_SUB || op == OpCode.I64_MUL) {
        return EXTENDED_CONST;
      }
      String proposal = ofOpcode(op);
      if (proposal != null) {
        return proposal;
      }
    }
    return null;
  }
}
