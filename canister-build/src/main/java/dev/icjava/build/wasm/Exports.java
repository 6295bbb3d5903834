package dev.icjava.build.wasm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The export section read and rewritten at byte level. */
public final class Exports {
  private Exports() {}

  /** One export: name, kind (0 function, 1 table, 2 memory, 3 global) and index. */
  public record Entry(String name, int kind, long index) {}

  /**
   * The module's exports, in order; empty without an export section.
   *
   * @param module the module
   * @return the exports
   */
  public static List<Entry> read(WasmSections module) {
    List<Entry> entries = new ArrayList<>();
    WasmSections.Section section = module.find(WasmSections.EXPORT);
    if (section == null) {
      return entries;
    }
    WasmSections.Reader r = new WasmSections.Reader(section.payload(), 0);
    long count = r.u32();
    for (long i = 0; i < count; i++) {
      String name = r.name();
      int kind = r.u8();
      long index = r.u32();
      entries.add(new Entry(name, kind, index));
    }
    return entries;
  }

  /**
   * Keeps only the exports {@code keep} accepts; functions stay in place, unreferenced.
   *
   * @param module the module
   * @param keep which exports to keep
   */
  public static void retain(WasmSections module, Predicate<Entry> keep) {
    List<Entry> kept = new ArrayList<>();
    for (Entry e : read(module)) {
      if (keep.test(e)) {
        kept.add(e);
      }
    }
    WasmSections.Writer w = new WasmSections.Writer();
    w.u32(kept.size());
    for (Entry e : kept) {
      w.name(e.name());
      w.u8(e.kind());
      w.u32(e.index());
    }
    module.replace(WasmSections.EXPORT, w.toByteArray());
  }
}
