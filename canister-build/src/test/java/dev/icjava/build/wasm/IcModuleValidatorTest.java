package dev.icjava.build.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One hand-made module per rule, each breaking exactly that rule, plus modules that pass. */
class IcModuleValidatorTest {
  static final int[] NONE = {};
  static final int[] I32_I32 = {TestModule.I32, TestModule.I32};

  /** A module the IC accepts: ic0 imports with exact types, method and lifecycle exports. */
  static TestModule valid() {
    return valid(m -> {});
  }

  /** {@link #valid()} with {@code imports} adding imports first (imports number functions first). */
  static TestModule valid(java.util.function.Consumer<TestModule> imports) {
    TestModule m = new TestModule();
    imports.accept(m);
    m.importFunction("ic0", "msg_reply", NONE, NONE);
    m.importFunction("ic0", "msg_reply_data_append", I32_I32, NONE);
    m.importFunction("ic0", "stable64_grow", new int[] {TestModule.I64}, new int[] {TestModule.I64});
    int f = m.function();
    m.exportFunction("canister_query get", f);
    m.exportFunction("canister_update set", m.function());
    m.exportFunction("canister_init", m.function());
    m.exportFunction("helper", m.function(new int[] {TestModule.I32}, NONE, new byte[0]));
    m.export("memory", 2, 0);
    m.global(TestModule.I32, new byte[] {0x41, 0x00});
    m.data(new byte[] {0x41, 0x10}, new byte[] {1, 2, 3});
    m.custom("icp:public candid:service", "service : {}");
    m.custom("icp:private notes", "x");
    m.custom("notes", "not an icp section");
    return m;
  }

  static List<Violation> check(TestModule m) {
    return IcModuleValidator.validate(m.bytes());
  }

  static void assertOnly(String rule, String itemFragment, List<Violation> violations) {
    assertEquals(1, violations.size(), violations.toString());
    assertEquals(rule, violations.get(0).rule(), violations.toString());
    assertTrue(violations.get(0).item().contains(itemFragment), violations.toString());
  }

  @Test
  void shouldAcceptAModuleThatFollowsEveryRule() {
    assertEquals(List.of(), check(valid()));
  }

  @Test
  void shouldRejectImportsFromOtherModules() {
    assertOnly("import-module", "teavm.logString", check(valid(m -> m.importFunction("teavm", "logString", new int[] {TestModule.I32}, NONE))));
  }

  @Test
  void shouldRejectNonFunctionImports() {
    assertOnly("import-kind", "ic0.memory", check(valid().memories(0).importMemory("ic0", "memory")));
  }

  @Test
  void shouldRejectUnknownSystemApiFunctions() {
    assertOnly("import-unknown", "ic0.msg_caller_info", check(valid(m -> m.importFunction("ic0", "msg_caller_info", NONE, NONE))));
  }

  @Test
  void shouldRejectSystemApiFunctionsWithAnotherSignature() {
    List<Violation> v = check(valid(m -> m.importFunction("ic0", "msg_caller_size", NONE, new int[] {TestModule.I64})));
    assertOnly("import-signature", "ic0.msg_caller_size", v);
    assertTrue(v.get(0).message().contains("() -> (i32)"), v.toString());
  }

  @Test
  void shouldAcceptSixtyFourBitPointersOnlyWhereTheModuleSaysSo() {
    TestModule m = new TestModule();
    m.importFunction("ic0", "msg_caller_size", NONE, new int[] {TestModule.I64});
    m.exportFunction("canister_query q", m.function());
    assertEquals(List.of(), IcModuleValidator.validate(m.bytes(), true));
    assertOnly("import-signature", "msg_caller_size", IcModuleValidator.validate(m.bytes(), false));
  }

  @Test
  void shouldRejectEntryPointsThatAreNotUnitFunctions() {
    TestModule m = valid();
    m.exportFunction("canister_update withArgs", m.function(I32_I32, NONE, new byte[0]));
    assertOnly("export-method-signature", "canister_update withArgs", check(m));
    TestModule g = valid();
    g.export("canister_heartbeat", 3, 0);
    assertOnly("export-method-signature", "canister_heartbeat", check(g));
  }

  @Test
  void shouldRejectReservedAndUnknownCanisterExports() {
    TestModule m = valid();
    m.exportFunction("canister_start", m.function());
    assertOnly("export-reserved", "canister_start", check(m));
    TestModule n = valid();
    n.exportFunction("canister_frobnicate", n.function());
    assertOnly("export-reserved", "canister_frobnicate", check(n));
  }

  @Test
  void shouldRejectOneMethodNameExportedAsTwoKinds() {
    TestModule m = valid();
    m.exportFunction("canister_update get", m.function());
    assertOnly("export-duplicate-method", "canister_update get", check(m));
  }

  @Test
  void shouldRejectTooManyExportedFunctions() {
    TestModule m = valid();
    int f = m.function();
    for (int i = 0; i < IcModuleValidator.MAX_EXPORTED_FUNCTIONS; i++) {
      m.exportFunction("f" + i, f);
    }
    assertOnly("export-limits", "exports", check(m));
  }

  @Test
  void shouldRejectNonNumericGlobals() {
    assertOnly("global-type", "global 1", check(valid().tables(1).global(TestModule.FUNCREF, new byte[] {(byte) 0xd0, 0x70})));
  }

  @Test
  void shouldRejectTooManyGlobals() {
    TestModule m = valid();
    for (int i = 0; i < IcModuleValidator.MAX_GLOBALS; i++) {
      m.global(TestModule.I32, new byte[] {0x41, 0x01});
    }
    assertOnly("global-count", "globals", check(m));
  }

  @Test
  void shouldRejectASecondMemoryOrTable() {
    assertOnly("memory-count", "memories", check(valid().memories(2)));
    assertOnly("table-count", "tables", check(valid().tables(2)));
  }

  @Test
  void shouldRejectDataSegmentsWithComputedOffsets() {
    // offset = global.get 0
    assertOnly("data-offset", "data segment 1", check(valid().data(new byte[] {0x23, 0x00}, new byte[] {9})));
  }

  // Wasm proposals, one test each. The IC validates with wasmtime's config from dfinity/ic
  // rs/embedders/src/wasm_utils/validation.rs (wasmtime_validation_config): gc, function
  // references, multi-memory and relaxed SIMD off; tail calls on (pull request 2826, 2024-11-26);
  // extended-const off explicitly since wasmtime 25 turned it on (pull request 1847, 2024-10-04);
  // exception handling off explicitly since wasmtime 47 turned it on (pull request 10994,
  // 2026-08-03: "It is not supported on the IC"); threads off by wasmtime's default (the IC's own
  // test_initial_wasmtime_config in rs/embedders/src/wasmtime_embedder/tests.rs, at 07e64a33,
  // expects "threads must be enabled"); SIMD on (its instructions have costs in
  // rs/embedders/src/wasm_utils/instrumentation.rs, at 002d5530).

  static void assertFeature(String itemFragment, String proposal, List<Violation> v) {
    assertTrue(
        v.stream().anyMatch(x -> x.rule().equals("wasm-feature") && x.item().contains(itemFragment) && x.message().contains(proposal)),
        () -> "expected a wasm-feature violation of " + itemFragment + " naming " + proposal + ": " + v);
    assertTrue(v.stream().allMatch(x -> x.rule().equals("wasm-feature")), v::toString);
  }

  @Test
  void shouldRejectExceptionHandlingNamingTheSectionOrInstruction() {
    TestModule thrower = valid();
    thrower.tag(thrower.type(NONE, NONE));
    thrower.function(NONE, NONE, new byte[] {0x08, 0x00}); // throw 0
    List<Violation> v = check(thrower);
    assertFeature("tag section", "exception handling", v);
    assertFeature("function", "THROW", v);
    assertEquals(2, v.size(), v.toString());

    TestModule tryTable = valid();
    tryTable.function(NONE, NONE, new byte[] {0x1f, 0x40, 0x00, 0x0b}); // try_table (no catch) end
    assertFeature("function", "TRY_TABLE", check(tryTable));

    TestModule throwRef = valid();
    throwRef.function(NONE, NONE, new byte[] {(byte) 0xd0, 0x69, 0x0a}); // ref.null exn; throw_ref
    assertFeature("function", "exception handling", check(throwRef));

    TestModule legacy = valid();
    legacy.function(NONE, NONE, new byte[] {0x06, 0x40, 0x19, 0x0b}); // try; catch_all; end
    assertFeature("code", "exception handling", check(legacy));

    TestModule imported = valid(m -> m.importTag("env", "failure", m.type(NONE, NONE)));
    assertFeature("import env.failure", "exception handling", check(imported));

    TestModule exported = valid();
    exported.tag(exported.type(NONE, NONE));
    exported.export("failure", 4, 0);
    List<Violation> e = check(exported);
    assertFeature("export \"failure\"", "exception handling", e);
    assertFeature("tag section", "exception handling", e);

    TestModule exnParam = valid().rawType(new byte[] {0x60, 0x01, 0x69, 0x00}); // (func (param exnref))
    assertFeature("type 4", "exception handling", check(exnParam));
  }

  @Test
  void shouldRejectThreads() {
    TestModule atomics = valid();
    atomics.function(NONE, NONE, new byte[] {(byte) 0xfe, 0x03, 0x00}); // atomic.fence
    assertFeature("function", "threads", check(atomics));
  }

  @Test
  void shouldRejectGarbageCollectionTypesAndInstructions() {
    TestModule struct = valid();
    struct.rawType(new byte[] {0x5f, 0x01, 0x7f, 0x00}); // (struct (field i32))
    assertFeature("type 4", "garbage collection", check(struct));

    TestModule structNew = valid();
    structNew.rawType(new byte[] {0x5f, 0x01, 0x7f, 0x00});
    int structType = 4; // after the valid module's four function types
    structNew.function(NONE, NONE, new byte[] {0x41, 0x01, (byte) 0xfb, 0x00, (byte) structType, 0x1a});
    List<Violation> v = check(structNew);
    assertFeature("function", "STRUCT_NEW", v);
  }

  @Test
  void shouldRejectTypedFunctionReferences() {
    TestModule typed = valid().rawType(new byte[] {0x60, 0x01, 0x64, 0x00, 0x00}); // (func (param (ref 0)))
    assertFeature("type 4", "typed function references", check(typed));

    TestModule callRef = valid();
    int u = callRef.type(NONE, NONE);
    callRef.function(NONE, NONE, new byte[] {(byte) 0xd2, 0x03, 0x14, (byte) u}); // ref.func 3; call_ref $u
    assertFeature("function", "CALL_REF", check(callRef));
  }

  @Test
  void shouldRejectRelaxedSimd() {
    TestModule relaxed = valid();
    byte[] zero = new byte[18];
    zero[0] = (byte) 0xfd; // v128.const 0
    zero[1] = 0x0c;
    byte[] code = new byte[3 * 18 + 4];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(zero, 0, code, 18 * i, 18);
    }
    code[54] = (byte) 0xfd; // f64x2.relaxed_madd (0xfd 0x107)
    code[55] = (byte) 0x87;
    code[56] = 0x02;
    code[57] = 0x1a; // drop
    relaxed.function(NONE, NONE, code);
    assertFeature("code", "relaxed SIMD", check(relaxed));
  }

  @Test
  void shouldRejectExtendedConstantExpressions() {
    TestModule global = valid().global(TestModule.I32, new byte[] {0x41, 0x00, 0x41, 0x00, 0x6a}); // i32.add
    assertFeature("global 1", "extended constant expressions", check(global));
  }

  @Test
  void shouldRejectAComponent() {
    List<Violation> v = IcModuleValidator.validate(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
    assertOnly("wasm-feature", "module", v);
    assertTrue(v.get(0).message().contains("component model"), v.toString());
  }

  @Test
  void shouldAcceptTailCallsAndSimdWhichTheIcEnables() {
    TestModule tail = valid();
    tail.function(NONE, NONE, new byte[] {0x12, 0x03}); // return_call 3
    assertEquals(List.of(), check(tail));
    TestModule simd = valid();
    byte[] code = new byte[2 * 18 + 4];
    for (int i = 0; i < 2; i++) {
      code[18 * i] = (byte) 0xfd; // v128.const 0
      code[18 * i + 1] = 0x0c;
    }
    code[36] = (byte) 0xfd; // i32x4.add (0xfd 0xae)
    code[37] = (byte) 0xae;
    code[38] = 0x01;
    code[39] = 0x1a; // drop
    simd.function(NONE, NONE, code);
    assertEquals(List.of(), check(simd));
  }

  @Test
  void shouldRejectTooManyFunctions() {
    TestModule m = valid();
    for (int i = 0; i < IcModuleValidator.MAX_FUNCTIONS; i++) {
      m.function();
    }
    assertOnly("function-count", "functions", check(m));
  }

  @Test
  void shouldRejectAFunctionOfMoreThanAMillionInstructions() {
    TestModule m = valid();
    byte[] nops = new byte[IcModuleValidator.MAX_INSTRUCTIONS_PER_FUNCTION + 1];
    java.util.Arrays.fill(nops, (byte) 0x01);
    m.function(NONE, NONE, nops);
    assertOnly("function-size", "function", check(m));
  }

  @Test
  void shouldRejectACodeSectionOverTenMebibytes() {
    TestModule m = valid();
    byte[] nops = new byte[900_000];
    java.util.Arrays.fill(nops, (byte) 0x01);
    for (int i = 0; i < 12; i++) {
      m.function(NONE, NONE, nops);
    }
    assertOnly("code-section-size", "code section", check(m));
  }

  @Test
  void shouldRejectBadlyNamedDuplicateOrTooManyIcpSections() {
    assertOnly("custom-section-name", "icp:candid", check(valid().custom("icp:candid", "x")));
    assertOnly("custom-section-duplicate", "icp:public notes", check(valid().custom("icp:public notes", "y")));
    TestModule m = valid();
    for (int i = 0; i < IcModuleValidator.MAX_ICP_SECTIONS; i++) {
      m.custom("icp:private extra" + i, "z");
    }
    assertOnly("custom-section-limits", "custom sections", check(m));
    assertOnly(
        "custom-section-limits",
        "custom sections",
        check(valid().custom("icp:private big", "x".repeat(IcModuleValidator.MAX_ICP_SECTION_BYTES))));
  }

  @Test
  void shouldReportBytesThatAreNotAModule() {
    assertOnly("wasm-malformed", "module", IcModuleValidator.validate(new byte[] {0, 'a', 's', 'n', 1, 0, 0, 0}));
    byte[] truncated = java.util.Arrays.copyOf(valid().bytes(), 40);
    assertEquals("wasm-malformed", IcModuleValidator.validate(truncated).get(0).rule());
  }
}
