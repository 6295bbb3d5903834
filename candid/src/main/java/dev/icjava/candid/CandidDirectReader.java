package dev.icjava.candid;

import dev.icjava.runtime.internal.Utf8;

/**
 * Reads the values of a Candid message whose header (magic, type table and argument types) the
 * caller has already compared with the one its own encoder writes ({@link #startsWith}), without
 * parsing the type table: for code the canister build generates ({@code Storable.candid}'s fast
 * path), which knows the types. Still strict: lengths and counts must fit the bytes left, text must
 * be UTF-8, {@code bool} and {@code opt} tags must be 0 or 1, variant indexes below the number of
 * cases, principals as the reader takes them, and nothing may follow the values ({@link #end}).
 * Failures are {@link CandidException}s at the offset where they were found.
 */
public final class CandidDirectReader extends CandidInput {

  /** A reader of {@code data}'s values from offset {@code from} (just after the header). */
  public CandidDirectReader(byte[] data, int from) {
    super(data);
    pos = from;
  }

  /** Whether {@code data} begins with the bytes of {@code prefix}. */
  public static boolean startsWith(byte[] data, byte[] prefix) {
    int n = prefix.length;
    if (data.length < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** A {@code text}: its length, then that many bytes of UTF-8. */
  public String text() {
    int n = readLength("text length");
    checkUtf8(pos, n);
    return Utf8.decode(copy(n));
  }

  /** A {@code blob} ({@code vec nat8}): its length, then its bytes. */
  public byte[] blob() {
    return copy(readLength("blob length"));
  }

  /** A {@code bool}: one byte, 0 or 1. */
  public boolean bool() {
    int b = readByte();
    if (b > 1) {
      pos--;
      throw malformed("bool ", b, "");
    }
    return b == 1;
  }

  /** An {@code opt}'s tag: false for 0 (none), true for 1 (a value follows). */
  public boolean option() {
    int b = readByte();
    if (b > 1) {
      pos--;
      throw malformed("opt tag ", b, "");
    }
    return b == 1;
  }

  /** A principal's bytes (flag 1, a length of at most 29, the bytes). */
  public byte[] principal() {
    return readPrincipal();
  }

  /**
   * A fixed-width integer of {@code bytes} bytes, little-endian: sign-extended when {@code signed},
   * else unsigned (a {@code nat64} above 2^63 - 1 comes back negative, as the reader gives it).
   */
  public long fixed(int bytes, boolean signed) {
    need(bytes);
    long v = 0;
    for (int i = bytes - 1; i >= 0; i--) {
      v = (v << 8) | byteAt(pos + i);
    }
    pos += bytes;
    if (signed && bytes < 8) {
      int shift = 64 - 8 * bytes;
      v = (v << shift) >> shift;
    }
    return v;
  }

  /** A {@code vec}'s number of elements, each taking at least one byte: at most the bytes left. */
  public int count() {
    return readLength("vector length");
  }

  /** A variant's case index, which must be below {@code cases}. */
  public int variant(int cases) {
    int at = pos;
    long i = readLeb32("variant index");
    if (i >= cases) {
      pos = at;
      throw malformed("variant index ", i, " of a variant of ", cases, " cases");
    }
    return (int) i;
  }

  /** Throws unless every byte of the message was read. */
  public void end() {
    if (pos != end) {
      throw malformed("", end - pos, " bytes after the values");
    }
  }
}
