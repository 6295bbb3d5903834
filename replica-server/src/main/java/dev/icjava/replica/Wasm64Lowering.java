package dev.icjava.replica;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Lowers a module with 64-bit memory (what moc emits for Motoko) to 32-bit memory with binaryen's
 * {@code wasm-opt} (npm {@code binaryen}, in this project's {@code tools/node}), with the flags
 * {@code tools/node/build-motoko.js} uses, so that the local network installs Motoko canisters as
 * icp-cli deploys them. {@code wasm-opt} is found at {@code $ICJAVA_WASM_OPT}, else at {@code
 * tools/node/node_modules/.bin/wasm-opt} of the checkout the replica's classes were built in. The
 * lowering is deterministic, so a journal replays the same canister.
 */
final class Wasm64Lowering implements UnaryOperator<byte[]> {
  static final List<String> FLAGS = List.of("--enable-bulk-memory", "--enable-multivalue", "--enable-reference-types",
      "--enable-sign-ext", "--enable-mutable-globals", "--enable-nontrapping-float-to-int", "--enable-memory64",
      "--memory64-lowering", "--table64-lowering");

  private final Path wasmOpt;

  private Wasm64Lowering(Path wasmOpt) {
    this.wasmOpt = wasmOpt;
  }

  /** The lowering, or null when no {@code wasm-opt} is found (a 64-bit install is then refused with a message). */
  static Wasm64Lowering find() {
    String env = System.getenv("ICJAVA_WASM_OPT");
    if (env != null && !env.isEmpty()) {
      return new Wasm64Lowering(Path.of(env));
    }
    try {
      Path classes = Path.of(Wasm64Lowering.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // replica-server/target/classes -> the checkout's root
      Path root = classes.getParent().getParent().getParent();
      Path candidate = root.resolve("tools/node/node_modules/.bin/wasm-opt");
      return Files.isExecutable(candidate) ? new Wasm64Lowering(candidate) : null;
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public byte[] apply(byte[] wasm) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("icjava-lowering");
      Path in = dir.resolve("in.wasm");
      Path out = dir.resolve("out.wasm");
      Files.write(in, wasm);
      List<String> command = new java.util.ArrayList<>();
      command.add(wasmOpt.toString());
      command.addAll(FLAGS);
      command.addAll(List.of(in.toString(), "-o", out.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("wasm-opt could not lower the 64-bit module: " + output);
      }
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new IllegalStateException("wasm-opt could not be run (" + wasmOpt + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while lowering a 64-bit module", e);
    } finally {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // a temporary directory left behind
        }
      }
    }
  }
}
