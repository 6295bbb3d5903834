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
import org.teavm.model.instructions.ExitInstruction;
import org.teavm.model.instructions.InvocationType;
import org.teavm.model.instructions.InvokeInstruction;

/**
 * Makes {@code canister_pre_upgrade} refuse an upgrade while inter-canister calls are outstanding
 * (unless the canister is stopped): {@code Callbacks.beforeUpgrade()} runs first in it. The IC would
 * deliver those calls' responses to the new module, whose heap no longer holds their continuations
 * and whose table may hold other functions at the callbacks' indices (see {@code
 * dev.icjava.runtime.internal.Callbacks}).
 *
 * <p>In the canister class, a method annotated {@code @PreUpgrade} gets the call prepended to its
 * body; a class without one gets a method {@code icjava$preUpgrade} annotated {@code @PreUpgrade}
 * that only makes the call, which {@link EntryPointTransformer} (registered after this one) then
 * exports like any other. The canister class is the one the build names; without that name, every
 * class with entry points is treated as the canister class.
 */
final class UpgradeGuardTransformer implements ClassHolderTransformer {
  /** The TeaVM property that names the canister class. */
  static final String CANISTER_CLASS = "icjava.canisterClass";

  private static final String PACKAGE = "dev.icjava.runtime.";
  private static final String PRE_UPGRADE = PACKAGE + "PreUpgrade";
  private static final String[] ENTRY_POINTS = {
    "Query", "Update", "CompositeQuery", "Init", "PreUpgrade", "PostUpgrade", "InspectMessage", "Heartbeat",
    "GlobalTimer", "OnLowWasmMemory",
  };
  static final MethodReference GUARD =
      new MethodReference(CallbackTableIntrinsic.CALLBACKS, "beforeUpgrade", ValueType.VOID);

  private final String canisterClass;

  UpgradeGuardTransformer(String canisterClass) {
    this.canisterClass = canisterClass;
  }

  @Override
  public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
    if (canisterClass != null ? !cls.getName().equals(canisterClass) : !hasEntryPoint(cls)) {
      return;
    }
    for (MethodHolder method : cls.getMethods()) {
      if (method.getAnnotations().get(PRE_UPGRADE) != null) {
        Program program = method.getProgram();
        if (program != null && program.basicBlockCount() > 0) {
          // EntryPointTransformer reports a @PreUpgrade method without a body.
          program.basicBlockAt(0).addFirst(guardCall());
        }
        return;
      }
    }
    MethodHolder guard = new MethodHolder(new MethodDescriptor("icjava$preUpgrade", ValueType.VOID));
    guard.getModifiers().add(ElementModifier.STATIC);
    guard.setLevel(AccessLevel.PUBLIC);
    guard.getAnnotations().add(new AnnotationHolder(PRE_UPGRADE));
    Program program = new Program();
    program.createVariable(); // variable 0 stands for "this", even in static methods
    BasicBlock block = program.createBasicBlock();
    block.add(guardCall());
    block.add(new ExitInstruction());
    guard.setProgram(program);
    cls.addMethod(guard);
  }

  static boolean hasEntryPoint(ClassHolder cls) {
    for (MethodHolder method : cls.getMethods()) {
      for (String annotation : ENTRY_POINTS) {
        if (method.getAnnotations().get(PACKAGE + annotation) != null) {
          return true;
        }
      }
    }
    return false;
  }

  private static InvokeInstruction guardCall() {
    InvokeInstruction insn = new InvokeInstruction();
    insn.setType(InvocationType.SPECIAL);
    insn.setMethod(GUARD);
    return insn;
  }
}
