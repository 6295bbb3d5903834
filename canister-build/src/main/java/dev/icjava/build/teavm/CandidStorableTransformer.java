package dev.icjava.build.teavm;

import dev.icjava.build.candid.CandidStorables;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;

/**
 * Makes {@code Storable.candid(Class)} (stable-structures) return the Storables the build generated
 * for the canister's {@code Storable.candid(X.class)} calls: its body becomes {@code return
 * <Canister>__CandidStorables.of(type)} ({@link CandidStorables}). Without that class (no call was
 * found) the method keeps its body, which throws saying that the build generates it.
 */
final class CandidStorableTransformer implements ClassHolderTransformer {
  private static final String STORABLE = "dev.icjava.stable.Storable";
  private static final ValueType CLASS = ValueType.object("java.lang.Class");
  private static final ValueType STORABLE_TYPE = ValueType.object(STORABLE);

  /** The canister class's name; null when unknown (then nothing is replaced). */
  private final String canisterClass;

  CandidStorableTransformer(String canisterClass) {
    this.canisterClass = canisterClass;
  }

  @Override
  public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
    if (canisterClass == null || !cls.getName().equals(STORABLE)) {
      return;
    }
    MethodHolder method = cls.getMethod(new MethodDescriptor("candid", CLASS, STORABLE_TYPE));
    String generated = CandidStorables.className(canisterClass);
    if (method == null || context.getHierarchy().getClassSource().get(generated) == null) {
      return;
    }
    Delegation.replaceBody(method, new MethodReference(generated, "of", CLASS, STORABLE_TYPE), context.getHierarchy());
  }
}
