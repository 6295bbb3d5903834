package dev.icjava.build.candid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Candid subtyping, {@code t <: u}, as the specification defines it (dfinity/candid {@code
 * spec/Candid.md}, "Subtyping", read at commit 03d89506): {@code nat <: int}; everything {@code <:
 * reserved}; {@code empty <:} everything; {@code opt} and {@code vec} by their contents; {@code null
 * <: opt u}; {@code t <: opt u} when {@code t} is not nullable and {@code t <: u}; records may add
 * fields and drop optional ones; variants may drop tags; functions are contravariant in their
 * arguments and covariant in their results (as tuples), with equal annotations; services may add
 * methods. Recursive types are compared coinductively.
 *
 * <p>The specification's two "unusual" rules make any type a subtype of any {@code opt} type (a
 * value that does not decode reads as {@code null}). They hold here too, but each use is reported in
 * {@link #warnings()}, as the specification encourages upgrade checkers to do.
 */
public final class DidSubtyping {
  private final DidFile sub;
  private final DidFile sup;
  private final Set<String> assumed = new HashSet<>();
  private final List<String> warnings = new ArrayList<>();

  /**
   * Compares types of {@code sub}'s definitions against types of {@code sup}'s.
   *
   * @param sub the interface whose types should be subtypes
   * @param sup the interface whose types should be supertypes
   */
  public DidSubtyping(DidFile sub, DidFile sup) {
    this.sub = sub;
    this.sup = sup;
  }

  /**
   * Each relation that holds only by the special opt rule of the specification (values that do not
   * decode read as null); empty when none.
   *
   * @return the warnings
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * {@code null} when {@code t <: u}; otherwise the first reason it is not, naming where.
   *
   * @param t the candidate subtype
   * @param u the candidate supertype
   * @return {@code null}, or why not
   */
  public String why(DidType t, DidType u) {
    if (t instanceof DidType.Named || u instanceof DidType.Named) {
      String key = DidType.render(t) + " <: " + DidType.render(u);
      if (!assumed.add(key)) {
        return null; // coinduction: assumed while it is being checked
      }
      return why(sub.resolve(t), sup.resolve(u));
    }
    if (u instanceof DidType.Prim p && p.name().equals("reserved")) {
      return null;
    }
    if (t instanceof DidType.Prim p && p.name().equals("empty")) {
      return null;
    }
    if (u instanceof DidType.Opt uo) {
      if (t instanceof DidType.Prim p && p.name().equals("null")) {
        return null;
      }
      String strict;
      if (t instanceof DidType.Opt to) {
        strict = why(to.inner(), uo.inner());
      } else if (nullable(t, sub)) {
        strict = DidType.render(t) + " is nullable, so it is not a subtype of " + DidType.render(u);
      } else {
        strict = why(t, uo.inner());
      }
      if (strict != null) {
        warnings.add(DidType.render(t) + " <: " + DidType.render(u) + " holds only by the specification's"
            + " special opt rule (values that do not decode read as null): " + strict);
      }
      return null;
    }
    if (t instanceof DidType.Prim tp && u instanceof DidType.Prim up) {
      if (tp.name().equals(up.name()) || (tp.name().equals("nat") && up.name().equals("int"))) {
        return null;
      }
      return tp.name() + " is not a subtype of " + up.name();
    }
    if (t instanceof DidType.Vec tv && u instanceof DidType.Vec uv) {
      String w = why(tv.inner(), uv.inner());
      return w == null ? null : "vector element: " + w;
    }
    if (t instanceof DidType.Record tr && u instanceof DidType.Record ur) {
      for (DidType.Field g : ur.fields()) {
        DidType.Field f = field(tr.fields(), g.id());
        if (f == null) {
          if (!nullable(g.type(), sup) || isNull(g.type(), sup)) {
            return "record field " + g.label() + " (" + DidType.render(g.type()) + ") is missing and not optional";
          }
        } else {
          String w = why(f.type(), g.type());
          if (w != null) {
            return "record field " + g.label() + ": " + w;
          }
        }
      }
      return null;
    }
    if (t instanceof DidType.Variant tv && u instanceof DidType.Variant uv) {
      for (DidType.Field f : tv.fields()) {
        DidType.Field g = field(uv.fields(), f.id());
        if (g == null) {
          return "variant tag " + f.label() + " is not in " + DidType.render(u);
        }
        String w = why(f.type(), g.type());
        if (w != null) {
          return "variant tag " + f.label() + ": " + w;
        }
      }
      return null;
    }
    if (t instanceof DidType.Func tf && u instanceof DidType.Func uf) {
      return funcWhy(tf, uf);
    }
    if (t instanceof DidType.Service ts && u instanceof DidType.Service us) {
      for (DidType.Method m : us.methods()) {
        DidType.Method n = ts.methods().stream().filter(x -> x.name().equals(m.name())).findFirst().orElse(null);
        if (n == null) {
          return "method " + m.name() + " is missing";
        }
        String w = why(n.type(), m.type());
        if (w != null) {
          return "method " + m.name() + ": " + w;
        }
      }
      return null;
    }
    return DidType.render(t) + " is not a subtype of " + DidType.render(u);
  }

  /**
   * Function subtyping: {@code (A) -> (R) <: (A') -> (R')} when {@code A' <: A} and {@code R <:
   * R'}, as tuples.
   *
   * @param t the candidate subtype
   * @param u the candidate supertype
   * @return {@code null}, or why not
   */
  public String funcWhy(DidType.Func t, DidType.Func u) {
    if (!t.annotations().equals(u.annotations())) {
      return "annotations " + t.annotations() + " differ from " + u.annotations();
    }
    // arguments: the declared ones must be a subtype of what the implementation takes
    DidSubtyping reverse = new DidSubtyping(sup, sub);
    String w = reverse.why(tuple(u.args()), tuple(t.args()));
    warnings.addAll(reverse.warnings);
    if (w != null) {
      return "arguments: " + w.replace("record field ", "argument ");
    }
    w = why(tuple(t.results()), tuple(u.results()));
    return w == null ? null : "results: " + w.replace("record field ", "result ");
  }

  private static DidType tuple(List<DidType> types) {
    List<DidType.Field> fields = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      fields.add(new DidType.Field(i, null, types.get(i)));
    }
    return new DidType.Record(fields);
  }

  private static DidType.Field field(List<DidType.Field> fields, long id) {
    for (DidType.Field f : fields) {
      if (f.id() == id) {
        return f;
      }
    }
    return null;
  }

  /** {@code null <: t}: {@code null}, {@code opt _} or {@code reserved}. */
  private static boolean nullable(DidType t, DidFile env) {
    DidType r = env.resolve(t);
    return r instanceof DidType.Opt
        || (r instanceof DidType.Prim p && (p.name().equals("null") || p.name().equals("reserved")));
  }

  /** A missing record field may be dropped only if {@code opt empty <: t}: {@code opt _} or {@code reserved}. */
  private static boolean isNull(DidType t, DidFile env) {
    return env.resolve(t) instanceof DidType.Prim p && p.name().equals("null");
  }
}
