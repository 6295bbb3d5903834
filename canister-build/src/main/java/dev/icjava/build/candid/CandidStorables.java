package dev.icjava.build.candid;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.teavm.asm.ClassReader;
import org.teavm.asm.ClassVisitor;
import org.teavm.asm.MethodVisitor;
import org.teavm.asm.Opcodes;
import org.teavm.asm.Type;

/**
 * The {@code Storable.candid(X.class)} calls of a canister (stable-structures): found in the class
 * files the canister class reaches through their constant pools, transitively, in the class path's
 * directories and jars (so not in another canister of the same module, nor in tests), each
 * {@code X} mapped as typed methods map it ({@link JavaCandidMapping#mapClass}), and the source of
 * the class that implements them ({@link GlueSource#storables}), {@code <Canister>__CandidStorables}
 * in the canister's package. The build makes that class's {@code of(Class)} the body of {@code
 * Storable.candid}.
 *
 * <p>A call whose argument is not a class literal cannot be generated for, and fails the build
 * naming the method that makes it; a class literal of a type with no Candid form fails it naming the
 * type.
 */
public final class CandidStorables {
  static final String STORABLE = "dev/icjava/stable/Storable";
  static final String METHOD = "candid";
  static final String DESCRIPTOR = "(Ljava/lang/Class;)Ldev/icjava/stable/Storable;";

  private final String canisterClass;
  private final JavaCandidMapping mapping;
  private final List<Shape> roots;

  private CandidStorables(String canisterClass, JavaCandidMapping mapping, List<Shape> roots) {
    this.canisterClass = canisterClass;
    this.mapping = mapping;
    this.roots = roots;
  }

  /** The binary name of the generated class for {@code canisterClass}. */
  public static String className(String canisterClass) {
    return canisterClass + "__CandidStorables";
  }

  /**
   * Finds the calls in the class files of {@code classPath} the canister class reaches, loads each named
   * class with {@code loader} and maps it. Throws {@link IllegalArgumentException} with a message for
   * a call without a class literal or a type with no Candid form.
   */
  public static CandidStorables find(String canisterClass, List<File> classPath, ClassLoader loader)
      throws IOException {
    // The classes the canister class may use (its constant pools, transitively, over the class path):
    // a module's other canisters and its tests are not this canister's business.
    TreeMap<String, String> literals = new TreeMap<>(); // class name -> where first met, sorted: reproducible
    try (ClassFiles classes = new ClassFiles(classPath)) {
      ArrayDeque<String> todo = new ArrayDeque<>();
      Set<String> reached = new HashSet<>();
      String start = canisterClass.replace('.', '/');
      todo.add(start);
      reached.add(start);
      while (!todo.isEmpty()) {
        byte[] bytes = classes.get(todo.poll());
        if (bytes == null) {
          continue; // the JDK's, or not on the class path
        }
        for (String ref : references(bytes)) {
          if (reached.add(ref)) {
            todo.add(ref);
          }
        }
        if (mentionsStorable(bytes)) {
          scan(bytes, literals);
        }
      }
    }
    String pkg = canisterClass.lastIndexOf('.') < 0 ? "" : canisterClass.substring(0, canisterClass.lastIndexOf('.'));
    JavaCandidMapping mapping = new JavaCandidMapping(pkg, true);
    List<Shape> roots = new ArrayList<>();
    for (var e : literals.entrySet()) {
      Class<?> c;
      try {
        c = Class.forName(e.getKey(), false, loader);
      } catch (ClassNotFoundException | LinkageError x) {
        throw new IllegalArgumentException("Storable.candid(" + e.getKey() + ".class) in " + e.getValue()
            + ": cannot load the class: " + x, x);
      }
      try {
        roots.add(mapping.mapClass(c));
      } catch (JavaCandidMapping.UnsupportedTypeException x) {
        throw new IllegalArgumentException("Storable.candid(" + c.getName() + ".class) in " + e.getValue()
            + ": the type has no Candid form: " + x.getMessage(), x);
      }
    }
    return new CandidStorables(canisterClass, mapping, roots);
  }

  /** Whether no call was found (then nothing is generated). */
  public boolean isEmpty() {
    return roots.isEmpty();
  }

  /** The Java source of {@link #className}. */
  public String source() {
    int dot = canisterClass.lastIndexOf('.');
    String pkg = dot < 0 ? "" : canisterClass.substring(0, dot);
    String simple = className(canisterClass).substring(dot + 1);
    return GlueSource.storables(pkg, simple, mapping.shapes(), roots);
  }

  /** Class files by internal name from a class path's directories and jars, read when asked for. */
  private static final class ClassFiles implements AutoCloseable {
    private final List<Object> roots = new ArrayList<>(); // Path or JarFile
    private final Map<String, byte[]> read = new HashMap<>();

    ClassFiles(List<File> classPath) throws IOException {
      for (File f : classPath) {
        if (f.isDirectory()) {
          roots.add(f.toPath());
        } else if (f.isFile() && f.getName().endsWith(".jar")) {
          roots.add(new JarFile(f));
        }
      }
    }

    /** The class file of {@code name}, the first on the class path; null if none. */
    byte[] get(String name) throws IOException {
      if (read.containsKey(name)) {
        return read.get(name);
      }
      byte[] bytes = null;
      for (Object root : roots) {
        if (root instanceof Path dir) {
          Path file = dir.resolve(name + ".class");
          if (Files.isRegularFile(file)) {
            bytes = Files.readAllBytes(file);
            break;
          }
        } else {
          JarFile jar = (JarFile) root;
          JarEntry entry = jar.getJarEntry(name + ".class");
          if (entry != null) {
            try (InputStream in = jar.getInputStream(entry)) {
              bytes = in.readAllBytes();
            }
            break;
          }
        }
      }
      read.put(name, bytes);
      return bytes;
    }

    @Override
    public void close() throws IOException {
      for (Object root : roots) {
        if (root instanceof JarFile jar) {
          jar.close();
        }
      }
    }
  }

  private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([^;<>]+)[;<]");

  /**
   * The internal names a class file's constant pool mentions: its UTF-8 entries as they are (class
   * entries name classes so) and the classes in descriptors and signatures ({@code Lpkg/Name;}).
   */
  static Set<String> references(byte[] b) {
    Set<String> out = new HashSet<>();
    int count = u2(b, 8);
    int i = 10;
    for (int k = 1; k < count; k++) {
      int tag = b[i] & 0xFF;
      switch (tag) {
        case 1: {
          int n = u2(b, i + 1);
          String s = new String(b, i + 3, n, StandardCharsets.UTF_8);
          out.add(s);
          Matcher m = DESCRIPTOR_CLASS.matcher(s);
          while (m.find()) {
            out.add(m.group(1));
          }
          i += 3 + n;
          break;
        }
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
          i += 5;
          break;
        case 5: case 6:
          i += 9;
          k++; // a long or double takes two entries
          break;
        case 7: case 8: case 16: case 19: case 20:
          i += 3;
          break;
        case 15:
          i += 4;
          break;
        default:
          throw new IllegalArgumentException("a class file with constant pool tag " + tag + " at byte " + i);
      }
    }
    return out;
  }

  private static int u2(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  /** A cheap filter: the class's constant pool names {@code Storable} (its UTF-8 bytes appear). */
  private static boolean mentionsStorable(byte[] bytes) {
    byte[] needle = STORABLE.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Adds the class literal of each call in the class {@code bytes}; a call without one fails. */
  private static void scan(byte[] bytes, TreeMap<String, String> literals) {
    ClassReader reader = new ClassReader(bytes);
    String owner = reader.getClassName().replace('/', '.');
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        String where = owner + "." + name;
        return new MethodVisitor(Opcodes.ASM9) {
          private Type literal; // the class literal loaded by the instruction just before, if any

          @Override
          public void visitLdcInsn(Object value) {
            literal = value instanceof Type t && t.getSort() == Type.OBJECT ? t : null;
          }

          @Override
          public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC && o.equals(STORABLE) && n.equals(METHOD) && d.equals(DESCRIPTOR)) {
              if (literal == null) {
                throw new IllegalArgumentException("Storable.candid in " + where + " is not given a class literal"
                    + " (Storable.candid(Profile.class)): the build generates the Storable of the class it names");
              }
              literals.putIfAbsent(literal.getClassName(), where);
            }
            literal = null;
          }

          @Override
          public void visitInsn(int opcode) {
            literal = null;
          }

          @Override
          public void visitVarInsn(int opcode, int var) {
            literal = null;
          }

          @Override
          public void visitFieldInsn(int opcode, String o, String n, String d) {
            literal = null;
          }

          @Override
          public void visitTypeInsn(int opcode, String type) {
            literal = null;
          }

          @Override
          public void visitIntInsn(int opcode, int operand) {
            literal = null;
          }

          @Override
          public void visitJumpInsn(int opcode, org.teavm.asm.Label label) {
            literal = null;
          }

          @Override
          public void visitLabel(org.teavm.asm.Label label) {
            literal = null;
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
  }
}
