package dev.icjava.build.candid;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.asm.ClassReader;
import org.teavm.asm.ClassVisitor;
import org.teavm.asm.Label;
import org.teavm.asm.MethodVisitor;
import org.teavm.asm.Opcodes;
import org.teavm.asm.Type;

/**
 * The string literals a method returns as they are ({@code return caller.isAnonymous() ?
 * "anonymous" : caller.toText();} returns {@code "anonymous"}), read from its bytecode: an {@code
 * ldc} of a string followed by {@code areturn}, directly, through labels, or through a {@code goto}
 * to an {@code areturn}. The glue replies such a literal with its Candid message made once, at
 * instantiation, when the returned string is that very literal (compared by identity: string
 * literals are one object per value, in the JVM as in TeaVM's module), instead of encoding it at
 * every call. Any other string goes the usual way, so a literal found here that is not returned
 * after all costs a comparison, never a wrong reply.
 */
final class ReturnedLiterals {
  /** Literals kept per method: each one's reply is module data and a comparison per call. */
  static final int MAX_LITERALS = 4;
  /** The longest literal replied from a message made at instantiation (its length one LEB128 byte). */
  static final int MAX_LENGTH = 127;

  private ReturnedLiterals() {}

  /** The literals {@code method} may return as they are, in the order of its code; empty when its class cannot be read. */
  static List<String> of(Method method) {
    Class<?> owner = method.getDeclaringClass();
    String resource = owner.getName().replace('.', '/') + ".class";
    ClassLoader loader = owner.getClassLoader();
    byte[] bytes;
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource)) {
      if (in == null) {
        return List.of();
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      return List.of();
    }
    String descriptor = Type.getMethodDescriptor(method);
    Set<String> found = new LinkedHashSet<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        return name.equals(method.getName()) && desc.equals(descriptor) ? new Scanner(found) : null;
      }
    }, ClassReader.SKIP_FRAMES);
    List<String> literals = new ArrayList<>();
    for (String s : found) {
      if (ascii(s) && literals.size() < MAX_LITERALS) {
        literals.add(s);
      }
    }
    return literals;
  }

  /**
   * ASCII, at most {@link #MAX_LENGTH} characters: the message's bytes are then all below 0x80 and
   * pack two to a character of a string constant that is never a surrogate. Other literals are
   * encoded at every call, as any string.
   */
  static boolean ascii(String s) {
    if (s.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Follows each string {@code ldc} to the next instruction: {@code areturn}, or a {@code goto} to one. */
  private static final class Scanner extends MethodVisitor {
    private final Set<String> found;
    /** The string loaded by the last instruction, if it was an {@code ldc}. */
    private String loaded;
    /** Labels visited since the last instruction. */
    private final List<Label> here = new ArrayList<>();
    /** Strings loaded just before a {@code goto} to the label. */
    private final Map<Label, List<String>> viaGoto = new HashMap<>();

    Scanner(Set<String> found) {
      super(Opcodes.ASM9);
      this.found = found;
    }

    private void other() {
      loaded = null;
      here.clear();
    }

    @Override
    public void visitLabel(Label label) {
      here.add(label); // a literal loaded before it falls through to what follows
    }

    @Override
    public void visitLdcInsn(Object value) {
      other();
      loaded = value instanceof String ? (String) value : null;
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      if (opcode == Opcodes.GOTO && loaded != null) {
        viaGoto.computeIfAbsent(label, l -> new ArrayList<>()).add(loaded);
      }
      other();
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.ARETURN) {
        if (loaded != null) {
          found.add(loaded);
        }
        for (Label l : here) {
          found.addAll(viaGoto.getOrDefault(l, List.of()));
        }
      }
      other();
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      other();
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
      other();
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      other();
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      other();
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      other();
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, org.teavm.asm.Handle bsm, Object... args) {
      other();
    }

    @Override
    public void visitIincInsn(int var, int increment) {
      other();
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      other();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      other();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      other();
    }
  }
}
