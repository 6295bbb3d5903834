package dev.icjava.runtime;

/**
 * Replies made of one Candid value of a primitive type, encoded without building a type table at
 * run time: {@code DIDL}, no type definitions, one argument of the primitive type, the value.
 */
public final class CandidReply {
  private static final byte TEXT = 0x71;
  private static final byte BLOB_VEC = 0x6d;
  private static final byte NAT8 = 0x7b;

  private CandidReply() {}

  /** Replies {@code (text)} with these UTF-8 bytes, which the caller guarantees are valid UTF-8. */
  public static void textUtf8(byte[] utf8) {
    SystemApi.msgReply(textMessage(utf8));
  }

  /** Replies {@code (text)}. */
  public static void text(String text) {
    SystemApi.msgReply(textMessage(text));
  }

  /**
   * The Candid message {@code (text)}, encoded straight into the message: sized for one byte per
   * character and filled in one pass when the text is ASCII (the common case), sized exactly and
   * encoded again otherwise.
   */
  public static byte[] textMessage(String text) {
    int n = text.length();
    byte[] out = textMessageFor(n);
    if (Utf8.encodeAscii(text, out, textOffset(n)) == n) {
      return out;
    }
    int length = Utf8.encodedLength(text);
    out = textMessageFor(length);
    Utf8.encodeInto(text, length, out, textOffset(length));
    return out;
  }

  /**
   * A Candid message {@code (text)} with room for {@code length} bytes of text, which the caller
   * writes at {@link #textOffset(int)} before replying with it.
   */
  public static byte[] textMessageFor(int length) {
    byte[] out = new byte[7 + lebSize(length) + length];
    int o = header(out, 1);
    out[o++] = TEXT;
    leb(out, o, length);
    return out;
  }

  /** Where the text starts in {@link #textMessageFor(int)}'s message. */
  public static int textOffset(int length) {
    return 7 + lebSize(length);
  }

  /** The Candid message {@code (text)} for these UTF-8 bytes. */
  public static byte[] textMessage(byte[] utf8) {
    byte[] out = textMessageFor(utf8.length);
    System.arraycopy(utf8, 0, out, textOffset(utf8.length), utf8.length);
    return out;
  }

  /** The Candid message {@code (blob)}: a type table with {@code vec nat8}, then the bytes. */
  public static byte[] blobMessage(byte[] data) {
    byte[] out = new byte[9 + lebSize(data.length) + data.length];
    out[0] = 'D';
    out[1] = 'I';
    out[2] = 'D';
    out[3] = 'L';
    out[4] = 1; // one type definition:
    out[5] = BLOB_VEC; // vec
    out[6] = NAT8; // nat8
    out[7] = 1; // one argument,
    out[8] = 0; // of type 0
    int o = leb(out, 9, data.length);
    System.arraycopy(data, 0, out, o, data.length);
    return out;
  }

  /** Replies {@code (blob)}. */
  public static void blob(byte[] data) {
    SystemApi.msgReply(blobMessage(data));
  }

  /** The empty Candid message {@code ()}: {@code DIDL 00 00}. */
  public static byte[] emptyMessage() {
    return new byte[] {'D', 'I', 'D', 'L', 0, 0};
  }

  private static int header(byte[] out, int args) {
    out[0] = 'D';
    out[1] = 'I';
    out[2] = 'D';
    out[3] = 'L';
    out[4] = 0; // no type definitions
    out[5] = (byte) args;
    return 6;
  }

  private static int lebSize(int value) {
    int n = 1;
    for (int v = value >>> 7; v != 0; v >>>= 7) {
      n++;
    }
    return n;
  }

  private static int leb(byte[] out, int o, int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out[o++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[o++] = (byte) v;
    return o;
  }
}
