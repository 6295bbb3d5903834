package dev.icjava.build.teavm;

import dev.icjava.build.candid.CanisterInterface;
import dev.icjava.runtime.internal.EntryPoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.teavm.interop.Export;
import org.teavm.model.AccessLevel;
import org.teavm.model.AnnotationHolder;
import org.teavm.model.AnnotationReader;
import org.teavm.model.AnnotationValue;
import org.teavm.model.BasicBlock;
import org.teavm.model.CallLocation;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.ClassReader;
import org.teavm.model.ClassReaderSource;
import org.teavm.model.ElementModifier;
import org.teavm.model.FieldHolder;
import org.teavm.model.MethodReader;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.Program;
import org.teavm.model.TryCatchBlock;
import org.teavm.model.ValueType;
import org.teavm.model.Variable;
import org.teavm.model.instructions.ExitInstruction;
import org.teavm.model.instructions.InvocationType;
import org.teavm.model.instructions.InvokeInstruction;
import org.teavm.model.instructions.JumpInstruction;

/**
 * For each method annotated with one of the entry-point annotations of {@code dev.icjava.runtime},
 * adds to its class an exported static method named after the IC's export ({@code canister_update
 * m}, {@code canister_init}, ...) whose body is
 *
 * <pre>{@code
 * EntryPoints.enter();
 * try { m(); } catch (Throwable t) { EntryPoints.uncaught(t); }
 * }</pre>
 *
 * <p>A typed entry point (with parameters or a result) is called through the glue the build generated
 * for it ({@link CanisterInterface}): {@code try { Glue.glue$m(); }}, which decodes the argument,
 * calls {@code m} and replies. A lifecycle method that takes parameters or returns a result fails
 * the build with a message naming it.
 *
 * <p>For each {@code @Include} field of the canister class, the annotated public instance methods
 * of the field's type become exports of the canister class, each calling its glue ({@code
 * Glue.glue$<field>$<method>()}, which calls the method on the field's value). Annotated instance
 * methods are only ever exported that way: elsewhere they are left alone (a library's class is
 * loaded whether a canister includes it or not). An {@code @Include} field of any other class than
 * the canister class (a helper, a superclass) would be ignored, so it fails the build. A {@code
 * canister_*} export written by hand with TeaVM's {@code @Export} would bypass the bridge, so it
 * fails the build too.
 */
final class EntryPointTransformer implements ClassHolderTransformer {
  private static final String PACKAGE = "dev.icjava.runtime.";

  /** Annotation simple name, export prefix, whether the annotation carries a method name. */
  private static final String[][] KINDS = {
    {"Query", "canister_query ", "named"},
    {"Update", "canister_update ", "named"},
    {"CompositeQuery", "canister_composite_query ", "named"},
    {"Init", "canister_init", ""},
    {"PreUpgrade", "canister_pre_upgrade", ""},
    {"PostUpgrade", "canister_post_upgrade", ""},
    {"InspectMessage", "canister_inspect_message", ""},
    {"Heartbeat", "canister_heartbeat", ""},
    {"GlobalTimer", "canister_global_timer", ""},
    {"OnLowWasmMemory", "canister_on_low_wasm_memory", ""},
  };

  private static final MethodReference ENTER =
      new MethodReference(EntryPoints.class.getName(), "enter", ValueType.VOID);
  private static final MethodReference UNCAUGHT =
      new MethodReference(
          EntryPoints.class.getName(),
          "uncaught",
          ValueType.object(Throwable.class.getName()),
          ValueType.VOID);

  private static final String INCLUDE = "dev.icjava.runtime.Include";

  /** The canister class's name; null when unknown (then nothing is included). */
  private final String canisterClass;

  EntryPointTransformer(String canisterClass) {
    this.canisterClass = canisterClass;
  }

  @Override
  public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
    List<MethodHolder> wrappers = new ArrayList<>();
    boolean isCanister = cls.getName().equals(canisterClass);
    for (MethodHolder method : cls.getMethods()) {
      AnnotationReader handWritten = method.getAnnotations().get(Export.class.getName());
      if (handWritten != null) {
        String name = handWritten.getValue("name").getString();
        if (name.startsWith("canister_") && !cls.getName().startsWith("org.teavm.")
            && !cls.getName().startsWith("dev.icjava.runtime.internal.")) { // the timer executor has its own bridge
          context
              .getDiagnostics()
              .error(
                  new CallLocation(method.getReference()),
                  "@Export(name = \""
                      + name
                      + "\") bypasses the trap bridge; annotate the method with"
                      + " dev.icjava.runtime.Query, Update, Init, ... instead");
        }
      }
      String exportName = null;
      for (String[] kind : KINDS) {
        AnnotationReader annotation = method.getAnnotations().get(PACKAGE + kind[0]);
        if (annotation == null) {
          continue;
        }
        if (exportName != null) {
          error(context, method, "has more than one entry-point annotation");
        }
        exportName =
            kind[2].isEmpty() ? kind[1] : kind[1] + annotation.getValue("value").getString();
      }
      if (exportName == null) {
        continue;
      }
      if (!method.hasModifier(ElementModifier.STATIC) && !isCanister) {
        continue; // an includable entry point: exported only through an @Include field
      }
      if (!method.hasModifier(ElementModifier.STATIC) || method.getProgram() == null) {
        error(context, method, "must be a static method with a body");
        continue;
      }
      MethodReference target = method.getReference();
      if (method.parameterCount() != 0 || method.getResultType() != ValueType.VOID) {
        // A typed entry point: the build generated glue that decodes, calls and replies.
        target = typedGlue(cls, method, exportName, context);
        if (target == null) {
          continue;
        }
      }
      wrappers.add(wrapper(target, exportName, wrappers.size()));
    }
    for (FieldHolder field : cls.getFields()) {
      if (field.getAnnotations().get(INCLUDE) == null) {
        continue;
      }
      if (isCanister) {
        include(cls, field, context, wrappers);
      } else if (canisterClass != null) {
        // Read nowhere else: without this, the annotation would be ignored without a word.
        context.getDiagnostics().error(null, "@Include field " + cls.getName() + "." + field.getName()
            + " is not in the canister class " + canisterClass + ": only the canister class's own @Include fields"
            + " add entry points; move it there");
      }
    }
    for (MethodHolder wrapper : wrappers) {
      cls.addMethod(wrapper);
    }
  }

  /**
   * Exports the included entry points of {@code field}'s type, each through its glue: among the
   * methods the scan reads ({@code Class.getMethods}: the public instance methods of the type, its
   * superclasses and all its interfaces, a method before those it overrides), the annotated ones.
   */
  private static void include(ClassHolder cls, FieldHolder field, ClassHolderTransformerContext context,
      List<MethodHolder> wrappers) {
    ValueType type = field.getType();
    ClassReaderSource source = context.getHierarchy().getClassSource();
    ClassReader included = type instanceof ValueType.Object o ? source.get(o.getClassName()) : null;
    String glue = CanisterInterface.glueClassName(cls.getName());
    ClassReader glueClass = source.get(glue);
    if (included == null || glueClass == null) {
      context.getDiagnostics().error(null, "@Include field " + cls.getName() + "."
          + field.getName() + ": the build generated no glue for it (" + glue + " not found)");
      return;
    }
    Set<MethodDescriptor> seen = new HashSet<>();
    for (ClassReader c : supertypes(included, source)) {
      for (MethodReader method : c.getMethods()) {
        if (method.hasModifier(ElementModifier.STATIC) || method.getLevel() != AccessLevel.PUBLIC
            || !seen.add(method.getDescriptor())) {
          continue; // not included, or overridden by a method met before
        }
        for (String[] kind : KINDS) {
          AnnotationReader annotation = method.getAnnotations().get(PACKAGE + kind[0]);
          if (annotation == null || kind[2].isEmpty()) {
            continue;
          }
          String name = CanisterInterface.glueMethodName(field.getName(), method.getName());
          if (glueClass.getMethod(new MethodDescriptor(name, ValueType.VOID)) == null) {
            context.getDiagnostics().error(new CallLocation(method.getReference()), "included entry point "
                + method.getReference() + ": the build generated no glue for it (" + glue + "." + name + ")");
            continue;
          }
          wrappers.add(wrapper(new MethodReference(glue, name, ValueType.VOID),
              kind[1] + annotation.getValue("value").getString(), wrappers.size()));
        }
      }
    }
  }

  /** {@code type}, its superclasses, then its interfaces and theirs, breadth first, each once. */
  private static List<ClassReader> supertypes(ClassReader type, ClassReaderSource source) {
    List<ClassReader> out = new ArrayList<>();
    List<String> interfaces = new ArrayList<>();
    for (ClassReader c = type; c != null; c = c.getParent() == null ? null : source.get(c.getParent())) {
      out.add(c);
      interfaces.addAll(c.getInterfaces());
    }
    Set<String> met = new HashSet<>();
    for (int i = 0; i < interfaces.size(); i++) {
      ClassReader c = source.get(interfaces.get(i));
      if (c != null && met.add(c.getName())) {
        out.add(c);
        interfaces.addAll(c.getInterfaces());
      }
    }
    return out;
  }

  /**
   * The glue method the canister build generated for a typed entry point ({@link
   * CanisterInterface}), or null after reporting that there is none: typed entry points are only
   * those of the canister class itself, and only lifecycle-free methods ({@code @Query}, {@code
   * @Update}, {@code @CompositeQuery}) can be typed.
   */
  private static MethodReference typedGlue(
      ClassHolder cls, MethodHolder method, String exportName, ClassHolderTransformerContext context) {
    if (!exportName.startsWith("canister_query ") && !exportName.startsWith("canister_update ")
        && !exportName.startsWith("canister_composite_query ")) {
      error(context, method, "must be a static void method without parameters (only @Query, @Update and"
          + " @CompositeQuery methods can take parameters or return a result)");
      return null;
    }
    String glue = CanisterInterface.glueClassName(cls.getName());
    String name = CanisterInterface.glueMethodName(method.getName());
    ClassReader glueClass = context.getHierarchy().getClassSource().get(glue);
    if (glueClass == null || glueClass.getMethod(new MethodDescriptor(name, ValueType.VOID)) == null) {
      error(context, method, "is a typed entry point, but the build generated no glue for it: typed entry points"
          + " must be declared in the canister class (" + glue + " not found)");
      return null;
    }
    return new MethodReference(glue, name, ValueType.VOID);
  }

  private static void error(
      ClassHolderTransformerContext context, MethodHolder method, String problem) {
    context
        .getDiagnostics()
        .error(
            new CallLocation(method.getReference()),
            "canister entry point " + method.getReference() + " " + problem);
  }

  private static MethodHolder wrapper(MethodReference target, String exportName, int index) {
    MethodHolder wrapper =
        new MethodHolder(new MethodDescriptor("icjava$entry$" + index, ValueType.VOID));
    wrapper.getModifiers().add(ElementModifier.STATIC);
    wrapper.setLevel(AccessLevel.PUBLIC);
    AnnotationHolder export = new AnnotationHolder(Export.class.getName());
    export.getValues().put("name", new AnnotationValue(exportName));
    wrapper.getAnnotations().add(export);

    Program program = new Program();
    program.createVariable(); // variable 0 stands for "this", even in static methods
    BasicBlock start = program.createBasicBlock();
    BasicBlock body = program.createBasicBlock();
    BasicBlock handler = program.createBasicBlock();
    BasicBlock done = program.createBasicBlock();

    start.add(invoke(ENTER));
    start.add(jump(body));

    body.add(invoke(target));
    body.add(jump(done));
    TryCatchBlock tryCatch = new TryCatchBlock();
    tryCatch.setHandler(handler);
    body.getTryCatchBlocks().add(tryCatch);

    Variable exception = program.createVariable();
    handler.setExceptionVariable(exception);
    InvokeInstruction uncaught = invoke(UNCAUGHT);
    uncaught.setArguments(exception);
    handler.add(uncaught);
    handler.add(new ExitInstruction());

    done.add(new ExitInstruction());
    wrapper.setProgram(program);
    return wrapper;
  }

  private static InvokeInstruction invoke(MethodReference method) {
    InvokeInstruction insn = new InvokeInstruction();
    insn.setType(InvocationType.SPECIAL);
    insn.setMethod(method);
    return insn;
  }

  private static JumpInstruction jump(BasicBlock target) {
    JumpInstruction insn = new JumpInstruction();
    insn.setTarget(target);
    return insn;
  }
}
