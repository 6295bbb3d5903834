package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.CanisterBuild;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code @StaticInit} initializer that reads an environment variable: the build warns, and the
 * replica, like the IC, refuses the install, since the start function may not call {@code
 * ic0.env_var_*} (the spec's {@code *} excludes it).
 */
class StaticInitProbeTest {
  @Test
  void shouldWarnAtBuildAndFailTheInstallAsTheIcWould() throws Exception {
    Path out = Fixtures.OUT.resolve("static-init");
    Files.createDirectories(out);
    Path did = out.resolve("in.did");
    Files.writeString(did, "service : { greeting : () -> (text) query }\n");
    CanisterBuild build = new CanisterBuild()
        .canisterClass("dev.icjava.testkit.probe.StaticInitProbe")
        .classPath(List.of(new File("target/test-classes")))
        .outputDirectory(out)
        .name("static-init")
        .candid(did);
    byte[] wasm = Files.readAllBytes(build.run());
    // SystemApi.envVar calls three entries, each named once, in name order
    assertEquals(3, build.warnings().size(), build.warnings().toString());
    assertTrue(build.warnings().get(0).contains("reaches ic0.env_var_name_exists"), build.warnings().get(0));
    assertTrue(build.warnings().get(2).contains("reaches ic0.env_var_value_size"), build.warnings().get(2));
    CanisterInstallException e = assertThrows(CanisterInstallException.class, () -> new LocalReplica().install(wasm));
    assertEquals("the start function trapped: \"ic0_env_var_name_exists\" cannot be executed in start mode", e.getMessage());
  }
}
