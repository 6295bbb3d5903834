package dev.icjava.replica;

import dev.icjava.testkit.Canister;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A canister the server serves: the test-kit canister, and what the state tree says about it
 * (module hash, controllers, {@code icp:public}/{@code icp:private} metadata) and which methods its
 * module exports as queries and updates.
 */
final class ServedCanister {
  final String name;
  final Canister canister;
  final byte[] moduleHash;
  final List<byte[]> controllers;
  /** Section name without its {@code icp:public }/{@code icp:private } prefix → (public?, content). */
  final Map<String, Metadata> metadata = new LinkedHashMap<>();
  final Set<String> queries = new TreeSet<>();
  final Set<String> updates = new TreeSet<>();
  final Set<String> compositeQueries = new TreeSet<>();
  final long installedAt;

  record Metadata(boolean isPublic, byte[] content) {}

  ServedCanister(String name, Canister canister, byte[] wasm, List<byte[]> controllers, long installedAt) {
    this.name = name;
    this.canister = canister;
    this.moduleHash = HashToG1.sha256(wasm);
    this.controllers = List.copyOf(controllers);
    this.installedAt = installedAt;
    // read by hand, not by Chicory: a module with 64-bit memory (Motoko's) is served too
    int pos = 8;
    while (pos < wasm.length) {
      int sectionId = wasm[pos++] & 0xFF;
      long[] size = uleb(wasm, pos);
      pos = (int) size[1];
      int end = (int) Math.min(wasm.length, pos + size[0]);
      if (sectionId == 0) {
        long[] n = uleb(wasm, pos);
        String sectionName = new String(wasm, (int) n[1], (int) n[0], StandardCharsets.UTF_8);
        byte[] content = java.util.Arrays.copyOfRange(wasm, (int) (n[1] + n[0]), end);
        if (sectionName.startsWith("icp:public ")) {
          metadata.put(sectionName.substring("icp:public ".length()), new Metadata(true, content));
        } else if (sectionName.startsWith("icp:private ")) {
          metadata.put(sectionName.substring("icp:private ".length()), new Metadata(false, content));
        }
      } else if (sectionId == 7) {
        long[] count = uleb(wasm, pos);
        int p = (int) count[1];
        for (long i = 0; i < count[0]; i++) {
          long[] n = uleb(wasm, p);
          String e = new String(wasm, (int) n[1], (int) n[0], StandardCharsets.UTF_8);
          p = (int) (n[1] + n[0]) + 1; // the kind byte
          p = (int) uleb(wasm, p)[1]; // the index
          if (e.startsWith("canister_query ")) {
            queries.add(e.substring("canister_query ".length()));
          } else if (e.startsWith("canister_update ")) {
            updates.add(e.substring("canister_update ".length()));
          } else if (e.startsWith("canister_composite_query ")) {
            compositeQueries.add(e.substring("canister_composite_query ".length()));
          }
        }
      }
      pos = end;
    }
  }

  /** An unsigned LEB128 at {@code pos}: its value and the position after it. */
  private static long[] uleb(byte[] b, int pos) {
    long v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int x = b[pos++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        break;
      }
    }
    return new long[] {v, pos};
  }

  byte[] id() {
    return canister.id();
  }

  String candid() {
    Metadata m = metadata.get("candid:service");
    return m == null ? null : new String(m.content(), StandardCharsets.UTF_8);
  }
}
