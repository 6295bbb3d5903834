package dev.icjava.build.candid;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The check of a hand-written {@code .did} against the interface generated from the entry points:
 * the same methods, each of the same mode ({@code query}, {@code composite_query}, update), and for
 * each typed method a function type that is a subtype of the declared one ({@link DidSubtyping}:
 * the declared arguments decode at the Java parameters' types, the Java result decodes at the
 * declared result types). Methods that reply by hand are checked for presence and mode only.
 */
public final class InterfaceCheck {
  private InterfaceCheck() {}

  /**
   * The first difference, or {@code null} when the declared interface describes the canister.
   *
   * @param iface the canister's interface
   * @param generated the generated interface
   * @param declared the hand-written interface
   * @return the first difference, or {@code null}
   */
  public static String firstDifference(CanisterInterface iface, DidFile generated, DidFile declared) {
    return check(iface, generated, declared, new ArrayList<>());
  }

  /**
   * Uses of the specification's special opt rule, which holds but hides a likely mistake.
   *
   * @param iface the canister's interface
   * @param generated the generated interface
   * @param declared the hand-written interface
   * @return the warnings
   */
  public static List<String> warnings(CanisterInterface iface, DidFile generated, DidFile declared) {
    List<String> warnings = new ArrayList<>();
    check(iface, generated, declared, warnings);
    return warnings;
  }

  private static String check(CanisterInterface iface, DidFile generated, DidFile declared, List<String> warnings) {
    for (CanisterInterface.Entry e : iface.entries()) {
      DidType.Method m = method(declared.service(), e.name());
      if (m == null) {
        return "the canister exports " + modeText(e.mode()) + " method " + e.name() + " (" + e.javaName()
            + "), which the .did does not declare";
      }
      DidType t = declared.resolve(m.type());
      if (!(t instanceof DidType.Func f)) {
        return "method " + e.name() + " is declared as " + DidType.render(t) + ", not a function";
      }
      String mode = f.annotations().contains("query") ? "query"
          : f.annotations().contains("composite_query") ? "composite_query" : "update";
      if (!mode.equals(e.mode())) {
        return "method " + e.name() + " is declared as " + modeText(mode) + " but " + e.javaName() + " is "
            + modeText(e.mode());
      }
      if (e.raw()) {
        continue;
      }
      DidType.Func mine = (DidType.Func) method(generated.service(), e.name()).type();
      DidType.Func declaredFunc = new DidType.Func(f.args(), f.results(), Set.copyOf(mine.annotations()));
      DidSubtyping subtyping = new DidSubtyping(generated, declared);
      String why = subtyping.funcWhy(mine, declaredFunc);
      warnings.addAll(subtyping.warnings());
      if (why != null) {
        return "method " + e.name() + ": the Java signature " + DidType.signature(mine)
            + " is not a subtype of the declared " + DidType.signature(f) + ": " + why;
      }
    }
    for (DidType.Method m : declared.service().methods()) {
      if (iface.entries().stream().noneMatch(e -> e.name().equals(m.name()))) {
        return "the .did declares method " + m.name() + ", which the canister does not export";
      }
    }
    return null;
  }

  private static DidType.Method method(DidType.Service s, String name) {
    for (DidType.Method m : s.methods()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  private static String modeText(String mode) {
    return mode.equals("update") ? "update" : mode.replace('_', ' ');
  }
}
