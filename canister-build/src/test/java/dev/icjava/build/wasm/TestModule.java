package dev.icjava.build.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes small Wasm modules for validator tests, section by section, so that each test can break
 * exactly one rule. Types are written as value-type bytes (0x7f i32, 0x7e i64, 0x7b v128, 0x70
 * funcref).
 */
final class TestModule {
  static final int I32 = 0x7f;
  static final int I64 = 0x7e;
  static final int FUNCREF = 0x70;

  private final List<int[][]> types = new ArrayList<>();
  private final WasmSections.Writer imports = new WasmSections.Writer();
  private int importCount;
  private int importedFunctions;
  private final List<Integer> functions = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final WasmSections.Writer exports = new WasmSections.Writer();
  private int exportCount;
  private final WasmSections.Writer globals = new WasmSections.Writer();
  private int globalCount;
  private int memories = 1;
  private int tables;
  private final WasmSections.Writer data = new WasmSections.Writer();
  private int dataCount;
  private final List<String[]> customs = new ArrayList<>();
  private final List<byte[]> rawTypes = new ArrayList<>();
  private final WasmSections.Writer tags = new WasmSections.Writer();
  private int tagCount;

  /** The index of the function type (params) -> (results). */
  int type(int[] params, int[] results) {
    for (int i = 0; i < types.size(); i++) {
      if (java.util.Arrays.equals(types.get(i)[0], params) && java.util.Arrays.equals(types.get(i)[1], results)) {
        return i;
      }
    }
    types.add(new int[][] {params, results});
    return types.size() - 1;
  }

  TestModule importFunction(String module, String name, int[] params, int[] results) {
    int t = type(params, results);
    imports.name(module);
    imports.name(name);
    imports.u8(0);
    imports.u32(t);
    importCount++;
    importedFunctions++;
    return this;
  }

  /**
   * Adds a type-section entry written as is (a struct or array type of the GC proposal, say), after
   * the function types; its index is the number of function types before it plus its position.
   */
  TestModule rawType(byte[] entry) {
    rawTypes.add(entry);
    return this;
  }

  /** An exception tag (exception handling) of function type {@code typeIndex}, in the tag section. */
  TestModule tag(int typeIndex) {
    tags.u8(0); // attribute: exception
    tags.u32(typeIndex);
    tagCount++;
    return this;
  }

  /** Imports an exception tag of function type {@code typeIndex}. */
  TestModule importTag(String module, String name, int typeIndex) {
    imports.name(module);
    imports.name(name);
    imports.u8(4);
    imports.u8(0);
    imports.u32(typeIndex);
    importCount++;
    return this;
  }

  TestModule importMemory(String module, String name) {
    imports.name(module);
    imports.name(name);
    imports.u8(2);
    imports.u8(0);
    imports.u32(1);
    importCount++;
    return this;
  }

  /** Adds a function with body {@code code} (without the final {@code end}); its index. */
  int function(int[] params, int[] results, byte[] code) {
    functions.add(type(params, results));
    WasmSections.Writer body = new WasmSections.Writer();
    body.u32(0); // no locals
    body.bytes(code);
    body.u8(0x0b);
    bodies.add(body.toByteArray());
    return importedFunctions + functions.size() - 1;
  }

  int function() {
    return function(new int[0], new int[0], new byte[0]);
  }

  TestModule export(String name, int kind, int index) {
    exports.name(name);
    exports.u8(kind);
    exports.u32(index);
    exportCount++;
    return this;
  }

  TestModule exportFunction(String name, int index) {
    return export(name, 0, index);
  }

  TestModule global(int valType, byte[] init) {
    globals.u8(valType);
    globals.u8(0);
    globals.bytes(init);
    globals.u8(0x0b);
    globalCount++;
    return this;
  }

  TestModule memories(int n) {
    memories = n;
    return this;
  }

  TestModule tables(int n) {
    tables = n;
    return this;
  }

  /** An active data segment for memory 0 with offset expression {@code offsetExpr}. */
  TestModule data(byte[] offsetExpr, byte[] bytes) {
    data.u32(0);
    data.bytes(offsetExpr);
    data.u8(0x0b);
    data.u32(bytes.length);
    data.bytes(bytes);
    dataCount++;
    return this;
  }

  TestModule custom(String name, String content) {
    customs.add(new String[] {name, content});
    return this;
  }

  byte[] bytes() {
    WasmSections.Writer w = new WasmSections.Writer();
    w.bytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    WasmSections.Writer t = new WasmSections.Writer();
    t.u32(types.size() + rawTypes.size());
    for (int[][] type : types) {
      t.u8(0x60);
      t.u32(type[0].length);
      for (int p : type[0]) {
        t.u8(p);
      }
      t.u32(type[1].length);
      for (int r : type[1]) {
        t.u8(r);
      }
    }
    for (byte[] raw : rawTypes) {
      t.bytes(raw);
    }
    section(w, 1, t.toByteArray());
    if (importCount > 0) {
      section(w, 2, prefixCount(importCount, imports));
    }
    WasmSections.Writer f = new WasmSections.Writer();
    f.u32(functions.size());
    for (int type : functions) {
      f.u32(type);
    }
    section(w, 3, f.toByteArray());
    if (tables > 0) {
      WasmSections.Writer tb = new WasmSections.Writer();
      tb.u32(tables);
      for (int i = 0; i < tables; i++) {
        tb.u8(FUNCREF);
        tb.u8(0);
        tb.u32(1);
      }
      section(w, 4, tb.toByteArray());
    }
    if (memories > 0) {
      WasmSections.Writer m = new WasmSections.Writer();
      m.u32(memories);
      for (int i = 0; i < memories; i++) {
        m.u8(0);
        m.u32(1);
      }
      section(w, 5, m.toByteArray());
    }
    if (tagCount > 0) {
      section(w, 13, prefixCount(tagCount, tags)); // between memory and global
    }
    if (globalCount > 0) {
      section(w, 6, prefixCount(globalCount, globals));
    }
    if (exportCount > 0) {
      section(w, 7, prefixCount(exportCount, exports));
    }
    WasmSections.Writer c = new WasmSections.Writer();
    c.u32(bodies.size());
    for (byte[] body : bodies) {
      c.u32(body.length);
      c.bytes(body);
    }
    section(w, 10, c.toByteArray());
    if (dataCount > 0) {
      section(w, 11, prefixCount(dataCount, data));
    }
    byte[] head = w.toByteArray();
    WasmSections module = WasmSections.parse(head);
    for (String[] custom : customs) {
      module.addCustom(custom[0], custom[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return module.toBytes();
  }

  private static byte[] prefixCount(int count, WasmSections.Writer content) {
    WasmSections.Writer w = new WasmSections.Writer();
    w.u32(count);
    w.bytes(content.toByteArray());
    return w.toByteArray();
  }

  private static void section(WasmSections.Writer w, int id, byte[] payload) {
    w.u8(id);
    w.u32(payload.length);
    w.bytes(payload);
  }
}
