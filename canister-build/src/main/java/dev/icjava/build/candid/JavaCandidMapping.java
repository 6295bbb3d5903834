package dev.icjava.build.candid;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping from Java types to Candid that typed entry points use, the one a Java developer would
 * predict:
 *
 * <table>
 *   <caption>Java to Candid</caption>
 *   <tr><th>Java</th><th>Candid</th></tr>
 *   <tr><td>{@code String}</td><td>{@code text}</td></tr>
 *   <tr><td>{@code boolean}, {@code Boolean}</td><td>{@code bool}</td></tr>
 *   <tr><td>{@code byte[]}</td><td>{@code blob}</td></tr>
 *   <tr><td>{@code Principal} (caller-auth)</td><td>{@code principal}</td></tr>
 *   <tr><td>{@code byte}, {@code short}, {@code int}, {@code long} (and boxes)</td>
 *       <td>{@code int8}, {@code int16}, {@code int32}, {@code int64}; or as {@code @Candid("nat64")}
 *       etc. says</td></tr>
 *   <tr><td>{@code CandidInteger}</td><td>{@code @Candid("nat")} or {@code @Candid("int")}</td></tr>
 *   <tr><td>{@code float}, {@code double}</td><td>{@code float32}, {@code float64}</td></tr>
 *   <tr><td>{@code Optional<T>}</td><td>{@code opt T}</td></tr>
 *   <tr><td>{@code List<T>}, {@code T[]}</td><td>{@code vec T}</td></tr>
 *   <tr><td>a record</td><td>{@code record} of its components (names, or {@code @CandidName})</td></tr>
 *   <tr><td>an enum</td><td>{@code variant} of its constants, without payloads</td></tr>
 *   <tr><td>a sealed interface of records</td><td>{@code variant}: a tag per record, its payload the
 *       record's fields ({@code null} when it has none), or its one component's value when the record
 *       is {@code @Unwrapped}</td></tr>
 *   <tr><td>{@code Result<T, E>} (candid)</td><td>{@code variant { ok : T; err : E }}; {@code ok}
 *       alone for {@code Void}</td></tr>
 * </table>
 *
 * <p>Anything else fails the build: {@link #map} throws {@link UnsupportedTypeException} naming
 * the type (the caller adds the method and parameter).
 */
final class JavaCandidMapping {
  static final String PRINCIPAL = "dev.icjava.callerauth.Principal";
  static final String CANDID_INTEGER = "dev.icjava.candid.CandidInteger";
  static final String RESULT = "dev.icjava.candid.Result";
  static final String CANDID = "dev.icjava.runtime.Candid";
  static final String CANDID_NAME = "dev.icjava.runtime.CandidName";
  static final String UNWRAPPED = "dev.icjava.runtime.Unwrapped";

  /** A Java type with no Candid form, or a wrong {@code @Candid}. */
  static final class UnsupportedTypeException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedTypeException(String message) {
      super(message);
    }
  }

  private final String packageName;
  private final List<Shape> shapes = new ArrayList<>();
  private final Map<String, Shape> byKey = new LinkedHashMap<>();
  private final Map<Class<?>, Shape> named = new LinkedHashMap<>();
  private final Map<String, DidType> definitions = new LinkedHashMap<>();

  /** Whether two named types may share a name (renamed apart): for types no interface shows. */
  private final boolean renameClashes;

  JavaCandidMapping(String packageName) {
    this(packageName, false);
  }

  JavaCandidMapping(String packageName, boolean renameClashes) {
    this.packageName = packageName;
    this.renameClashes = renameClashes;
  }

  List<Shape> shapes() {
    return shapes;
  }

  /** The type definitions of the named types mapped so far, in the order first met. */
  Map<String, DidType> definitions() {
    return definitions;
  }

  Shape map(AnnotatedType use) throws UnsupportedTypeException {
    Type type = use.getType();
    String candid = candidAnnotation(use);
    Class<?> raw = rawClass(type);
    if (raw == null) {
      throw new UnsupportedTypeException(type.getTypeName() + " (type variables and wildcards have no Candid form)");
    }
    if (candid != null && !isInteger(raw)) {
      throw new UnsupportedTypeException("@Candid(\"" + candid + "\") on " + type.getTypeName()
          + ", which is not an integer type");
    }
    if (raw == String.class) {
      return simple("text", Shape.Kind.TEXT, "java.lang.String", null, new DidType.Prim("text"));
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return simple(raw.getName(), Shape.Kind.BOOL, raw.getCanonicalName(), "boolean", new DidType.Prim("bool"));
    }
    if (raw == byte[].class) {
      return simple("blob", Shape.Kind.BLOB, "byte[]", null, DidType.BLOB);
    }
    if (raw.getName().equals(PRINCIPAL)) {
      return simple("principal", Shape.Kind.PRINCIPAL, PRINCIPAL, null, new DidType.Prim("principal"));
    }
    if (raw == float.class || raw == Float.class) {
      return simple(raw.getName(), Shape.Kind.FLOAT32, raw.getCanonicalName(), "float", new DidType.Prim("float32"));
    }
    if (raw == double.class || raw == Double.class) {
      return simple(raw.getName(), Shape.Kind.FLOAT64, raw.getCanonicalName(), "double", new DidType.Prim("float64"));
    }
    if (isInteger(raw)) {
      return integer(raw, candid);
    }
    if (raw == java.util.Optional.class) {
      Shape inner = map(typeArgument(use, 0));
      return container("opt", Shape.Kind.OPTIONAL, inner, "java.util.Optional<" + boxed(inner) + ">",
          new DidType.Opt(inner.did));
    }
    if (raw == List.class) {
      Shape inner = map(typeArgument(use, 0));
      return container("vec", Shape.Kind.LIST, inner, "java.util.List<" + boxed(inner) + ">", new DidType.Vec(inner.did));
    }
    if (raw.isArray()) {
      if (!(use instanceof AnnotatedArrayType array)) {
        throw new UnsupportedTypeException(type.getTypeName());
      }
      Shape inner = map(array.getAnnotatedGenericComponentType());
      if (inner.javaType.contains("<")) {
        throw new UnsupportedTypeException(type.getTypeName() + " (an array of a generic type; use List)");
      }
      return container("array", Shape.Kind.ARRAY, inner, inner.javaType + "[]", new DidType.Vec(inner.did));
    }
    if (raw.getName().equals(RESULT)) {
      Shape ok = typeArgument(use, 0).getType() == Void.class ? null : map(typeArgument(use, 0));
      Shape err = map(typeArgument(use, 1));
      String key = "result<" + (ok == null ? "void" : ok.index) + "," + err.index + ">";
      Shape s = byKey.get(key);
      if (s == null) {
        s = add(key, Shape.Kind.RESULT);
        s.inner = ok;
        s.second = err;
        s.reference = true;
        s.javaType = RESULT + "<" + (ok == null ? "java.lang.Void" : boxed(ok)) + ", " + boxed(err) + ">";
        s.did = new DidType.Variant(sorted(List.of(
            DidType.Field.named("ok", ok == null ? DidType.NULL : ok.did), DidType.Field.named("err", err.did))));
      }
      return s;
    }
    if (type instanceof ParameterizedType) {
      throw new UnsupportedTypeException(type.getTypeName() + " (generic classes other than Optional, List and"
          + " Result have no Candid form)");
    }
    if (raw.isRecord() || raw.isEnum() || (raw.isInterface() && raw.isSealed())) {
      return namedType(raw);
    }
    throw new UnsupportedTypeException(type.getTypeName());
  }

  /**
   * The shape of a class named by a class literal ({@code Storable.candid(Profile.class)}): a record,
   * an enum or a sealed interface of records, whose components may be any mapped type. A literal
   * cannot carry type arguments, so {@code Optional} and {@code List} at the top are refused (wrap
   * them in a record).
   */
  Shape mapClass(Class<?> c) throws UnsupportedTypeException {
    if (c.isRecord() || c.isEnum() || (c.isInterface() && c.isSealed())) {
      return namedType(c);
    }
    throw new UnsupportedTypeException(c.getName() + " (only a record, an enum or a sealed interface of records:"
        + " a class literal cannot carry the type arguments of Optional or List; wrap them in a record)");
  }

  private Shape namedType(Class<?> c) throws UnsupportedTypeException {
    Shape existing = named.get(c);
    if (existing != null) {
      return existing;
    }
    if (c.getTypeParameters().length > 0) {
      throw new UnsupportedTypeException(c.getName() + " (generic records and interfaces have no Candid form)");
    }
    requireReachable(c);
    Shape.Kind kind = c.isRecord() ? Shape.Kind.RECORD : c.isEnum() ? Shape.Kind.ENUM : Shape.Kind.SEALED;
    Shape s = add("class " + c.getName(), kind);
    named.put(c, s);
    s.reference = true;
    s.className = c.getCanonicalName();
    s.javaType = c.getCanonicalName();
    s.didName = uniqueName(candidName(c, c.getSimpleName()));
    s.did = new DidType.Named(s.didName);
    definitions.put(s.didName, DidType.NULL); // placeholder, keeps the order first met
    if (kind == Shape.Kind.RECORD) {
      s.members = components(c);
      definitions.put(s.didName, new DidType.Record(sorted(fields(s.members))));
    } else if (kind == Shape.Kind.ENUM) {
      List<Shape.Member> members = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        String javaName = ((Enum<?>) constant).name();
        String name = javaName;
        try {
          name = candidName(c.getField(javaName), javaName);
        } catch (NoSuchFieldException e) {
          throw new IllegalStateException(e);
        }
        members.add(new Shape.Member(javaName, name, DidType.hash(name), null));
      }
      s.members = members;
      List<DidType.Field> fields = new ArrayList<>();
      for (Shape.Member m : members) {
        fields.add(new DidType.Field(m.id(), m.candidName(), DidType.NULL));
      }
      definitions.put(s.didName, new DidType.Variant(sorted(fields)));
    } else {
      List<Shape.Member> cases = new ArrayList<>();
      List<List<Shape.Member>> components = new ArrayList<>();
      List<Boolean> unwrapped = new ArrayList<>();
      List<DidType.Field> fields = new ArrayList<>();
      for (Class<?> p : c.getPermittedSubclasses()) {
        if (!p.isRecord()) {
          throw new UnsupportedTypeException(c.getName() + " permits " + p.getName()
              + ", which is not a record (a sealed interface maps to a variant only when every case is a record)");
        }
        requireReachable(p);
        String name = candidName(p, p.getSimpleName());
        List<Shape.Member> cs = components(p);
        boolean unwrap = isUnwrapped(p);
        if (unwrap && cs.size() != 1) {
          throw new UnsupportedTypeException(p.getName() + " is @Unwrapped but has " + cs.size()
              + " components (an unwrapped case has exactly one: the payload)");
        }
        cases.add(new Shape.Member(p.getCanonicalName(), name, DidType.hash(name), null));
        components.add(cs);
        unwrapped.add(unwrap);
        fields.add(new DidType.Field(DidType.hash(name), name,
            unwrap ? cs.get(0).shape().did : cs.isEmpty() ? DidType.NULL : new DidType.Record(sorted(fields(cs)))));
      }
      s.members = cases;
      s.caseComponents = components;
      s.caseUnwrapped = unwrapped;
      definitions.put(s.didName, new DidType.Variant(sorted(fields)));
    }
    return s;
  }

  private List<Shape.Member> components(Class<?> record) throws UnsupportedTypeException {
    List<Shape.Member> out = new ArrayList<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      Shape shape;
      try {
        shape = map(rc.getAnnotatedType());
      } catch (UnsupportedTypeException e) {
        throw new UnsupportedTypeException(e.getMessage() + " in record component " + record.getSimpleName() + "."
            + rc.getName());
      }
      String name = candidName(rc, rc.getName());
      out.add(new Shape.Member(rc.getName(), name, DidType.hash(name), shape));
    }
    return out;
  }

  private static List<DidType.Field> fields(List<Shape.Member> members) {
    List<DidType.Field> out = new ArrayList<>();
    for (Shape.Member m : members) {
      out.add(new DidType.Field(m.id(), m.candidName(), m.shape().did));
    }
    return out;
  }

  /** Fields in id order, as the binary format and the reader's types order them; equal ids refused. */
  static List<DidType.Field> sorted(List<DidType.Field> fields) {
    List<DidType.Field> out = new ArrayList<>(fields);
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).id() == out.get(i - 1).id()) {
        throw new IllegalArgumentException("fields " + out.get(i - 1).name() + " and " + out.get(i).name()
            + " have the same Candid id " + out.get(i).id());
      }
    }
    return out;
  }

  /** The position of the member with {@code id} in id order. */
  static int sortedIndex(List<Shape.Member> members, long id) {
    int below = 0;
    for (Shape.Member m : members) {
      if (m.id() < id) {
        below++;
      }
    }
    return below;
  }

  private void requireReachable(Class<?> c) throws UnsupportedTypeException {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      int m = k.getModifiers();
      if (Modifier.isPrivate(m) || (!Modifier.isPublic(m) && !k.getPackageName().equals(packageName))) {
        throw new UnsupportedTypeException(c.getName() + " (not reachable from package " + packageName
            + ", where the generated glue lives: make it public or package-private there)");
      }
    }
  }

  private String uniqueName(String name) throws UnsupportedTypeException {
    if (definitions.containsKey(name) && renameClashes) {
      // no interface shows these names (a stored value's type table has none): tell them apart
      int n = 2;
      while (definitions.containsKey(name + "_" + n)) {
        n++;
      }
      return name + "_" + n;
    }
    if (definitions.containsKey(name)) {
      throw new UnsupportedTypeException("two types named " + name + " in one interface: give one a @CandidName");
    }
    return name;
  }

  private Shape integer(Class<?> raw, String candid) throws UnsupportedTypeException {
    String primitive = primitiveOf(raw);
    if (raw.getName().equals(CANDID_INTEGER)) {
      if (!"nat".equals(candid) && !"int".equals(candid)) {
        throw new UnsupportedTypeException("CandidInteger without @Candid(\"nat\") or @Candid(\"int\")");
      }
      return simpleInteger("big " + candid, Shape.Kind.BIG, CANDID_INTEGER, null, candid, true);
    }
    String chosen = candid != null ? candid : defaultCandid(primitive);
    int javaBits = bits(primitive);
    boolean allowed;
    switch (chosen) {
      case "nat":
      case "int":
        allowed = primitive.equals("long");
        break;
      case "nat8": case "int8": allowed = javaBits >= 8; break;
      case "nat16": case "int16": allowed = javaBits >= 16; break;
      case "nat32": case "int32": allowed = javaBits >= 32; break;
      case "nat64": case "int64": allowed = javaBits >= 64; break;
      default:
        throw new UnsupportedTypeException("@Candid(\"" + chosen + "\"): not a Candid integer type");
    }
    if (!allowed) {
      throw new UnsupportedTypeException("@Candid(\"" + chosen + "\") on " + raw.getName()
          + ", which cannot hold every " + chosen + " value (use a wider Java type)");
    }
    Shape.Kind kind = chosen.equals("nat") || chosen.equals("int") ? Shape.Kind.BIG_IN_LONG : Shape.Kind.FIXED;
    return simpleInteger(raw.getName() + " " + chosen, kind, raw.getCanonicalName(), primitive, chosen, !raw.isPrimitive());
  }

  private Shape simpleInteger(String key, Shape.Kind kind, String javaType, String primitive, String candid,
      boolean reference) {
    Shape s = byKey.get(key);
    if (s == null) {
      s = add(key, kind);
      s.javaType = javaType;
      s.primitive = primitive;
      s.candid = candid;
      s.reference = reference;
      s.did = new DidType.Prim(candid);
    }
    return s;
  }

  private Shape simple(String key, Shape.Kind kind, String javaType, String primitive, DidType did) {
    Shape s = byKey.get(key);
    if (s == null) {
      s = add(key, kind);
      s.javaType = javaType;
      s.primitive = primitive;
      s.reference = !javaType.equals(primitive);
      s.did = did;
    }
    return s;
  }

  private Shape container(String what, Shape.Kind kind, Shape inner, String javaType, DidType did) {
    String key = what + "<" + inner.index + ">";
    Shape s = byKey.get(key);
    if (s == null) {
      s = add(key, kind);
      s.inner = inner;
      s.javaType = javaType;
      s.reference = true;
      s.did = did;
    }
    return s;
  }

  private Shape add(String key, Shape.Kind kind) {
    Shape s = new Shape(shapes.size(), kind);
    shapes.add(s);
    byKey.put(key, s);
    return s;
  }

  /** The Java type of {@code s} as a type argument: a primitive boxed, any other type as it is. */
  static String boxed(Shape s) {
    if (s.primitive == null || !s.javaType.equals(s.primitive)) {
      return s.javaType;
    }
    switch (s.primitive) {
      case "boolean": return "java.lang.Boolean";
      case "byte": return "java.lang.Byte";
      case "short": return "java.lang.Short";
      case "int": return "java.lang.Integer";
      case "long": return "java.lang.Long";
      case "float": return "java.lang.Float";
      default: return "java.lang.Double";
    }
  }

  static boolean isInteger(Class<?> c) {
    return primitiveOf(c) != null || c.getName().equals(CANDID_INTEGER);
  }

  private static String primitiveOf(Class<?> c) {
    if (c == byte.class || c == Byte.class) {
      return "byte";
    } else if (c == short.class || c == Short.class) {
      return "short";
    } else if (c == int.class || c == Integer.class) {
      return "int";
    } else if (c == long.class || c == Long.class) {
      return "long";
    }
    return null;
  }

  private static String defaultCandid(String primitive) {
    return "int" + bits(primitive);
  }

  private static int bits(String primitive) {
    switch (primitive) {
      case "byte": return 8;
      case "short": return 16;
      case "int": return 32;
      default: return 64;
    }
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof java.lang.reflect.GenericArrayType g) {
      Class<?> component = rawClass(g.getGenericComponentType());
      return component == null ? null : java.lang.reflect.Array.newInstance(component, 0).getClass();
    }
    return null;
  }

  private static AnnotatedType typeArgument(AnnotatedType use, int i) throws UnsupportedTypeException {
    if (!(use instanceof AnnotatedParameterizedType p)) {
      throw new UnsupportedTypeException(use.getType().getTypeName() + " (a raw type: give its type arguments)");
    }
    return p.getAnnotatedActualTypeArguments()[i];
  }

  private static String candidAnnotation(AnnotatedType use) {
    for (Annotation a : use.getAnnotations()) {
      if (a.annotationType().getName().equals(CANDID)) {
        return (String) annotationValue(a);
      }
    }
    return null;
  }

  private static boolean isUnwrapped(Class<?> c) {
    for (Annotation a : c.getAnnotations()) {
      if (a.annotationType().getName().equals(UNWRAPPED)) {
        return true;
      }
    }
    return false;
  }

  static String candidName(java.lang.reflect.AnnotatedElement e, String fallback) {
    for (Annotation a : e.getAnnotations()) {
      if (a.annotationType().getName().equals(CANDID_NAME)) {
        return (String) annotationValue(a);
      }
    }
    return fallback;
  }

  private static Object annotationValue(Annotation a) {
    try {
      return a.annotationType().getMethod("value").invoke(a);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
