package dev.icjava.build.wasm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The data section rewritten without its runs of zero bytes. TeaVM writes its whole static area
 * (class records, string pool, static fields) as one active segment, three quarters of it zeros; a
 * freshly instantiated memory is already zero (on the IC at install and after every upgrade), so
 * those zeros are paid at every install and do nothing. Each run of at least {@link #MIN_ZERO_RUN}
 * zeros is dropped by ending the segment before it and starting a new one after it; the memory an
 * instance sees is byte for byte the same.
 *
 * <p>Only active segments for memory 0 with an {@code i32.const} offset are split (TeaVM writes
 * nothing else); any other segment is kept as it is. The data count section, when present, is
 * updated. The segment count stays far below engines' limit (100,000 in wasmtime, which the IC
 * runs).
 */
public final class DataSegments {
  /** 12: a new segment costs at most 9 bytes (flag, i32.const, offset, end, size). */
  public static final int MIN_ZERO_RUN = 12;

  static final int DATA = 11;
  static final int DATA_COUNT = 12;
  private static final int MAX_SEGMENTS = 10_000;

  private DataSegments() {}

  /** One segment as read: {@code offset} is -1 for a segment that is not split (kept as {@code raw}). */
  private record Segment(long offset, byte[] bytes, byte[] raw) {}

  /**
   * Rewrites {@code module}'s data section; returns the number of segments written.
   *
   * @param module the module
   * @return the number of segments
   */
  public static int splitAtZeroRuns(WasmSections module) {
    WasmSections.Section section = module.find(DATA);
    if (section == null) {
      return 0;
    }
    List<Segment> segments = read(section.payload());
    List<byte[]> out = new ArrayList<>();
    for (Segment s : segments) {
      if (s.offset() < 0) {
        out.add(s.raw());
      } else {
        split(s, out);
      }
    }
    if (out.size() > MAX_SEGMENTS) {
      return segments.size(); // leave the module as TeaVM wrote it rather than approach engine limits
    }
    WasmSections.Writer w = new WasmSections.Writer();
    w.u32(out.size());
    for (byte[] encoded : out) {
      w.bytes(encoded);
    }
    module.replace(DATA, w.toByteArray());
    if (module.find(DATA_COUNT) != null) {
      WasmSections.Writer count = new WasmSections.Writer();
      count.u32(out.size());
      module.replace(DATA_COUNT, count.toByteArray());
    }
    return out.size();
  }

  private static List<Segment> read(byte[] payload) {
    WasmSections.Reader r = new WasmSections.Reader(payload, 0);
    long count = r.u32();
    List<Segment> segments = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      int start = r.position();
      long flag = r.u32();
      long offset = -1;
      if (flag == 0 && payload[r.position()] == 0x41) { // i32.const <offset> end
        r.skip(1);
        offset = signed32(r);
        if (r.u8() != 0x0b || offset < 0) {
          offset = -1;
        }
      } else if (flag == 1) {
        // passive: bytes follow directly
      } else {
        throw new IllegalArgumentException("data segment " + i + ": unsupported form " + flag);
      }
      if (offset < 0 && flag == 0) {
        throw new IllegalArgumentException("data segment " + i + ": offset is not an i32.const");
      }
      int length = (int) r.u32();
      int at = r.position();
      byte[] bytes = java.util.Arrays.copyOfRange(payload, at, at + length);
      r.skip(length);
      byte[] raw = java.util.Arrays.copyOfRange(payload, start, r.position());
      segments.add(new Segment(offset, bytes, raw));
    }
    return segments;
  }

  private static long signed32(WasmSections.Reader r) {
    long result = 0;
    int shift = 0;
    int b;
    do {
      b = r.u8();
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return (int) result;
  }

  private static void split(Segment s, List<byte[]> out) {
    byte[] d = s.bytes();
    int i = 0;
    while (i < d.length) {
      while (i < d.length && d[i] == 0) {
        i++;
      }
      if (i == d.length) {
        break;
      }
      int start = i;
      int end = i;
      // extend over non-zero bytes and zero runs shorter than MIN_ZERO_RUN
      while (end < d.length) {
        if (d[end] != 0) {
          end++;
          continue;
        }
        int run = end;
        while (run < d.length && d[run] == 0) {
          run++;
        }
        if (run - end >= MIN_ZERO_RUN || run == d.length) {
          break;
        }
        end = run;
      }
      out.add(encode(s.offset() + start, d, start, end));
      i = end;
    }
  }

  private static byte[] encode(long offset, byte[] d, int from, int to) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0); // active, memory 0
    b.write(0x41); // i32.const
    long v = (int) offset;
    boolean more = true;
    while (more) {
      int x = (int) (v & 0x7f);
      v >>= 7;
      more = !((v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0));
      b.write(more ? x | 0x80 : x);
    }
    b.write(0x0b);
    WasmSections.Writer w = new WasmSections.Writer();
    w.u32(to - from);
    b.writeBytes(w.toByteArray());
    b.write(d, from, to - from);
    return b.toByteArray();
  }
}
