package dev.icjava.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What the management canister knows of a canister, for the HTTP replica's state tree and for tests
 * (a copy, read at one moment): id, controllers, module hash (null: no module), the installed
 * module's metadata source ({@code wasm}, null when empty), status (1 running, 2 stopping, 3
 * stopped), and the times of its creation and last installation.
 */
public record ManagedCanisterInfo(byte[] id, List<byte[]> controllers, byte[] moduleHash, byte[] wasm, int status,
    long createdAt, long installedAt, Canister canister) {
  static ManagedCanisterInfo of(ManagedCanister m) {
    List<byte[]> cs = new ArrayList<>();
    for (byte[] c : m.controllers) {
      cs.add(c.clone());
    }
    return new ManagedCanisterInfo(m.id.clone(), cs, m.moduleHash == null ? null : m.moduleHash.clone(), m.wasm,
        m.status, m.createdAt, m.installedAt, m.installed);
  }
}
