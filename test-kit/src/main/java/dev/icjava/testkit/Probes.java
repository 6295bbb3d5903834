package dev.icjava.testkit;

import dev.icjava.build.CanisterBuild;
import dev.icjava.build.CanisterBuildException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a test canister ("probe") of the current module: a class of its test sources compiled with
 * the module's classes into {@code target/probe/<name>.wasm}, with an empty Candid interface or,
 * for a canister of typed entry points, the generated one ({@code target/probe/<name>.did}).
 */
public final class Probes {
  private Probes() {}

  /** The module bytes of {@code canisterClass}, built from target/test-classes and target/classes. */
  public static byte[] build(String canisterClass, String name) throws IOException, CanisterBuildException {
    Path out = Path.of("target", "probe");
    Files.createDirectories(out);
    Path did = out.resolve(name + ".did");
    Files.writeString(did, "service : {}\n");
    return Files.readAllBytes(new CanisterBuild()
        .canisterClass(canisterClass)
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name(name)
        .candid(did)
        .checkInterface(false) // a probe's interface is its test's business
        .run());
  }

  /** As {@link #build}, with the Candid interface generated from the typed entry points. */
  public static byte[] buildTyped(String canisterClass, String name) throws IOException, CanisterBuildException {
    Path out = Path.of("target", "probe");
    Files.createDirectories(out);
    return Files.readAllBytes(new CanisterBuild()
        .canisterClass(canisterClass)
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name(name)
        .run());
  }
}
