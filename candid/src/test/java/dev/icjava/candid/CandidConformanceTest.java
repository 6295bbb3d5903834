package dev.icjava.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.candid.SpecTestFile.Assertion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Candid specification's own test suite ({@code test/*.test.did} of dfinity/candid, committed
 * under {@code src/test/resources/candid-spec-tests} with its licence) run against the reader.
 *
 * <p>The reader reads binary Candid only: assertions whose inputs are all textual test a text parser
 * and are skipped, as the suite's README allows. Comparisons ({@code ==}, {@code !=}) compare the
 * decoded values, with each other or with the textual value ({@link TextualValue}, a test-only
 * parser of what the suite writes), so that a wrong value fails, not only a refusal. Assertions at {@code func} or {@code service} types are skipped: the reader offers no such
 * expected type (it reads and skips such values in messages; {@code service} values decode at
 * {@code principal}). Every skip is counted by its reason; every other assertion must pass.
 */
class CandidConformanceTest {
  static final String DIR = "/candid-spec-tests/";
  static final List<String> FILES =
      List.of("prim", "construct", "reference", "spacebomb", "overshoot", "subtypes");

  record Outcome(String file, Assertion a, String result, String detail) {}

  @Test
  void shouldPassEveryApplicableTestOfTheCandidSpecificationsSuite() throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    for (String f : FILES) {
      String src = read(f + ".test.did");
      for (Assertion a : SpecTestFile.parse(f, src)) {
        outcomes.add(run(f, a));
      }
    }
    Map<String, int[]> perFile = new LinkedHashMap<>();
    Map<String, Integer> skips = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Outcome o : outcomes) {
      int[] c = perFile.computeIfAbsent(o.file, k -> new int[3]);
      switch (o.result) {
        case "pass" -> c[0]++;
        case "fail" -> {
          c[1]++;
          failures.add(o.file + ".test.did:" + o.a.line() + " " + o.a.form() + " " + describe(o.a) + ": " + o.detail);
        }
        default -> {
          c[2]++;
          skips.merge(o.detail, 1, Integer::sum);
        }
      }
    }
    StringBuilder report = new StringBuilder("Candid specification test suite (dfinity/candid test/*.test.did)\n");
    report.append(String.format("%-10s %6s %6s %7s%n", "file", "passed", "failed", "skipped"));
    int[] total = new int[3];
    perFile.forEach((f, c) -> {
      report.append(String.format("%-10s %6d %6d %7d%n", f, c[0], c[1], c[2]));
      for (int i = 0; i < 3; i++) {
        total[i] += c[i];
      }
    });
    report.append(String.format("%-10s %6d %6d %7d%n", "total", total[0], total[1], total[2]));
    skips.forEach((why, n) -> report.append("  skipped ").append(n).append(": ").append(why).append('\n'));
    failures.forEach(x -> report.append("  FAILED ").append(x).append('\n'));
    System.out.print(report);
    assertTrue(failures.isEmpty(), report.toString());
    // 471 lines start with "assert"; 4 of them are in the opening comment of subtypes.test.did.
    assertEquals(467, outcomes.size(), "assertions in the suite (a parser change lost or invented some)");
    // Skips are fixed too, reason by reason: a skip that grows hides an assertion no longer run.
    Map<String, Integer> expectedSkips = new TreeMap<>(Map.of(
        "expected type has a func reference (no such expected type in this reader)", 72,
        "expected type has a service reference (no such expected type in this reader)", 20,
        "textual inputs only (this reader reads binary Candid)", 6));
    assertEquals(expectedSkips, skips, "skipped assertions, by reason");
    assertEquals(369, total[0], "passed assertions");
  }

  static Outcome run(String file, Assertion a) {
    if (a.unsupported() != null) {
      return new Outcome(file, a, "skip", "expected type has a " + a.unsupported()
          + " (no such expected type in this reader)");
    }
    List<byte[]> blobs = new ArrayList<>();
    for (Object in : Arrays.asList(a.left(), a.right())) {
      if (in instanceof byte[] b) {
        blobs.add(b);
      }
    }
    if (blobs.isEmpty()) {
      return new Outcome(file, a, "skip", "textual inputs only (this reader reads binary Candid)");
    }
    CandidType[] types = a.types().toArray(new CandidType[0]);
    if (a.form().equals("!:")) {
      try {
        CandidValue[] v = decode(blobs.get(0), types);
        return new Outcome(file, a, "fail", "decoded, expected a refusal: " + Arrays.toString(v));
      } catch (CandidException e) {
        return new Outcome(file, a, "pass", e.getMessage());
      }
    }
    List<CandidValue[]> values = new ArrayList<>();
    for (byte[] b : blobs) {
      try {
        values.add(decode(b, types));
      } catch (CandidException e) {
        return new Outcome(file, a, "fail", "refused: " + e.getMessage());
      }
    }
    Boolean same = null;
    if (values.size() == 2) {
      same = same(values.get(0), values.get(1));
    } else if (a.right() != null) {
      String text = (String) (a.left() instanceof String ? a.left() : a.right());
      same = TextualValue.same(values.get(0), TextualValue.parseArguments(text), types);
    }
    if (same != null && same != a.form().equals("==")) {
      return new Outcome(file, a, "fail", "values " + (same ? "equal" : "differ"));
    }
    return new Outcome(file, a, "pass", "");
  }

  static CandidValue[] decode(byte[] message, CandidType[] types) {
    return CandidMessage.parse(message).decode(types);
  }

  /** Host-language equality of decoded values: same expected type, same content. */
  static boolean same(CandidValue[] a, CandidValue[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean same(CandidValue a, CandidValue b) {
    if (a.isNull() || b.isNull()) {
      return a.isNull() == b.isNull();
    }
    switch (a.type().opcode) {
      case CandidType.BOOL: return a.bool() == b.bool();
      case CandidType.NAT:
      case CandidType.INT: return a.integer().equals(b.integer());
      case CandidType.FLOAT32: return Float.floatToRawIntBits(a.float32()) == Float.floatToRawIntBits(b.float32());
      case CandidType.FLOAT64: return Double.doubleToRawLongBits(a.float64()) == Double.doubleToRawLongBits(b.float64());
      case CandidType.TEXT: return Arrays.equals(a.textUtf8(), b.textUtf8());
      case CandidType.PRINCIPAL: return Arrays.equals(a.principal(), b.principal());
      case CandidType.OPT: return same(a.option(), b.option());
      case CandidType.VEC:
        {
          if (a.type().isBlob()) {
            return Arrays.equals(a.blob(), b.blob());
          }
          if (a.size() != b.size()) {
            return false;
          }
          for (int i = 0; i < a.size(); i++) {
            if (!same(a.element(i), b.element(i))) {
              return false;
            }
          }
          return true;
        }
      case CandidType.RECORD:
        for (int i = 0; i < a.type().fieldCount(); i++) {
          if (!same(a.field(i), b.field(i))) {
            return false;
          }
        }
        return true;
      case CandidType.VARIANT:
        return a.variantIndex() == b.variantIndex() && same(a.variantValue(), b.variantValue());
      default: // fixed-width integers
        return a.fixedInteger() == b.fixedInteger();
    }
  }

  static String describe(Assertion a) {
    String d = a.description() != null ? "\"" + a.description() + "\" " : "";
    return d + show(a.left()) + (a.right() != null ? " / " + show(a.right()) : "");
  }

  static String show(Object in) {
    return in instanceof byte[] b ? "blob " + HexFormat.of().formatHex(b) : "text " + in;
  }

  static String read(String name) throws IOException {
    try (InputStream in = CandidConformanceTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
