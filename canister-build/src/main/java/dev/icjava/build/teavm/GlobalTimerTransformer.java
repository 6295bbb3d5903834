package dev.icjava.build.teavm;

import org.teavm.model.AccessLevel;
import org.teavm.model.AnnotationHolder;
import org.teavm.model.BasicBlock;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.ElementModifier;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.Program;
import org.teavm.model.ValueType;
import org.teavm.model.Variable;
import org.teavm.model.instructions.BranchingCondition;
import org.teavm.model.instructions.BranchingInstruction;
import org.teavm.model.instructions.ExitInstruction;
import org.teavm.model.instructions.InvocationType;
import org.teavm.model.instructions.InvokeInstruction;
import org.teavm.model.instructions.JumpInstruction;

/**
 * Gives every canister a {@code canister_global_timer} that runs the library's timers ({@code
 * dev.icjava.runtime.Timers}, queued in {@code dev.icjava.runtime.internal.TimerQueue}) and then,
 * when its deadline ({@code SystemApi.globalTimerSet}) has passed, the canister's own {@code
 * @GlobalTimer} method: the canister class gets a method {@code icjava$globalTimer} annotated
 * {@code @GlobalTimer},
 *
 * <pre>{@code
 * if (TimerQueue.fire()) userTimer(); // the call only when the class has a @GlobalTimer method
 * }</pre>
 *
 * <p>and its own {@code @GlobalTimer} method loses the annotation, so that {@link
 * EntryPointTransformer} (registered after this one) exports the new method, inside its trap bridge,
 * as the only {@code canister_global_timer}. A {@code @GlobalTimer} method that is not {@code static
 * void} without parameters is left alone, for {@link EntryPointTransformer} to report. The canister
 * class is found as {@link UpgradeGuardTransformer} finds it.
 */
final class GlobalTimerTransformer implements ClassHolderTransformer {
  private static final String GLOBAL_TIMER = "dev.icjava.runtime.GlobalTimer";
  static final MethodReference FIRE =
      new MethodReference("dev.icjava.runtime.internal.TimerQueue", "fire", ValueType.BOOLEAN);

  private final String canisterClass;

  GlobalTimerTransformer(String canisterClass) {
    this.canisterClass = canisterClass;
  }

  @Override
  public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
    if (canisterClass != null ? !cls.getName().equals(canisterClass) : !UpgradeGuardTransformer.hasEntryPoint(cls)) {
      return;
    }
    MethodHolder user = null;
    for (MethodHolder method : cls.getMethods()) {
      if (method.getAnnotations().get(GLOBAL_TIMER) != null) {
        if (!method.hasModifier(ElementModifier.STATIC) || method.parameterCount() != 0
            || method.getResultType() != ValueType.VOID || method.getProgram() == null) {
          return; // EntryPointTransformer reports it
        }
        user = method;
      }
    }
    if (user != null) {
      user.getAnnotations().remove(GLOBAL_TIMER);
    }
    MethodHolder timer = new MethodHolder(new MethodDescriptor("icjava$globalTimer", ValueType.VOID));
    timer.getModifiers().add(ElementModifier.STATIC);
    timer.setLevel(AccessLevel.PUBLIC);
    timer.getAnnotations().add(new AnnotationHolder(GLOBAL_TIMER));
    Program program = new Program();
    program.createVariable(); // variable 0 stands for "this", even in static methods
    BasicBlock start = program.createBasicBlock();
    InvokeInstruction fire = invoke(FIRE);
    start.add(fire);
    if (user == null) {
      start.add(new ExitInstruction());
    } else {
      Variable due = program.createVariable();
      fire.setReceiver(due);
      BasicBlock call = program.createBasicBlock();
      BasicBlock done = program.createBasicBlock();
      BranchingInstruction branch = new BranchingInstruction(BranchingCondition.NOT_EQUAL);
      branch.setOperand(due);
      branch.setConsequent(call);
      branch.setAlternative(done);
      start.add(branch);
      call.add(invoke(user.getReference()));
      JumpInstruction jump = new JumpInstruction();
      jump.setTarget(done);
      call.add(jump);
      done.add(new ExitInstruction());
    }
    timer.setProgram(program);
    cls.addMethod(timer);
  }

  private static InvokeInstruction invoke(MethodReference method) {
    InvokeInstruction insn = new InvokeInstruction();
    insn.setType(InvocationType.SPECIAL);
    insn.setMethod(method);
    return insn;
  }
}
