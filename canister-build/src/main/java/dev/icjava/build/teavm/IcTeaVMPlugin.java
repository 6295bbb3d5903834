package dev.icjava.build.teavm;

import org.teavm.backend.wasm.TeaVMWasmHost;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * Makes TeaVM's linear-memory Wasm output a canister: host imports of module {@code teavm} are
 * replaced by code over {@code ic0} ({@link RuntimeImportsTransformer}), {@code canister_pre_upgrade}
 * refuses upgrades while inter-canister calls are outstanding ({@link UpgradeGuardTransformer}, before
 * the wrappers are made), every method annotated as a canister entry point gets an exported wrapper
 * that turns uncaught exceptions into traps ({@link EntryPointTransformer}), and the callback entry
 * points of inter-canister calls get their places in the function table ({@link
 * CallbackTableIntrinsic}). Found by TeaVM through {@code META-INF/services}.
 */
public final class IcTeaVMPlugin implements TeaVMPlugin {
  @Override
  public void install(TeaVMHost host) {
    host.add(new RuntimeImportsTransformer());
    host.add(new UpgradeGuardTransformer(host.getProperties().getProperty(UpgradeGuardTransformer.CANISTER_CLASS)));
    host.add(new EntryPointTransformer());
    TeaVMWasmHost wasm = host.getExtension(TeaVMWasmHost.class);
    if (wasm != null) {
      wasm.add(new CallbackTableIntrinsic());
    }
  }
}
