package dev.icjava.candid;

import dev.icjava.runtime.Platform;
import dev.icjava.runtime.internal.StringInternals;
import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.Address;

/**
 * Replies made of one Candid {@code text} or {@code blob}, the commonest replies, without a {@link
 * CandidWriter} object: the header {@link CandidWriter#header} gives for that one type, then the
 * value as the writer writes it (its LEB128 length by {@link Leb128#write(byte[], int, int)}, the bytes). The same
 * bytes as {@code new CandidWriter(CandidType.text()).text(s).toMessage()}, in one allocation
 * instead of three; {@code CandidWriterReferenceTest} compares the two on random values.
 *
 * <p>The two headers are written here from the type opcodes rather than computed by the
 * type-table encoder ({@code TypeTableEncoder}), which would put the type-table encoder and {@link CandidType} in every canister that
 * replies text (5,038 bytes of module for the sample {@code whoami}, which has no other use for
 * them); and not kept in static arrays, whose initialisation a query would run again at every call
 * (its changes, class initialisation included, are discarded). The test checks both against {@link
 * CandidWriter#header}.
 */
public final class CandidReply {
  private CandidReply() {}

  /** Replies {@code (text)} with these UTF-8 bytes, which the caller guarantees are valid UTF-8. */
  public static void textUtf8(byte[] utf8) {
    CandidOutput.begin(CandidOutput.TEXT);
    CandidOutput.blob(utf8); // a text's bytes are written as a blob's: length, bytes
    CandidOutput.reply();
  }

  /** Replies {@code (text)}, written into {@link CandidOutput}'s reused buffer: no allocation. */
  public static void text(String text) {
    if (CandidOutput.replyRememberedText(text)) { // a principal's text, alone or after a literal
      return;
    }
    CandidOutput.begin(CandidOutput.TEXT);
    CandidOutput.text(text);
    CandidOutput.reply();
  }

  /** Replies {@code (blob)}, written into {@link CandidOutput}'s reused buffer. */
  public static void blob(byte[] data) {
    CandidOutput.begin(CandidOutput.BLOB);
    CandidOutput.blob(data);
    CandidOutput.reply();
  }

  /**
   * The Candid message {@code (text)}, encoded straight into the message: sized for one byte per
   * character and filled in one pass when the text is ASCII (the common case), sized exactly and
   * encoded again otherwise. Unpaired surrogates become U+FFFD, as {@link Utf8#encode(String)}.
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

  /** The Candid message {@code (text)} for these UTF-8 bytes (valid UTF-8: the caller's guarantee). */
  public static byte[] textMessage(byte[] utf8) {
    byte[] out = textMessageFor(utf8.length);
    System.arraycopy(utf8, 0, out, textOffset(utf8.length), utf8.length);
    return out;
  }

  /**
   * A Candid message {@code (text)} with room for {@code length} bytes of text, which the caller
   * writes at {@link #textOffset(int)} before replying with it.
   */
  public static byte[] textMessageFor(int length) {
    byte[] out = new byte[TEXT_HEADER + Leb128.size(length) + length];
    int o = didl(out, 0); // no type definitions
    out[o++] = 1; // one argument:
    out[o++] = (byte) (CandidType.TEXT & 0x7F); // text, as SLEB128
    Leb128.write(out, o, length);
    return out;
  }

  /** Where the text starts in {@link #textMessageFor(int)}'s message. */
  public static int textOffset(int length) {
    return TEXT_HEADER + Leb128.size(length);
  }

  /** The Candid message {@code (blob)}. */
  public static byte[] blobMessage(byte[] data) {
    byte[] out = new byte[BLOB_HEADER + Leb128.size(data.length) + data.length];
    int o = didl(out, 1); // one type definition:
    out[o++] = (byte) (CandidType.VEC & 0x7F); // vec
    out[o++] = (byte) (CandidType.NAT8 & 0x7F); // nat8
    out[o++] = 1; // one argument,
    out[o++] = 0; // of type 0
    o = Leb128.write(out, o, data.length);
    System.arraycopy(data, 0, out, o, data.length);
    return out;
  }

  /**
   * The {@code length} bytes packed two to a character into {@code packed}, the first in the low
   * byte: in a canister one copy of the characters' memory, which holds the bytes in order. For
   * generated code (a reply made at instantiation from a string constant, the typed glue's replies
   * of returned literals): the bytes must be below 0x80 so that no character is a surrogate.
   */
  public static byte[] unpack(String packed, int length) {
    byte[] out = new byte[length];
    if (Platform.inCanister()) {
      Address.moveMemoryBlock(Address.ofData(StringInternals.borrow(packed)), Address.ofData(out), length);
    } else {
      for (int i = 0; i < length; i++) {
        out[i] = (byte) (packed.charAt(i >> 1) >>> ((i & 1) << 3));
      }
    }
    return out;
  }

  /** The empty Candid message {@code ()}. */
  public static byte[] emptyMessage() {
    byte[] out = new byte[6];
    didl(out, 0); // no type definitions, and no arguments
    return out;
  }

  private static final int TEXT_HEADER = 7;
  private static final int BLOB_HEADER = 9;

  /** {@code DIDL} and the number of type definitions (less than 128); returns where it ends. */
  private static int didl(byte[] out, int definitions) {
    out[0] = 'D';
    out[1] = 'I';
    out[2] = 'D';
    out[3] = 'L';
    out[4] = (byte) definitions;
    return 5;
  }
}
