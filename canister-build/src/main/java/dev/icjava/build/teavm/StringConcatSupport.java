package dev.icjava.build.teavm;

import dev.icjava.runtime.internal.AsciiTexts;
import dev.icjava.runtime.internal.StringInternals;
import org.teavm.interop.Address;

/**
 * What Java string concatenation ({@code "Action performed by " + caller}) becomes in a canister
 * ({@link StringConcatSubstitutor}): each piece is made a string, the result's characters are
 * allocated once at their exact length and filled with one copy per piece. TeaVM's own translation
 * goes through a {@code StringBuilder} that starts at 16 characters, grows by copying, inserts
 * character by character with bounds checks, and copies once more in {@code toString()}: 35,636
 * instructions for that example's reply, against 3,703 written byte by byte. Compiled by TeaVM into
 * the canister.
 */
public final class StringConcatSupport {
  private StringConcatSupport() {}

  public static String concat(String a, String b) {
    char[] ca = StringInternals.borrow(a);
    char[] cb = StringInternals.borrow(b);
    char[] out = new char[ca.length + cb.length];
    StringInternals.copyChars(ca, 0, out, 0, ca.length);
    StringInternals.copyChars(cb, 0, out, ca.length, cb.length);
    String joined = StringInternals.adopt(out);
    AsciiTexts.rememberJoined(joined, a, b); // a principal's text in a reply: copied, not converted
    return joined;
  }

  /**
   * {@code a + b}, {@code a} an ASCII literal whose bytes the build packed two to a character into
   * {@code packedA} (the first in the low byte: the characters' memory holds the bytes in order):
   * {@code "Action performed by " + caller}. When {@code b}'s ASCII bytes are remembered ({@link
   * AsciiTexts}: a principal's text), the joined bytes are remembered too, made of two copies, for
   * the reply to copy instead of converting the joined characters.
   */
  public static String concatLiteralFirst(String a, String packedA, String b) {
    // written out twice (no shared method taking the order): one call fewer in a hot path
    char[] ca = StringInternals.borrow(a);
    char[] cb = StringInternals.borrow(b);
    int na = ca.length;
    int nb = cb.length;
    char[] out = new char[na + nb];
    Address o = Address.ofData(out);
    Address.moveMemoryBlock(Address.ofData(ca), o, na << 1);
    Address.moveMemoryBlock(Address.ofData(cb), o.add(na << 1), nb << 1);
    String joined = StringInternals.adopt(out);
    byte[] known = AsciiTexts.of(b);
    if (known != null) {
      byte[] bytes = AsciiTexts.room(na + nb);
      Address t = Address.ofData(bytes);
      Address.moveMemoryBlock(Address.ofData(StringInternals.borrow(packedA)), t, na);
      Address.moveMemoryBlock(Address.ofData(known), t.add(na), nb);
      AsciiTexts.remember(joined, bytes);
    }
    return joined;
  }

  /** {@code a + b}, {@code b} an ASCII literal whose bytes the build packed into {@code packedB}. */
  public static String concatLiteralSecond(String a, String b, String packedB) {
    char[] ca = StringInternals.borrow(a);
    char[] cb = StringInternals.borrow(b);
    int na = ca.length;
    int nb = cb.length;
    char[] out = new char[na + nb];
    Address o = Address.ofData(out);
    Address.moveMemoryBlock(Address.ofData(ca), o, na << 1);
    Address.moveMemoryBlock(Address.ofData(cb), o.add(na << 1), nb << 1);
    String joined = StringInternals.adopt(out);
    byte[] known = AsciiTexts.of(a);
    if (known != null) {
      byte[] bytes = AsciiTexts.room(na + nb);
      Address t = Address.ofData(bytes);
      Address.moveMemoryBlock(Address.ofData(known), t, na);
      Address.moveMemoryBlock(Address.ofData(StringInternals.borrow(packedB)), t.add(na), nb);
      AsciiTexts.remember(joined, bytes);
    }
    return joined;
  }

  public static String concat(String a, String b, String c) {
    char[] ca = StringInternals.borrow(a);
    char[] cb = StringInternals.borrow(b);
    char[] cc = StringInternals.borrow(c);
    char[] out = new char[ca.length + cb.length + cc.length];
    StringInternals.copyChars(ca, 0, out, 0, ca.length);
    StringInternals.copyChars(cb, 0, out, ca.length, cb.length);
    StringInternals.copyChars(cc, 0, out, ca.length + cb.length, cc.length);
    return StringInternals.adopt(out);
  }

  public static String concat(String a, String b, String c, String d) {
    char[] ca = StringInternals.borrow(a);
    char[] cb = StringInternals.borrow(b);
    char[] cc = StringInternals.borrow(c);
    char[] cd = StringInternals.borrow(d);
    char[] out = new char[ca.length + cb.length + cc.length + cd.length];
    int o = 0;
    StringInternals.copyChars(ca, 0, out, o, ca.length);
    o += ca.length;
    StringInternals.copyChars(cb, 0, out, o, cb.length);
    o += cb.length;
    StringInternals.copyChars(cc, 0, out, o, cc.length);
    o += cc.length;
    StringInternals.copyChars(cd, 0, out, o, cd.length);
    return StringInternals.adopt(out);
  }

  /** Any number of pieces; a sum that overflows is refused ({@link OutOfMemoryError}, as the JDK does). */
  public static String concat(String[] pieces) {
    long total = 0;
    for (String p : pieces) {
      total += p.length();
    }
    if (total > Integer.MAX_VALUE) {
      throw new OutOfMemoryError("concatenated string of " + total + " characters");
    }
    char[] out = new char[(int) total];
    int o = 0;
    for (String p : pieces) {
      char[] cp = StringInternals.borrow(p);
      StringInternals.copyChars(cp, 0, out, o, cp.length);
      o += cp.length;
    }
    return StringInternals.adopt(out);
  }
}
