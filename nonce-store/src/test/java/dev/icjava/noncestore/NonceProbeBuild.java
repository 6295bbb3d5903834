package dev.icjava.noncestore;

import dev.icjava.testkit.Probes;

/** Builds {@code NonceProbe} with the canister build, once per JVM. */
final class NonceProbeBuild {
  private static byte[] wasm;

  private NonceProbeBuild() {}

  static synchronized byte[] wasm() throws Exception {
    if (wasm == null) {
      wasm = Probes.build("dev.icjava.noncestore.probe.NonceProbe", "nonce-probe");
    }
    return wasm;
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }
}
