package dev.icjava.callerauth;

import dev.icjava.runtime.internal.AsciiTexts;
import dev.icjava.runtime.internal.RawArrays;
import dev.icjava.runtime.internal.StringInternals;
import org.teavm.interop.StaticInit;

/**
 * A principal of the Internet Computer: an immutable sequence of 0 to 29 bytes, printed in its
 * textual form ({@code 2vxsx-fae} for the anonymous principal).
 *
 * <p>Factories copy the bytes they are given and {@link #bytes()} returns a copy. {@link #compareTo}
 * orders by unsigned bytes, then length. The classes of principals follow the interface spec's
 * rules on the last byte: {@code 0x01} opaque (canister ids), {@code 0x02} self-authenticating,
 * {@code 0x03} derived, {@code 0x04} the anonymous principal (exactly one byte), {@code 0x7f}
 * reserved.
 *
 * <pre>{@code
 * Principal.anonymous().toString()                  // "2vxsx-fae"
 * Principal.fromText("aaaaa-aa").bytes().length     // 0: the management canister
 * }</pre>
 *
 * <p>{@code @StaticInit}: the two constant principals are built once, when the module is
 * instantiated, instead of on first use in every query (a query's changes are discarded).
 */
@StaticInit
public final class Principal implements Comparable<Principal> {
  /** The longest principal, in bytes. */
  public static final int MAX_LENGTH = 29;

  private static final Principal ANONYMOUS = new Principal(new byte[] {0x04});
  private static final Principal MANAGEMENT = new Principal(new byte[0]);

  private final byte[] bytes;
  private int hash;

  private Principal(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The principal with these bytes (copied); at most {@value #MAX_LENGTH}. */
  public static Principal fromBytes(byte[] bytes) {
    return wrap(bytes.clone());
  }

  /** Takes ownership of {@code bytes} (no copy); for arrays the caller made and will not touch. */
  static Principal wrap(byte[] bytes) {
    if (bytes.length > MAX_LENGTH) {
      throw new PrincipalFormatException(
          PrincipalFormatException.Reason.LENGTH,
          bytes.length + " bytes; a principal has at most " + MAX_LENGTH);
    }
    return new Principal(bytes);
  }

  /**
   * Parses the textual form. Throws {@link PrincipalFormatException} whose {@link
   * PrincipalFormatException#reason() reason} names the rule that failed: character, grouping,
   * length or checksum.
   */
  public static Principal fromText(String text) {
    return new Principal(PrincipalText.decode(text));
  }

  /** The anonymous principal, the single byte {@code 0x04}, text {@code 2vxsx-fae}. */
  public static Principal anonymous() {
    return ANONYMOUS;
  }

  /** The management canister: the empty principal, text {@code aaaaa-aa}. */
  public static Principal managementCanister() {
    return MANAGEMENT;
  }

  /**
   * The self-authenticating principal of a public key: SHA-224 of its DER encoding
   * (SubjectPublicKeyInfo), followed by {@code 0x02}; 29 bytes. The key is not parsed: any bytes
   * are hashed as given.
   */
  public static Principal selfAuthenticating(byte[] derPublicKey) {
    byte[] hash = Sha224.digest(derPublicKey);
    byte[] bytes = new byte[29];
    System.arraycopy(hash, 0, bytes, 0, 28);
    bytes[28] = 0x02;
    return new Principal(bytes);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of bytes, 0 to 29. */
  public int length() {
    return bytes.length;
  }

  /** The textual form as ASCII bytes, for replies built without strings. */
  public byte[] textBytes() {
    return PrincipalText.encode(bytes);
  }

  /** The length of the textual form, in characters (and ASCII bytes). */
  public int textLength() {
    return PrincipalText.length(bytes.length);
  }

  /** Writes the textual form as ASCII into {@code out} at {@code offset}: {@link #textLength()} bytes. */
  public void writeText(byte[] out, int offset) {
    if (offset < 0 || offset > out.length - textLength()) {
      throw new IndexOutOfBoundsException("no room for " + textLength() + " bytes at " + offset);
    }
    PrincipalText.encodeInto(bytes, out, offset);
  }

  /** The textual form, for example {@code 2vxsx-fae}. */
  public String toText() {
    // written straight into the string's characters (no copy) and as ASCII bytes, remembered
    // (AsciiTexts, in its scratch array: no allocation) for a reply to copy instead of converting
    // the string back
    int n = PrincipalText.length(bytes.length);
    char[] text = new char[n];
    byte[] ascii = AsciiTexts.room(n);
    PrincipalText.encodeInto(bytes, text, ascii);
    String s = StringInternals.adopt(text);
    AsciiTexts.remember(s, ascii);
    return s;
  }

  /** Exactly the single byte {@code 0x04}. */
  public boolean isAnonymous() {
    return bytes.length == 1 && bytes[0] == 0x04;
  }

  /**
   * Self-authenticating: 29 bytes ending in {@code 0x02}, the SHA-224 of a DER public key followed
   * by that byte (interface spec, "Special forms of principals").
   */
  public boolean isSelfAuthenticating() {
    return bytes.length == 29 && lastByte() == 0x02;
  }

  /** Opaque: ends in {@code 0x01}; the IC chooses these for canisters ({@code rdmx6-...-cai}). */
  public boolean isOpaque() {
    return lastByte() == 0x01;
  }

  /** Derived: ends in {@code 0x03}, a principal derived from another within its own scope. */
  public boolean isDerived() {
    return lastByte() == 0x03;
  }

  /** Reserved: ends in {@code 0x7f}; never assigned, free for applications to use. */
  public boolean isReserved() {
    return lastByte() == 0x7f;
  }

  /** The empty principal of the management canister. */
  public boolean isManagementCanister() {
    return bytes.length == 0;
  }

  private int lastByte() {
    return bytes.length == 0 ? -1 : bytes[bytes.length - 1];
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Principal)) {
      return false;
    }
    byte[] other = ((Principal) o).bytes;
    int n = bytes.length;
    if (other.length != n) {
      return false;
    }
    // four bytes a step, unchecked: the lengths are equal (a map lookup compares whole principals)
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      if (RawArrays.getIntLE(bytes, i) != RawArrays.getIntLE(other, i)) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (RawArrays.getByte(bytes, i) != RawArrays.getByte(other, i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 1;
      byte[] b = bytes;
      for (int i = 0; i < b.length; i++) {
        h = 31 * h + RawArrays.getByte(b, i);
      }
      hash = h;
    }
    return h;
  }

  /** Unsigned byte order; a prefix sorts first. */
  @Override
  public int compareTo(Principal o) {
    int n = Math.min(bytes.length, o.bytes.length);
    for (int i = 0; i < n; i++) {
      int c = (bytes[i] & 0xFF) - (o.bytes[i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return bytes.length - o.bytes.length;
  }

  /** The textual form. */
  @Override
  public String toString() {
    return toText();
  }
}
