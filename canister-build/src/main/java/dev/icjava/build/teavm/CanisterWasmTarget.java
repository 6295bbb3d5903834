package dev.icjava.build.teavm;

import org.teavm.backend.wasm.TeaVMWasmHost;
import org.teavm.backend.wasm.WasmTarget;
import org.teavm.model.optimization.InliningFilterFactory;
import org.teavm.vm.TeaVMTargetController;

/**
 * TeaVM's linear-memory Wasm target with one change: failure paths are not inlined into hot code
 * ({@link ColdCodeInliningFilter}).
 *
 * <p>It names {@link TeaVMWasmHost} among its own interfaces: TeaVM finds a target's host extensions
 * by the interfaces its class declares directly ({@code TeaVM.getExtensionTypes}), so without it
 * plugins could not add Wasm intrinsics ({@link CallbackTableIntrinsic}) to a subclass of {@code
 * WasmTarget}.
 */
public final class CanisterWasmTarget extends WasmTarget implements TeaVMWasmHost {
  private TeaVMTargetController controller;

  @Override
  public void setController(TeaVMTargetController controller) {
    super.setController(controller);
    this.controller = controller;
  }

  @Override
  public InliningFilterFactory getInliningFilter() {
    return new ColdCodeInliningFilter(super.getInliningFilter(), controller.getUnprocessedClassSource());
  }
}
