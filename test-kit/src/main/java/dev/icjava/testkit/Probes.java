package dev.icjava.testkit;

import dev.icjava.testkit.reference.NodeReference;
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
    builder(canisterClass, name).run();
    return read(name);
  }

  /**
   * As {@link #build}, then through Binaryen's {@code wasm-opt -Oz} (npm binaryen, {@code
   * tools/node}), as the samples deploy: what optimization may break shows in the tests.
   */
  public static byte[] buildOptimized(String canisterClass, String name) throws IOException, CanisterBuildException {
    Path wasmOpt = NodeReference.toolsDirectory().toPath().resolve("node_modules/.bin/wasm-opt");
    builder(canisterClass, name).wasmOpt(wasmOpt).run();
    return read(name);
  }

  private static CanisterBuild builder(String canisterClass, String name) throws IOException {
    Path out = Path.of("target", "probe");
    Files.createDirectories(out);
    Path did = out.resolve(name + ".did");
    Files.writeString(did, "service : {}\n");
    return new CanisterBuild()
        .canisterClass(canisterClass)
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name(name)
        .candid(did)
        .checkInterface(false); // a probe's interface is its test's business
  }

  /** As {@link #build}, with the Candid interface generated from the typed entry points. */
  public static byte[] buildTyped(String canisterClass, String name) throws IOException, CanisterBuildException {
    Path out = Path.of("target", "probe");
    Files.createDirectories(out);
    new CanisterBuild()
        .canisterClass(canisterClass)
        .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
        .outputDirectory(out)
        .name(name)
        .run();
    return read(name);
  }

  private static byte[] read(String name) throws IOException {
    return Files.readAllBytes(Path.of("target", "probe", name + ".wasm"));
  }
}
