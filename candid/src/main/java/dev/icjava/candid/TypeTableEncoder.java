package dev.icjava.candid;

import static dev.icjava.candid.CandidType.OPT;
import static dev.icjava.candid.CandidType.RECORD;
import static dev.icjava.candid.CandidType.VARIANT;
import static dev.icjava.candid.CandidType.VEC;

/**
 * The type part of a message for {@link CandidWriter}: {@code DIDL}, the table of composite types
 * ({@code opt}, {@code vec}, {@code record}, {@code variant}; each object one entry, in the order
 * first met, so a recursive type refers to its own entry), then the argument types. Primitive types
 * are written as their opcodes, as the binary format allows.
 */
final class TypeTableEncoder {
  private CandidType[] entries = new CandidType[8];
  private int count;
  private byte[] out = new byte[64];
  private int length;

  private TypeTableEncoder() {}

  static byte[] encode(CandidType[] types) {
    TypeTableEncoder t = new TypeTableEncoder();
    for (CandidType type : types) {
      t.index(type);
    }
    t.put('D');
    t.put('I');
    t.put('D');
    t.put('L');
    t.leb(t.count);
    for (int i = 0; i < t.count; i++) {
      t.entry(t.entries[i]);
    }
    t.leb(types.length);
    for (CandidType type : types) {
      t.sleb(t.reference(type));
    }
    byte[] bytes = new byte[t.length];
    System.arraycopy(t.out, 0, bytes, 0, t.length);
    return bytes;
  }

  private static boolean composite(CandidType type) {
    int op = type.opcode;
    return op == OPT || op == VEC || op == RECORD || op == VARIANT;
  }

  /** Gives {@code type} and the composite types it contains their entries, depth first. */
  private void index(CandidType type) {
    if (type.opcode == 0) {
      throw new IllegalArgumentException("a forward() type that was never defined");
    }
    if (!composite(type) || find(type) >= 0) {
      if (type.opcode < CandidType.PRINCIPAL) {
        throw new IllegalArgumentException("the writer has no encoding for " + type);
      }
      return;
    }
    if (count == entries.length) {
      entries = java.util.Arrays.copyOf(entries, count * 2);
    }
    entries[count++] = type;
    if (type.opcode == OPT || type.opcode == VEC) {
      index(type.inner);
    } else {
      for (CandidType field : type.fieldTypes) {
        index(field);
      }
    }
  }

  private int find(CandidType type) {
    for (int i = 0; i < count; i++) {
      if (entries[i] == type) {
        return i;
      }
    }
    return -1;
  }

  private int reference(CandidType type) {
    return composite(type) ? find(type) : type.opcode;
  }

  private void entry(CandidType type) {
    sleb(type.opcode);
    if (type.opcode == OPT || type.opcode == VEC) {
      sleb(reference(type.inner));
    } else {
      leb(type.fieldIds.length);
      for (int i = 0; i < type.fieldIds.length; i++) {
        leb(type.fieldIds[i] & 0xFFFFFFFFL);
        sleb(reference(type.fieldTypes[i]));
      }
    }
  }

  private void put(int b) {
    if (length == out.length) {
      out = java.util.Arrays.copyOf(out, length * 2);
    }
    out[length++] = (byte) b;
  }

  private void leb(long value) {
    number(value, false);
  }

  private void sleb(long value) {
    number(value, true);
  }

  private void number(long value, boolean signed) {
    if (length + 10 > out.length) {
      byte[] grown = new byte[out.length * 2 + 10];
      System.arraycopy(out, 0, grown, 0, length);
      out = grown;
    }
    length = Leb128.write(out, length, value, signed);
  }
}
