package dev.icjava.candid;

import dev.icjava.testkit.reference.CandidModel;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@link CandidModel}'s types and values through the code under test: as {@link CandidType}s,
 * written by {@link CandidWriter}, and the canonical text of a {@link CandidValue} the reader
 * decoded, to compare with the model's.
 */
final class ReferenceModel {
  private ReferenceModel() {}

static CandidType candid(CandidModel.T t) {
    switch (t.kind()) {
      case "null": return CandidType.nullType();
      case "bool": return CandidType.bool();
      case "nat": return CandidType.nat();
      case "int": return CandidType.integer();
      case "nat8": return CandidType.nat8();
      case "nat16": return CandidType.nat16();
      case "nat32": return CandidType.nat32();
      case "nat64": return CandidType.nat64();
      case "int8": return CandidType.int8();
      case "int16": return CandidType.int16();
      case "int32": return CandidType.int32();
      case "int64": return CandidType.int64();
      case "float32": return CandidType.float32();
      case "float64": return CandidType.float64();
      case "text": return CandidType.text();
      case "principal": return CandidType.principal();
      case "blob": return CandidType.blob();
      case "opt": return CandidType.opt(candid(t.inner()));
      case "vec": return CandidType.vec(candid(t.inner()));
      default:
        {
          CandidType.Field[] fs = new CandidType.Field[t.names().size()];
          for (int i = 0; i < fs.length; i++) {
            fs[i] = CandidType.field(t.names().get(i), candid(t.fields().get(i)));
          }
          return t.kind().equals("record") ? CandidType.record(fs) : CandidType.variant(fs);
        }
    }
  }


  static void write(CandidWriter w, CandidModel.T t, Object v) {
    switch (t.kind()) {
      case "null": w.nullValue(); return;
      case "bool": w.bool((Boolean) v); return;
      case "nat": w.nat(integer((BigInteger) v)); return;
      case "int": w.integer(integer((BigInteger) v)); return;
      case "nat8": case "nat16": case "nat32": case "nat64": case "int8": case "int16": case "int32": case "int64":
        w.fixed(((BigInteger) v).longValue());
        return;
      case "float32": w.float32(Float.intBitsToFloat((int) (long) (Long) v)); return;
      case "float64": w.float64(Double.longBitsToDouble((Long) v)); return;
      case "text": w.text((String) v); return;
      case "principal": w.principal((byte[]) v); return;
      case "blob": w.blob((byte[]) v); return;
      case "opt":
        {
          Optional<?> o = (Optional<?>) v;
          if (o.isEmpty()) {
            w.none();
          } else {
            w.some();
            write(w, t.inner(), CandidModel.unwrapNull(o.get()));
          }
          return;
        }
      case "vec":
        {
          List<?> vs = (List<?>) v;
          w.vec(vs.size());
          for (Object x : vs) {
            write(w, t.inner(), x);
          }
          return;
        }
      case "record":
        {
          CandidType ct = candid(t);
          List<?> vs = (List<?>) v;
          w.record();
          // fields in the type's order (by id), not the model's
          for (int k = 0; k < vs.size(); k++) {
            for (int i = 0; i < vs.size(); i++) {
              if (ct.fieldIndex(t.names().get(i)) == k) {
                write(w, t.fields().get(i), vs.get(i));
              }
            }
          }
          return;
        }
      default:
        {
          CandidModel.Tagged tg = (CandidModel.Tagged) v;
          w.variant(candid(t).fieldIndex(t.names().get(tg.index())));
          if (!t.fields().get(tg.index()).kind().equals("null")) {
            write(w, t.fields().get(tg.index()), tg.payload());
          }
        }
    }
  }

  static CandidInteger integer(BigInteger v) {
    byte[] m = v.abs().toByteArray();
    return CandidInteger.of(v.signum(), m);
  }

  /** The canonical text of a value the reader decoded at {@code candid(t)}. */
  static String canonical(CandidModel.T t, CandidValue v) {
    switch (t.kind()) {
      case "null": return "null";
      case "bool": return Boolean.toString(v.bool());
      case "nat": case "int": return "\"" + v.integer() + "\"";
      case "nat64": return "\"" + Long.toUnsignedString(v.fixedInteger()) + "\"";
      case "nat8": case "nat16": case "nat32": case "int8": case "int16": case "int32": case "int64":
        return "\"" + v.fixedInteger() + "\"";
      case "float32": return "\"" + HexFormat.of().toHexDigits(Float.floatToRawIntBits(v.float32())) + "\"";
      case "float64": return "\"" + HexFormat.of().toHexDigits(Double.doubleToRawLongBits(v.float64())) + "\"";
      case "text": return "\"" + HexFormat.of().formatHex(v.textUtf8()) + "\"";
      case "principal": return CandidModel.canonical(t, (Object) v.principal());
      case "blob": return "\"" + HexFormat.of().formatHex(v.blob()) + "\"";
      case "opt": return v.option() == null ? "[]" : "[" + canonical(t.inner(), v.option()) + "]";
      case "vec":
        {
          StringBuilder sb = new StringBuilder("[");
          if (t.inner().kind().equals("nat8")) { // decoded at vec nat8, which is blob
            byte[] b = v.blob();
            for (int i = 0; i < b.length; i++) {
              sb.append(i > 0 ? "," : "").append("\"").append(b[i] & 0xFF).append("\"");
            }
            return sb.append("]").toString();
          }
          for (int i = 0; i < v.size(); i++) {
            sb.append(i > 0 ? "," : "").append(canonical(t.inner(), v.element(i)));
          }
          return sb.append("]").toString();
        }
      case "record":
        {
          StringBuilder sb = new StringBuilder("{");
          for (int i = 0; i < t.names().size(); i++) {
            sb.append(i > 0 ? "," : "").append(CandidModel.quote(t.names().get(i))).append(":")
                .append(canonical(t.fields().get(i), v.field(t.names().get(i))));
          }
          return sb.append("}").toString();
        }
      default:
        {
          String tag = v.variantName();
          int i = t.names().indexOf(tag);
          return "{" + CandidModel.quote(tag) + ":" + canonical(t.fields().get(i), v.variantValue()) + "}";
        }
    }
  }
}
