package dev.icjava.build.teavm;

import org.teavm.interop.Import;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.ClassReader;
import org.teavm.model.ElementModifier;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReader;

/**
 * Gives each native method of TeaVM's {@code WasmSupport} that has a same-signature counterpart in
 * {@link IcRuntimeSupport} a body that calls the counterpart, and drops its {@code @Import}. TeaVM
 * then emits no import from module {@code teavm} for it. Natives without a counterpart keep their
 * import, and the module validator fails the build naming it.
 */
final class RuntimeImportsTransformer implements ClassHolderTransformer {
  static final String WASM_SUPPORT = "org.teavm.backend.wasm.runtime.WasmSupport";

  @Override
  public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
    if (!cls.getName().equals(WASM_SUPPORT)) {
      return;
    }
    ClassReader replacement = context.getHierarchy().getClassSource().get(IcRuntimeSupport.class.getName());
    for (MethodHolder method : cls.getMethods()) {
      if (!method.hasModifier(ElementModifier.NATIVE)) {
        continue;
      }
      MethodReader target = replacement.getMethod(method.getDescriptor());
      if (target == null) {
        continue;
      }
      method.getModifiers().remove(ElementModifier.NATIVE);
      method.getAnnotations().remove(Import.class.getName());
      Delegation.replaceBody(method, target.getReference(), context.getHierarchy());
    }
  }
}
