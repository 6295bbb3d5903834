package dev.icjava.replica;

import dev.icjava.candid.CandidInteger;
import dev.icjava.candid.CandidMessage;
import dev.icjava.candid.CandidType;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.CandidWriter;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The replica side's use of the project's {@code candid} module (the strict reader and the typed
 * writer canisters use, run on the JVM), for the system canisters' and the management canister's
 * arguments and replies: records written by field name in the type's order, {@code nat} as {@link
 * BigInteger}, one argument decoded at its type (extra arguments and fields skipped, as Candid's
 * subtyping says: icp-cli sends {@code ()} as {@code (null)}, and newer settings fields than a
 * ledger's type has).
 */
final class CandidRecords {
  private CandidRecords() {}

  /** The first value of {@code arg} at {@code type} ({@code null} type reads a missing argument as null). */
  static CandidValue decode(byte[] arg, CandidType type) {
    return CandidMessage.parse(arg).decode(type)[0];
  }

  /** A {@code nat} or {@code int} as a BigInteger. */
  static BigInteger big(CandidValue v) {
    CandidInteger i = v.integer();
    return new BigInteger(i.signum(), i.magnitude());
  }

  static CandidInteger candid(BigInteger b) {
    return CandidInteger.of(b.signum(), b.abs().toByteArray());
  }

  /** An {@code opt} value's content, or null. */
  static CandidValue opt(CandidValue v) {
    return v.isNull() ? null : v.option();
  }

  /**
   * Writes a record of {@code type} with the fields' writers given by name: each called in the
   * type's field order (by id), each writing exactly that field's value. Every field of the type
   * must be given.
   */
  static void record(CandidWriter w, CandidType type, Map<String, Consumer<CandidWriter>> fields) {
    @SuppressWarnings("unchecked")
    Consumer<CandidWriter>[] ordered = new Consumer[type.fieldCount()];
    for (Map.Entry<String, Consumer<CandidWriter>> f : fields.entrySet()) {
      int i = type.fieldIndex(f.getKey());
      if (i < 0) {
        throw new IllegalArgumentException(type + " has no field " + f.getKey());
      }
      ordered[i] = f.getValue();
    }
    w.record();
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] == null) {
        throw new IllegalArgumentException("field " + i + " of " + type + " was not given");
      }
      ordered[i].accept(w);
    }
  }

  /** Field writers in insertion order: {@code fields("a", w -> ..., "b", w -> ...)}. */
  static Map<String, Consumer<CandidWriter>> fields(Object... nameThenWriter) {
    Map<String, Consumer<CandidWriter>> out = new LinkedHashMap<>();
    for (int i = 0; i < nameThenWriter.length; i += 2) {
      @SuppressWarnings("unchecked")
      Consumer<CandidWriter> c = (Consumer<CandidWriter>) nameThenWriter[i + 1];
      out.put((String) nameThenWriter[i], c);
    }
    return out;
  }

  /** The variant case of {@code type} called {@code name}: its position. */
  static int tag(CandidType type, String name) {
    int i = type.fieldIndex(name);
    if (i < 0) {
      throw new IllegalArgumentException(type + " has no case " + name);
    }
    return i;
  }

  /** A message of one value of {@code type}, written by {@code body}. */
  static byte[] message(CandidType type, Consumer<CandidWriter> body) {
    CandidWriter w = new CandidWriter(type);
    body.accept(w);
    return w.toMessage();
  }
}
