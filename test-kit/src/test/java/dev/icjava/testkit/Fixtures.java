package dev.icjava.testkit;

import dev.icjava.testkit.reference.MotokoBuild;
import dev.icjava.build.CanisterBuild;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Canisters the tests run, built once per JVM: one by TeaVM through this project, one by moc. */
final class Fixtures {
  static final Path OUT = Path.of("target", "fixtures");

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
              .checkInterface(false)
              .run();
      teavmProbe = Files.readAllBytes(wasm);
    }
    return teavmProbe;
  }

  /** {@code src/test/motoko/Probe.mo} compiled by npm motoko and lowered to 32-bit memory. */
  static synchronized byte[] motokoProbe() {
    if (motokoProbe == null) {
      MotokoBuild.Built built = MotokoBuild.build(Path.of("src/test/motoko/Probe.mo"), OUT, "probe-motoko");
      motokoProbe = built.lowered();
      motokoProbeRaw = built.emitted();
    }
    return motokoProbe;
  }

  /** The Motoko probe as moc emitted it (wasm64). */
  static synchronized byte[] motokoProbeAsEmitted() {
    motokoProbe();
    return motokoProbeRaw;
  }
}
