package dev.icjava.build.wasm;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Wasm module against the rules the Internet Computer applies when a canister is installed,
 * and returns every violation found (an empty list means the IC would accept it, as far as these
 * rules go). Usable on any {@code .wasm}, whoever built it.
 *
 * <p>Rules, by identifier:
 *
 * <ul>
 *   <li>{@code wasm-malformed}: the bytes are not a Wasm module this validator can parse.
 *   <li>{@code import-module}: an import from a module other than {@code ic0}.
 *   <li>{@code import-kind}: an import that is not a function (memory, table, global, tag).
 *   <li>{@code import-unknown}: an {@code ic0} function the System API does not define.
 *   <li>{@code import-signature}: an {@code ic0} function imported with another signature than the
 *       spec's (pointers {@code i32} on 32-bit memory, {@code i64} on wasm64).
 *   <li>{@code export-method-signature}: a {@code canister_query/update/composite_query} or
 *       lifecycle export whose type is not {@code () -> ()}, or which is not a function.
 *   <li>{@code export-reserved}: another export starting {@code canister_}, or a reserved name
 *       ({@code canister_start}, {@code canister counter_instructions}, ...).
 *   <li>{@code export-duplicate-method}: one method name exported as two kinds (query and update).
 *   <li>{@code export-limits}: more than 1,000 exported functions, or over 20,000 bytes of exported
 *       function names.
 *   <li>{@code global-type}: a global that is not i32, i64, f32 or f64; {@code global-count}: more
 *       than 1,000 globals.
 *   <li>{@code memory-count}, {@code table-count}: more than one memory or table.
 *   <li>{@code data-offset}: an active data segment whose offset is not a constant.
 *   <li>{@code wasm-feature}: a use of a Wasm proposal the IC keeps off ({@link WasmFeatures}
 *       lists them, with the sources): exception handling (the tag section, tag imports and
 *       exports, {@code throw}, {@code throw_ref}, {@code try_table}, the legacy {@code try},
 *       {@code exnref}), threads (atomics, a shared memory), garbage collection and typed function
 *       references (their types and instructions), relaxed SIMD, extended constant expressions, or
 *       a component instead of a module. Each names the section, type, import, export, global or
 *       function, and the instruction. Tail calls and SIMD are allowed, as on the IC.
 *   <li>{@code function-count}: more than 50,000 functions; {@code function-size}: a function of
 *       more than 1,000,000 instructions; {@code code-section-size}: a code section over 10 MiB.
 *   <li>{@code custom-section-name}: a custom section named {@code icp:...} but not {@code icp:public
 *       <name>} or {@code icp:private <name>}; {@code custom-section-duplicate}: two {@code icp:}
 *       sections of one name; {@code custom-section-limits}: more than 16 {@code icp:} sections or
 *       over 2 MiB in them.
 * </ul>
 */
public final class IcModuleValidator {
  static final int MAX_EXPORTED_FUNCTIONS = 1_000;
  static final int MAX_EXPORTED_NAME_BYTES = 20_000;
  static final int MAX_GLOBALS = 1_000;
  static final int MAX_FUNCTIONS = 50_000;
  static final int MAX_INSTRUCTIONS_PER_FUNCTION = 1_000_000;
  static final int MAX_CODE_SECTION_BYTES = 10 * 1024 * 1024;
  static final int MAX_ICP_SECTIONS = 16;
  static final int MAX_ICP_SECTION_BYTES = 2 * 1024 * 1024;

  private static final Set<String> LIFECYCLE =
      Set.of(
          "canister_init",
          "canister_pre_upgrade",
          "canister_post_upgrade",
          "canister_inspect_message",
          "canister_heartbeat",
          "canister_global_timer",
          "canister_on_low_wasm_memory");
  private static final Set<String> RESERVED =
      Set.of(
          "canister_start",
          "canister counter_instructions",
          "canister counter_get",
          "canister counter_set");
  private static final String[] METHOD_PREFIXES = {
    "canister_query ", "canister_update ", "canister_composite_query "
  };

  private IcModuleValidator() {}

  /**
   * Every violation of the IC's module rules in {@code wasm}; empty when it would install.
   *
   * @param wasm the module
   * @return the violations
   */
  public static List<Violation> validate(byte[] wasm) {
    return validate(wasm, false);
  }

  /**
   * As {@link #validate(byte[])}; with {@code lowered64}, {@code ic0} pointers are checked as
   * {@code i64} although the memory is 32-bit: the shape of a wasm64 canister (Motoko's) lowered to
   * 32-bit memory so that a 32-bit engine can run it in tests. The IC itself never sees such a
   * module.
   *
   * @param wasm the module
   * @param lowered64 whether it is a lowered wasm64 module
   * @return the violations
   */
  public static List<Violation> validate(byte[] wasm, boolean lowered64) {
    List<Violation> out = new ArrayList<>();
    if (WasmFeatures.isComponent(wasm)) {
      out.add(
          new Violation(
              "wasm-feature", "module", "is a component, from the " + WasmFeatures.refusal(WasmFeatures.COMPONENT_MODEL)));
      return out;
    }
    WasmSections sections;
    try {
      sections = WasmSections.parse(wasm);
    } catch (RuntimeException e) {
      out.add(new Violation("wasm-malformed", "module", String.valueOf(e.getMessage())));
      return out;
    }
    // Byte-level rules first: a code section past the limit is not worth decoding.
    checkCustomSections(sections, out);
    WasmFeatures.checkTypeSection(sections, out);
    WasmSections.Section tags = sections.find(WasmFeatures.TAG_SECTION);
    if (tags != null) {
      out.add(
          new Violation(
              "wasm-feature",
              "tag section",
              "declares " + new WasmSections.Reader(tags.payload(), 0).u32() + " exception tag(s): "
                  + WasmFeatures.refusal(WasmFeatures.EXCEPTIONS)));
    }
    WasmSections.Section code = sections.find(WasmSections.CODE);
    if (code != null && code.payload().length > MAX_CODE_SECTION_BYTES) {
      out.add(
          new Violation(
              "code-section-size",
              "code section",
              code.payload().length + " bytes; the IC allows " + MAX_CODE_SECTION_BYTES));
      return out;
    }
    WasmModule module;
    try {
      module = Parser.parse(wasm);
    } catch (RuntimeException e) {
      WasmFeatures.UndecodedInstruction undecoded = WasmFeatures.ofUndecodedOpcode(e.getMessage());
      if (undecoded != null) {
        out.add(
            new Violation(
                "wasm-feature",
                "code",
                "uses " + undecoded.instruction() + " from " + WasmFeatures.refusal(undecoded.proposal())));
      } else {
        out.add(new Violation("wasm-malformed", "module", String.valueOf(e.getMessage())));
      }
      return out;
    }
    boolean memory64 = lowered64 || isMemory64(sections);
    checkImports(module, memory64, out);
    checkExports(module, out);
    checkGlobals(module, out);
    checkMemoryAndTables(module, out);
    checkData(module, out);
    checkElements(module, out);
    checkCode(module, out);
    return out;
  }

  /** Whether the module's memory (defined here) is a 64-bit memory. */
  static boolean isMemory64(WasmSections sections) {
    WasmSections.Section memory = sections.find(WasmSections.MEMORY);
    if (memory == null) {
      return false;
    }
    WasmSections.Reader r = new WasmSections.Reader(memory.payload(), 0);
    return r.u32() > 0 && (r.u8() & 0x04) != 0;
  }

  private static void checkImports(WasmModule module, boolean memory64, List<Violation> out) {
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      String item = "import " + imp.module() + "." + imp.name();
      if (imp.importType() == ExternalType.TAG) {
        out.add(new Violation("wasm-feature", item, "is an exception tag: " + WasmFeatures.refusal(WasmFeatures.EXCEPTIONS)));
        continue;
      }
      if (!imp.module().equals("ic0")) {
        out.add(
            new Violation(
                "import-module", item, "the IC links only imports from module ic0"));
        continue;
      }
      if (imp.importType() != ExternalType.FUNCTION) {
        out.add(
            new Violation(
                "import-kind", item, "is a " + imp.importType() + " import; ic0 exports functions only"));
        continue;
      }
      SystemApiTable.Signature expected = SystemApiTable.lookup(imp.name());
      if (expected == null) {
        out.add(new Violation("import-unknown", item, "is not a function of the System API"));
        continue;
      }
      FunctionType actual = module.typeSection().getType(((FunctionImport) imp).typeIndex());
      SystemApiTable.Signature wanted = expected.resolve(memory64);
      if (!render(actual).equals(wanted.toString())) {
        out.add(
            new Violation(
                "import-signature",
                item,
                "has type " + render(actual) + " but the System API defines " + wanted));
      }
    }
  }

  private static void checkExports(WasmModule module, List<Violation> out) {
    Map<String, String> methods = new HashMap<>();
    int functions = 0;
    long nameBytes = 0;
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export export = module.exportSection().getExport(i);
      String name = export.name();
      String item = "export \"" + name + "\"";
      boolean isFunction = export.exportType() == ExternalType.FUNCTION;
      if (export.exportType() == ExternalType.TAG) {
        out.add(new Violation("wasm-feature", item, "is an exception tag: " + WasmFeatures.refusal(WasmFeatures.EXCEPTIONS)));
        continue;
      }
      if (isFunction) {
        functions++;
        nameBytes += name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
      if (RESERVED.contains(name)) {
        out.add(new Violation("export-reserved", item, "is a name the IC reserves"));
        continue;
      }
      String method = null;
      for (String prefix : METHOD_PREFIXES) {
        if (name.startsWith(prefix)) {
          method = name.substring(prefix.length());
          String previous = methods.put(method, prefix.trim());
          if (previous != null) {
            out.add(
                new Violation(
                    "export-duplicate-method",
                    item,
                    "method \"" + method + "\" is also exported as " + previous));
          }
        }
      }
      if (method != null || LIFECYCLE.contains(name)) {
        if (!isFunction) {
          out.add(new Violation("export-method-signature", item, "is not a function"));
        } else if (!render(functionType(module, export.index())).equals("() -> ()")) {
          out.add(
              new Violation(
                  "export-method-signature",
                  item,
                  "has type " + render(functionType(module, export.index())) + "; entry points are () -> ()"));
        }
      } else if (name.startsWith("canister_")) {
        out.add(
            new Violation(
                "export-reserved",
                item,
                "starts with canister_ but is neither a method (canister_query/update/composite_query"
                    + " <name>) nor a lifecycle hook the IC knows"));
      }
    }
    if (functions > MAX_EXPORTED_FUNCTIONS) {
      out.add(
          new Violation(
              "export-limits", "exports", functions + " exported functions; the IC allows " + MAX_EXPORTED_FUNCTIONS));
    }
    if (nameBytes > MAX_EXPORTED_NAME_BYTES) {
      out.add(
          new Violation(
              "export-limits",
              "exports",
              nameBytes + " bytes of exported function names; the IC allows " + MAX_EXPORTED_NAME_BYTES));
    }
  }

  private static void checkGlobals(WasmModule module, List<Violation> out) {
    Global[] globals = module.globalSection().globals();
    if (globals.length > MAX_GLOBALS) {
      out.add(new Violation("global-count", "globals", globals.length + " globals; the IC allows " + MAX_GLOBALS));
    }
    for (int i = 0; i < globals.length; i++) {
      ValType t = globals[i].valueType();
      if (!(t.equals(ValType.I32) || t.equals(ValType.I64) || t.equals(ValType.F32) || t.equals(ValType.F64))) {
        out.add(new Violation("global-type", "global " + i, "has type " + t.name() + "; only i32, i64, f32, f64"));
      }
      String proposal = WasmFeatures.ofConstantExpression(globals[i].initInstructions());
      if (proposal != null) {
        out.add(new Violation("wasm-feature", "global " + i, "is initialized with " + WasmFeatures.refusal(proposal)));
      }
    }
  }

  private static void checkMemoryAndTables(WasmModule module, List<Violation> out) {
    if (module.memorySection().isPresent()) {
      for (int i = 0; i < module.memorySection().get().memoryCount(); i++) {
        if (module.memorySection().get().getMemory(i).limits().shared()) {
          out.add(new Violation("wasm-feature", "memory " + i, "is shared: " + WasmFeatures.refusal(WasmFeatures.THREADS)));
        }
      }
    }
    int memories =
        module.memorySection().map(m -> m.memoryCount()).orElse(0)
            + module.importSection().count(ExternalType.MEMORY);
    if (memories > 1) {
      out.add(new Violation("memory-count", "memories", memories + " memories; the IC allows one"));
    }
    int tables = module.tableSection().tableCount() + module.importSection().count(ExternalType.TABLE);
    if (tables > 1) {
      out.add(new Violation("table-count", "tables", tables + " tables; the IC allows one"));
    }
  }

  private static void checkData(WasmModule module, List<Violation> out) {
    DataSegment[] segments = module.dataSection().dataSegments();
    for (int i = 0; i < segments.length; i++) {
      if (segments[i] instanceof ActiveDataSegment active) {
        for (Instruction insn : active.offsetInstructions()) {
          OpCode op = insn.opcode();
          if (op != OpCode.I32_CONST && op != OpCode.I64_CONST && op != OpCode.END) {
            out.add(
                new Violation("data-offset", "data segment " + i, "offset uses " + op + "; it must be a constant"));
            break;
          }
        }
      }
    }
  }

  private static void checkElements(WasmModule module, List<Violation> out) {
    for (int i = 0; i < module.elementSection().elementCount(); i++) {
      if (module.elementSection().getElement(i) instanceof ActiveElement active) {
        String proposal = WasmFeatures.ofConstantExpression(active.offset());
        if (proposal != null) {
          out.add(new Violation("wasm-feature", "element segment " + i, "has an offset with " + WasmFeatures.refusal(proposal)));
        }
      }
    }
  }

  private static void checkCode(WasmModule module, List<Violation> out) {
    int imported = module.importSection().count(ExternalType.FUNCTION);
    int defined = module.functionSection().functionCount();
    if (imported + defined > MAX_FUNCTIONS) {
      out.add(
          new Violation(
              "function-count", "functions", (imported + defined) + " functions; the IC allows " + MAX_FUNCTIONS));
    }
    for (int i = 0; i < module.codeSection().functionBodyCount(); i++) {
      String function = "function " + (imported + i);
      for (ValType local : module.codeSection().getFunctionBody(i).localTypes()) {
        String proposal = WasmFeatures.ofLocal(local);
        if (proposal != null) {
          out.add(new Violation("wasm-feature", function, "has a local of type " + local.name() + " from " + WasmFeatures.refusal(proposal)));
          break;
        }
      }
      for (Instruction insn : module.codeSection().getFunctionBody(i).instructions()) {
        String proposal = WasmFeatures.ofOpcode(insn.opcode());
        if (proposal != null) {
          out.add(new Violation("wasm-feature", function, "uses " + insn.opcode() + " from " + WasmFeatures.refusal(proposal)));
          break;
        }
      }
      int size = module.codeSection().getFunctionBody(i).instructions().size();
      if (size > MAX_INSTRUCTIONS_PER_FUNCTION) {
        out.add(
            new Violation(
                "function-size",
                "function " + (imported + i),
                size + " instructions; the IC allows " + MAX_INSTRUCTIONS_PER_FUNCTION));
      }
    }
  }

  private static void checkCustomSections(WasmSections sections, List<Violation> out) {
    Set<String> seen = new HashSet<>();
    int count = 0;
    long bytes = 0;
    for (WasmSections.Section s : sections.sections()) {
      String name = s.customName();
      if (name == null || !name.startsWith("icp:")) {
        continue;
      }
      count++;
      bytes += s.payload().length;
      String item = "custom section \"" + name + "\"";
      String rest =
          name.startsWith("icp:public ")
              ? name.substring("icp:public ".length())
              : name.startsWith("icp:private ") ? name.substring("icp:private ".length()) : null;
      if (rest == null || rest.isEmpty()) {
        out.add(
            new Violation(
                "custom-section-name", item, "icp: sections must be named \"icp:public <name>\" or \"icp:private <name>\""));
        continue;
      }
      if (!seen.add(rest)) {
        out.add(new Violation("custom-section-duplicate", item, "a section named \"" + rest + "\" exists already"));
      }
    }
    if (count > MAX_ICP_SECTIONS) {
      out.add(new Violation("custom-section-limits", "custom sections", count + " icp: sections; the IC allows " + MAX_ICP_SECTIONS));
    }
    if (bytes > MAX_ICP_SECTION_BYTES) {
      out.add(new Violation("custom-section-limits", "custom sections", bytes + " bytes in icp: sections; the IC allows " + MAX_ICP_SECTION_BYTES));
    }
  }

  private static FunctionType functionType(WasmModule module, int functionIndex) {
    List<FunctionType> importTypes = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      if (imp instanceof FunctionImport f) {
        importTypes.add(module.typeSection().getType(f.typeIndex()));
      }
    }
    if (functionIndex < importTypes.size()) {
      return importTypes.get(functionIndex);
    }
    return module.functionSection().getFunctionType(functionIndex - importTypes.size(), module.typeSection());
  }

  static String render(FunctionType type) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < type.params().size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(type.params().get(i).name().toLowerCase(java.util.Locale.ROOT));
    }
    sb.append(") -> (");
    for (int i = 0; i < type.returns().size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(type.returns().get(i).name().toLowerCase(java.util.Locale.ROOT));
    }
    return sb.append(")").toString();
  }
}
