package dev.icjava.noncestore;

import dev.icjava.build.CanisterBuild;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds {@code NonceProbe} with the canister build, once per JVM. */
final class NonceProbeBuild {
  private static byte[] wasm;

  private NonceProbeBuild() {}

  static synchronized byte[] wasm() throws Exception {
    if (wasm == null) {
      Path out = Path.of("target", "probe");
      Files.createDirectories(out);
      Path did = out.resolve("nonce-probe.did");
      Files.writeString(did, "service : {}\n");
      wasm = Files.readAllBytes(new CanisterBuild()
          .canisterClass("dev.icjava.noncestore.probe.NonceProbe")
          .classPath(List.of(new File("target/test-classes"), new File("target/classes")))
          .outputDirectory(out)
          .name("nonce-probe")
          .candid(did)
          .run());
    }
    return wasm;
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }
}
