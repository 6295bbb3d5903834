package dev.icjava.testkit;

import dev.icjava.testkit.IcCandid.Value;
import dev.icjava.testkit.ManagementCanister.Refused;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code canister_settings} of a creation or an update (ic.did), read and validated
 * before anything changes (at most 10 controllers, a compute allocation up to 100, no repeated
 * environment variable), then applied to a {@link ManagedCanister} and its installed module.
 */
final class ManagementSettings {
  List<byte[]> controllers;
  BigInteger compute;
  BigInteger memory;
  BigInteger freezing;
  BigInteger reserved;
  BigInteger wasmLimit;
  BigInteger wasmThreshold;
  BigInteger logMemory;
  Integer logVisibility;
  List<byte[]> viewers;
  Map<String, String> environment;

  static ManagementSettings read(Value s) throws Refused {
    ManagementSettings out = new ManagementSettings();
    if (s == null) {
      return out;
    }
    if (s.isNull()) {
      throw new IllegalArgumentException("no settings record");
    }
    Value c = s.field("controllers").opt();
    if (c != null) {
      if (c.size() > 10) {
        throw new Refused(ManagementErrors.invalidSettings("Invalid settings: 'controllers' length exceeds maximum"
            + " size allowed of 10."));
      }
      out.controllers = new ArrayList<>();
      for (int i = 0; i < c.size(); i++) {
        out.controllers.add(c.element(i).principal());
      }
    }
    out.compute = nat(s, "compute_allocation");
    if (out.compute != null && out.compute.compareTo(BigInteger.valueOf(100)) > 0) {
      throw new Refused(ManagementErrors.invalidSettings("ComputeAllocation expected to be in the range [0..100], got "
          + out.compute));
    }
    out.memory = nat(s, "memory_allocation");
    out.freezing = nat(s, "freezing_threshold");
    out.reserved = nat(s, "reserved_cycles_limit");
    out.wasmLimit = nat(s, "wasm_memory_limit");
    out.wasmThreshold = nat(s, "wasm_memory_threshold");
    out.logMemory = nat(s, "log_memory_limit");
    Value lv = s.field("log_visibility").opt();
    if (lv != null) {
      out.logVisibility = lv.is("controllers") ? 0 : lv.is("public") ? 1 : 2;
      out.viewers = new ArrayList<>();
      if (out.logVisibility == 2) {
        Value v = lv.caseValue();
        for (int i = 0; i < v.size(); i++) {
          out.viewers.add(v.element(i).principal());
        }
      }
    }
    Value env = s.field("environment_variables").opt();
    if (env != null) {
      out.environment = new LinkedHashMap<>();
      for (int i = 0; i < env.size(); i++) {
        Value e = env.element(i);
        String name = e.field("name").text();
        if (out.environment.put(name, e.field("value").text()) != null) {
          throw new Refused(ManagementErrors.invalidSettings("Duplicate environment variables are not allowed: "
              + name + "."));
        }
      }
    }
    return out;
  }

  private static BigInteger nat(Value s, String name) {
    Value v = s.field(name).opt();
    return v == null ? null : v.nat();
  }

  void applyTo(ManagedCanister m) {
    if (controllers != null) {
      m.controllers = List.copyOf(controllers);
      if (m.installed != null) {
        m.installed.setControllers(controllers);
      }
    }
    if (compute != null) {
      m.computeAllocation = compute;
    }
    if (memory != null) {
      m.memoryAllocation = memory;
    }
    if (freezing != null) {
      m.freezingThreshold = freezing;
    }
    if (reserved != null) {
      m.reservedCyclesLimit = reserved;
    }
    if (wasmLimit != null) {
      m.wasmMemoryLimit = wasmLimit;
    }
    if (wasmThreshold != null) {
      m.wasmMemoryThreshold = wasmThreshold;
    }
    if (logMemory != null) {
      m.logMemoryLimit = logMemory;
    }
    if ((wasmLimit != null || wasmThreshold != null) && m.installed != null) {
      m.installed.setWasmMemory(ManagementCanister.clamp(m.wasmMemoryLimit), ManagementCanister.clamp(m.wasmMemoryThreshold));
    }
    if (logVisibility != null) {
      m.logVisibility = logVisibility;
      m.allowedViewers = List.copyOf(viewers);
    }
    if (environment != null) {
      m.environment = new LinkedHashMap<>(environment);
      if (m.installed != null) {
        m.installed.updateEnvironment(environment);
      }
    }
  }
}
