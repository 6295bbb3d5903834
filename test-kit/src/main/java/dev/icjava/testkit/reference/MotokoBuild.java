package dev.icjava.testkit.reference;

import dev.icjava.testkit.InstallOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a Motoko canister with npm {@code motoko} (moc in Node, with mo:core bundled), through
 * {@code tools/node/build-motoko.js}: the module as moc emits it (wasm64, what a user installs and
 * pays for) and the same module lowered to 32-bit memory by binaryen, which the local replica runs
 * with {@link InstallOptions#lowered64()}.
 */
public final class MotokoBuild {
  /** The two forms of one built canister. */
  public record Built(byte[] emitted, byte[] lowered) {}

  private MotokoBuild() {}

  /**
   * Compiles {@code source} into {@code outDir}/{@code name}.wasm and {@code name}.lowered.wasm.
   *
   * @param source the Motoko source
   * @param outDir where to write the modules
   * @param name the modules' name
   * @return the built modules
   */
  public static Built build(Path source, Path outDir, String name) {
    return build(source, outDir, name, Map.of());
  }

  /**
   * As {@link #build(Path, Path, String)}, with Motoko packages besides mo:core: each entry makes the
   * {@code .mo} files under its directory (a mops package's {@code src/}) importable as {@code
   * mo:<name>}.
   *
   * @param source the Motoko source
   * @param outDir where to write the modules
   * @param name the modules' name
   * @param packages further packages, by name
   * @return the built modules
   */
  public static Built build(Path source, Path outDir, String name, Map<String, Path> packages) {
    Path script = NodeReference.toolsDirectory().toPath().resolve("build-motoko.js");
    try {
      Files.createDirectories(outDir);
      List<String> command = new ArrayList<>(List.of("node", script.toString(), source.toString(), outDir.toString(), name));
      for (Map.Entry<String, Path> p : packages.entrySet()) {
        command.add(p.getKey() + "=" + p.getValue());
      }
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("building " + source + " with moc failed:\n" + output);
      }
      return new Built(
          Files.readAllBytes(outDir.resolve(name + ".wasm")),
          Files.readAllBytes(outDir.resolve(name + ".lowered.wasm")));
    } catch (IOException e) {
      throw new IllegalStateException("building " + source + " with moc failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + source, e);
    }
  }
}
