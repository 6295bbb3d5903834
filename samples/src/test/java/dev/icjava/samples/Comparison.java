package dev.icjava.samples;

import dev.icjava.testkit.CallResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The Java sample and the Motoko peer side by side: every call of {@link Calls}, made on each, with
 * the budget (the Java count at most half the peer's) and the module sizes. Deterministic: the
 * replica counts executed Wasm instructions, and both modules are fixed by their sources.
 */
final class Comparison {
  /** Half: the Java figure over the peer's must not exceed it (issue 7). */
  static final double BUDGET = 0.5;

  /** One call: the hand-tuned sample ({@code java}), plain Java, typed entry points, the peer. */
  record Row(Calls.Entry entry, long java, long plain, long typed, long motoko) {
    double ratio() {
      return (double) java / motoko;
    }

    double plainRatio() {
      return (double) plain / motoko;
    }

    double typedRatio() {
      return (double) typed / motoko;
    }

    boolean withinBudget() {
      return !entry.budgeted() || ratio() <= BUDGET;
    }
  }

  /** Module bytes as each compiler's build emits them, and gzip -9 of each (plain and typed Java too). */
  record Sizes(int java, int javaGzip, int motoko, int motokoGzip, int plain, int plainGzip, int typed, int typedGzip) {
    double ratio() {
      return (double) java / motoko;
    }

    boolean withinBudget() {
      return ratio() <= BUDGET;
    }
  }

  private Comparison() {}

  static List<Row> calls() {
    List<Row> rows = new ArrayList<>();
    for (Calls.Entry e : Calls.ENTRIES) {
      CallResult java = e.run(Implementation.JAVA);
      CallResult plain = e.run(Implementation.PLAIN);
      CallResult typed = e.run(Implementation.TYPED);
      CallResult motoko = e.run(Implementation.MOTOKO);
      rows.add(new Row(e, java.instructions(), plain.instructions(), typed.instructions(), motoko.instructions()));
    }
    return rows;
  }

  static Sizes sizes() {
    byte[] java = Implementation.JAVA.emitted();
    byte[] motoko = Implementation.MOTOKO.emitted();
    byte[] plain = Implementation.PLAIN.emitted();
    byte[] typed = Implementation.TYPED.emitted();
    return new Sizes(java.length, gzip(java), motoko.length, gzip(motoko), plain.length, gzip(plain), typed.length,
        gzip(typed));
  }

  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.format("%-42s %10s %10s %10s %10s %7s %7s %7s  %s%n", "call",
        "plain", "typed", "hand-tuned", "Motoko", "plain/M", "typed/M", "hand/M", "budget 0.5 (hand-tuned)"));
    for (Row r : rows) {
      sb.append(String.format("%-42s %,10d %,10d %,10d %,10d %7.3f %7.3f %7.3f  %s%n", r.entry().call(), r.plain(),
          r.typed(), r.java(), r.motoko(), r.plainRatio(), r.typedRatio(), r.ratio(),
          !r.entry().budgeted() ? "(not budgeted)" : r.withinBudget() ? "ok" : "OVER"));
    }
    return sb.toString();
  }

  static String table(Sizes s) {
    return String.format("%-42s %10s %10s %7s  %s%n", "module", "Java", "Motoko", "ratio", "budget 0.5")
        + String.format("%-42s %,10d %,10d %7.3f  %s%n", "bytes as built (Java: TeaVM + wasm-opt -Oz; moc)",
            s.java(), s.motoko(), s.ratio(), s.withinBudget() ? "ok" : "OVER")
        + String.format("%-42s %,10d %,10d %7.3f%n", "gzip -9 bytes", s.javaGzip(), s.motokoGzip(),
            (double) s.javaGzip() / s.motokoGzip())
        + String.format("%-42s %,10d %,10d %7.3f%n", "plain Java: bytes as built, gzip -9", s.plain(), s.plainGzip(),
            (double) s.plain() / s.motoko())
        + String.format("%-42s %,10d %,10d %7.3f%n", "typed Java: bytes as built, gzip -9", s.typed(), s.typedGzip(),
            (double) s.typed() / s.motoko());
  }

  static int gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.size();
  }
}
