package dev.icjava.candid;

import static dev.icjava.candid.CandidType.BOOL;
import static dev.icjava.candid.CandidType.EMPTY;
import static dev.icjava.candid.CandidType.FLOAT32;
import static dev.icjava.candid.CandidType.FLOAT64;
import static dev.icjava.candid.CandidType.FUNC;
import static dev.icjava.candid.CandidType.INT;
import static dev.icjava.candid.CandidType.INT16;
import static dev.icjava.candid.CandidType.INT32;
import static dev.icjava.candid.CandidType.INT64;
import static dev.icjava.candid.CandidType.INT8;
import static dev.icjava.candid.CandidType.NAT;
import static dev.icjava.candid.CandidType.NAT16;
import static dev.icjava.candid.CandidType.NAT32;
import static dev.icjava.candid.CandidType.NAT64;
import static dev.icjava.candid.CandidType.NAT8;
import static dev.icjava.candid.CandidType.NULL;
import static dev.icjava.candid.CandidType.OPT;
import static dev.icjava.candid.CandidType.PRINCIPAL;
import static dev.icjava.candid.CandidType.RECORD;
import static dev.icjava.candid.CandidType.RESERVED;
import static dev.icjava.candid.CandidType.SERVICE;
import static dev.icjava.candid.CandidType.TEXT;
import static dev.icjava.candid.CandidType.VARIANT;
import static dev.icjava.candid.CandidType.VEC;

import dev.icjava.runtime.internal.RawArrays;

/**
 * A Candid message ({@code DIDL}, type table, argument types, values), read strictly by the binary
 * format of the Candid specification and decoded at expected types by its coercion rules.
 *
 * <p>{@link #parse} reads and validates the header and the whole type table: every constructor
 * ({@code opt}, {@code vec}, {@code record}, {@code variant}, {@code func}, {@code service}, and
 * future types, which it skips by their length), field ids strictly increasing and below 2^32,
 * every type reference in range, only constructors in the table, service methods sorted and of
 * function type. {@link #decode} then reads every value, including those it only skips, and refuses
 * trailing bytes: a message is accepted whole or not at all.
 *
 * <p>Coercion follows the spec: {@code nat} reads as {@code int}; extra record fields are skipped;
 * a record field missing from the message reads as {@code null} when its expected type is {@code
 * null}, {@code opt _} or {@code reserved}; a variant tag the expected type does not have is a
 * mismatch; at {@code opt t}, a value that does not coerce to {@code t} (and {@code null}, {@code
 * reserved}) reads as absent; {@code reserved} accepts anything. Argument lists follow the same
 * rules as tuples: extra arguments are skipped, missing ones read as {@code null} if their expected
 * type accepts it.
 *
 * <p>LEB128 and SLEB128 numbers may be overlong, as the spec allows; {@code nat} and {@code int}
 * have any size ({@link CandidInteger}). Lengths, counts and field ids must fit 32 bits. Principals
 * (and service references) are at most 29 bytes, the IC's bound; opaque references (flag 0) are
 * refused, since the IC has none. Text is checked to be UTF-8 (no overlong forms, no surrogates).
 *
 * <p>Failures throw {@link CandidException} with the offset and reason. Work, nesting depth, and the
 * values decoded and skipped are bounded by {@link CandidLimits}; a vector is charged its length
 * before its elements are read, so an oversized one is refused at its length.
 */
public final class CandidMessage {
  private static final int MAX_PRINCIPAL_BYTES = 29;

  private final byte[] data; // read through RawArrays.getByte: never through a cached address, which
  // the collector would invalidate when it moves the array while values are allocated
  private final int end;
  private final int maxDepth;
  private final long workLimit;
  private final long decodingQuota;
  private final long skippingQuota;
  private int pos;
  private long work;
  private long decodeLeft;
  private long skipLeft;
  private int depth;

  // The type table. ops[i]: opcode of entry i. For opt/vec, inner[i] is the element type; for
  // record/variant (and func: its argument and result types), fields[i] is the first of counts[i]
  // entries in fieldIds/fieldTypes.
  private int[] ops;
  private int[] inner;
  private int[] firstField;
  private int[] counts;
  private int[] fieldIds;
  private int[] fieldTypes;
  private int fieldCount;
  private int[] argTypes;
  private int valuesStart;

  private CandidMessage(byte[] data, CandidLimits limits) {
    this.data = data;
    this.end = data.length;
    this.maxDepth = limits.maxDepth();
    this.workLimit = limits.workFor(data.length);
    this.decodingQuota = limits.decodingQuota();
    this.skippingQuota = limits.skippingQuota();
  }

  /** Reads the header and type table of {@code data} (not copied: do not change it afterwards). */
  public static CandidMessage parse(byte[] data) {
    return parse(data, CandidLimits.DEFAULT);
  }

  public static CandidMessage parse(byte[] data, CandidLimits limits) {
    CandidMessage m = new CandidMessage(data, limits);
    m.readHeader();
    return m;
  }

  /** The number of values in the message. */
  public int argumentCount() {
    return argTypes.length;
  }

  /**
   * Decodes the values at {@code expected} (see the class comment for the rules) and checks that
   * nothing follows the last value. With no expected types, every value is still read and checked.
   */
  public CandidValue[] decode(CandidType... expected) {
    pos = valuesStart;
    work = 0;
    decodeLeft = decodingQuota;
    skipLeft = skippingQuota;
    depth = 0;
    CandidValue[] out = new CandidValue[expected.length];
    int received = argTypes.length;
    for (int i = 0; i < expected.length; i++) {
      CandidType t = expected[i];
      if (i >= received) {
        if (!t.acceptsNull()) {
          throw missingArgument(i, t);
        }
        out[i] = nullOf(t);
      } else {
        out[i] = value(t, argTypes[i]);
      }
    }
    for (int i = expected.length; i < received; i++) {
      skip(argTypes[i]);
    }
    if (pos != end) {
      throw malformed("", end - pos, " bytes after the last value");
    }
    return out;
  }

  /** Checks the whole message: every value is read and nothing may follow them. */
  public void validate() {
    decode();
  }

  // ---- header and type table ----

  private void readHeader() {
    if (end < 4 || byteAt(0) != 'D' || byteAt(1) != 'I' || byteAt(2) != 'D' || byteAt(3) != 'L') {
      throw malformed("no DIDL magic");
    }
    pos = 4;
    int tableSize = readLength("type table size");
    ops = new int[tableSize];
    inner = new int[tableSize];
    firstField = new int[tableSize];
    counts = new int[tableSize];
    fieldIds = new int[Math.min(16, end)];
    fieldTypes = new int[fieldIds.length];
    for (int i = 0; i < tableSize; i++) {
      readTableEntry(i);
    }
    for (int i = 0; i < tableSize; i++) {
      int op = ops[i];
      if (op == OPT || op == VEC) {
        checkReference(inner[i]);
      } else if (op == RECORD || op == VARIANT || op == FUNC) {
        for (int f = firstField[i]; f < firstField[i] + counts[i]; f++) {
          checkReference(fieldTypes[f]);
        }
      } else if (op == SERVICE) {
        for (int f = firstField[i]; f < firstField[i] + counts[i]; f++) {
          int t = fieldTypes[f];
          if (t < 0 || t >= tableSize || ops[t] != FUNC) {
            throw malformed("service method type ", t, " is not a func type");
          }
        }
      }
    }
    int args = readLength("argument count");
    argTypes = new int[args];
    for (int i = 0; i < args; i++) {
      argTypes[i] = readTypeReference();
      checkReference(argTypes[i]);
    }
    valuesStart = pos;
  }

  private void readTableEntry(int i) {
    int op = readSleb32("type opcode");
    ops[i] = op;
    switch (op) {
      case OPT:
      case VEC:
        inner[i] = readTypeReference();
        break;
      case RECORD:
      case VARIANT:
        {
          int n = readLength("field count");
          firstField[i] = fieldCount;
          counts[i] = n;
          long previous = -1;
          for (int f = 0; f < n; f++) {
            long id = readLeb32("field id");
            if (id <= previous) {
              throw malformed("field id ", id, " after ", previous, ": ids must be strictly increasing");
            }
            previous = id;
            addField((int) id, readTypeReference());
          }
          break;
        }
      case FUNC:
        {
          firstField[i] = fieldCount;
          int n = readLength("func argument count");
          for (int f = 0; f < n; f++) {
            addField(0, readTypeReference());
          }
          int results = readLength("func result count");
          for (int f = 0; f < results; f++) {
            addField(1, readTypeReference());
          }
          counts[i] = n + results;
          int annotations = readLength("func annotation count");
          for (int a = 0; a < annotations; a++) {
            int annotation = readByte();
            if (annotation < 1 || annotation > 3) {
              throw malformed("func annotation ", annotation, " (expected 1, 2 or 3)");
            }
          }
          break;
        }
      case SERVICE:
        {
          int n = readLength("service method count");
          firstField[i] = fieldCount;
          counts[i] = n;
          int previousStart = -1;
          int previousLength = 0;
          for (int f = 0; f < n; f++) {
            int length = readLength("method name length");
            checkUtf8(pos, length);
            if (previousStart >= 0 && compareBytes(previousStart, previousLength, pos, length) >= 0) {
              throw malformed("service methods not in strictly increasing order of name");
            }
            previousStart = pos;
            previousLength = length;
            pos += length;
            addField(0, readTypeReference());
          }
          break;
        }
      default:
        if (op < PRINCIPAL) {
          // A future type: its length, then that many bytes this reader does not interpret.
          int length = readLength("future type length");
          pos += length;
        } else {
          throw notAConstructor(i, op);
        }
    }
  }

  private void addField(int id, int type) {
    if (fieldCount == fieldIds.length) {
      int[] ids = new int[fieldCount * 2 + 8];
      int[] types = new int[ids.length];
      System.arraycopy(fieldIds, 0, ids, 0, fieldCount);
      System.arraycopy(fieldTypes, 0, types, 0, fieldCount);
      fieldIds = ids;
      fieldTypes = types;
    }
    fieldIds[fieldCount] = id;
    fieldTypes[fieldCount] = type;
    fieldCount++;
  }

  private int readTypeReference() {
    return readSleb32("type reference");
  }

  private void checkReference(int t) {
    if (t >= 0) {
      if (t >= ops.length) {
        throw malformed("type index ", t, " outside the table of ", ops.length, "");
      }
    } else if (!(t >= EMPTY || t == PRINCIPAL)) {
      throw withoutTableEntry(t);
    }
  }

  private int compareBytes(int a, int aLength, int b, int bLength) {
    int n = Math.min(aLength, bLength);
    for (int i = 0; i < n; i++) {
      int c = byteAt(a + i) - byteAt(b + i);
      if (c != 0) {
        return c;
      }
    }
    return aLength - bLength;
  }

  // ---- values at an expected type ----

  private CandidValue value(CandidType t, int received) {
    if (++depth > maxDepth) {
      throw limit("values nested deeper than ", maxDepth, "");
    }
    if (++work > workLimit) {
      throw workExceeded();
    }
    if (--decodeLeft < 0) {
      throw decodingQuotaExceeded(1);
    }
    CandidValue v = valueAt(t, received);
    depth--;
    return v;
  }

  private CandidValue valueAt(CandidType t, int received) {
    int expected = t.opcode;
    int op = received < 0 ? received : ops[received];
    if (expected == RESERVED) {
      skipAt(received, op);
      return new CandidValue(t, 0);
    }
    if (expected == OPT) {
      return optional(t, received, op);
    }
    if (op == EMPTY) {
      throw malformed("a value of type empty");
    }
    switch (expected) {
      case NULL:
        expect(t, op, NULL);
        return new CandidValue(t, 0);
      case BOOL:
        {
          expect(t, op, BOOL);
          int b = readByte();
          if (b > 1) {
            throw malformed("bool byte ", b, "");
          }
          return new CandidValue(t, b);
        }
      case NAT:
        expect(t, op, NAT);
        return new CandidValue(t, readNat());
      case INT:
        if (op == NAT) {
          return new CandidValue(t, readNat());
        }
        expect(t, op, INT);
        return new CandidValue(t, readInt());
      case NAT8:
      case NAT16:
      case NAT32:
      case NAT64:
      case INT8:
      case INT16:
      case INT32:
      case INT64:
      case FLOAT32:
      case FLOAT64:
        expect(t, op, expected);
        return new CandidValue(t, readFixed(expected));
      case TEXT:
        {
          expect(t, op, TEXT);
          int length = readLength("text length");
          checkUtf8(pos, length);
          return new CandidValue(t, copy(length));
        }
      case PRINCIPAL:
        if (op != SERVICE) {
          expect(t, op, PRINCIPAL);
        }
        return new CandidValue(t, readPrincipal());
      case VEC:
        expect(t, op, VEC);
        return vector(t, received);
      case RECORD:
        expect(t, op, RECORD);
        return record(t, received);
      case VARIANT:
        {
          expect(t, op, VARIANT);
          int first = firstField[received];
          long index = readLeb32("variant index");
          if (index >= counts[received]) {
            throw malformed("variant index ", index, " of a variant with ", counts[received], " tags");
          }
          int id = fieldIds[first + (int) index];
          int e = t.fieldIndex(id);
          if (e < 0) {
            throw unexpectedTag(id);
          }
          CandidValue payload = value(t.fieldTypes[e], fieldTypes[first + (int) index]);
          return new CandidValue(t, e, payload);
        }
      case EMPTY:
        throw mismatch("no value coerces to empty");
      default:
        throw unsupported(t);
    }
  }

  private CandidValue optional(CandidType t, int received, int op) {
    if (op == NULL || op == RESERVED) {
      return new CandidValue(t, 0);
    }
    int contentType = received;
    if (op == OPT) {
      int flag = readByte();
      if (flag == 0) {
        return new CandidValue(t, 0);
      }
      if (flag != 1) {
        throw malformed("opt flag ", flag, "");
      }
      contentType = inner[received];
    }
    int start = pos;
    int savedDepth = depth;
    try {
      return new CandidValue(t, 1, value(t.inner, contentType));
    } catch (CandidException e) {
      if (e.kind() != CandidException.Kind.MISMATCH) {
        throw e;
      }
      pos = start;
      depth = savedDepth;
      skip(contentType);
      return new CandidValue(t, 0);
    }
  }

  private CandidValue vector(CandidType t, int received) {
    int elementType = inner[received];
    long n = readLeb32("vector length");
    charge(n);
    int count = (int) n;
    if (t.isBlob()) {
      if (elementType == NAT8) {
        need(count);
        return new CandidValue(t, copy(count));
      }
      if (count > 0) {
        value(t.inner, elementType); // throws: nothing else coerces to nat8
        throw mismatch("vec element is not nat8");
      }
      return new CandidValue(t, new byte[0]);
    }
    if ((decodeLeft -= n) < 0) { // before the array of n references is allocated
      throw decodingQuotaExceeded(n);
    }
    CandidValue[] elements = new CandidValue[count];
    for (int i = 0; i < count; i++) {
      elements[i] = value(t.inner, elementType);
    }
    return new CandidValue(t, elements);
  }

  private CandidValue record(CandidType t, int received) {
    int first = firstField[received];
    int n = counts[received];
    int[] expectedIds = t.fieldIds;
    CandidValue[] fields = new CandidValue[expectedIds.length];
    int e = 0;
    for (int f = first; f < first + n; f++) {
      int id = fieldIds[f];
      while (e < expectedIds.length && Integer.compareUnsigned(expectedIds[e], id) < 0) {
        fields[e] = missingField(t, e);
        e++;
      }
      if (e < expectedIds.length && expectedIds[e] == id) {
        fields[e] = value(t.fieldTypes[e], fieldTypes[f]);
        e++;
      } else {
        skip(fieldTypes[f]);
      }
    }
    while (e < expectedIds.length) {
      fields[e] = missingField(t, e);
      e++;
    }
    return new CandidValue(t, fields);
  }

  private CandidValue missingField(CandidType t, int e) {
    CandidType ft = t.fieldTypes[e];
    if (!ft.acceptsNull()) {
      throw missingField(t, e, ft);
    }
    return nullOf(ft);
  }

  private static String fieldLabel(CandidType t, int e) {
    String name = t.fieldNames[e];
    return name != null ? name : CandidType.idText(t.fieldIds[e]);
  }

  private static CandidValue nullOf(CandidType t) {
    return new CandidValue(t, 0);
  }

  private void expect(CandidType t, int op, int wanted) {
    if (op != wanted) {
      throw unexpectedValue(op, t);
    }
  }

  // ---- skipping (still validating) ----

  private void skip(int received) {
    if (++depth > maxDepth) {
      throw limit("values nested deeper than ", maxDepth, "");
    }
    if (++work > workLimit) {
      throw workExceeded();
    }
    if (--skipLeft < 0) {
      throw skippingQuotaExceeded(1);
    }
    skipAt(received, received < 0 ? received : ops[received]);
    depth--;
  }

  private void skipAt(int received, int op) {
    switch (op) {
      case NULL:
      case RESERVED:
        return;
      case BOOL:
        {
          int b = readByte();
          if (b > 1) {
            throw malformed("bool byte ", b, "");
          }
          return;
        }
      case NAT:
      case INT:
        lebBytes();
        return;
      case NAT8:
      case NAT16:
      case NAT32:
      case NAT64:
      case INT8:
      case INT16:
      case INT32:
      case INT64:
      case FLOAT32:
      case FLOAT64:
        need(width(op));
        pos += width(op);
        return;
      case TEXT:
        {
          int length = readLength("text length");
          checkUtf8(pos, length);
          pos += length;
          return;
        }
      case EMPTY:
        throw malformed("a value of type empty");
      case PRINCIPAL:
      case SERVICE:
        skipReference();
        return;
      case FUNC:
        {
          int flag = readByte();
          if (flag != 1) {
            throw malformed("func reference flag ", flag, " (opaque references are not supported)");
          }
          skipReference();
          int length = readLength("method name length");
          checkUtf8(pos, length);
          pos += length;
          return;
        }
      case OPT:
        {
          int flag = readByte();
          if (flag == 1) {
            skip(inner[received]);
          } else if (flag != 0) {
            throw malformed("opt flag ", flag, "");
          }
          return;
        }
      case VEC:
        {
          long n = readLeb32("vector length");
          charge(n);
          if ((skipLeft -= n) < 0) {
            throw skippingQuotaExceeded(n);
          }
          int elementType = inner[received];
          int w = elementType < 0 ? width(elementType) : 0;
          if (w > 0) {
            long bytes = n * w;
            if (bytes > end - pos) {
              throw vectorTooLong(n, elementType, bytes);
            }
            pos += (int) bytes;
          } else {
            for (long i = 0; i < n; i++) {
              skip(elementType);
            }
          }
          return;
        }
      case RECORD:
        {
          int first = firstField[received];
          for (int f = first; f < first + counts[received]; f++) {
            skip(fieldTypes[f]);
          }
          return;
        }
      case VARIANT:
        {
          long index = readLeb32("variant index");
          if (index >= counts[received]) {
            throw malformed("variant index ", index, " of a variant with ", counts[received], " tags");
          }
          skip(fieldTypes[firstField[received] + (int) index]);
          return;
        }
      default:
        {
          // A future type's value: m bytes of data and n references, which the IC never has.
          int bytes = readLength("future value length");
          long references = readLeb32("future value reference count");
          if (references != 0) {
            throw malformed("future value with ", references, " references");
          }
          need(bytes); // readLength checked it before the reference count was read
          pos += bytes;
        }
    }
  }

  /** Checks a principal or service reference and moves past it, without copying its bytes. */
  private void skipReference() {
    int length = principalLength(); // reads the flag and length first: not `pos += principalLength()`
    pos += length;
  }

  private static int width(int op) {
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

  // ---- primitive readers ----

  private byte[] readPrincipal() {
    return copy(principalLength());
  }

  /** Reads a reference's flag and length, checked; leaves {@code pos} at its bytes. */
  private int principalLength() {
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

  private long readFixed(int op) {
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

  private CandidInteger readNat() {
    int start = pos;
    int n = lebBytes();
    if (n <= 9) {
      long v = 0;
      for (int i = n - 1; i >= 0; i--) {
        v = (v << 7) | (byteAt(start + i) & 0x7F);
      }
      return CandidInteger.of(v);
    }
    return CandidInteger.of(1, bigEndian(start, n, false));
  }

  private CandidInteger readInt() {
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
    byte[] twos = bigEndian(start, n, true);
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
  private int lebBytes() {
    int start = pos;
    while ((readByte() & 0x80) != 0) {
      // continuation
    }
    return pos - start;
  }

  /**
   * The {@code 7 * n} bits of the LEB128 groups at {@code start} as big-endian bytes, with one extra
   * top byte holding the sign extension when {@code signed}.
   */
  private byte[] bigEndian(int start, int n, boolean signed) {
    int bits = 7 * n;
    byte[] out = new byte[bits / 8 + 1];
    int acc = 0;
    int accBits = 0;
    int o = out.length - 1;
    for (int i = 0; i < n; i++) {
      acc |= (byteAt(start + i) & 0x7F) << accBits;
      accBits += 7;
      if (accBits >= 8) {
        out[o--] = (byte) acc;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    boolean negative = signed && (byteAt(start + n - 1) & 0x40) != 0;
    if (negative) {
      acc |= -1 << accBits;
    }
    while (o >= 0) {
      out[o--] = (byte) acc;
      acc = negative ? -1 : 0;
    }
    return out;
  }

  /** An unsigned LEB128 number below 2^32; overlong forms (trailing zero groups) are allowed. */
  private long readLeb32(String what) {
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
  private int readLength(String what) {
    int at = pos;
    long n = readLeb32(what);
    if (n > end - pos) {
      pos = at;
      throw tooLong(what, n);
    }
    return (int) n;
  }

  /** A signed LEB128 number that fits 32 bits; overlong sign-extension groups are allowed. */
  private int readSleb32(String what) {
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

  private void checkUtf8(int from, int length) {
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

  private byte[] copy(int length) {
    byte[] out = new byte[length];
    System.arraycopy(data, pos, out, 0, length);
    pos += length;
    return out;
  }

  private void need(int bytes) {
    if (bytes > end - pos) {
      throw malformed("message ends ", bytes - (end - pos), " bytes early");
    }
  }

  private int readByte() {
    if (pos >= end) {
      throw malformed("message ends early");
    }
    return RawArrays.getByte(data, pos++) & 0xFF;
  }

  private int byteAt(int index) {
    return RawArrays.getByte(data, index) & 0xFF;
  }

  private void charge(long units) {
    work += units;
    if (work > workLimit) {
      throw workExceeded();
    }
  }

  private CandidException workExceeded() {
    return limit("more than " + workLimit + " units of work for a message of " + end + " bytes");
  }

  private CandidException decodingQuotaExceeded(long asked) {
    return limit((asked > 1 ? "a vector of " + asked + " values exceeds" : "more values than")
        + " the decoding quota of " + decodingQuota + " values");
  }

  private CandidException skippingQuotaExceeded(long asked) {
    return limit((asked > 1 ? "skipping a vector of " + asked + " values exceeds" : "skipping more values than")
        + " the skipping quota of " + skippingQuota + " values");
  }

  // ---- failures ----
  // Each message is assembled in one of these factories, never at the throwing site: the canister
  // build does not inline a method that returns an exception, so the hot methods that can fail
  // carry one call per failure instead of a copy of the string building.

  private CandidException malformed(String reason) {
    return new CandidException(CandidException.Kind.MALFORMED, pos, reason);
  }

  private CandidException malformed(String a, long x, String b) {
    return malformed(a + x + b);
  }

  private CandidException malformed(String a, long x, String b, long y, String c) {
    return malformed(a + x + b + y + c);
  }

  private CandidException malformed(String a, Object x, String b) {
    return malformed(a + x + b);
  }

  private CandidException notAConstructor(int entry, int op) {
    return malformed("type table entry " + entry + " is " + CandidType.opcodeName(op) + ", not a constructor");
  }

  private CandidException withoutTableEntry(int op) {
    return malformed(CandidType.opcodeName(op) + " used as a type without a table entry");
  }

  private CandidException tooLong(String what, long n) {
    return malformed(what + " " + n + " exceeds the " + (end - pos) + " bytes left");
  }

  private CandidException tooWide(String what, long v) {
    return malformed(what + " " + v + " does not fit 32 bits");
  }

  private CandidException vectorTooLong(long n, int elementType, long bytes) {
    return malformed("vector of " + n + " " + CandidType.opcodeName(elementType)
        + " needs " + bytes + " bytes, " + (end - pos) + " left");
  }

  private CandidException mismatch(String reason) {
    return new CandidException(CandidException.Kind.MISMATCH, pos, reason);
  }

  // Mismatches keep their pieces unjoined (see CandidException): under opt they are caught.

  private CandidException missingArgument(int i, CandidType t) {
    return new CandidException(CandidException.Kind.MISMATCH, pos, "argument ", i, " (", t, ") is missing");
  }

  private CandidException unexpectedTag(int id) {
    return new CandidException(CandidException.Kind.MISMATCH, pos, "variant tag ", id & 0xFFFFFFFFL,
        " is not in the expected variant");
  }

  private CandidException missingField(CandidType t, int e, CandidType ft) {
    return new CandidException(CandidException.Kind.MISMATCH, pos, "record field ", new FieldLabel(t, e), " (", ft,
        ") is missing");
  }

  private CandidException unexpectedValue(int op, CandidType t) {
    return new CandidException(CandidException.Kind.MISMATCH, pos, "a ", CandidType.opcodeName(op), " value where ", t,
        " is expected");
  }

  /** A field's name or id, printed only if the message is. */
  private static final class FieldLabel {
    private final CandidType type;
    private final int index;

    FieldLabel(CandidType type, int index) {
      this.type = type;
      this.index = index;
    }

    @Override
    public String toString() {
      return fieldLabel(type, index);
    }
  }

  private static IllegalStateException unsupported(CandidType t) {
    return new IllegalStateException("decoding at " + t + " is not supported");
  }

  private CandidException limit(String reason) {
    return new CandidException(CandidException.Kind.LIMIT, pos, reason);
  }

  private CandidException limit(String a, long x, String b) {
    return limit(a + x + b);
  }
}
