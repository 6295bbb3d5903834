package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.IcModuleValidator;
import dev.icjava.build.wasm.WasmSections;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sample module as the ecosystem's own tools see it: {@code ic-wasm} (npm, installed by the
 * build) and {@code wasm-validate} (Debian's wabt, installed by CI).
 */
class WhoAmIModuleTest {
  static final Path WASM = Path.of("target/whoami.wasm");
  static final Path DID = Path.of("target/whoami.did");
  static final String IC_WASM = "../tools/node/node_modules/@icp-sdk/ic-wasm-linux-x64/bin/ic-wasm";

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + " failed:\n" + out);
    return out;
  }

  @Test
  void shouldImportOnlyIc0AndExportOnlyTheInterfaceMethods() throws Exception {
    byte[] bytes = Files.readAllBytes(WASM);
    assertEquals(List.of(), IcModuleValidator.validate(bytes));
    List<String> exports = new ArrayList<>();
    for (Exports.Entry e : Exports.read(WasmSections.parse(bytes))) {
      exports.add(e.name());
    }
    assertEquals(
        List.of("canister_init", "canister_post_upgrade", "canister_query whoAmI", "canister_update protectedAction",
            "canister_update registerBegin", "canister_update registerFinish"),
        exports);
  }

  @Test
  void shouldMatchItsCandidInterfaceAccordingToIcWasm() throws Exception {
    Assumptions.assumeTrue(new File(IC_WASM).canExecute(), "npm packages not installed");
    // lifecycle hooks are not in the Candid interface: listed, one per line, in whoami.hidden
    String out = run(IC_WASM, WASM.toString(), "check-endpoints", "--candid", DID.toString(),
        "--hidden", "src/main/candid/whoami.hidden");
    assertTrue(out.contains("match"), out);
    String info = run(IC_WASM, WASM.toString(), "info");
    assertTrue(info.contains("icp:public candid:service"), info);
    assertTrue(info.contains("canister_query whoAmI"), info);
  }

  @Test
  void shouldPassWabtValidation() throws Exception {
    Assumptions.assumeTrue(onPath("wasm-validate"), "wabt not installed (CI installs it)");
    run("wasm-validate", WASM.toString());
  }

  @Test
  void shouldShipTheInterfaceFileBesideTheModule() throws Exception {
    assertEquals(
        Files.readString(Path.of("src/main/candid/whoami.did")), Files.readString(DID));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      if (new File(dir, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
