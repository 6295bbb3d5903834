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

  @Test
  void shouldRejectInstructionsOfProposalsTheIcKeepsOff() {
    TestModule tail = valid();
    tail.function(NONE, NONE, new byte[] {0x12, 0x03}); // return_call 3
    List<Violation> v = check(tail);
    assertOnly("wasm-feature", "function", v);
    assertTrue(v.get(0).message().contains("tail calls"), v.toString());
    TestModule atomics = valid();
    atomics.function(NONE, NONE, new byte[] {(byte) 0xfe, 0x03, 0x00}); // atomic.fence
    v = check(atomics);
    assertOnly("wasm-feature", "function", v);
    assertTrue(v.get(0).message().contains("threads"), v.toString());
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
