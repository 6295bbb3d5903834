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
 * <p>This class is the decoder: values at expected types, and the skipping of the rest. It
 * extends the type table's reader ({@link WireTypeTable}), which extends the cursor ({@link
 * CandidInput}: the primitive readers and their failures): one object, each job in its file, the
 * hot loops reading the cursor and the table as fields of their own.
 *
 * <p>Failures throw {@link CandidException} with the offset and reason. Work, nesting depth, and the
 * values decoded and skipped are bounded by {@link CandidLimits}; a vector is charged its length
 * before its elements are read, so an oversized one is refused at its length.
 */
public final class CandidMessage extends WireTypeTable {
  private final int maxDepth;
  private final long workLimit;
  private final long decodingQuota;
  private final long skippingQuota;
  private long work;
  private long decodeLeft;
  private long skipLeft;
  private int depth;

  private final int valuesStart;

  private CandidMessage(byte[] data, CandidLimits limits) {
    super(data);
    this.maxDepth = limits.maxDepth();
    this.workLimit = limits.workFor(data.length);
    this.decodingQuota = limits.decodingQuota();
    this.skippingQuota = limits.skippingQuota();
    readTypes();
    this.valuesStart = pos;
  }

  /**
   * Reads the header and type table of {@code data} (not copied: do not change it afterwards).
   *
   * @param data the message
   * @return the message, its values not yet read
   */
  public static CandidMessage parse(byte[] data) {
    return parse(data, CandidLimits.DEFAULT);
  }

  /**
   * As {@link #parse(byte[])}, within {@code limits}; {@link CandidException} for a malformed
   * header or type table.
   *
   * @param data the message
   * @param limits the reader's limits
   * @return the message, its values not yet read
   */
  public static CandidMessage parse(byte[] data, CandidLimits limits) {
    return new CandidMessage(data, limits);
  }

  /**
   * The number of values in the message.
   *
   * @return the number of values
   */
  public int argumentCount() {
    return argTypes.length;
  }

  /**
   * Decodes the values at {@code expected} (see the class comment for the rules) and checks that
   * nothing follows the last value. With no expected types, every value is still read and checked.
   *
   * @param expected the expected types, one per value read
   * @return the values, one per expected type
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
}
