package dev.icjava.candid;

import static dev.icjava.candid.CandidType.FLOAT32;
import static dev.icjava.candid.CandidType.FLOAT64;
import static dev.icjava.candid.CandidType.INT16;
import static dev.icjava.candid.CandidType.INT32;
import static dev.icjava.candid.CandidType.INT64;
import static dev.icjava.candid.CandidType.INT8;
import static dev.icjava.candid.CandidType.NAT16;
import static dev.icjava.candid.CandidType.NAT32;
import static dev.icjava.candid.CandidType.NAT64;
import static dev.icjava.candid.CandidType.NAT8;

import dev.icjava.runtime.internal.RawArrays;

/**
 * A cursor over the bytes of a Candid message: the primitive readers of the binary format (bytes,
 * LEB128 and SLEB128 numbers, overlong forms allowed, beyond 64 bits through {@link Leb128}; lengths
 * that must fit what is left, fixed-width numbers, UTF-8-checked text, principal references) and
 * the failures they raise, each at the cursor's offset.
 *
 * <p>A message is one object in three layers, each in its own file: this cursor; the wire type table
 * ({@link WireTypeTable}), which reads itself with it; the decoder ({@link CandidMessage}). They
 * extend one another rather than hold one another, so that the decoder's hot loops read the
 * cursor's position and the table's arrays as fields of their own: separate objects measured 269
 * more instructions per sign-in bundle decoded and 165 more bytes in the whoami sample.
 *
 * <p>{@code data} is read through {@link RawArrays#getByte}, never through a cached address, which
 * the collector would invalidate when it moves the array while values are allocated.
 */
class CandidInput {
  static final int MAX_PRINCIPAL_BYTES = 29;

  final byte[] data;
  final int end;
  int pos;

  CandidInput(byte[] data) {
    this.data = data;
    this.end = data.length;
  }

  // ---- primitive readers ----


  final byte[] readPrincipal() {
    return copy(principalLength());
  }

  /** Reads a reference's flag and length, checked; leaves {@code pos} at its bytes. */
  final int principalLength() {
    int flag = readByte();
    if (flag != 1) {
      throw flag == 0
          ? malformed("opaque principal reference (flag 0): the IC has none")
          : malformed("principal flag ", flag, "");
    }
    int length = readLength("principal length");
    if (length > MAX_PRINCIPAL_BYTES) {
      throw malformed("principal of ", length, " bytes; at most ", MAX_PRINCIPAL_BYTES, "");
    }
    return length;
  }

  final long readFixed(int op) {
    int w = width(op);
    need(w);
    long v = 0;
    for (int i = w - 1; i >= 0; i--) {
      v = (v << 8) | byteAt(pos + i);
    }
    pos += w;
    if (op == INT8 || op == INT16 || op == INT32) {
      int shift = 64 - 8 * w;
      v = (v << shift) >> shift;
    }
    return v;
  }

  final CandidInteger readNat() {
    int start = pos;
    int n = lebBytes();
    if (n <= 9) { // fits a long: decoded here, the reader's hot path
      long v = 0;
      for (int i = n - 1; i >= 0; i--) {
        v = (v << 7) | (byteAt(start + i) & 0x7F);
      }
      return CandidInteger.of(v);
    }
    return CandidInteger.of(1, Leb128.bigEndian(data, start, n, false));
  }

  final CandidInteger readInt() {
    int start = pos;
    int n = lebBytes();
    if (n <= 9) {
      long v = 0;
      for (int i = n - 1; i >= 0; i--) {
        v = (v << 7) | (byteAt(start + i) & 0x7F);
      }
      int shift = 64 - 7 * n;
      return CandidInteger.of((v << shift) >> shift);
    }
    byte[] twos = Leb128.bigEndian(data, start, n, true);
    if (twos[0] >= 0) {
      return CandidInteger.of(1, twos);
    }
    // negate: invert and add one
    int carry = 1;
    for (int i = twos.length - 1; i >= 0; i--) {
      int b = (~twos[i] & 0xFF) + carry;
      twos[i] = (byte) b;
      carry = b >>> 8;
    }
    return CandidInteger.of(-1, twos);
  }

  /** The number of bytes of the LEB128 number at {@code pos}; moves past it. */
  final int lebBytes() {
    int start = pos;
    while ((readByte() & 0x80) != 0) {
      // continuation
    }
    return pos - start;
  }

  /** An unsigned LEB128 number below 2^32; overlong forms (trailing zero groups) are allowed. */
  final long readLeb32(String what) {
    if (pos < end) {
      int first = RawArrays.getByte(data, pos);
      if (first >= 0) { // one byte, the common case
        pos++;
        return first;
      }
    }
    long v = 0;
    int shift = 0;
    int b;
    do {
      b = readByte();
      int group = b & 0x7F;
      if (group != 0) {
        if (shift >= 32 || (v |= (long) group << shift) > 0xFFFFFFFFL) {
          throw malformed("", what, " larger than 2^32-1");
        }
      }
      if (shift < 64) {
        shift += 7;
      }
    } while ((b & 0x80) != 0);
    return v;
  }

  /** A LEB128 length or count that must fit the bytes left in the message. */
  final int readLength(String what) {
    int at = pos;
    long n = readLeb32(what);
    if (n > end - pos) {
      pos = at;
      throw tooLong(what, n);
    }
    return (int) n;
  }

  /** A signed LEB128 number that fits 32 bits; overlong sign-extension groups are allowed. */
  final int readSleb32(String what) {
    if (pos < end) {
      int first = RawArrays.getByte(data, pos);
      if (first >= 0) { // one byte: bit 6 is the sign
        pos++;
        return (first << 25) >> 25;
      }
    }
    long v = 0;
    int shift = 0;
    int b;
    do {
      b = readByte();
      int group = b & 0x7F;
      if (shift < 56) {
        v |= (long) group << shift;
        shift += 7;
      } else {
        // beyond 56 bits every group must repeat the sign
        boolean negative = ((v << (64 - shift)) >> (64 - shift)) < 0;
        if (group != (negative ? 0x7F : 0)) {
          throw malformed("", what, " does not fit 32 bits");
        }
      }
    } while ((b & 0x80) != 0);
    if (shift < 64) {
      v = (v << (64 - shift)) >> (64 - shift);
    }
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw tooWide(what, v);
    }
    return (int) v;
  }

  final void checkUtf8(int from, int length) {
    int i = from;
    int stop = from + length;
    while (i < stop) {
      int b = byteAt(i);
      if (b < 0x80) {
        i++;
        continue;
      }
      int extra;
      int cp;
      int min;
      if ((b & 0xE0) == 0xC0) {
        extra = 1;
        cp = b & 0x1F;
        min = 0x80;
      } else if ((b & 0xF0) == 0xE0) {
        extra = 2;
        cp = b & 0x0F;
        min = 0x800;
      } else if ((b & 0xF8) == 0xF0) {
        extra = 3;
        cp = b & 0x07;
        min = 0x10000;
      } else {
        throw new CandidException(CandidException.Kind.MALFORMED, i, "text is not UTF-8");
      }
      if (i + extra >= stop) {
        throw new CandidException(CandidException.Kind.MALFORMED, i, "text is not UTF-8 (cut sequence)");
      }
      for (int k = 1; k <= extra; k++) {
        int c = byteAt(i + k);
        if ((c & 0xC0) != 0x80) {
          throw new CandidException(CandidException.Kind.MALFORMED, i, "text is not UTF-8");
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw new CandidException(
            CandidException.Kind.MALFORMED, i, "text is not UTF-8 (overlong, surrogate or beyond U+10FFFF)");
      }
      i += extra + 1;
    }
  }

  final byte[] copy(int length) {
    byte[] out = new byte[length];
    System.arraycopy(data, pos, out, 0, length);
    pos += length;
    return out;
  }

  final void need(int bytes) {
    if (bytes > end - pos) {
      throw malformed("message ends ", bytes - (end - pos), " bytes early");
    }
  }

  final int readByte() {
    if (pos >= end) {
      throw malformed("message ends early");
    }
    return RawArrays.getByte(data, pos++) & 0xFF;
  }

  final int byteAt(int index) {
    return RawArrays.getByte(data, index) & 0xFF;
  }


  /** Checks a principal or service reference and moves past it, without copying its bytes. */
  final void skipReference() {
    int length = principalLength(); // reads the flag and length first: not `pos += principalLength()`
    pos += length;
  }

  static int width(int op) {
    switch (op) {
      case NAT8:
      case INT8:
        return 1;
      case NAT16:
      case INT16:
        return 2;
      case NAT32:
      case INT32:
      case FLOAT32:
        return 4;
      case NAT64:
      case INT64:
      case FLOAT64:
        return 8;
      default:
        return 0;
    }
  }

  final int compareBytes(int a, int aLength, int b, int bLength) {
    int n = Math.min(aLength, bLength);
    for (int i = 0; i < n; i++) {
      int c = byteAt(a + i) - byteAt(b + i);
      if (c != 0) {
        return c;
      }
    }
    return aLength - bLength;
  }

  // ---- failures at the cursor ----
  // Each message is assembled in one of these factories, never at the throwing site: the canister
  // build does not inline a method that returns an exception, so the hot methods that can fail
  // carry one call per failure instead of a copy of the string building.

  final CandidException malformed(String reason) {
    return new CandidException(CandidException.Kind.MALFORMED, pos, reason);
  }

  final CandidException malformed(String a, long x, String b) {
    return malformed(a + x + b);
  }

  final CandidException malformed(String a, long x, String b, long y, String c) {
    return malformed(a + x + b + y + c);
  }

  final CandidException malformed(String a, Object x, String b) {
    return malformed(a + x + b);
  }

  final CandidException notAConstructor(int entry, int op) {
    return malformed("type table entry " + entry + " is " + CandidType.opcodeName(op) + ", not a constructor");
  }

  final CandidException withoutTableEntry(int op) {
    return malformed(CandidType.opcodeName(op) + " used as a type without a table entry");
  }

  final CandidException tooLong(String what, long n) {
    return malformed(what + " " + n + " exceeds the " + (end - pos) + " bytes left");
  }

  final CandidException tooWide(String what, long v) {
    return malformed(what + " " + v + " does not fit 32 bits");
  }

  final CandidException vectorTooLong(long n, int elementType, long bytes) {
    return malformed("vector of " + n + " " + CandidType.opcodeName(elementType)
        + " needs " + bytes + " bytes, " + (end - pos) + " left");
  }

  final CandidException mismatch(String reason) {
    return new CandidException(CandidException.Kind.MISMATCH, pos, reason);
  }

  final CandidException limit(String reason) {
    return new CandidException(CandidException.Kind.LIMIT, pos, reason);
  }

  final CandidException limit(String a, long x, String b) {
    return limit(a + x + b);
  }
}
