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
 *
 * <p>The module is the working directory, where surefire runs tests, unless system property {@code
 * icjava.module.dir} names it: a runner started by {@code exec:java} runs in Maven's own process,
 * whose working directory is wherever Maven was started (the root, for a reactor build).
 */
public final class Probes {
  private Probes() {}

  /**
   * The module whose probes these are: {@code icjava.module.dir}, or the working directory.
   *
   * @return the module's directory
   */
  public static Path moduleDirectory() {
    return Path.of(System.getProperty("icjava.module.dir", "")).toAbsolutePath().normalize();
  }

  /**
   * The module bytes of {@code canisterClass}, built from target/test-classes and target/classes.
   *
   * @param canisterClass the canister class's binary name
   * @param name the module's name: it is written to {@code target/probe/<name>.wasm}
   * @return the module's bytes
   * @throws IOException when a file cannot be read or written
   * @throws CanisterBuildException when the build fails
   */
  public static byte[] build(String canisterClass, String name) throws IOException, CanisterBuildException {
    builder(canisterClass, name).run();
    return read(name);
  }

  /**
   * As {@link #build}, then through Binaryen's {@code wasm-opt -Oz} (npm binaryen, {@code
   * tools/node}), as the samples deploy: what optimization may break shows in the tests.
   *
   * @param canisterClass the canister class's binary name
   * @param name the module's name: it is written to {@code target/probe/<name>.wasm}
   * @return the module's bytes
   * @throws IOException when a file cannot be read or written
   * @throws CanisterBuildException when the build fails
   */
  public static byte[] buildOptimized(String canisterClass, String name) throws IOException, CanisterBuildException {
    Path wasmOpt = NodeReference.toolsDirectory().toPath().resolve("node_modules/.bin/wasm-opt");
    builder(canisterClass, name).wasmOpt(wasmOpt).run();
    return read(name);
  }

  private static CanisterBuild builder(String canisterClass, String name) throws IOException {
    Path out = moduleDirectory().resolve("target/probe");
    Files.createDirectories(out);
    Path did = out.resolve(name + ".did");
    Files.writeString(did, "service : {}\n");
    return new CanisterBuild()
        .canisterClass(canisterClass)
        .classPath(classPath())
        .outputDirectory(out)
        .name(name)
        .candid(did)
        .checkInterface(false); // a probe's interface is its test's business
  }

  /**
   * As {@link #build}, with the Candid interface generated from the typed entry points.
   *
   * @param canisterClass the canister class's binary name
   * @param name the module's name: it is written to {@code target/probe/<name>.wasm}
   * @return the module's bytes
   * @throws IOException when a file cannot be read or written
   * @throws CanisterBuildException when the build fails
   */
  public static byte[] buildTyped(String canisterClass, String name) throws IOException, CanisterBuildException {
    Path out = moduleDirectory().resolve("target/probe");
    Files.createDirectories(out);
    new CanisterBuild()
        .canisterClass(canisterClass)
        .classPath(classPath())
        .outputDirectory(out)
        .name(name)
        .run();
    return read(name);
  }

  private static List<File> classPath() {
    Path module = moduleDirectory();
    return List.of(module.resolve("target/test-classes").toFile(), module.resolve("target/classes").toFile());
  }

  private static byte[] read(String name) throws IOException {
    return Files.readAllBytes(moduleDirectory().resolve("target/probe").resolve(name + ".wasm"));
  }
}
