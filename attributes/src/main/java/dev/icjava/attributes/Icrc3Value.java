package dev.icjava.attributes;

import dev.icjava.candid.CandidInteger;
import dev.icjava.candid.CandidLimits;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.StaticInit;

/**
 * An ICRC-3 {@code Value}, the type of an identity-attribute bundle:
 *
 * <pre>
 * type Value = variant {
 *   Nat : nat; Int : int; Blob : blob; Text : text;
 *   Array : vec Value; Map : vec record { text; Value };
 * };
 * </pre>
 *
 * <p>Map entries are kept in the order received, duplicates included: {@link #get(String)} refuses
 * a key that appears more than once, and {@link #count(String)} tells how often it does. Accessors
 * that do not match the {@link #kind()} throw {@link IllegalStateException}.
 *
 * <p>{@code @StaticInit}: the Candid type is built once, when the module is instantiated.
 */
@StaticInit
public final class Icrc3Value {
  /** The six cases of {@code Value}. */
  // Not @StaticInit: this class's own static initialiser reads the constants (KIND_BY_INDEX), which
  // initialises Kind at instantiation anyway.
  public enum Kind {
    /** {@code Nat : nat}. */
    NAT,
    /** {@code Int : int}. */
    INT,
    /** {@code Blob : blob}. */
    BLOB,
    /** {@code Text : text}. */
    TEXT,
    /** {@code Array : vec Value}. */
    ARRAY,
    /** {@code Map : vec record { text; Value }}. */
    MAP
  }

  private static final CandidType TYPE;
  private static final Kind[] KIND_BY_INDEX;

  static {
    CandidType value = CandidType.forward();
    value.define(
        CandidType.variant(
            CandidType.field("Nat", CandidType.nat()),
            CandidType.field("Int", CandidType.integer()),
            CandidType.field("Blob", CandidType.blob()),
            CandidType.field("Text", CandidType.text()),
            CandidType.field("Array", CandidType.vec(value)),
            CandidType.field("Map", CandidType.vec(CandidType.tuple(CandidType.text(), value)))));
    String[] names = {"Nat", "Int", "Blob", "Text", "Array", "Map"};
    Kind[] kinds = {Kind.NAT, Kind.INT, Kind.BLOB, Kind.TEXT, Kind.ARRAY, Kind.MAP};
    KIND_BY_INDEX = new Kind[6];
    for (int i = 0; i < 6; i++) {
      KIND_BY_INDEX[value.fieldIndex(names[i])] = kinds[i];
    }
    TYPE = value;
  }

  private final CandidValue variant;

  private Icrc3Value(CandidValue variant) {
    this.variant = variant;
  }

  /**
   * The Candid type {@code Value} (shared; do not {@code define} it).
   *
   * @return the type {@code Value}
   */
  public static CandidType candidType() {
    return TYPE;
  }

  /**
   * Decodes a Candid message whose first value is a {@code Value} (further values are checked and
   * ignored, as Candid's argument rules say). Throws {@link dev.icjava.candid.CandidException}.
   *
   * @param message a Candid message
   * @return the first value
   */
  public static Icrc3Value decode(byte[] message) {
    return decode(message, CandidLimits.DEFAULT);
  }

  /**
   * As {@link #decode(byte[])}, within {@code limits} instead of {@link CandidLimits#DEFAULT}.
   *
   * @param message a Candid message
   * @param limits the reader's limits
   * @return the first value
   */
  public static Icrc3Value decode(byte[] message, CandidLimits limits) {
    return new Icrc3Value(CandidMessage.parse(message, limits).decode(TYPE)[0]);
  }

  /**
   * Wraps a value decoded at {@link #candidType()}, for example a field of a larger record.
   *
   * @param decoded a value decoded at {@link #candidType()}
   * @return the wrapped value
   */
  public static Icrc3Value of(CandidValue decoded) {
    if (decoded.type() != TYPE) {
      throw new IllegalArgumentException("not decoded at Icrc3Value.candidType()");
    }
    return new Icrc3Value(decoded);
  }

  /**
   * Which of the six cases this value is.
   *
   * @return the kind
   */
  public Kind kind() {
    return KIND_BY_INDEX[variant.variantIndex()];
  }

  /**
   * A {@code Nat}.
   *
   * @return the natural number
   */
  public CandidInteger nat() {
    return payload(Kind.NAT).integer();
  }

  /**
   * An {@code Int}.
   *
   * @return the integer
   */
  public CandidInteger integer() {
    return payload(Kind.INT).integer();
  }

  /**
   * A {@code Blob}'s bytes (a copy).
   *
   * @return the bytes
   */
  public byte[] blob() {
    return payload(Kind.BLOB).blob();
  }

  /**
   * A {@code Text}.
   *
   * @return the text
   */
  public String text() {
    return payload(Kind.TEXT).text();
  }

  /**
   * A {@code Text}'s UTF-8 bytes (a copy).
   *
   * @return the text's UTF-8 bytes
   */
  public byte[] textUtf8() {
    return payload(Kind.TEXT).textUtf8();
  }

  /**
   * The Candid value of a {@code Text}, for comparisons and copies without a {@code String}.
   *
   * @return the text as a Candid value
   */
  public CandidValue textValue() {
    return payload(Kind.TEXT);
  }

  /**
   * The number of elements of an {@code Array}, or of entries of a {@code Map}.
   *
   * @return the number of elements or entries
   */
  public int size() {
    Kind k = kind();
    if (k != Kind.ARRAY && k != Kind.MAP) {
      throw noSize(k);
    }
    return variant.variantValue().size();
  }

  /**
   * Element {@code index} of an {@code Array}.
   *
   * @param index the element's index
   * @return the element
   */
  public Icrc3Value element(int index) {
    return new Icrc3Value(payload(Kind.ARRAY).element(index));
  }

  /**
   * The key of entry {@code index} of a {@code Map}.
   *
   * @param index the entry's index
   * @return the key
   */
  public String key(int index) {
    return payload(Kind.MAP).element(index).field(0).text();
  }

  /**
   * The key of entry {@code index} of a {@code Map}, as a Candid text value.
   *
   * @param index the entry's index
   * @return the key as a Candid value
   */
  public CandidValue keyValue(int index) {
    return payload(Kind.MAP).element(index).field(0);
  }

  /**
   * The value of entry {@code index} of a {@code Map}.
   *
   * @param index the entry's index
   * @return the value
   */
  public Icrc3Value value(int index) {
    return new Icrc3Value(payload(Kind.MAP).element(index).field(1));
  }

  /** The entries of a {@code Map} as decoded: {@code vec record { text; Value }}, without wrapping. */
  CandidValue mapEntries() {
    return payload(Kind.MAP);
  }

  /** The kind of a {@code Value} as decoded (a variant of {@link #candidType()}), without wrapping it. */
  static Kind kindOf(CandidValue decoded) {
    return KIND_BY_INDEX[decoded.variantIndex()];
  }

  /**
   * How many entries of this {@code Map} have this key.
   *
   * @param key the key
   * @return the number of entries with it
   */
  public int count(String key) {
    return count(Utf8.encode(key));
  }

  /**
   * How many entries of this {@code Map} have this key, given as UTF-8.
   *
   * @param keyUtf8 the key, as UTF-8
   * @return the number of entries with it
   */
  public int count(byte[] keyUtf8) {
    CandidValue entries = payload(Kind.MAP);
    int n = 0;
    for (int i = 0, size = entries.size(); i < size; i++) {
      if (entries.element(i).field(0).textEquals(keyUtf8)) {
        n++;
      }
    }
    return n;
  }

  /** Returned by {@link #find(byte[])} for a key that appears more than once. */
  public static final int DUPLICATE = -2;

  /**
   * In one pass: the index of the only entry of this {@code Map} with this key (UTF-8), -1 when
   * there is none, {@link #DUPLICATE} when there are several.
   *
   * @param keyUtf8 the key, as UTF-8
   * @return the entry's index, -1, or {@link #DUPLICATE}
   */
  public int find(byte[] keyUtf8) {
    CandidValue entries = payload(Kind.MAP);
    int found = -1;
    for (int i = 0, size = entries.size(); i < size; i++) {
      if (entries.element(i).field(0).textEquals(keyUtf8)) {
        if (found >= 0) {
          return DUPLICATE;
        }
        found = i;
      }
    }
    return found;
  }

  /**
   * The index of the only entry of this {@code Map} with this key (UTF-8), -1 when there is none;
   * {@link IllegalStateException} when there are several.
   *
   * @param keyUtf8 the key, as UTF-8
   * @return the entry's index, or -1
   */
  public int indexOf(byte[] keyUtf8) {
    int found = find(keyUtf8);
    if (found == DUPLICATE) {
      throw duplicateKey(keyUtf8);
    }
    return found;
  }

  /**
   * The value of the only entry of this {@code Map} with this key, or {@code null} when there is
   * none; {@link IllegalStateException} when the key appears more than once.
   *
   * @param key the key
   * @return the value, or {@code null}
   */
  public Icrc3Value get(String key) {
    int i = indexOf(Utf8.encode(key));
    return i < 0 ? null : value(i);
  }

  private CandidValue payload(Kind wanted) {
    Kind k = kind();
    if (k != wanted) {
      throw notA(k, wanted);
    }
    return variant.variantValue();
  }

  /**
   * A canonical text form, for tests and logs: {@code Nat(1)}, {@code Int(-1)}, {@code
   * Blob(0a0b)}, {@code Text("a\"b")} (with {@code \"}, {@code \\} and {@code \}u{hex}} escapes for
   * quotes, backslashes and characters below U+0020), {@code Array[...]}, {@code Map{"k": v, ...}}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb);
    return sb.toString();
  }

  private void append(StringBuilder sb) {
    switch (kind()) {
      case NAT:
        sb.append("Nat(").append(nat()).append(')');
        break;
      case INT:
        sb.append("Int(").append(integer()).append(')');
        break;
      case BLOB:
        sb.append("Blob(");
        for (byte b : blob()) {
          sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        sb.append(')');
        break;
      case TEXT:
        sb.append("Text(");
        quote(sb, text());
        sb.append(')');
        break;
      case ARRAY:
        sb.append("Array[");
        for (int i = 0; i < size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          element(i).append(sb);
        }
        sb.append(']');
        break;
      case MAP:
        sb.append("Map{");
        for (int i = 0; i < size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          quote(sb, key(i));
          sb.append(": ");
          value(i).append(sb);
        }
        sb.append('}');
        break;
      default:
        throw new IllegalStateException();
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append("\\u{").append(Integer.toHexString(c)).append('}');
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  // Failures are built in these factories, never at the throwing site (see VerifiedAttributes).

  private static IllegalStateException noSize(Kind k) {
    return new IllegalStateException("a " + k + " value has no size");
  }

  private static IllegalStateException duplicateKey(byte[] keyUtf8) {
    return new IllegalStateException("key " + Utf8.decode(keyUtf8) + " appears more than once in the map");
  }

  private static IllegalStateException notA(Kind k, Kind wanted) {
    return new IllegalStateException("a " + k + " value, not " + wanted);
  }
}
