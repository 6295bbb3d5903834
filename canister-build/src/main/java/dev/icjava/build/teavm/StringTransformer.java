package dev.icjava.build.teavm;

import org.teavm.interop.StaticInit;
import org.teavm.model.AnnotationHolder;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;

/**
 * Strings without copies in TeaVM's output (issue 18). TeaVM 0.13.1's {@code String} keeps a
 * {@code char[]} in a field {@code characters} (added by its {@code DefaultStringTransformer}); the
 * library reaches it through {@code dev.icjava.runtime.internal.StringInternals}, whose two methods get new
 * bodies here:
 *
 * <ul>
 *   <li>{@code borrow(String)}: reads the field, where the JVM body copies the characters;
 *   <li>{@code adopt(char[])}: calls {@code String.fromArray(char[])}, TeaVM's own package-private
 *       constructor that takes the array without copying.
 * </ul>
 *
 * <p>And {@code String.toCharArray()}, which TeaVM writes as a loop of bounds-checked {@code
 * charAt} calls (about 25 instructions a character), becomes {@code StringInternals.copyOf}: one
 * allocation and one {@code memory.copy}.
 */
final class StringTransformer implements ClassHolderTransformer {
  static final String STRING_INTERNALS = "dev.icjava.runtime.internal.StringInternals";
  private static final ValueType STRING = ValueType.object("java.lang.String");
  private static final ValueType CHARS = ValueType.arrayOf(ValueType.CHARACTER);

  @Override
  public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
    if (cls.getName().equals(STRING_INTERNALS)) {
      MethodHolder borrow = cls.getMethod(new MethodDescriptor("borrow", STRING, CHARS));
      if (borrow != null) {
        ProgramEmitter pe = ProgramEmitter.create(borrow, context.getHierarchy());
        pe.var(1, STRING).getField("characters", CHARS).returnValue();
      }
      MethodHolder adopt = cls.getMethod(new MethodDescriptor("adopt", CHARS, STRING));
      if (adopt != null) {
        ProgramEmitter pe = ProgramEmitter.create(adopt, context.getHierarchy());
        pe.invoke(new MethodReference("java.lang.String", "fromArray", CHARS, STRING), pe.var(1, CHARS))
            .returnValue();
      }
    } else if (cls.getName().equals("java.lang.String")) {
      // Initialised in the start function, like the project's own @StaticInit classes: a query's
      // changes are discarded, so a lazily initialised String class was initialised again (about
      // 120 instructions) in every query that made a string.
      if (cls.getAnnotations().get(StaticInit.class.getName()) == null) {
        cls.getAnnotations().add(new AnnotationHolder(StaticInit.class.getName()));
      }
      MethodHolder toCharArray = cls.getMethod(new MethodDescriptor("toCharArray", CHARS));
      if (toCharArray != null && toCharArray.getProgram() != null) {
        ProgramEmitter pe = ProgramEmitter.create(toCharArray, context.getHierarchy());
        pe.invoke(new MethodReference(STRING_INTERNALS, "copyOf", STRING, CHARS), pe.var(0, STRING))
            .returnValue();
      }
    }
  }
}
