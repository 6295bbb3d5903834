package dev.icjava.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.IcModuleValidator;
import dev.icjava.build.wasm.WasmSections;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build from Java classes to an IC module, on small fixture canisters. */
class CanisterBuildTest {
  @TempDir Path out;

  private Path build(String simpleName) throws Exception {
    return builder(simpleName).run();
  }

  private CanisterBuild builder(String simpleName) throws Exception {
    Path did = out.resolve("in.did");
    Files.writeString(did, "service : { hello : () -> (text) query; touch : () -> (text) }\n");
    return new CanisterBuild()
        .canisterClass("dev.icjava.build.fixtures." + simpleName)
        .classPath(List.of(new File("target/test-classes")))
        .outputDirectory(out)
        .name("c")
        .candid(did);
  }

  @Test
  void shouldWarnWhenAStaticInitInitializerReachesAnEntryTheStartFunctionMayNotCall() throws Exception {
    // the fixture exports only hello: the shared .did's touch is not its interface
    CanisterBuild b = builder("TimeInStaticInit").checkInterface(false);
    b.run();
    List<String> warnings = b.warnings();
    assertEquals(1, warnings.size(), warnings.toString());
    String w = warnings.get(0);
    assertTrue(w.startsWith("@StaticInit class dev.icjava.build.fixtures.TimeInStaticInit$Constants: its initializer,"
        + " run in the start function, reaches ic0.time"), w);
    assertTrue(w.contains("SystemApi.time -> dev.icjava.runtime.Ic0.time"), w);
    // stable64_size, which the start function may call, is not named
    assertTrue(!w.contains("stable64_size"), w);
  }

  @Test
  void shouldNotWarnForACanisterWithoutSuchInitializers() throws Exception {
    CanisterBuild b = builder("Minimal");
    b.run();
    assertEquals(List.of(), b.warnings());
  }

  @Test
  void shouldWriteAModuleWithOnlyIc0ImportsEntryPointExportsAndTheCandidSection() throws Exception {
    Path wasm = build("Minimal");
    byte[] bytes = Files.readAllBytes(wasm);
    assertEquals(List.of(), IcModuleValidator.validate(bytes));
    WasmSections module = WasmSections.parse(bytes);
    // canister_pre_upgrade: the build's guard, refusing upgrades while calls are outstanding;
    // canister_global_timer: the build's, which runs the library's timers
    assertEquals(
        List.of("canister_global_timer", "canister_init", "canister_pre_upgrade", "canister_query hello",
            "canister_update touch"),
        Exports.read(module).stream().map(Exports.Entry::name).sorted().toList());
    String candid = null;
    for (WasmSections.Section s : module.sections()) {
      if ("icp:public candid:service".equals(s.customName())) {
        byte[] p = s.payload();
        int nameLength = "icp:public candid:service".length();
        candid = new String(p, 1 + nameLength, p.length - 1 - nameLength, StandardCharsets.UTF_8);
      }
    }
    assertEquals(Files.readString(out.resolve("in.did")), candid);
    assertEquals(candid, Files.readString(out.resolve("c.did")));
  }

  @Test
  void shouldFailNamingTheRuleAndTheImportThatTheIcWouldRefuse() {
    CanisterBuildException e = assertThrows(CanisterBuildException.class, () -> build("ForeignImport"));
    assertEquals("import-module", e.violations().get(0).rule());
    assertTrue(e.getMessage().contains("import env.host_random"), e.getMessage());
    assertTrue(Files.notExists(out.resolve("c.wasm")), "no module is written when the build fails");
  }

  @Test
  void shouldRefuseHandWrittenCanisterExports() {
    CanisterBuildException e = assertThrows(CanisterBuildException.class, () -> build("HandWrittenExport"));
    assertTrue(e.getMessage().contains("bypasses the trap bridge"), e.getMessage());
  }

  @Test
  void shouldRefuseLifecycleHooksWithParameters() {
    CanisterBuildException e =
        assertThrows(CanisterBuildException.class, () -> build("EntryPointWithParameter"));
    assertTrue(e.getMessage().contains("must be a static void method without parameters (only @Query, @Update and"
        + " @CompositeQuery methods"), e.getMessage());
  }

  @Test
  void shouldRefuseImpossibleHeapSizes() {
    CanisterBuildException e =
        assertThrows(
            CanisterBuildException.class,
            () ->
                new CanisterBuild()
                    .canisterClass("x")
                    .outputDirectory(out)
                    .name("c")
                    .candid(out)
                    .minHeapSize(2 << 20)
                    .maxHeapSize(1 << 20)
                    .run());
    assertTrue(e.getMessage().contains("heap sizes"), e.getMessage());
  }
}
