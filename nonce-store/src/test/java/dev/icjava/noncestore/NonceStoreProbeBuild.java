package dev.icjava.noncestore;

import dev.icjava.testkit.Probes;

/** Builds {@code NonceStoreProbe} with the canister build, once per JVM. */
final class NonceStoreProbeBuild {
  private static byte[] wasm;

  private NonceStoreProbeBuild() {}

  static synchronized byte[] wasm() throws Exception {
    if (wasm == null) {
      wasm = Probes.build("dev.icjava.noncestore.probe.NonceStoreProbe", "nonce-probe");
    }
    return wasm;
  }

  /** The probe's install and upgrade argument: capacity and ring slots. */
  static byte[] geometry(int capacity, int ringSlots) {
    byte[] a = new byte[8];
    System.arraycopy(le32(capacity), 0, a, 0, 4);
    System.arraycopy(le32(ringSlots), 0, a, 4, 4);
    return a;
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }
}
