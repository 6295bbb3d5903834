package dev.icjava.build.wasm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code ic0} function a canister may import, with its signature and the call contexts it may
 * be called from, read from the interface specification's own import block ({@code
 * ic0-imports.txt} beside this class, a verbatim copy with its source and commit). {@code I} is the
 * pointer width: {@code i32} for 32-bit memory, {@code i64} for wasm64.
 *
 * <p>Context letters are the spec's: {@code I} init and post-upgrade, {@code G} pre-upgrade, {@code
 * U} update, {@code RQ}/{@code NRQ} a query in replicated/non-replicated mode, {@code TQ} an HTTP
 * outcall transform, {@code CQ} composite query, {@code Ry}/{@code Rt} reply and reject callbacks,
 * {@code CRy}/{@code CRt} the same in a composite query, {@code C}/{@code CC} cleanup callbacks,
 * {@code s} the start function, {@code F} inspect message, {@code T} a system task (heartbeat,
 * global timer, low-memory hook); {@code *} is every one of them but {@code s}.
 */
public final class SystemApiTable {
  /** A signature: parameter and result types, each {@code i32}, {@code i64} or {@code I}. */
  public record Signature(List<String> params, List<String> results, boolean deprecated) {
    /**
     * The signature with {@code I} resolved to {@code i32} or {@code i64}.
     *
     * @param memory64 whether memory is 64-bit
     * @return the signature
     */
    public Signature resolve(boolean memory64) {
      String width = memory64 ? "i64" : "i32";
      return new Signature(
          params.stream().map(t -> t.equals("I") ? width : t).toList(),
          results.stream().map(t -> t.equals("I") ? width : t).toList(),
          deprecated);
    }

    @Override
    public String toString() {
      return "(" + String.join(", ", params) + ") -> (" + String.join(", ", results) + ")";
    }
  }

  /**
   * One entry: its name (without {@code ic0.}), signature, the contexts it may be called from (with
   * {@code *} expanded), and the spec's line(s) as written.
   */
  public record Entry(String name, Signature signature, Set<String> contexts, String specText) {}

  /** Every context letter of the spec's legend, in its order. */
  public static final List<String> CONTEXTS;

  /** What {@code *} stands for (the spec's legend: every context but the start function). */
  public static final Set<String> ANYWHERE;

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    List<String> lines = readResource();
    List<String> legend = new ArrayList<>();
    Set<String> star = null;
    String block = null;
    StringBuilder pending = new StringBuilder();
    List<String[]> parsed = new ArrayList<>(); // {block, text, comment}
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@ ")) {
        block = line.substring(2);
        continue;
      }
      if (block == null) {
        throw new IllegalStateException("ic0-imports.txt: a line before any block: " + line);
      }
      if (block.equals("legend")) {
        // -   `I`: from ...        and        -   `*` = `I G U ...` (NB: Not `(start)`)
        String t = line.trim();
        if (t.startsWith("-   `*` = `")) {
          int end = t.indexOf('`', 11);
          star = new LinkedHashSet<>(List.of(t.substring(11, end).split(" ")));
        } else if (t.startsWith("-   `")) {
          legend.add(t.substring(5, t.indexOf('`', 5)));
        }
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      pending.append(line).append('\n');
      int semicolon = line.indexOf(';');
      if (semicolon >= 0) {
        int comment = line.indexOf("//", semicolon);
        String text = pending.toString();
        parsed.add(new String[] {block, text, comment < 0 ? "" : line.substring(comment + 2).trim()});
        pending.setLength(0);
      }
    }
    if (pending.length() > 0 || star == null || legend.isEmpty()) {
      throw new IllegalStateException("ic0-imports.txt is incomplete");
    }
    CONTEXTS = List.copyOf(legend);
    ANYWHERE = Collections.unmodifiableSet(star);
    for (String[] p : parsed) {
      add(p[1], p[2], !p[0].equals("current"));
    }
    // Not in the spec, but linked by the IC for the cycles minting canister alone (dfinity/ic
    // rs/embedders/src/wasmtime_embedder/linker.rs at 6b857d45cf69349ed7e66570eccbe3dd62b2ad90 links
    // ic0.mint_cycles128; older toolchains import mint_cycles): a module may import them, any other
    // canister's call fails. No context lists them, so the local replica traps every call.
    ENTRIES.put("mint_cycles", new Entry("mint_cycles", new Signature(List.of("i64"), List.of("i64"), true), Set.of(), ""));
    ENTRIES.put("mint_cycles128",
        new Entry("mint_cycles128", new Signature(List.of("i64", "i64", "I"), List.of(), true), Set.of(), ""));
  }

  private SystemApiTable() {}

  private static List<String> readResource() {
    try (InputStream in = SystemApiTable.class.getResourceAsStream("ic0-imports.txt")) {
      if (in == null) {
        throw new IllegalStateException("ic0-imports.txt missing from the class path");
      }
      List<String> lines = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code ic0.name : (a : T, ...) -> R;} with its context comment. */
  private static void add(String text, String comment, boolean deprecated) {
    String flat = text.replace('\n', ' ').trim();
    if (!flat.startsWith("ic0.")) {
      throw new IllegalStateException("not an ic0 entry: " + flat);
    }
    int colon = flat.indexOf(':');
    String name = flat.substring(4, colon).trim();
    String sig = flat.substring(colon + 1, flat.indexOf(';')).trim();
    int arrow = sig.indexOf("->");
    List<String> params = types(sig.substring(0, arrow).trim());
    List<String> results = types(sig.substring(arrow + 2).trim());
    Set<String> contexts = new LinkedHashSet<>();
    for (String letter : comment.split("\\s+")) {
      if (letter.isEmpty()) {
        continue;
      }
      if (letter.equals("*")) {
        contexts.addAll(ANYWHERE);
      } else if (letter.equals("Q")) {
        // msg_deadline lists "Q", which the legend lacks; its text says queries in every mode get a
        // deadline of 0, so Q reads as every canister_query mode.
        contexts.addAll(List.of("RQ", "NRQ", "TQ"));
      } else if (CONTEXTS.contains(letter)) {
        contexts.add(letter);
      } else {
        throw new IllegalStateException("ic0." + name + ": unknown context letter " + letter);
      }
    }
    String line = text.stripTrailing();
    ENTRIES.put(name, new Entry(name, new Signature(params, results, deprecated), Collections.unmodifiableSet(contexts), line));
  }

  /** {@code ()}, {@code I}, {@code (dst : I, offset : I)}, {@code ( err_code : i32 )}: the types. */
  private static List<String> types(String s) {
    String t = s.trim();
    if (t.startsWith("(")) {
      t = t.substring(1, t.lastIndexOf(')')).trim();
    }
    if (t.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : t.split(",")) {
      String p = part.trim();
      int c = p.indexOf(':');
      String type = (c < 0 ? p : p.substring(c + 1)).trim();
      if (!type.equals("I") && !type.equals("i32") && !type.equals("i64")) {
        throw new IllegalStateException("unknown type " + type + " in " + s);
      }
      out.add(type);
    }
    return List.copyOf(out);
  }

  /**
   * The signature of {@code ic0.<name>}, or {@code null} when the System API has no such entry.
   *
   * @param name the entry's name
   * @return its signature, or {@code null}
   */
  public static Signature lookup(String name) {
    Entry e = ENTRIES.get(name);
    return e == null ? null : e.signature();
  }

  /**
   * The entry {@code ic0.<name>}, or {@code null}.
   *
   * @param name the entry's name
   * @return the entry, or {@code null}
   */
  public static Entry entry(String name) {
    return ENTRIES.get(name);
  }

  /**
   * Whether {@code ic0.<name>} may be called from context {@code letter} (one of {@link #CONTEXTS});
   * false for a name the spec does not list.
   *
   * @param name the entry's name
   * @param letter the context's letter
   * @return whether it may be called there
   */
  public static boolean allowed(String name, String letter) {
    Entry e = ENTRIES.get(name);
    return e != null && e.contexts().contains(letter);
  }

  /**
   * Signatures of all entries, in spec order, the 32-bit-only (deprecated) ones last.
   *
   * @return the signatures, by name
   */
  public static Map<String, Signature> all() {
    Map<String, Signature> out = new LinkedHashMap<>();
    ENTRIES.forEach((name, e) -> out.put(name, e.signature()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * All entries, in spec order.
   *
   * @return the entries
   */
  public static List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }
}
