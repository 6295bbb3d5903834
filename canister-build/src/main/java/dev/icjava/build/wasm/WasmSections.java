package dev.icjava.build.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Wasm binary as its list of sections, each kept as raw bytes: enough to replace or add a section
 * without touching (or renumbering) anything else. Section ids are those of the core spec (0 custom,
 * 1 type, 2 import, ..., 7 export, ...).
 */
public final class WasmSections {
  /** The custom section's id. */
  public static final int CUSTOM = 0;
  /** The import section's id. */
  public static final int IMPORT = 2;
  /** The memory section's id. */
  public static final int MEMORY = 5;
  /** The export section's id. */
  public static final int EXPORT = 7;
  /** The code section's id. */
  public static final int CODE = 10;

  private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

  /** One section: its id, and its payload (without id and size). */
  public record Section(int id, byte[] payload) {
    /**
     * The name of a custom section, or {@code null} for other sections.
     *
     * @return the name, or {@code null}
     */
    public String customName() {
      if (id != CUSTOM) {
        return null;
      }
      Reader r = new Reader(payload, 0);
      int len = (int) r.u32();
      return new String(payload, r.position(), len, StandardCharsets.UTF_8);
    }
  }

  private final List<Section> sections;

  private WasmSections(List<Section> sections) {
    this.sections = sections;
  }

  /**
   * Splits {@code wasm} into sections; throws {@link IllegalArgumentException} when malformed.
   *
   * @param wasm the module
   * @return its sections
   */
  public static WasmSections parse(byte[] wasm) {
    if (wasm.length < 8) {
      throw new IllegalArgumentException("not a Wasm module: " + wasm.length + " bytes");
    }
    for (int i = 0; i < 8; i++) {
      if (wasm[i] != HEADER[i]) {
        throw new IllegalArgumentException("not a Wasm 1.0 module: bad magic or version");
      }
    }
    List<Section> list = new ArrayList<>();
    Reader r = new Reader(wasm, 8);
    while (r.position() < wasm.length) {
      int id = r.u8();
      long size = r.u32();
      if (size > wasm.length - r.position()) {
        throw new IllegalArgumentException(
            "section " + id + " at byte " + r.position() + " runs past the end of the module");
      }
      byte[] payload = new byte[(int) size];
      System.arraycopy(wasm, r.position(), payload, 0, payload.length);
      r.skip(payload.length);
      list.add(new Section(id, payload));
    }
    return new WasmSections(list);
  }

  /**
   * The sections in order (a read-only view).
   *
   * @return the sections
   */
  public List<Section> sections() {
    return Collections.unmodifiableList(sections);
  }

  /**
   * The first section with this id, or {@code null}.
   *
   * @param id the section id
   * @return the section, or {@code null}
   */
  public Section find(int id) {
    for (Section s : sections) {
      if (s.id() == id) {
        return s;
      }
    }
    return null;
  }

  /**
   * Replaces the section with {@code id} by one with {@code payload}.
   *
   * @param id the section id
   * @param payload the new payload
   */
  public void replace(int id, byte[] payload) {
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).id() == id) {
        sections.set(i, new Section(id, payload));
        return;
      }
    }
    throw new IllegalArgumentException("no section " + id);
  }

  /**
   * Removes every custom section called {@code name}.
   *
   * @param name the section name
   */
  public void removeCustom(String name) {
    sections.removeIf(s -> s.id() == CUSTOM && name.equals(s.customName()));
  }

  /**
   * Appends a custom section (custom sections may stand anywhere; tools read them by name).
   *
   * @param name the section name
   * @param content its content
   */
  public void addCustom(String name, byte[] content) {
    Writer w = new Writer();
    w.name(name);
    w.bytes(content);
    sections.add(new Section(CUSTOM, w.toByteArray()));
  }

  /**
   * The module as bytes.
   *
   * @return the module's bytes
   */
  public byte[] toBytes() {
    Writer w = new Writer();
    w.bytes(HEADER);
    for (Section s : sections) {
      w.u8(s.id());
      w.u32(s.payload().length);
      w.bytes(s.payload());
    }
    return w.toByteArray();
  }

  /** A cursor over bytes that reads the binary format's integers and names. */
  public static final class Reader {
    private final byte[] data;
    private int pos;

    /**
     * A reader over {@code data} from byte {@code pos}.
     *
     * @param data the bytes
     * @param pos the first byte to read
     */
    public Reader(byte[] data, int pos) {
      this.data = data;
      this.pos = pos;
    }

    /**
     * The next byte to read.
     *
     * @return the position
     */
    public int position() {
      return pos;
    }

    /**
     * Whether every byte has been read.
     *
     * @return whether the data is exhausted
     */
    public boolean atEnd() {
      return pos >= data.length;
    }

    /**
     * Skips {@code n} bytes.
     *
     * @param n the number of bytes
     */
    public void skip(int n) {
      pos += n;
    }

    /**
     * One byte, 0 to 255; {@link IllegalArgumentException} at the end of the data.
     *
     * @return the byte
     */
    public int u8() {
      if (pos >= data.length) {
        throw new IllegalArgumentException("unexpected end of data at byte " + pos);
      }
      return data[pos++] & 0xFF;
    }

    /**
     * An unsigned LEB128 of at most 32 bits.
     *
     * @return the value
     */
    public long u32() {
      long result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = u8();
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (result > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("u32 out of range at byte " + pos);
          }
          return result;
        }
      }
      throw new IllegalArgumentException("u32 too long at byte " + pos);
    }

    /**
     * An unsigned LEB128 of at most 64 bits.
     *
     * @return the value
     */
    public long u64() {
      long result = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        int b = u8();
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new IllegalArgumentException("u64 too long at byte " + pos);
    }

    /**
     * A name: a u32 length, then that many bytes of UTF-8.
     *
     * @return the name
     */
    public String name() {
      int len = (int) u32();
      if (len > data.length - pos) {
        throw new IllegalArgumentException("name runs past the end at byte " + pos);
      }
      String s = new String(data, pos, len, StandardCharsets.UTF_8);
      pos += len;
      return s;
    }
  }

  /** Writes the binary format's integers and names. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * One byte.
     *
     * @param b the byte, 0 to 255
     */
    public void u8(int b) {
      out.write(b);
    }

    /**
     * An unsigned LEB128.
     *
     * @param value the value, unsigned
     */
    public void u32(long value) {
      long v = value;
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
    }

    /**
     * The bytes as they are.
     *
     * @param b the bytes
     */
    public void bytes(byte[] b) {
      out.write(b, 0, b.length);
    }

    /**
     * A name: its UTF-8 length as a u32, then the bytes.
     *
     * @param s the name
     */
    public void name(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u32(b.length);
      bytes(b);
    }

    /**
     * Everything written so far.
     *
     * @return the bytes
     */
    public byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
