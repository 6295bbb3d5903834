package dev.icjava.runtime.internal;

import dev.icjava.runtime.Platform;
import org.teavm.interop.Address;
import org.teavm.interop.StaticInit;

/**
 * The ASCII bytes of the string made last by code that had them at hand anyway (a principal's
 * text, a concatenation of such strings), so that a reply can copy them instead of converting the
 * string's UTF-16 characters again, about six Wasm instructions a character. One slot, matched by
 * identity: a string is immutable, so bytes remembered for it stay right for as long as it is the
 * one remembered. Never write into an array {@link #of} returns.
 *
 * <p>{@code @StaticInit}: no class initialisation in any message (a query's would be run again at
 * every call, its changes being discarded).
 */
@StaticInit
public final class AsciiTexts {
  private static String text;
  private static byte[] ascii;

  private AsciiTexts() {}

  /** Remembers that {@code s} is exactly the ASCII characters {@code bytes} (the caller's guarantee). */
  public static void remember(String s, byte[] bytes) {
    text = s;
    ascii = bytes;
  }

  /** The ASCII bytes of {@code s} if it is the string remembered last; {@code null} otherwise. */
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
    byte[] out = new byte[joined.length()];
    if (!put(a, ka, out, 0) || !put(b, kb, out, a.length())) {
      return;
    }
    remember(joined, out);
  }

  private static boolean put(String s, byte[] known, byte[] out, int at) {
    if (known != null) {
      if (Platform.inCanister()) {
        Address.moveMemoryBlock(Address.ofData(known), Address.ofData(out).add(at), known.length);
      } else {
        System.arraycopy(known, 0, out, at, known.length);
      }
      return true;
    }
    return Utf8.encodeAscii(s, out, at) == s.length();
  }
}
