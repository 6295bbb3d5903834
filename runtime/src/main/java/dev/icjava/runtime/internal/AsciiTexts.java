package dev.icjava.runtime.internal;

import dev.icjava.runtime.Platform;
import org.teavm.interop.Address;
import org.teavm.interop.StaticInit;

/**
 * The ASCII bytes of the string made last by code that had them at hand anyway (a principal's
 * text, a concatenation of such strings), so that a reply can copy them instead of converting the
 * string's UTF-16 characters again, about six Wasm instructions a character. One slot, matched by
 * identity: a string is immutable, so bytes remembered for it stay right for as long as it is the
 * one remembered. The bytes are the first {@code s.length()} of the array {@link #of} returns (one
 * byte a character); never write into it.
 *
 * <p>No array is allocated for texts up to {@value #SCRATCH_BYTES} characters: the bytes are
 * written into one of two arrays made at instantiation ({@link #room}), the one not holding the
 * text remembered now, so that a text can be made from the remembered one ({@link
 * #rememberJoined}) and a write that is given up on never spoils it.
 *
 * <p>{@code @StaticInit}: no class initialisation in any message (a query's would be run again at
 * every call, its changes being discarded); the two arrays are made once.
 */
@StaticInit
public final class AsciiTexts {
  /** Room for the texts written without allocating: a principal's, joined with a short prefix. */
  static final int SCRATCH_BYTES = 192;

  private static final byte[] FIRST = new byte[SCRATCH_BYTES];
  private static final byte[] SECOND = new byte[SCRATCH_BYTES];
  private static String text;
  private static byte[] ascii;

  private AsciiTexts() {}

  /**
   * An array with room for {@code n} bytes, to write a text's ASCII bytes into (from 0) before
   * {@link #remember remembering} it: a scratch array when they fit, not the one remembered now;
   * a new array otherwise.
   */
  public static byte[] room(int n) {
    if (n > SCRATCH_BYTES) {
      return new byte[n];
    }
    return ascii == FIRST ? SECOND : FIRST;
  }

  /**
   * Remembers that {@code s} is exactly the ASCII characters of the first {@code s.length()} bytes
   * of {@code bytes} (the caller's guarantee): an array of {@link #room} or one the caller will not
   * touch again.
   */
  public static void remember(String s, byte[] bytes) {
    text = s;
    ascii = bytes;
  }

  /**
   * The ASCII bytes of {@code s}, the first {@code s.length()} of the array, if it is the string
   * remembered last; {@code null} otherwise.
   */
  public static byte[] of(String s) {
    return s == text ? ascii : null;
  }

  /**
   * The ASCII bytes of {@code a + b} when one of the two is remembered and the other is ASCII too
   * (converted here), remembered for {@code joined}; otherwise nothing is remembered.
   */
  public static void rememberJoined(String joined, String a, String b) {
    byte[] ka = of(a);
    byte[] kb = of(b);
    if (ka == null && kb == null) {
      return;
    }
    byte[] out = room(joined.length());
    if (!put(a, ka, out, 0) || !put(b, kb, out, a.length())) {
      return;
    }
    remember(joined, out);
  }

  private static boolean put(String s, byte[] known, byte[] out, int at) {
    if (known != null) {
      int n = s.length();
      if (Platform.inCanister()) {
        Address.moveMemoryBlock(Address.ofData(known), Address.ofData(out).add(at), n);
      } else {
        System.arraycopy(known, 0, out, at, n);
      }
      return true;
    }
    return Utf8.encodeAscii(s, out, at) == s.length();
  }
}
