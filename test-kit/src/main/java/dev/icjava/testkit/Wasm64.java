package dev.icjava.testkit;

/**
 * Whether a module declares 64-bit memory (the memory section's limits flag 0x04, Wasm 3.0's
 * memory64; what moc emits for Motoko canisters). Chicory runs 32-bit memory only, so the
 * management canister installs such a module through a lowering the replica is given ({@link
 * LocalReplica#setWasm64Lowering}): binaryen's {@code --memory64-lowering}, the module's hash and
 * metadata staying those of the module installed.
 */
final class Wasm64 {
  private Wasm64() {}

  /** True when the module's own memory is 64-bit; false for anything else, malformed modules included. */
  static boolean declaresMemory64(byte[] wasm) {
    int[] pos = {8};
    if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
      return false;
    }
    try {
      while (pos[0] < wasm.length) {
        int id = wasm[pos[0]++] & 0xFF;
        long size = uleb(wasm, pos);
        int end = (int) Math.min(wasm.length, pos[0] + size);
        if (id == 5) {
          long count = uleb(wasm, pos);
          return count > 0 && (wasm[pos[0]] & 0x04) != 0;
        }
        pos[0] = end;
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      return false;
    }
    return false;
  }

  private static long uleb(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int x = b[pos[0]++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    return v;
  }
}
