package dev.icjava.candid;

import dev.icjava.runtime.internal.Utf8;

/**
 * A Candid type to decode at: the <em>expected</em> type. Built with the factories here; a
 * recursive type is made with {@link #forward()} and {@link #define(CandidType)}:
 *
 * <pre>{@code
 * CandidType list = CandidType.forward();
 * list.define(CandidType.opt(CandidType.record(
 *     CandidType.field("head", CandidType.nat()), CandidType.field("tail", list))));
 * }</pre>
 *
 * <p>Record and variant fields are kept sorted by their id (the field hash of a name, or the
 * number given), as the binary format orders them. {@code func} and {@code service} types are not
 * supported as expected types: a message carrying them is still validated and its values can be
 * skipped (at {@code reserved}, or as fields the expected type does not name).
 *
 * <p>Factories return fresh objects and the class holds no static state, so it is safe to build
 * types in any class initialiser.
 */
public final class CandidType {
  // Opcodes of the binary format (sleb128 values).
  static final int NULL = -1;
  static final int BOOL = -2;
  static final int NAT = -3;
  static final int INT = -4;
  static final int NAT8 = -5;
  static final int NAT16 = -6;
  static final int NAT32 = -7;
  static final int NAT64 = -8;
  static final int INT8 = -9;
  static final int INT16 = -10;
  static final int INT32 = -11;
  static final int INT64 = -12;
  static final int FLOAT32 = -13;
  static final int FLOAT64 = -14;
  static final int TEXT = -15;
  static final int RESERVED = -16;
  static final int EMPTY = -17;
  static final int OPT = -18;
  static final int VEC = -19;
  static final int RECORD = -20;
  static final int VARIANT = -21;
  static final int FUNC = -22;
  static final int SERVICE = -23;
  static final int PRINCIPAL = -24;
  private static final int UNDEFINED = 0;

  /** A field of a record or variant type: an id (unsigned 32-bit) and a type. */
  public static final class Field {
    final int id;
    final String name;
    final CandidType type;

    private Field(int id, String name, CandidType type) {
      if (type == null) {
        throw new IllegalArgumentException("field " + (name != null ? name : idText(id)) + " has no type");
      }
      this.id = id;
      this.name = name;
      this.type = type;
    }
  }

  int opcode;
  CandidType inner;
  int[] fieldIds;
  String[] fieldNames;
  CandidType[] fieldTypes;

  private CandidType(int opcode) {
    this.opcode = opcode;
  }

  /**
   * {@code null}.
   *
   * @return a new type
   */
  public static CandidType nullType() {
    return new CandidType(NULL);
  }

  /**
   * {@code bool}.
   *
   * @return a new type
   */
  public static CandidType bool() {
    return new CandidType(BOOL);
  }

  /**
   * {@code nat}: an unbounded natural number.
   *
   * @return a new type
   */
  public static CandidType nat() {
    return new CandidType(NAT);
  }

  /**
   * {@code int}: an unbounded integer.
   *
   * @return a new type
   */
  public static CandidType integer() {
    return new CandidType(INT);
  }

  /**
   * {@code nat8}.
   *
   * @return a new type
   */
  public static CandidType nat8() {
    return new CandidType(NAT8);
  }

  /**
   * {@code nat16}.
   *
   * @return a new type
   */
  public static CandidType nat16() {
    return new CandidType(NAT16);
  }

  /**
   * {@code nat32}.
   *
   * @return a new type
   */
  public static CandidType nat32() {
    return new CandidType(NAT32);
  }

  /**
   * {@code nat64}.
   *
   * @return a new type
   */
  public static CandidType nat64() {
    return new CandidType(NAT64);
  }

  /**
   * {@code int8}.
   *
   * @return a new type
   */
  public static CandidType int8() {
    return new CandidType(INT8);
  }

  /**
   * {@code int16}.
   *
   * @return a new type
   */
  public static CandidType int16() {
    return new CandidType(INT16);
  }

  /**
   * {@code int32}.
   *
   * @return a new type
   */
  public static CandidType int32() {
    return new CandidType(INT32);
  }

  /**
   * {@code int64}.
   *
   * @return a new type
   */
  public static CandidType int64() {
    return new CandidType(INT64);
  }

  /**
   * {@code float32}.
   *
   * @return a new type
   */
  public static CandidType float32() {
    return new CandidType(FLOAT32);
  }

  /**
   * {@code float64}.
   *
   * @return a new type
   */
  public static CandidType float64() {
    return new CandidType(FLOAT64);
  }

  /**
   * {@code text}.
   *
   * @return a new type
   */
  public static CandidType text() {
    return new CandidType(TEXT);
  }

  /**
   * {@code reserved}: any value, ignored.
   *
   * @return a new type
   */
  public static CandidType reserved() {
    return new CandidType(RESERVED);
  }

  /**
   * {@code empty}: no value at all.
   *
   * @return a new type
   */
  public static CandidType empty() {
    return new CandidType(EMPTY);
  }

  /**
   * {@code principal}.
   *
   * @return a new type
   */
  public static CandidType principal() {
    return new CandidType(PRINCIPAL);
  }

  /**
   * {@code opt inner}.
   *
   * @param inner the content's type
   * @return a new type
   */
  public static CandidType opt(CandidType inner) {
    CandidType t = new CandidType(OPT);
    t.inner = require(inner);
    return t;
  }

  /**
   * {@code vec inner}.
   *
   * @param inner the elements' type
   * @return a new type
   */
  public static CandidType vec(CandidType inner) {
    CandidType t = new CandidType(VEC);
    t.inner = require(inner);
    return t;
  }

  /**
   * {@code blob}, the shorthand for {@code vec nat8}; decoded values give their bytes at once.
   *
   * @return a new type
   */
  public static CandidType blob() {
    return vec(nat8());
  }

  /**
   * {@code record { ... }} of these fields, in any order (they are sorted by id).
   *
   * @param fields the fields
   * @return a new type
   */
  public static CandidType record(Field... fields) {
    return composite(RECORD, fields);
  }

  /**
   * {@code variant { ... }} of these fields, in any order (they are sorted by id).
   *
   * @param fields the tags
   * @return a new type
   */
  public static CandidType variant(Field... fields) {
    return composite(VARIANT, fields);
  }

  /**
   * {@code record { t0; t1; ... }}: fields numbered 0, 1, ...
   *
   * @param types the fields' types, in order
   * @return a new type
   */
  public static CandidType tuple(CandidType... types) {
    Field[] fields = new Field[types.length];
    for (int i = 0; i < types.length; i++) {
      fields[i] = field(i, types[i]);
    }
    return record(fields);
  }

  /**
   * A named field; its id is {@link #idOf(String) the hash} of the name.
   *
   * @param name the field's name
   * @param type its type
   * @return the field
   */
  public static Field field(String name, CandidType type) {
    return new Field(idOf(name), name, type);
  }

  /**
   * A numbered field; {@code id} is read as unsigned 32-bit.
   *
   * @param id the field's id
   * @param type its type
   * @return the field
   */
  public static Field field(int id, CandidType type) {
    return new Field(id, null, type);
  }

  /**
   * A type to be {@link #define defined} later, for recursion.
   *
   * @return a type to define
   */
  public static CandidType forward() {
    return new CandidType(UNDEFINED);
  }

  /**
   * Makes this forward type the same as {@code definition}.
   *
   * @param definition the type this one stands for
   */
  public void define(CandidType definition) {
    if (opcode != UNDEFINED) {
      throw new IllegalStateException("only a forward() type can be defined");
    }
    if (definition.opcode == UNDEFINED) {
      throw new IllegalArgumentException("a forward type cannot be defined as another forward type");
    }
    opcode = definition.opcode;
    inner = definition.inner;
    fieldIds = definition.fieldIds;
    fieldNames = definition.fieldNames;
    fieldTypes = definition.fieldTypes;
  }

  /**
   * The field id of a name: {@code h = h * 223 + b} over its UTF-8 bytes, modulo 2^32 (the spec's
   * {@code hash}).
   *
   * @param name the name
   * @return its id
   */
  public static int idOf(String name) {
    byte[] utf8 = Utf8.encode(name);
    int h = 0;
    for (byte b : utf8) {
      h = h * 223 + (b & 0xFF);
    }
    return h;
  }

  /**
   * The position of the field with this id, or -1.
   *
   * @param id the field's id
   * @return its position, or -1
   */
  public int fieldIndex(int id) {
    requireComposite();
    for (int i = 0; i < fieldIds.length; i++) {
      if (fieldIds[i] == id) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The position of the field with this name, or -1.
   *
   * @param name the field's name
   * @return its position, or -1
   */
  public int fieldIndex(String name) {
    return fieldIndex(idOf(name));
  }

  /**
   * The number of fields of a record or variant type.
   *
   * @return the number of fields
   */
  public int fieldCount() {
    requireComposite();
    return fieldIds.length;
  }

  /**
   * The type of the field at {@code index}.
   *
   * @param index the field's position
   * @return its type
   */
  public CandidType fieldType(int index) {
    requireComposite();
    return fieldTypes[index];
  }

  /**
   * The inner type of an {@code opt} or {@code vec}.
   *
   * @return the inner type
   */
  public CandidType inner() {
    if (inner == null) {
      throw new IllegalStateException(this + " has no inner type");
    }
    return inner;
  }

  boolean isBlob() {
    return opcode == VEC && inner.opcode == NAT8;
  }

  /** {@code null}, {@code opt _} and {@code reserved}: the types that accept a missing value. */
  boolean acceptsNull() {
    return opcode == NULL || opcode == OPT || opcode == RESERVED;
  }

  private void requireComposite() {
    if (opcode != RECORD && opcode != VARIANT) {
      throw new IllegalStateException(this + " is not a record or variant");
    }
  }

  private static CandidType composite(int opcode, Field[] fields) {
    Field[] sorted = fields.clone();
    // insertion sort by unsigned id: field lists are short
    for (int i = 1; i < sorted.length; i++) {
      Field f = sorted[i];
      int j = i - 1;
      while (j >= 0 && Integer.compareUnsigned(sorted[j].id, f.id) > 0) {
        sorted[j + 1] = sorted[j];
        j--;
      }
      sorted[j + 1] = f;
    }
    CandidType t = new CandidType(opcode);
    t.fieldIds = new int[sorted.length];
    t.fieldNames = new String[sorted.length];
    t.fieldTypes = new CandidType[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i].id == sorted[i - 1].id) {
        throw new IllegalArgumentException(
            "fields " + label(sorted[i - 1]) + " and " + label(sorted[i]) + " have the same id "
                + idText(sorted[i].id));
      }
      t.fieldIds[i] = sorted[i].id;
      t.fieldNames[i] = sorted[i].name;
      t.fieldTypes[i] = sorted[i].type;
    }
    return t;
  }

  private static String label(Field f) {
    return f.name != null ? f.name : idText(f.id);
  }

  static String idText(int id) {
    return Long.toString(id & 0xFFFFFFFFL);
  }

  private static CandidType require(CandidType t) {
    if (t == null) {
      throw new IllegalArgumentException("missing inner type");
    }
    return t;
  }

  /** The opcode's name as in the textual format ({@code nat}, {@code opt}, ...). */
  static String opcodeName(int opcode) {
    switch (opcode) {
      case NULL: return "null";
      case BOOL: return "bool";
      case NAT: return "nat";
      case INT: return "int";
      case NAT8: return "nat8";
      case NAT16: return "nat16";
      case NAT32: return "nat32";
      case NAT64: return "nat64";
      case INT8: return "int8";
      case INT16: return "int16";
      case INT32: return "int32";
      case INT64: return "int64";
      case FLOAT32: return "float32";
      case FLOAT64: return "float64";
      case TEXT: return "text";
      case RESERVED: return "reserved";
      case EMPTY: return "empty";
      case OPT: return "opt";
      case VEC: return "vec";
      case RECORD: return "record";
      case VARIANT: return "variant";
      case FUNC: return "func";
      case SERVICE: return "service";
      case PRINCIPAL: return "principal";
      default: return opcode < PRINCIPAL ? "future type " + opcode : "type " + opcode;
    }
  }

  /** A short description: the constructor's name ({@code record}, {@code vec}, ...). */
  @Override
  public String toString() {
    return opcode == UNDEFINED ? "undefined forward type" : opcodeName(opcode);
  }
}
