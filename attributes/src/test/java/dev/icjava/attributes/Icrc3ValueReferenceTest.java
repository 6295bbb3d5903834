package dev.icjava.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.reference.NodeReference;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Label;
import org.ic4j.candid.types.Type;
import org.junit.jupiter.api.Test;

/**
 * {@link Icrc3Value#decode} against two independent encoders, which lay out type tables
 * differently: {@code @dfinity/candid} (one recursive type) and ic4j-candid (non-recursive variant
 * types, one per nesting level). Each value's canonical text must be what the encoder's side
 * computed from its own model.
 *
 * <p>ic4j-candid 0.7.2 writes every variant value with index 0 ({@code
 * ValueSerializer.serializeVariant} pushes a constant 0), so it encodes a variant correctly only
 * when the value's case has the lowest id of its type; even ic4j cannot read back the others. Its
 * values are therefore drawn from a random {@link Shape}: one case per nesting level (the elements
 * of an Array, or the values of a Map, share a case), in a variant type that also lists random
 * cases of higher id. {@code @dfinity/candid}'s values mix cases freely.
 */
class Icrc3ValueReferenceTest {
  static final int COUNT = 10_000;

  @Test
  void shouldDecodeTenThousandValuesEncodedByDfinityCandid() {
    List<NodeReference.Encoded> values = NodeReference.randomIcrc3Values(20261121, COUNT);
    assertEquals(COUNT, values.size());
    Coverage coverage = new Coverage();
    List<String> disagreements = new ArrayList<>();
    for (NodeReference.Encoded e : values) {
      String decoded;
      try {
        decoded = Icrc3Value.decode(e.message()).toString();
      } catch (RuntimeException x) {
        decoded = x.toString();
      }
      coverage.add(e.canonical());
      if (!decoded.equals(e.canonical()) && disagreements.size() < 5) {
        disagreements.add(HexFormat.of().formatHex(e.message()) + "\n  expected " + e.canonical() + "\n  decoded  " + decoded);
      }
      if (!decoded.equals(e.canonical())) {
        coverage.disagreements++;
      }
    }
    assertEquals(List.of(), disagreements);
    assertEquals(0, coverage.disagreements);
    coverage.assertBroad();
  }

  @Test
  void shouldDecodeTenThousandValuesEncodedByIc4j() {
    Random random = new Random(20261121);
    Coverage coverage = new Coverage();
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      Shape shape = Shape.random(random, 0);
      Model m = Model.random(random, shape);
      byte[] message = IDLArgs.create(List.of(IDLValue.create(m.ic4jValue(), shape.ic4jType()))).toBytes();
      String expected = m.canonical();
      coverage.add(expected);
      String decoded;
      try {
        decoded = Icrc3Value.decode(message).toString();
      } catch (RuntimeException e) {
        decoded = e.toString();
      }
      if (!decoded.equals(expected)) {
        coverage.disagreements++;
        if (disagreements.size() < 5) {
          disagreements.add(HexFormat.of().formatHex(message) + "\n  expected " + expected + "\n  decoded  " + decoded);
        }
      }
    }
    assertEquals(List.of(), disagreements);
    assertEquals(0, coverage.disagreements);
    coverage.assertBroad();
  }

  /** Checks that the random values cover what the issue asks for, so the agreement means something. */
  static final class Coverage {
    int disagreements;
    int nestedMaps;
    int emptyArrays;
    int emptyMaps;
    int bigNats;
    int negativeBigInts;
    int nonAscii;
    int astral;

    void add(String canonical) {
      if (canonical.matches(".*Map\\{[^}]*Map\\{.*") || canonical.matches(".*Array\\[.*(Map|Array).*")) {
        nestedMaps++;
      }
      if (canonical.contains("Array[]")) {
        emptyArrays++;
      }
      if (canonical.contains("Map{}")) {
        emptyMaps++;
      }
      if (canonical.matches(".*Nat\\(\\d{21,}\\).*")) {
        bigNats++;
      }
      if (canonical.matches(".*Int\\(-\\d{21,}\\).*")) {
        negativeBigInts++;
      }
      if (canonical.chars().anyMatch(c -> c > 0x7f)) {
        nonAscii++;
      }
      if (canonical.codePoints().anyMatch(c -> c > 0xffff)) {
        astral++;
      }
    }

    void assertBroad() {
      String summary = "nested " + nestedMaps + ", empty arrays " + emptyArrays + ", empty maps " + emptyMaps
          + ", nat > 2^64 " + bigNats + ", int < -2^64 " + negativeBigInts + ", non-ASCII " + nonAscii
          + ", astral " + astral;
      System.out.println("ICRC-3 values: " + summary);
      for (int n : new int[] {nestedMaps, emptyArrays, emptyMaps, bigNats, negativeBigInts, nonAscii, astral}) {
        assertTrue(n >= 100, summary);
      }
    }
  }

  /** The case used at each nesting level, and the other (higher-id) cases its ic4j type lists. */
  record Shape(String kind, Shape child, List<String> extras) {
    // Cases by increasing field id: hash(Int) < hash(Map) < hash(Nat) < hash(Blob) < hash(Text) < hash(Array).
    static final List<String> BY_ID = List.of("Int", "Map", "Nat", "Blob", "Text", "Array");

    static Shape random(Random r, int depth) {
      String kind = depth >= 4 ? List.of("Int", "Nat", "Blob", "Text").get(r.nextInt(4))
          : depth == 0 && r.nextBoolean() ? (r.nextBoolean() ? "Array" : "Map") : BY_ID.get(r.nextInt(6));
      Shape child = kind.equals("Array") || kind.equals("Map") ? random(r, depth + 1) : null;
      List<String> extras = new ArrayList<>();
      for (String k : BY_ID.subList(BY_ID.indexOf(kind) + 1, BY_ID.size())) {
        if (r.nextBoolean()) {
          extras.add(k);
        }
      }
      return new Shape(kind, child, extras);
    }

    IDLType ic4jType() {
      Map<Label, IDLType> cases = new TreeMap<>();
      cases.put(Label.createNamedLabel(kind), payloadType(kind, child));
      for (String k : extras) {
        cases.put(Label.createNamedLabel(k), payloadType(k, new Shape("Nat", null, List.of())));
      }
      return IDLType.createType(Type.VARIANT, cases);
    }

    static IDLType payloadType(String kind, Shape child) {
      switch (kind) {
        case "Nat":
          return IDLType.createType(Type.NAT);
        case "Int":
          return IDLType.createType(Type.INT);
        case "Blob":
          return IDLType.createType(Type.VEC, IDLType.createType(Type.NAT8));
        case "Text":
          return IDLType.createType(Type.TEXT);
        case "Array":
          return IDLType.createType(Type.VEC, child.ic4jType());
        default: {
          Map<Label, IDLType> tuple = new TreeMap<>();
          tuple.put(Label.createUnnamedLabel(0L), IDLType.createType(Type.TEXT));
          tuple.put(Label.createUnnamedLabel(1L), child.ic4jType());
          return IDLType.createType(Type.VEC, IDLType.createType(Type.RECORD, tuple));
        }
      }
    }
  }

  /** A Value on the JVM side, with its own canonical text and its ic4j form. */
  record Model(String kind, BigInteger number, byte[] blob, String text, List<Model> items, List<String> keys) {
    static final int[][] POOLS = {
      {0x20, 0x7e}, {0x00, 0x1f}, {0xa0, 0x2ff}, {0x4e00, 0x4fff}, {0x1f300, 0x1f6ff}, {0xe000, 0xf8ff},
      {0x10000, 0x10ffff}
    };
    static final String[] KEYS = {"email", "name", "verified_email", "implicit:nonce", "implicit:origin",
      "implicit:issued_at_timestamp_ns", "openid:https://accounts.google.com:email"};

    static Model random(Random r, Shape shape) {
      switch (shape.kind()) {
        case "Nat":
          return new Model("Nat", nat(r), null, null, null, null);
        case "Int":
          return new Model("Int", r.nextBoolean() ? nat(r) : nat(r).negate(), null, null, null, null);
        case "Blob": {
          byte[] b = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(48)];
          r.nextBytes(b);
          return new Model("Blob", null, b, null, null, null);
        }
        case "Text":
          return new Model("Text", null, null, text(r), null, null);
        case "Array": {
          List<Model> items = new ArrayList<>();
          for (int i = r.nextInt(5); i > 0; i--) {
            items.add(random(r, shape.child()));
          }
          return new Model("Array", null, null, null, items, null);
        }
        default: {
          List<Model> items = new ArrayList<>();
          List<String> keys = new ArrayList<>();
          for (int i = r.nextInt(6); i > 0; i--) {
            keys.add(r.nextInt(3) == 0 && !keys.isEmpty() ? keys.get(r.nextInt(keys.size()))
                : r.nextBoolean() ? KEYS[r.nextInt(KEYS.length)] : text(r));
            items.add(random(r, shape.child()));
          }
          return new Model("Map", null, null, null, items, keys);
        }
      }
    }

    static BigInteger nat(Random r) {
      switch (r.nextInt(4)) {
        case 0:
          return BigInteger.valueOf(r.nextInt(300));
        case 1: {
          BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(127), BigInteger.valueOf(128),
            BigInteger.TWO.pow(63).subtract(BigInteger.ONE), BigInteger.TWO.pow(63), BigInteger.TWO.pow(64).subtract(BigInteger.ONE),
            BigInteger.TWO.pow(64), BigInteger.TWO.pow(128)};
          return edges[r.nextInt(edges.length)];
        }
        case 2:
          return new BigInteger(1 + r.nextInt(64), r);
        default:
          return new BigInteger(65 + r.nextInt(200), r);
      }
    }

    static String text(Random r) {
      int n = r.nextInt(4) == 0 ? 0 : r.nextInt(24);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (r.nextInt(8) == 0) {
          sb.append(r.nextBoolean() ? '"' : '\\');
          continue;
        }
        int[] pool = POOLS[r.nextInt(4) == 0 ? r.nextInt(POOLS.length) : 0];
        sb.appendCodePoint(pool[0] + r.nextInt(pool[1] - pool[0] + 1));
      }
      return sb.toString();
    }

    String canonical() {
      switch (kind) {
        case "Nat":
        case "Int":
          return kind + "(" + number + ")";
        case "Blob":
          return "Blob(" + HexFormat.of().formatHex(blob) + ")";
        case "Text":
          return "Text(" + quote(text) + ")";
        case "Array": {
          List<String> parts = new ArrayList<>();
          for (Model m : items) {
            parts.add(m.canonical());
          }
          return "Array[" + String.join(", ", parts) + "]";
        }
        default: {
          List<String> parts = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            parts.add(quote(keys.get(i)) + ": " + items.get(i).canonical());
          }
          return "Map{" + String.join(", ", parts) + "}";
        }
      }
    }

    static String quote(String s) {
      StringBuilder sb = new StringBuilder("\"");
      s.codePoints().forEach(c -> {
        if (c == '"' || c == '\\') {
          sb.append('\\').appendCodePoint(c);
        } else if (c < 0x20) {
          sb.append("\\u{").append(Integer.toHexString(c)).append('}');
        } else {
          sb.appendCodePoint(c);
        }
      });
      return sb.append('"').toString();
    }

    Map<Label, Object> ic4jValue() {
      Object payload;
      switch (kind) {
        case "Nat":
        case "Int":
          payload = number;
          break;
        case "Blob": {
          Byte[] boxed = new Byte[blob.length];
          for (int i = 0; i < blob.length; i++) {
            boxed[i] = blob[i];
          }
          payload = boxed;
          break;
        }
        case "Text":
          payload = text;
          break;
        case "Array": {
          Object[] a = new Object[items.size()];
          for (int i = 0; i < a.length; i++) {
            a[i] = items.get(i).ic4jValue();
          }
          payload = a;
          break;
        }
        default: {
          Object[] a = new Object[items.size()];
          for (int i = 0; i < a.length; i++) {
            Map<Label, Object> entry = new HashMap<>();
            entry.put(Label.createUnnamedLabel(0L), keys.get(i));
            entry.put(Label.createUnnamedLabel(1L), items.get(i).ic4jValue());
            a[i] = entry;
          }
          payload = a;
        }
      }
      Map<Label, Object> variant = new HashMap<>();
      variant.put(Label.createNamedLabel(kind), payload);
      return variant;
    }
  }
}
