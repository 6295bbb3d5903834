package dev.icjava.build.teavm;

import org.teavm.model.ClassHierarchy;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;
import org.teavm.model.emit.ValueEmitter;

/** Gives a static method of TeaVM's runtime a new body: a call to another static method with the same parameters. */
final class Delegation {
  private Delegation() {}

  /** {@code method}'s body becomes {@code return target(arguments)}; its old body, if any, is gone. */
  static void replaceBody(MethodHolder method, MethodReference target, ClassHierarchy hierarchy) {
    ProgramEmitter pe = ProgramEmitter.create(method, hierarchy);
    ValueEmitter[] args = new ValueEmitter[method.parameterCount()];
    for (int i = 0; i < args.length; ++i) {
      args[i] = pe.var(i + 1, method.parameterType(i));
    }
    ValueEmitter result = pe.invoke(target, args);
    if (method.getResultType() == ValueType.VOID) {
      pe.exit();
    } else {
      result.returnValue();
    }
  }
}
