package dev.icjava.build.candid;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A canister class's Candid interface, read from its entry points by reflection at build time: for
 * each {@code @Query}, {@code @Update} or {@code @CompositeQuery} method, its Candid name, mode and,
 * for a typed method (one with parameters or a result), the Candid types of its signature ({@link
 * JavaCandidMapping}). A {@code static void} method without parameters replies by hand ("raw"): its
 * Candid type is whatever it replies, which only a hand-written {@code .did} can say. A method
 * declared to return {@code Void} (returning {@code null}) is typed: {@code () -> ()}, replied
 * automatically.
 *
 * <p>A {@code static final} field of the canister class annotated {@code @Include} adds the entry
 * points of its type: its public instance methods so annotated ({@link Class#getMethods}, so
 * inherited ones too), called on the field's value; they must be typed, and an annotated instance
 * method that is not public fails the scan. Two typed entry points may not overload one Java method
 * name (their glue is named after it). A typed method may return {@code CallFuture<T>} (calls): its
 * Candid result is {@code T}, replied when the future replies (its reject rejects the call).
 *
 * <p>{@link #did()} is the generated interface; {@link GlueSource} is the code that decodes each
 * typed method's argument, calls it and encodes its result.
 */
public final class CanisterInterface {
  /** The export prefix and Candid annotation of each method annotation. */
  private static final Map<String, String> MODES = new LinkedHashMap<>();

  static {
    MODES.put("dev.icjava.runtime.Query", "query");
    MODES.put("dev.icjava.runtime.Update", "update");
    MODES.put("dev.icjava.runtime.CompositeQuery", "composite_query");
  }

  static final String CALL_FUTURE = "dev.icjava.calls.CallFuture";
  static final String INCLUDE = "dev.icjava.runtime.Include";

  /**
   * An entry point: Candid name, mode ({@code query}, {@code update}, {@code composite_query}), Java
   * method; {@code include}, the canister's {@code @Include} field it is called on (null for the
   * canister's own static methods); {@code future}, whether it returns a {@code CallFuture} of its
   * result.
   */
  public record Entry(String name, String mode, Method method, List<Shape> parameters, Shape result,
      String include, boolean future) {
    /** A {@code static void} method without parameters, which reads and replies by hand. */
    public boolean raw() {
      return include == null && parameters.isEmpty() && result == null && method.getReturnType() == void.class;
    }

    /** A name unique among the canister's entry points' Java names: the method's, or field$method. */
    public String key() {
      return include == null ? method.getName() : include + "$" + method.getName();
    }

    /** The Candid function type; only for typed methods. */
    DidType.Func type() {
      List<DidType> args = new ArrayList<>();
      for (Shape s : parameters) {
        args.add(s.did);
      }
      return new DidType.Func(args, result == null ? List.of() : List.of(result.did),
          mode.equals("update") ? Set.of() : Set.of(mode));
    }

    public String javaName() {
      return (include == null ? "" : include + ": ") + method.getDeclaringClass().getSimpleName() + "."
          + method.getName();
    }
  }

  private final Class<?> canister;
  private final List<Entry> entries;
  private final JavaCandidMapping mapping;
  /** Per typed entry's key, the string literals its method returns as they are ({@link ReturnedLiterals}). */
  private final Map<String, List<String>> returnedLiterals = new HashMap<>();

  private CanisterInterface(Class<?> canister, List<Entry> entries, JavaCandidMapping mapping) {
    this.canister = canister;
    this.entries = entries;
    this.mapping = mapping;
    // read now, while the classes' loader is open (the build closes it after the scan)
    for (Entry e : entries) {
      if (!e.raw() && !e.future() && e.result() != null && e.result().kind == Shape.Kind.TEXT) {
        returnedLiterals.put(e.key(), ReturnedLiterals.of(e.method()));
      }
    }
  }

  /** The string literals the method of a typed entry returning {@code text} returns as they are; empty for others. */
  List<String> returnedLiterals(Entry e) {
    return returnedLiterals.getOrDefault(e.key(), List.of());
  }

  /**
   * Reads the entry points of {@code canister}. Throws {@link IllegalArgumentException} naming the
   * method, the parameter and the type when a typed signature has no Candid form.
   */
  public static CanisterInterface scan(Class<?> canister) {
    JavaCandidMapping mapping = new JavaCandidMapping(canister.getPackageName());
    List<Entry> entries = new ArrayList<>();
    // Reflection returns methods and fields in no specified order (it changes between JVM runs), and
    // the mapping names and lays out types in the order it meets them: sorted, the build is
    // reproducible (the same sources give the same module bytes, as icp-cli's artifact check needs).
    for (Method m : sortedMethods(canister.getDeclaredMethods())) {
      scanMethod(canister, m, null, mapping, entries);
    }
    Field[] fields = canister.getDeclaredFields();
    Arrays.sort(fields, Comparator.comparing(Field::getName));
    for (Field f : fields) {
      if (!hasAnnotation(f.getAnnotations(), INCLUDE)) {
        continue;
      }
      String where = "@Include field " + canister.getSimpleName() + "." + f.getName();
      int modifiers = f.getModifiers();
      String broken = !Modifier.isStatic(modifiers) ? "not static" : !Modifier.isFinal(modifiers) ? "not final"
          : Modifier.isPrivate(modifiers) ? "private" : null;
      if (broken != null) {
        throw new IllegalArgumentException(where + " must be static final and not private: it is " + broken);
      }
      refuseHiddenEntryPoints(f.getType(), where);
      int found = 0;
      for (Method m : sortedMethods(f.getType().getMethods())) {
        if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        found += scanMethod(canister, m, f.getName(), mapping, entries);
      }
      if (found == 0) {
        throw new IllegalArgumentException(where + ": " + f.getType().getName()
            + " has no public instance method annotated @Query, @Update or @CompositeQuery");
      }
    }
    entries.sort((a, b) -> a.name().compareTo(b.name()));
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).name().equals(entries.get(i - 1).name())) {
        throw new IllegalArgumentException("two entry points named " + entries.get(i).name() + ": "
            + entries.get(i - 1).javaName() + " and " + entries.get(i).javaName());
      }
    }
    // A typed entry point's glue is named after its Java method (key): overloads would share it.
    Map<String, Entry> typedByKey = new HashMap<>();
    for (Entry e : entries) {
      Entry other = e.raw() ? null : typedByKey.putIfAbsent(e.key(), e);
      if (other != null) {
        throw new IllegalArgumentException("entry points " + other.name() + " and " + e.name() + " are overloads of one"
            + " Java method, " + e.javaName() + ": typed entry points need methods of different names");
      }
    }
    return new CanisterInterface(canister, entries, mapping);
  }

  private static Method[] sortedMethods(Method[] methods) {
    Method[] sorted = methods.clone();
    Arrays.sort(sorted, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
    return sorted;
  }

  /**
   * Fails on an instance method of {@code type} or its superclasses annotated as an entry point but
   * not public: only public methods are included, and one annotated would otherwise be dropped unseen.
   */
  private static void refuseHiddenEntryPoints(Class<?> type, String where) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : sortedMethods(c.getDeclaredMethods())) {
        if (Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || m.isSynthetic()) {
          continue;
        }
        for (Annotation a : m.getAnnotations()) {
          if (MODES.containsKey(a.annotationType().getName())) {
            throw new IllegalArgumentException(where + ": " + c.getSimpleName() + "." + m.getName() + " is annotated @"
                + a.annotationType().getSimpleName() + " but is not public; an included type's entry points must be"
                + " public instance methods");
          }
        }
      }
    }
  }

  private static boolean hasAnnotation(Annotation[] annotations, String name) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code m}'s entry if it is annotated as one; returns 1 if it is, 0 if not. */
  private static int scanMethod(Class<?> canister, Method m, String include, JavaCandidMapping mapping,
      List<Entry> entries) {
    String mode = null;
    String name = null;
    for (Annotation a : m.getAnnotations()) {
      String kind = MODES.get(a.annotationType().getName());
      if (kind != null) {
        mode = kind;
        try {
          name = (String) a.annotationType().getMethod("value").invoke(a);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    if (mode == null) {
      return 0;
    }
    boolean typed = include != null || m.getParameterCount() > 0 || m.getReturnType() != void.class;
    List<Shape> parameters = new ArrayList<>();
    Shape result = null;
    boolean future = false;
    if (typed) {
      String where = "typed entry point " + name + " (" + (include == null ? "" : include + ": ")
          + m.getDeclaringClass().getSimpleName() + "." + m.getName() + ")";
      if (include == null && (!Modifier.isStatic(m.getModifiers()) || Modifier.isPrivate(m.getModifiers()))) {
        throw new IllegalArgumentException(where + " must be static and not private");
      }
      if (include != null && m.getParameterCount() == 0 && m.getReturnType() == void.class) {
        // void without parameters is how the canister's own methods say "replies by hand", which no
        // generated interface can describe
        throw new IllegalArgumentException("included entry point " + name + " (" + include + ": "
            + m.getDeclaringClass().getSimpleName() + "." + m.getName() + ") must be typed (take parameters or"
            + " return a result), since its Candid interface is generated: declare its result (Void for an empty"
            + " reply)");
      }
      Parameter[] ps = m.getParameters();
      for (int i = 0; i < ps.length; i++) {
        try {
          parameters.add(mapping.map(ps[i].getAnnotatedType()));
        } catch (JavaCandidMapping.UnsupportedTypeException e) {
          throw new IllegalArgumentException(where + ": parameter " + (i + 1)
              + (ps[i].isNamePresent() ? " (" + ps[i].getName() + ")" : "") + " has type "
              + ps[i].getParameterizedType().getTypeName() + ", which has no Candid form: " + e.getMessage());
        }
      }
      if (m.getReturnType() != void.class && m.getReturnType() != Void.class) {
        AnnotatedType resultType = m.getAnnotatedReturnType();
        if (m.getReturnType().getName().equals(CALL_FUTURE)) {
          if (!(resultType instanceof AnnotatedParameterizedType p)) {
            throw new IllegalArgumentException(where + ": a raw CallFuture (give its type argument)");
          }
          resultType = p.getAnnotatedActualTypeArguments()[0];
          future = true;
        }
        if (resultType.getType() != Void.class) {
          try {
            result = mapping.map(resultType);
          } catch (JavaCandidMapping.UnsupportedTypeException e) {
            throw new IllegalArgumentException(where + ": the result has type " + m.getGenericReturnType().getTypeName()
                + ", which has no Candid form: " + e.getMessage());
          }
        }
      }
    }
    entries.add(new Entry(name, mode, m, parameters, result, include, future));
    return 1;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Whether any entry point is typed (and so needs generated glue). */
  public boolean typed() {
    return entries.stream().anyMatch(e -> !e.raw());
  }

  /** The raw entry points, whose Candid types only a hand-written {@code .did} can give. */
  public List<Entry> rawEntries() {
    return entries.stream().filter(Entry::raw).toList();
  }

  /** The generated interface of the typed entry points. */
  public DidFile did() {
    List<DidType.Method> methods = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.raw()) {
        methods.add(new DidType.Method(e.name(), e.type()));
      }
    }
    return new DidFile(new LinkedHashMap<>(mapping.definitions()), new DidType.Service(methods));
  }

  Class<?> canister() {
    return canister;
  }

  JavaCandidMapping mapping() {
    return mapping;
  }

  /** The binary name of the generated glue class of {@code canisterClass}. */
  public static String glueClassName(String canisterClass) {
    return canisterClass + "__CandidGlue";
  }

  /** The glue method of the typed entry point whose Java method is {@code javaName}. */
  public static String glueMethodName(String javaName) {
    return "glue$" + javaName;
  }

  /** The glue method of the entry point {@code method} included through the field {@code field}. */
  public static String glueMethodName(String field, String method) {
    return "glue$" + field + "$" + method;
  }
}
