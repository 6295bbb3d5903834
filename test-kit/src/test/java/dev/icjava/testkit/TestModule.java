package dev.icjava.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written Wasm modules for the replica's tests: types, {@code ic0} imports, functions whose
 * bodies are written instruction by instruction with {@link Code}, exports, one memory (or none), a
 * start function and data segments. Small enough that a test can state what each module does and
 * what it costs, by hand.
 */
final class TestModule {
  static final byte I32 = 0x7f;
  static final byte I64 = 0x7e;

  private final List<byte[][]> types = new ArrayList<>();
  private final ByteArrayOutputStream imports = new ByteArrayOutputStream();
  private int importCount;
  private final List<Integer> functionTypes = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final ByteArrayOutputStream exports = new ByteArrayOutputStream();
  private int exportCount;
  private int memoryPages = 1;
  private Integer start;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private int dataCount;
  private final ByteArrayOutputStream globals = new ByteArrayOutputStream();
  private int globalCount;
  private int[] table;

  int type(byte[] params, byte[] results) {
    for (int i = 0; i < types.size(); i++) {
      if (Arrays.equals(types.get(i)[0], params) && Arrays.equals(types.get(i)[1], results)) {
        return i;
      }
    }
    types.add(new byte[][] {params, results});
    return types.size() - 1;
  }

  /** Imports {@code ic0.<name>}; its function index. All imports come before any function. */
  int importIc0(String name, byte[] params, byte[] results) {
    if (!functionTypes.isEmpty()) {
      throw new IllegalStateException("imports first");
    }
    name(imports, "ic0");
    name(imports, name);
    imports.write(0);
    u32(imports, type(params, results));
    return importCount++;
  }

  /** A function with locals {@code locals} (one value type each) and body {@code code}; its index. */
  int function(byte[] params, byte[] results, byte[] locals, Code code) {
    functionTypes.add(type(params, results));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u32(body, locals.length);
    for (byte l : locals) {
      u32(body, 1);
      body.write(l);
    }
    body.writeBytes(code.bytes());
    body.write(0x0b); // the function's end
    bodies.add(body.toByteArray());
    return importCount + functionTypes.size() - 1;
  }

  /** A {@code () -> ()} function without locals. */
  int function(Code code) {
    return function(new byte[0], new byte[0], new byte[0], code);
  }

  TestModule export(String name, int function) {
    name(exports, name);
    exports.write(0);
    u32(exports, function);
    exportCount++;
    return this;
  }

  /**
   * A function table holding {@code functions} at indices 0, 1, ... (one active element segment at
   * offset 0): what callbacks of inter-canister calls are addressed by.
   */
  TestModule table(int... functions) {
    table = functions.clone();
    return this;
  }

  /** No memory at all (the spec allows a module without one). */
  TestModule noMemory() {
    memoryPages = 0;
    return this;
  }

  TestModule start(int function) {
    start = function;
    return this;
  }

  TestModule data(int offset, byte[] bytes) {
    u32(data, 0);
    data.write(0x41);
    sleb(data, offset);
    data.write(0x0b);
    u32(data, bytes.length);
    data.writeBytes(bytes);
    dataCount++;
    return this;
  }

  /** A mutable i32 global initialised to 0; its index. */
  int mutableGlobal() {
    globals.write(I32);
    globals.write(1);
    globals.write(0x41);
    globals.write(0);
    globals.write(0x0b);
    return globalCount++;
  }

  byte[] bytes() {
    ByteArrayOutputStream w = new ByteArrayOutputStream();
    w.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    u32(t, types.size());
    for (byte[][] type : types) {
      t.write(0x60);
      u32(t, type[0].length);
      t.writeBytes(type[0]);
      u32(t, type[1].length);
      t.writeBytes(type[1]);
    }
    section(w, 1, t.toByteArray());
    if (importCount > 0) {
      section(w, 2, counted(importCount, imports));
    }
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    u32(f, functionTypes.size());
    for (int type : functionTypes) {
      u32(f, type);
    }
    section(w, 3, f.toByteArray());
    if (table != null) {
      ByteArrayOutputStream tb = new ByteArrayOutputStream();
      u32(tb, 1);
      tb.write(0x70); // funcref
      tb.write(0); // min only
      u32(tb, table.length);
      section(w, 4, tb.toByteArray());
    }
    if (memoryPages > 0) {
      section(w, 5, new byte[] {1, 0, (byte) memoryPages});
    }
    if (globalCount > 0) {
      section(w, 6, counted(globalCount, globals));
    }
    if (exportCount > 0) {
      section(w, 7, counted(exportCount, exports));
    }
    if (start != null) {
      ByteArrayOutputStream s = new ByteArrayOutputStream();
      u32(s, start);
      section(w, 8, s.toByteArray());
    }
    if (table != null) {
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      u32(e, 1);
      u32(e, 0); // active, table 0, function indices
      e.write(0x41);
      e.write(0);
      e.write(0x0b);
      u32(e, table.length);
      for (int fn : table) {
        u32(e, fn);
      }
      section(w, 9, e.toByteArray());
    }
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    u32(c, bodies.size());
    for (byte[] body : bodies) {
      u32(c, body.length);
      c.writeBytes(body);
    }
    section(w, 10, c.toByteArray());
    if (dataCount > 0) {
      section(w, 11, counted(dataCount, data));
    }
    return w.toByteArray();
  }

  private static byte[] counted(int count, ByteArrayOutputStream content) {
    ByteArrayOutputStream w = new ByteArrayOutputStream();
    u32(w, count);
    w.writeBytes(content.toByteArray());
    return w.toByteArray();
  }

  private static void section(ByteArrayOutputStream w, int id, byte[] payload) {
    w.write(id);
    u32(w, payload.length);
    w.writeBytes(payload);
  }

  private static void name(ByteArrayOutputStream w, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u32(w, b.length);
    w.writeBytes(b);
  }

  static void u32(ByteArrayOutputStream w, long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      w.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  static void sleb(ByteArrayOutputStream w, long v) {
    boolean more = true;
    while (more) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
      w.write(more ? b | 0x80 : b);
    }
  }

  /** A function body, instruction by instruction (opcodes from the Wasm core spec, section 5.4). */
  static final class Code {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Code op(int opcode) {
      out.write(opcode);
      return this;
    }

    Code i32(int v) {
      out.write(0x41);
      sleb(out, v);
      return this;
    }

    Code i64(long v) {
      out.write(0x42);
      sleb(out, v);
      return this;
    }

    Code call(int function) {
      out.write(0x10);
      u32(out, function);
      return this;
    }

    Code localGet(int i) {
      out.write(0x20);
      u32(out, i);
      return this;
    }

    Code localSet(int i) {
      out.write(0x21);
      u32(out, i);
      return this;
    }

    Code localTee(int i) {
      out.write(0x22);
      u32(out, i);
      return this;
    }

    Code globalSet(int i) {
      out.write(0x24);
      u32(out, i);
      return this;
    }

    /** {@code block}, {@code loop} or {@code if} with an empty block type. */
    Code block() {
      return op(0x02).op(0x40);
    }

    Code loop() {
      return op(0x03).op(0x40);
    }

    Code ifThen() {
      return op(0x04).op(0x40);
    }

    Code orElse() {
      return op(0x05);
    }

    Code end() {
      return op(0x0b);
    }

    Code br(int depth) {
      out.write(0x0c);
      u32(out, depth);
      return this;
    }

    Code brIf(int depth) {
      out.write(0x0d);
      u32(out, depth);
      return this;
    }

    Code drop() {
      return op(0x1a);
    }

    Code unreachable() {
      return op(0x00);
    }

    Code i64Store() {
      return op(0x37).op(3).op(0); // align 8, offset 0
    }

    Code memoryFill() {
      return op(0xfc).op(11).op(0);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
