package dev.icjava.build.candid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A Candid type as the textual format writes it: what the build generates from Java signatures and
 * reads from a hand-written {@code .did}. Named types ({@link Named}) refer to definitions by name,
 * which is how recursion is written.
 */
public sealed interface DidType {
  /** {@code nat}, {@code text}, {@code principal}, {@code reserved}, {@code empty}, ... */
  record Prim(String name) implements DidType {}

  /** {@code opt inner}. */
  record Opt(DidType inner) implements DidType {}

  /** {@code vec inner}. */
  record Vec(DidType inner) implements DidType {}

  /** A record or variant field: its id (the hash of its name, or its number), its name if any, its type. */
  record Field(long id, String name, DidType type) {
    static Field named(String name, DidType type) {
      return new Field(hash(name), name, type);
    }

    String label() {
      return name != null ? quoteIfNeeded(name) : Long.toString(id);
    }
  }

  /** {@code record { ... }}. */
  record Record(List<Field> fields) implements DidType {}

  /** {@code variant { ... }}. */
  record Variant(List<Field> fields) implements DidType {}

  /** A function type: arguments, results, annotations ({@code query}, {@code composite_query}, {@code oneway}). */
  record Func(List<DidType> args, List<DidType> results, Set<String> annotations) implements DidType {}

  /** A service type: methods by name. */
  record Service(List<Method> methods) implements DidType {}

  /** A service method: its name and its type (a {@link Func} or a {@link Named} one). */
  record Method(String name, DidType type) {}

  /** A reference to a type definition. */
  record Named(String name) implements DidType {}

  /** {@code blob}, that is {@code vec nat8}. */
  DidType BLOB = new Vec(new Prim("nat8"));
  /** {@code null}. */
  DidType NULL = new Prim("null");

  /**
   * The spec's field hash: {@code h = h * 223 + b} over the UTF-8 bytes, modulo 2^32.
   *
   * @param name the name
   * @return its id, unsigned
   */
  static long hash(String name) {
    long h = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h * 223 + (b & 0xFF)) & 0xFFFFFFFFL;
    }
    return h;
  }

  /** The textual format's keywords, which a name must be quoted to use. */
  Set<String> KEYWORDS = Set.of("type", "import", "service", "func", "opt", "vec", "record", "variant", "blob",
      "principal", "oneway", "query", "composite_query", "null", "bool", "nat", "int", "nat8", "nat16", "nat32",
      "nat64", "int8", "int16", "int32", "int64", "float32", "float64", "text", "reserved", "empty");

  /**
   * A name as the textual format needs it: as is when it is an identifier, quoted otherwise.
   *
   * @param name the name
   * @return the name, quoted if needed
   */
  static String quoteIfNeeded(String name) {
    if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && !KEYWORDS.contains(name)) {
      return name;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * The type in the textual format.
   *
   * @param t the type
   * @return its text
   */
  static String render(DidType t) {
    if (t instanceof Prim p) {
      return p.name();
    } else if (t instanceof Named n) {
      return quoteIfNeeded(n.name());
    } else if (t instanceof Opt o) {
      return "opt " + render(o.inner());
    } else if (t instanceof Vec v) {
      return v.inner() instanceof Prim p && p.name().equals("nat8") ? "blob" : "vec " + render(v.inner());
    } else if (t instanceof Record r) {
      return "record {" + fields(r.fields(), false) + "}";
    } else if (t instanceof Variant v) {
      return "variant {" + fields(v.fields(), true) + "}";
    } else if (t instanceof Func f) {
      return "func " + signature(f);
    } else {
      StringBuilder sb = new StringBuilder("service {");
      for (Method m : ((Service) t).methods()) {
        sb.append(' ').append(quoteIfNeeded(m.name())).append(" : ").append(render(m.type())).append(';');
      }
      return sb.append(" }").toString();
    }
  }

  /**
   * {@code (args) -> (results) annotations}.
   *
   * @param f the function type
   * @return its text
   */
  static String signature(Func f) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < f.args().size(); i++) {
      sb.append(i > 0 ? ", " : "").append(render(f.args().get(i)));
    }
    sb.append(") -> (");
    for (int i = 0; i < f.results().size(); i++) {
      sb.append(i > 0 ? ", " : "").append(render(f.results().get(i)));
    }
    sb.append(')');
    for (String a : List.of("query", "composite_query", "oneway")) {
      if (f.annotations().contains(a)) {
        sb.append(' ').append(a);
      }
    }
    return sb.toString();
  }

  private static String fields(List<Field> fields, boolean variant) {
    if (fields.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Field f : fields) {
      sb.append(' ').append(f.label());
      if (!(variant && f.type().equals(NULL))) {
        sb.append(" : ").append(render(f.type()));
      }
      sb.append(';');
    }
    return sb.append(' ').toString();
  }
}
