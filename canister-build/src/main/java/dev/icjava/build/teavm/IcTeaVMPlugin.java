package dev.icjava.build.teavm;

import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * Makes TeaVM's linear-memory Wasm output a canister: host imports of module {@code teavm} are
 * replaced by code over {@code ic0} ({@link RuntimeImportsTransformer}), and every method annotated
 * as a canister entry point gets an exported wrapper that turns uncaught exceptions into traps
 * ({@link EntryPointTransformer}). Found by TeaVM through {@code META-INF/services}.
 */
public final class IcTeaVMPlugin implements TeaVMPlugin {
  @Override
  public void install(TeaVMHost host) {
    host.add(new RuntimeImportsTransformer());
    host.add(new EntryPointTransformer());
  }
}
