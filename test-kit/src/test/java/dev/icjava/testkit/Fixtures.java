package dev.icjava.testkit;

import dev.icjava.build.CanisterBuild;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Canisters the tests run, built once per JVM: one by TeaVM through this project, one by moc. */
final class Fixtures {
  static final Path OUT = Path.of("target", "fixtures");
  static final Path NODE_TOOLS = Path.of("..", "tools", "node");

  private static byte[] teavmProbe;
  private static byte[] motokoProbe;
  private static byte[] motokoProbeRaw;

  private Fixtures() {}

  /** {@code probe.Probe} compiled by {@link CanisterBuild}. */
  static synchronized byte[] teavmProbe() throws Exception {
    if (teavmProbe == null) {
      Path did = OUT.resolve("probe-src.did");
      Files.createDirectories(OUT);
      Files.writeString(did, "service : {}\n", StandardCharsets.UTF_8);
      Path wasm =
          new CanisterBuild()
              .canisterClass("dev.icjava.testkit.probe.Probe")
              .classPath(List.of(new File("target/test-classes")))
              .outputDirectory(OUT)
              .name("probe")
              .candid(did)
              .run();
      teavmProbe = Files.readAllBytes(wasm);
    }
    return teavmProbe;
  }

  /** {@code src/test/motoko/Probe.mo} compiled by npm motoko and lowered to 32-bit memory. */
  static synchronized byte[] motokoProbe() throws Exception {
    if (motokoProbe == null) {
      buildMotoko("src/test/motoko/Probe.mo", "probe-motoko");
      motokoProbe = Files.readAllBytes(OUT.resolve("probe-motoko.lowered.wasm"));
      motokoProbeRaw = Files.readAllBytes(OUT.resolve("probe-motoko.wasm"));
    }
    return motokoProbe;
  }

  /** The Motoko probe as moc emitted it (wasm64). */
  static synchronized byte[] motokoProbeAsEmitted() throws Exception {
    motokoProbe();
    return motokoProbeRaw;
  }

  static void buildMotoko(String source, String name) throws IOException, InterruptedException {
    Path script = NODE_TOOLS.resolve("build-motoko.js");
    if (!Files.isDirectory(NODE_TOOLS.resolve("node_modules/motoko"))) {
      throw new IllegalStateException(
          "npm packages missing: run `npm ci` in tools/node (mvn does it in generate-test-resources)");
    }
    Process p =
        new ProcessBuilder("node", script.toString(), source, OUT.toString(), name)
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("building " + source + " with moc failed:\n" + output);
    }
  }
}
