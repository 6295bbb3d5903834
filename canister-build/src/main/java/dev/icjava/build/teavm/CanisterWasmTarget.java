package dev.icjava.build.teavm;

import org.teavm.backend.wasm.WasmTarget;
import org.teavm.model.optimization.InliningFilterFactory;
import org.teavm.vm.TeaVMTargetController;

/**
 * TeaVM's linear-memory Wasm target with one change: failure paths are not inlined into hot code
 * ({@link ColdCodeInliningFilter}).
 */
public final class CanisterWasmTarget extends WasmTarget {
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
