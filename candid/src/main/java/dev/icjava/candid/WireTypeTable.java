package dev.icjava.candid;

import static dev.icjava.candid.CandidType.EMPTY;
import static dev.icjava.candid.CandidType.FUNC;
import static dev.icjava.candid.CandidType.OPT;
import static dev.icjava.candid.CandidType.PRINCIPAL;
import static dev.icjava.candid.CandidType.RECORD;
import static dev.icjava.candid.CandidType.SERVICE;
import static dev.icjava.candid.CandidType.VARIANT;
import static dev.icjava.candid.CandidType.VEC;

/**
 * The types a Candid message declares, as it declares them on the wire ({@code DIDL}, the type
 * table, the argument types), read and validated whole before any value: every constructor ({@code
 * opt}, {@code vec}, {@code record}, {@code variant}, {@code func}, {@code service}, and future types,
 * skipped by their length), field ids strictly increasing and below 2^32, every type reference in
 * range, only constructors in the table, service methods sorted and of function type. It reads
 * with the cursor it extends ({@link CandidInput}); the decoder ({@link CandidMessage}), which
 * extends it, walks these arrays. The writer's table is {@link TypeTableEncoder}'s.
 *
 * <p>Entry {@code i}: {@code ops[i]} its opcode; for {@code opt} and {@code vec}, {@code inner[i]} the
 * element type; for {@code record} and {@code variant} (and {@code func}: its argument and result
 * types, ids 0 and 1; {@code service}: its methods), {@code firstField[i]} the first of {@code
 * counts[i]} entries in {@code fieldIds} and {@code fieldTypes}. A type reference is an entry's
 * index, or a primitive type's negative opcode.
 */
class WireTypeTable extends CandidInput {
  int[] ops;
  int[] inner;
  int[] firstField;
  int[] counts;
  int[] fieldIds;
  int[] fieldTypes;
  int fieldCount;
  int[] argTypes;

  WireTypeTable(byte[] data) {
    super(data);
  }

  /**
   * Reads the header, the type table and the argument types at the start of the message; leaves
   * the cursor at the first value.
   */
  final void readTypes() {
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
    readTable();
  }

  private void readTable() {
    int tableSize = ops.length;
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
}
