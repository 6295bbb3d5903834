package dev.icjava.build.teavm;

import java.util.Map;
import org.teavm.ast.InvocationExpr;
import org.teavm.backend.wasm.intrinsics.WasmIntrinsic;
import org.teavm.backend.wasm.intrinsics.WasmIntrinsicFactory;
import org.teavm.backend.wasm.intrinsics.WasmIntrinsicFactoryContext;
import org.teavm.backend.wasm.intrinsics.WasmIntrinsicManager;
import org.teavm.backend.wasm.model.expression.WasmExpression;
import org.teavm.backend.wasm.model.expression.WasmInt32Constant;
import org.teavm.dependency.AbstractDependencyListener;
import org.teavm.dependency.DependencyAgent;
import org.teavm.dependency.DependencyAnalyzer;
import org.teavm.dependency.MethodDependency;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;

/**
 * Puts the runtime's callback entry points in the module's function table and compiles the natives
 * that name them to their table indices: {@code Callbacks.replyFunction()} becomes the constant index
 * of {@code CallbackEntryPoints.reply(int)}, and likewise for {@code reject} and {@code cleanup}. The IC calls a
 * callback through the table ({@code ic0.call_new}'s {@code reply_fun}, a table index of a function
 * of type {@code (env : i32) -> ()}); a static Java method {@code void m(int)} compiles to exactly
 * that type in TeaVM's linear-memory backend.
 *
 * <p>TeaVM 0.13.1's own {@code Function.get} does this for its C backend only; its Wasm backend gives
 * intrinsics the function table ({@code WasmIntrinsicManager.getFunctionPointer}), which is what this
 * uses. Each trampoline is linked as a dependency when the native naming it is reached (a canister
 * that makes no call gets none), so it is compiled although no Java code calls it; Binaryen keeps
 * it, since the table refers to it.
 */
final class CallbackTableIntrinsic implements WasmIntrinsicFactory, WasmIntrinsic {
  static final String CALLBACKS = "dev.icjava.runtime.internal.Callbacks";
  static final String ENTRY_POINTS = "dev.icjava.runtime.internal.CallbackEntryPoints";

  /** Native that names a table index, and the trampoline it names. */
  private static final Map<String, String> TRAMPOLINES =
      Map.of("replyFunction", "reply", "rejectFunction", "reject", "cleanupFunction", "cleanup");

  @Override
  public WasmIntrinsic create(WasmIntrinsicFactoryContext context) {
    return this;
  }

  @Override
  public void contributeDependencies(DependencyAnalyzer analyzer) {
    // The trampolines join the module only when code that makes calls reaches a table index.
    analyzer.addDependencyListener(
        new AbstractDependencyListener() {
          @Override
          public void methodReached(DependencyAgent agent, MethodDependency method) {
            MethodReference reached = method.getReference();
            if (isApplicable(reached)) {
              agent.linkMethod(trampoline(TRAMPOLINES.get(reached.getName()))).use();
            }
          }
        });
  }

  @Override
  public boolean isApplicable(MethodReference method) {
    return method.getClassName().equals(CALLBACKS)
        && TRAMPOLINES.containsKey(method.getName())
        && method.parameterCount() == 0
        && method.getReturnType() == ValueType.INTEGER;
  }

  @Override
  public WasmExpression apply(InvocationExpr invocation, WasmIntrinsicManager manager) {
    MethodReference target = trampoline(TRAMPOLINES.get(invocation.getMethod().getName()));
    return new WasmInt32Constant(manager.getFunctionPointer(manager.getFunctions().forStaticMethod(target)));
  }

  private static MethodReference trampoline(String name) {
    return new MethodReference(ENTRY_POINTS, name, ValueType.INTEGER, ValueType.VOID);
  }
}
