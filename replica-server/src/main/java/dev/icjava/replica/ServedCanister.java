package dev.icjava.replica;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
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
    WasmModule m = Parser.parse(wasm);
    for (CustomSection s : m.customSections()) {
      if (s instanceof UnknownCustomSection u) {
        if (u.name().startsWith("icp:public ")) {
          metadata.put(u.name().substring("icp:public ".length()), new Metadata(true, u.bytes()));
        } else if (u.name().startsWith("icp:private ")) {
          metadata.put(u.name().substring("icp:private ".length()), new Metadata(false, u.bytes()));
        }
      }
    }
    for (int i = 0; i < m.exportSection().exportCount(); i++) {
      String e = m.exportSection().getExport(i).name();
      if (e.startsWith("canister_query ")) {
        queries.add(e.substring("canister_query ".length()));
      } else if (e.startsWith("canister_update ")) {
        updates.add(e.substring("canister_update ".length()));
      } else if (e.startsWith("canister_composite_query ")) {
        compositeQueries.add(e.substring("canister_composite_query ".length()));
      }
    }
  }

  byte[] id() {
    return canister.id();
  }

  String candid() {
    Metadata m = metadata.get("candid:service");
    return m == null ? null : new String(m.content(), StandardCharsets.UTF_8);
  }
}
