package dev.icjava.build.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.WasmSections;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Probes;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IC's own tooling agrees with the generated interface: {@code ic-wasm check-endpoints} (npm
 * {@code @icp-sdk/ic-wasm}) finds every exported method in the generated {@code .did} and every
 * method of the {@code .did} exported, for a canister of typed methods beside a lifecycle hook
 * ({@code fixtures.Typed}) and for the mapping probe (methods named by Candid keywords, quoted;
 * recursive and named types). The samples' own typed whoami is checked the same way in its module.
 */
class GeneratedInterfaceEndpointsTest {
  @ParameterizedTest
  @ValueSource(strings = {"dev.icjava.build.typed.fixtures.Typed", "dev.icjava.build.typed.TypedMappingProbe"})
  void shouldPassIcWasmCheckEndpoints(String canisterClass) throws Exception {
    String name = "endpoints-" + canisterClass.substring(canisterClass.lastIndexOf('.') + 1);
    byte[] wasm = Probes.buildTyped(canisterClass, name);
    Path probe = Path.of("target", "probe");
    Path hidden = probe.resolve(name + ".hidden");
    // the lifecycle hooks it exports are not Candid methods
    StringBuilder hooks = new StringBuilder();
    for (Exports.Entry e : Exports.read(WasmSections.parse(wasm))) {
      if (!e.name().startsWith("canister_query ") && !e.name().startsWith("canister_update ")
          && !e.name().startsWith("canister_composite_query ")) {
        hooks.append(e.name()).append('\n');
      }
    }
    Files.writeString(hidden, hooks.toString());
    File icWasm = new File(NodeReference.toolsDirectory(), "node_modules/@icp-sdk/ic-wasm-linux-x64/bin/ic-wasm");
    Process p = new ProcessBuilder(icWasm.getPath(), probe.resolve(name + ".wasm").toString(), "check-endpoints",
        "--candid", probe.resolve(name + ".did").toString(), "--hidden", hidden.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output + "\n" + Files.readString(probe.resolve(name + ".did")));
  }
}
