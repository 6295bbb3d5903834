package dev.icjava.testkit;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executed instructions per function, for finding where a message's cost goes. Functions are named
 * from the module's {@code name} section when it has one (build without obfuscation for that),
 * else {@code func[<index>]}.
 */
public final class InstructionProfile {
  private final Map<Instruction, Integer> owner = new IdentityHashMap<>();
  private final long[] counts;
  private final String[] names;

  InstructionProfile(WasmModule module) {
    int imported = module.importSection().count(ExternalType.FUNCTION);
    FunctionBody[] bodies = module.codeSection().functionBodies();
    counts = new long[imported + bodies.length];
    names = new String[counts.length];
    for (int i = 0; i < bodies.length; i++) {
      for (Instruction insn : bodies[i].instructions()) {
        owner.put(insn, imported + i);
      }
    }
    for (int i = 0; i < names.length; i++) {
      String name = null;
      try {
        name = module.nameSection() == null ? null : module.nameSection().nameOfFunction(i);
      } catch (RuntimeException e) {
        name = null;
      }
      names[i] = name != null ? name : "func[" + i + "]";
    }
  }

  void record(Instruction insn) {
    Integer f = owner.get(insn);
    if (f != null) {
      counts[f]++;
    }
  }

  /**
   * The {@code top} most expensive functions, one line each: instructions, then name.
   *
   * @param top how many functions
   * @return one line per function, most expensive first
   */
  public List<String> top(int top) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        order.add(i);
      }
    }
    order.sort((a, b) -> Long.compare(counts[b], counts[a]));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.min(top, order.size()); i++) {
      int f = order.get(i);
      lines.add(String.format("%,10d  %s", counts[f], names[f]));
    }
    return lines;
  }

  /** Sets every function's count back to zero. */
  public void reset() {
    java.util.Arrays.fill(counts, 0);
  }
}
