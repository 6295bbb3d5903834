package dev.icjava.build;

import dev.icjava.build.wasm.SystemApiTable;
import dev.icjava.runtime.Ic0;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.teavm.callgraph.CallGraph;
import org.teavm.callgraph.CallGraphNode;
import org.teavm.callgraph.CallSite;
import org.teavm.dependency.DependencyInfo;
import org.teavm.interop.StaticInit;
import org.teavm.model.ClassReader;
import org.teavm.model.ClassReaderSource;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;

/**
 * Finds {@code ic0} entries that a {@code @StaticInit} class's initializer may reach. TeaVM runs
 * those initializers in the module's start function, where the IC lets a canister call only the
 * entries the spec marks {@code s} (stable memory, {@code performance_counter}, {@code
 * is_controller}, {@code in_replicated_execution}, the {@code cost_*} family, {@code debug_print},
 * {@code trap}); any other call there traps, and the install or upgrade fails. The search follows
 * TeaVM's call graph from each such {@code <clinit>}, so it also finds calls behind a branch the
 * initializer never takes: read each warning, and move what it names out of the initializer (into
 * {@code @Init}/{@code @PostUpgrade}, or a lazy first use) or make sure it cannot run there.
 */
final class StartFunctionCheck {
  private StartFunctionCheck() {}

  /** One message per (class, entry) found, with a call path from the initializer to the entry. */
  static List<String> warnings(DependencyInfo dependencies) {
    ClassReaderSource classes = dependencies.getClassSource();
    CallGraph graph = dependencies.getCallGraph();
    List<String> out = new ArrayList<>();
    for (String name : new TreeSet<>(dependencies.getReachableClasses())) {
      ClassReader cls = classes.get(name);
      if (cls == null || cls.getAnnotations().get(StaticInit.class.getName()) == null) {
        continue;
      }
      CallGraphNode init = graph.getNode(new MethodReference(name, "<clinit>", ValueType.VOID));
      if (init == null) {
        continue;
      }
      for (Map.Entry<String, List<MethodReference>> hit : forbiddenCalls(init).entrySet()) {
        StringBuilder path = new StringBuilder();
        for (MethodReference m : hit.getValue()) {
          path.append(path.length() == 0 ? "" : " -> ").append(m.getClassName()).append('.').append(m.getName());
        }
        out.add("@StaticInit class " + name + ": its initializer, run in the start function, reaches ic0."
            + hit.getKey() + ", which the IC refuses there (allowed contexts: "
            + String.join(" ", SystemApiTable.entry(hit.getKey()).contexts())
            + "): the install would trap. Path: " + path);
      }
    }
    return out;
  }

  /** Breadth first from {@code start}: each forbidden ic0 entry reached, with the shortest path. */
  private static Map<String, List<MethodReference>> forbiddenCalls(CallGraphNode start) {
    Map<String, List<MethodReference>> found = new java.util.TreeMap<>();
    Map<MethodReference, MethodReference> parent = new HashMap<>();
    ArrayDeque<CallGraphNode> queue = new ArrayDeque<>();
    parent.put(start.getMethod(), null);
    queue.add(start);
    while (!queue.isEmpty()) {
      CallGraphNode node = queue.removeFirst();
      for (CallSite site : node.getCallSites()) {
        for (CallGraphNode callee : site.getCalledMethods()) {
          MethodReference m = callee.getMethod();
          if (parent.containsKey(m)) {
            continue;
          }
          parent.put(m, node.getMethod());
          if (m.getClassName().equals(Ic0.class.getName())) {
            SystemApiTable.Entry e = SystemApiTable.entry(m.getName());
            if (e != null && !e.contexts().contains("s") && !found.containsKey(m.getName())) {
              List<MethodReference> path = new ArrayList<>();
              for (MethodReference p = m; p != null; p = parent.get(p)) {
                path.add(0, p);
              }
              found.put(m.getName(), path);
            }
            continue;
          }
          queue.add(callee);
        }
      }
    }
    return found;
  }
}
