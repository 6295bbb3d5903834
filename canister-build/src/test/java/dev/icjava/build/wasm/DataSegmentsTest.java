package dev.icjava.build.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Dropping zero runs must leave the instantiated memory byte for byte the same. The memory images
 * are rebuilt from Chicory's reading of the modules (an independent Wasm parser), before and after.
 */
class DataSegmentsTest {
  static final int PAGES = 2;

  @Test
  void shouldLeaveTheMemoryImageUnchangedAndDropLongZeroRuns() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      byte[] data = new byte[1 + random.nextInt(3000)];
      for (int i = 0; i < data.length; ) {
        int run = 1 + random.nextInt(random.nextBoolean() ? 4 : 60);
        boolean zeros = random.nextInt(3) > 0;
        for (int j = 0; j < run && i < data.length; j++, i++) {
          data[i] = zeros ? 0 : (byte) (1 + random.nextInt(255));
        }
      }
      int offset = random.nextInt(1000);
      byte[] module = module(offset, data);
      WasmSections sections = WasmSections.parse(module);
      int segments = DataSegments.splitAtZeroRuns(sections);
      byte[] split = sections.toBytes();
      assertArrayEquals(image(module), image(split), "round " + round);
      assertEquals(segments, Parser.parse(split).dataSection().dataSegments().length);
      assertTrue(split.length <= module.length + 1, "round " + round + ": grew");
    }
  }

  @Test
  void shouldRemoveAllButTheNonZeroBytesOfASparseSegment() {
    byte[] data = new byte[10_000];
    data[100] = 1;
    data[5_000] = 2;
    data[9_999] = 3;
    WasmSections sections = WasmSections.parse(module(256, data));
    assertEquals(3, DataSegments.splitAtZeroRuns(sections));
    byte[] split = sections.toBytes();
    assertTrue(split.length < 100, split.length + " bytes");
    assertArrayEquals(image(module(256, data)), image(split));
  }

  /** Memory as instantiation leaves it: zeros, then every active segment copied in order. */
  static byte[] image(byte[] module) {
    WasmModule m = Parser.parse(module);
    byte[] memory = new byte[PAGES * 65536];
    for (DataSegment s : m.dataSection().dataSegments()) {
      ActiveDataSegment a = (ActiveDataSegment) s;
      int offset = (int) a.offsetInstructions().get(0).operand(0);
      System.arraycopy(a.data(), 0, memory, offset, a.data().length);
    }
    return memory;
  }

  /** A module with one memory of {@link #PAGES} pages and one active data segment. */
  static byte[] module(int offset, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    section(out, 5, new byte[] {1, 0, PAGES});
    WasmSections.Writer segment = new WasmSections.Writer();
    segment.u32(1);
    segment.u8(0);
    segment.u8(0x41);
    ByteArrayOutputStream leb = new ByteArrayOutputStream();
    long v = offset;
    boolean more = true;
    while (more) {
      int x = (int) (v & 0x7f);
      v >>= 7;
      more = !(v == 0 && (x & 0x40) == 0);
      leb.write(more ? x | 0x80 : x);
    }
    segment.bytes(leb.toByteArray());
    segment.u8(0x0b);
    segment.u32(data.length);
    segment.bytes(data);
    section(out, DataSegments.DATA, segment.toByteArray());
    return out.toByteArray();
  }

  private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
    WasmSections.Writer w = new WasmSections.Writer();
    w.u8(id);
    w.u32(payload.length);
    w.bytes(payload);
    out.writeBytes(w.toByteArray());
  }
}
