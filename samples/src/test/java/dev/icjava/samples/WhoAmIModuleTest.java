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
import org.junit.jupiter.api.Test;

/**
 * The sample module as the ecosystem's own tools see it: {@code ic-wasm} and wabt's validator, both
 * from npm, which the build installs ({@code npm ci} in {@code tools/node}). Neither is optional: a
 * missing tool fails the test, naming it, rather than skipping it.
 */
class WhoAmIModuleTest {
  static final Path WASM = Sample.directory().resolve("target/whoami.wasm");
  static final Path DID = Sample.directory().resolve("target/whoami.did");
  static final String IC_WASM = "../tools/node/node_modules/@icp-sdk/ic-wasm-linux-x64/bin/ic-wasm";
  static final String VALIDATE = "../tools/node/validate-wasm.js";

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
        // canister_pre_upgrade is the build's guard against upgrading with calls outstanding; the
        // global timer runs the library's timers (the nonce store's seeding), each through the
        // executor, which only the canister itself may call
        List.of("canister_init", "canister_post_upgrade", "canister_query whoAmI",
            "canister_update protectedAction", "canister_update registerBegin", "canister_update registerFinish",
            "canister_query registeredEmail", "canister_pre_upgrade", "canister_global_timer",
            "canister_update <icjava internal> timer"),
        exports);
  }

  @Test
  void shouldMatchItsCandidInterfaceAccordingToIcWasm() throws Exception {
    assertTrue(new File(IC_WASM).canExecute(), IC_WASM + " missing: run npm ci in tools/node (mvn verify does)");
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
    assertTrue(new File("../tools/node/node_modules/wabt").isDirectory(),
        "npm wabt missing: run npm ci in tools/node (mvn verify does)");
    assertEquals("valid", run("node", VALIDATE, WASM.toString()).trim());
  }

  @Test
  void shouldHaveAValidatorThatRefusesAnInvalidModule() throws Exception {
    // two memory sections: a module wabt must refuse, so that "valid" above means something
    Path bad = Path.of("target", "two-memories.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 0, 1, 5, 3, 1, 0, 1});
    Process p = new ProcessBuilder("node", VALIDATE, bad.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor(), out);
    assertTrue(out.contains("multiple Memory sections"), out);
  }

  @Test
  void shouldGenerateTheInterfaceOfTheContract() throws Exception {
    assertEquals("""
        service : {
          protectedAction : () -> (text);
          registerBegin : () -> (blob);
          registerFinish : () -> (text);
          registeredEmail : (principal) -> (opt text) query;
          whoAmI : () -> (text) query;
        }
        """, Files.readString(DID));
  }
}
