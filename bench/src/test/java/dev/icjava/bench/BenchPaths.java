package dev.icjava.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every path the benchmark and its tests read or write, resolved from one place: the bench module's
 * directory. {@code exec:java} runs the benchmark inside Maven's process, whose working directory is
 * wherever Maven was started (the repository root, for the README's command), while surefire runs
 * the tests in the module; so no path here is relative to the working directory.
 *
 * <p>The module is system property {@code icjava.bench.dir} when set (the {@code -Pbench} profile sets
 * it), else found from the working directory: the module itself, or a directory above it that holds
 * {@code bench/} (the repository root).
 */
public final class BenchPaths {
  private static Path module;

  private BenchPaths() {}

  /** The bench module's directory, absolute. */
  public static synchronized Path module() {
    if (module == null) {
      module = find();
    }
    return module;
  }

  private static Path find() {
    String property = System.getProperty("icjava.bench.dir");
    if (property != null) {
      Path dir = Path.of(property).toAbsolutePath().normalize();
      if (!isModule(dir)) {
        throw new IllegalStateException("icjava.bench.dir=" + property + " is not the bench module");
      }
      return dir;
    }
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (isModule(dir)) {
        return dir;
      }
      if (isModule(dir.resolve("bench"))) {
        return dir.resolve("bench");
      }
    }
    throw new IllegalStateException("no bench module at or above " + start + " (set icjava.bench.dir)");
  }

  private static boolean isModule(Path dir) {
    return Files.isRegularFile(dir.resolve("peer-motoko/WhoAmI.mo")) && Files.isRegularFile(dir.resolve("pom.xml"));
  }

  /** The repository's root: the bench module's parent. */
  public static Path root() {
    return module().getParent();
  }

  /** {@code bench/target/<name>}: the modules this build made, and what the benchmark writes. */
  public static Path target(String name) {
    return module().resolve("target").resolve(name);
  }

  /** {@code bench/peer-motoko/<name>}: the Motoko peers. */
  public static Path peer(String name) {
    return module().resolve("peer-motoko").resolve(name);
  }

  /** DFINITY's Motoko library identity-attributes, as test-kit keeps it (its source and licence). */
  public static Path identityAttributesLibrary() {
    return root().resolve("test-kit/src/test/motoko/identity-attributes/src");
  }

  /** Internet Identity's test vectors, as the attributes module keeps them. */
  public static Path internetIdentityVectors() {
    return root().resolve("attributes/src/test/resources/ii-test-vectors/icrc3-test-vectors.json");
  }

  /** binaryen's {@code wasm-opt}, installed by {@code npm ci} in {@code tools/node}. */
  public static Path wasmOpt() {
    return root().resolve("tools/node/node_modules/.bin/wasm-opt");
  }

  /** The hand-written interface of the hand-tuned and plain whoami. */
  public static Path whoamiDid() {
    return module().resolve("src/main/candid/whoami.did");
  }

  /** {@code read(target(name))}. */
  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
