package dev.icjava.build.teavm;

import org.teavm.dependency.AbstractDependencyListener;
import org.teavm.dependency.DependencyAgent;
import org.teavm.dependency.MethodDependency;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;

/**
 * Links the library timers' executor ({@code dev.icjava.runtime.internal.TimerExecutor.execute},
 * exported as {@code canister_update <icjava internal> timer}) when code that sets a timer ({@code
 * TimerQueue.schedule}) is reached, and only then: the queue runs each timer in a call to that
 * method, and a canister that never sets a timer has no use for the export. Nothing in Java calls
 * the executor; TeaVM compiles and exports it because it is linked here.
 */
final class TimerExecutorLinker extends AbstractDependencyListener {
  static final String QUEUE = "dev.icjava.runtime.internal.TimerQueue";
  static final MethodReference EXECUTE =
      new MethodReference("dev.icjava.runtime.internal.TimerExecutor", "execute", ValueType.VOID);

  @Override
  public void methodReached(DependencyAgent agent, MethodDependency method) {
    MethodReference reached = method.getReference();
    if (reached.getClassName().equals(QUEUE) && reached.getName().equals("schedule")) {
      agent.linkMethod(EXECUTE).use();
    }
  }
}
