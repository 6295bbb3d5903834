package dev.icjava.bench;

import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.OpcodeCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The samples' whoami and the Motoko peer side by side: every call of {@link Calls}, made on each, in
 * two counts (the raw count of executed Wasm instructions, and the IC's own counter, which it
 * bills and limits), with the module sizes. Deterministic: both counts are, and both modules are
 * fixed by their sources.
 *
 * <p>The peer is measured as binaryen lowers it to 32-bit memory (Chicory runs no wasm64), which
 * adds instructions the real canister does not run: an {@code i32.wrap_i64} around every address,
 * an {@code i64.extend_i32_u} after {@code memory.size} and {@code memory.grow} (and a few locals).
 * Each row states the executed wraps and extends: at most what the lowering added to the peer's
 * count (the peer's own, if any, are in it too). On the IC the real wasm64 peer also pays 2, not 1,
 * for each load and store. So the peer's IC counter as a wasm64 canister is estimated as its counter
 * here plus its loads and stores, minus every executed wrap and extend; the estimate errs low (it
 * takes off the peer's own wraps too) except for the lowering's few other additions (for the whoami
 * peer, statically: 15,561 wraps and extends, 582 local gets and sets, 92 others). The budget holds
 * Java against that estimate.
 */
final class Comparison {
  /** Half: the Java figure over the peer's must not exceed it (issue 7), on the IC's counter (issue 17). */
  static final double BUDGET = 0.5;

  /**
   * One call: the samples' whoami ({@code java}: typed methods) and the peer in both counts, and the
   * same contract written in plain Java without typed methods and hand-tuned for the fewest
   * instructions.
   */
  record Row(Calls.Entry entry, long java, long motoko, long javaIc, long motokoIc, long motokoWrapsExtends,
      long motokoLoadsStores, long plain, long plainIc, long handTuned, long handTunedIc) {
    double ratio() {
      return (double) java / motoko;
    }

    double icRatio() {
      return (double) javaIc / motokoIc;
    }

    /** The real (wasm64) peer's IC counter, estimated: loads and stores at 2, wraps and extends off. */
    long motokoIcWasm64() {
      return motokoIc + motokoLoadsStores - motokoWrapsExtends;
    }

    /** Java's IC count over that estimate. */
    double icRatioWasm64() {
      return (double) javaIc / motokoIcWasm64();
    }

    double plainRatio() {
      return (double) plain / motoko;
    }

    double handTunedRatio() {
      return (double) handTuned / motoko;
    }

    double plainIcRatioWasm64() {
      return (double) plainIc / motokoIcWasm64();
    }

    double handTunedIcRatioWasm64() {
      return (double) handTunedIc / motokoIcWasm64();
    }

    /** The share of the peer's raw count that the lowering added, at most. */
    double loweringShare() {
      return (double) motokoWrapsExtends / motoko;
    }

    boolean withinBudget() {
      return !entry.budgeted() || icRatioWasm64() <= BUDGET;
    }

    /** The typed whoami's raw count at most 15 % or 300 instructions (the larger) above the hand-tuned one's. */
    boolean typedNearHandTuned() {
      return java <= Math.max(Math.round(handTuned * (1 + TYPED_MARGIN)), handTuned + TYPED_SLACK);
    }

    /** The typed whoami's raw count at most {@link #RAW_BUDGET} of the peer's. */
    boolean rawWithinPeerBudget() {
      return java <= RAW_BUDGET * motoko;
    }
  }

  /** What typed methods may cost over hand-tuned code on the raw count: 15 %, or 300 instructions when more. */
  static final double TYPED_MARGIN = 0.15;
  static final long TYPED_SLACK = 300;
  /** The typed whoami's raw count over the peer's. */
  static final double RAW_BUDGET = 0.4;

  /** Module bytes as each compiler's build emits them, and gzip -9 of each (plain and hand-tuned Java too). */
  record Sizes(int java, int javaGzip, int motoko, int motokoGzip, int plain, int plainGzip, int handTuned,
      int handTunedGzip) {
    double ratio() {
      return (double) java / motoko;
    }

    boolean withinBudget() {
      return ratio() <= BUDGET;
    }
  }

  private Comparison() {}

  /** Every call of the contract. */
  static List<Row> calls() {
    return calls(Calls.ENTRIES);
  }

  static List<Row> calls(List<Calls.Entry> entries) {
    List<Row> rows = new ArrayList<>();
    for (Calls.Entry e : entries) {
      CallResult java = e.run(Implementation.SAMPLE);
      LocalReplica replica = new LocalReplica();
      replica.countOpcodes(true);
      CallResult motoko = e.scenario().run(Implementation.MOTOKO, replica);
      String problem = e.outcome().check(motoko);
      if (problem != null) {
        throw new IllegalStateException("MOTOKO, " + e.call() + ": " + problem);
      }
      OpcodeCounts ops = replica.lastMessageOpcodes();
      if (ops == null || ops.total() != motoko.instructions()) {
        throw new IllegalStateException(e.call() + ": the opcode counts are not the measured call's");
      }
      CallResult plain = e.run(Implementation.PLAIN);
      CallResult handTuned = e.run(Implementation.HAND_TUNED);
      rows.add(new Row(e, java.instructions(), motoko.instructions(), java.icInstructions(), motoko.icInstructions(),
          ops.wrapsAndExtends(), ops.loadsAndStores(), plain.instructions(), plain.icInstructions(),
          handTuned.instructions(), handTuned.icInstructions()));
    }
    return rows;
  }

  static Sizes sizes() {
    byte[] java = Implementation.SAMPLE.emitted();
    byte[] motoko = Implementation.MOTOKO.emitted();
    byte[] plain = Implementation.PLAIN.emitted();
    byte[] handTuned = Implementation.HAND_TUNED.emitted();
    return new Sizes(java.length, gzip(java), motoko.length, gzip(motoko), plain.length, gzip(plain),
        handTuned.length, gzip(handTuned));
  }

  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.format(
        "%-42s %9s %9s %6s | %9s %9s %6s | %9s %6s %10s %8s  %s%n", "call", "Java raw", "Motoko", "ratio",
        "Java IC", "Motoko IC", "ratio", "lowering", "share", "IC wasm64", "ratio", "budget 0.5"));
    for (Row r : rows) {
      sb.append(String.format("%-42s %,9d %,9d %6.3f | %,9d %,9d %6.3f | %,9d %5.1f%% %,10d %8s  %s%n",
          r.entry().call(), r.java(), r.motoko(), r.ratio(), r.javaIc(), r.motokoIc(), r.icRatio(),
          r.motokoWrapsExtends(), 100 * r.loweringShare(), r.motokoIcWasm64(),
          String.format("%.3f", r.icRatioWasm64()),
          !r.entry().budgeted() ? "(not budgeted)" : r.withinBudget() ? "ok" : "OVER"));
    }
    sb.append("lowering: i32.wrap_i64 + i64.extend_i32_u the lowered peer executed (at most what binaryen's"
        + " lowering added; share: of its raw count).\n"
        + "IC wasm64: the real peer's IC counter, estimated (loads/stores x2, wraps/extends off); ratio: Java IC over it."
        + "\n");
    return sb.toString();
  }

  /** The same calls written in plain Java and hand-tuned, beside the samples' (typed) whoami. */
  static String stylesTable(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.format("%-42s %9s %9s %9s %6s %6s %6s %6s | %9s %9s %9s %6s %6s  %s%n",
        "call", "plain", "typed", "hand", "p/M", "t/M", "h/M", "t/h", "plain IC", "typed IC", "hand IC", "p/M", "h/M",
        "typed: 0.4 M, hand+15%"));
    for (Row r : rows) {
      sb.append(String.format("%-42s %,9d %,9d %,9d %6.3f %6.3f %6.3f %6.3f | %,9d %,9d %,9d %6.3f %6.3f  %s, %s%n",
          r.entry().call(), r.plain(), r.java(), r.handTuned(), r.plainRatio(), r.ratio(), r.handTunedRatio(),
          (double) r.java() / r.handTuned(), r.plainIc(), r.javaIc(), r.handTunedIc(), r.plainIcRatioWasm64(),
          r.handTunedIcRatioWasm64(), r.rawWithinPeerBudget() ? "ok" : "OVER", r.typedNearHandTuned() ? "ok" : "OVER"));
    }
    sb.append("typed: the samples' whoami; p/M, t/M, h/M: plain, typed and hand-tuned over the peer (raw: its raw"
        + " count; IC: its wasm64 estimate); t/h: typed over hand-tuned (raw). Budgets on the raw count: typed at most"
        + " 0.4 of the peer, and at most 15 % or 300 instructions above hand-tuned.\n");
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
        + String.format("%-42s %,10d %,10d %7.3f%n", "hand-tuned Java: bytes as built, gzip -9", s.handTuned(),
            s.handTunedGzip(), (double) s.handTuned() / s.motoko());
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
