package dev.icjava.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's benchmark command runs {@link Bench} inside Maven's process, whose working directory
 * is the repository root; a path resolved against the working directory once broke its last tables
 * there ({@code NoSuchFileException: target/profiles.wasm}). This runs the benchmark's entry point in a
 * JVM of its own with the working directory at the root, on a tiny scenario (one call per table, a
 * few sign-ins), and checks that it ends well and prints every table.
 */
class BenchFromRootTest {
  static final List<String> TABLES = List.of(
      "== whoami: Java (the samples' whoami) beside Motoko",
      "== The same contract in plain Java",
      "System API charges on the IC's counter",
      "bytes as built (Java: TeaVM + wasm-opt -Oz; moc)",
      "== identity-attributes: the profile store",
      "profiles.wasm (TeaVM + wasm-opt -Oz)",
      "== Seeding the samples' nonce store from raw_rand",
      "registerBegin anonymous before the timer ran",
      "== Evicting a user's unbound nonce",
      "== 3 consecutive sign-ins",
      "MOTOKO     registerFinish IC");

  @Test
  void shouldPrintEveryTableWhenRunFromTheRepositoryRoot() throws Exception {
    Path root = BenchPaths.root();
    assertTrue(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("bench")), root + "");
    Path log = BenchPaths.target("bench-from-root.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Bench.class.getName(), "tiny")
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the tiny benchmark did not end in 10 minutes");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "exit status, output:\n" + output);
    for (String table : TABLES) {
      assertTrue(output.contains(table), "no \"" + table + "\" in the output:\n" + output);
    }
    assertTrue(!new File(root.toFile(), "target/profiles.wasm").exists(), "nothing read or written at the root's target");
  }
}
