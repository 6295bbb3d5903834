package dev.icjava.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.wasm.SystemApiTable;
import dev.icjava.runtime.Ic0;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.teavm.interop.Import;

/**
 * The raw binding mirrors the specification's own import block ({@code ic0-imports.txt}, a verbatim
 * copy of the block in the interface spec, read by {@link SystemApiTable}): each {@code Ic0} method
 * is the import of the same name from {@code ic0} with the spec's signature for 32-bit memory, its
 * comment opens with the spec's declaration and contexts as written, and every current entry has its
 * method. Nothing here is typed twice by hand: a change of the spec fails this test until {@code Ic0}
 * follows it.
 */
class Ic0BindingTest {
  static final Path IC0_SOURCE = Path.of("../runtime/src/main/java/dev/icjava/runtime/Ic0.java");

  @Test
  void shouldReadEveryEntryOfTheSpecsBlock() {
    // The spec's block at the recorded commit: 65 current entries, 9 for 32-bit memory only (and the
    // two minting entries the IC links beyond the spec).
    assertEquals(65 + 9 + 2, SystemApiTable.all().size());
    assertEquals(
        List.of("I", "G", "U", "RQ", "NRQ", "TQ", "CQ", "Ry", "Rt", "CRy", "CRt", "C", "CC", "s", "F", "T"),
        SystemApiTable.CONTEXTS);
    assertTrue(!SystemApiTable.ANYWHERE.contains("s") && SystemApiTable.ANYWHERE.size() == 15);
    // Spot checks against the spec's text, one per shape of line.
    assertEquals("(I, I, I, I, I, I, I, I) -> ()", SystemApiTable.lookup("call_new").toString());
    assertEquals("(i64, i64, I) -> ()", SystemApiTable.lookup("msg_cycles_accept128").toString());
    assertEquals("() -> (i32)", SystemApiTable.lookup("call_perform").toString());
    assertEquals(List.of("I", "G", "U", "Ry", "Rt", "C", "T"),
        List.copyOf(SystemApiTable.entry("global_timer_set").contexts()));
    assertTrue(SystemApiTable.allowed("is_controller", "s"));
    assertTrue(!SystemApiTable.allowed("time", "s"));
  }

  @Test
  void shouldBindEveryMethodToTheSameNamedSystemApiEntryWithItsSignature() {
    for (Method m : Ic0.class.getDeclaredMethods()) {
      if (m.isSynthetic()) {
        continue;
      }
      assertTrue(Modifier.isStatic(m.getModifiers()) && Modifier.isNative(m.getModifiers()), m.toString());
      Import imp = m.getAnnotation(Import.class);
      assertNotNull(imp, m + " has no @Import");
      assertEquals("ic0", imp.module(), m.toString());
      assertEquals(m.getName(), imp.name(), "Java name and import name differ");
      SystemApiTable.Entry spec = SystemApiTable.entry(imp.name());
      assertNotNull(spec, "ic0." + imp.name() + " is not in the spec's import block");
      assertTrue(!spec.signature().deprecated(), "ic0." + imp.name() + " is not a current entry");
      assertEquals(spec.signature().resolve(false).toString(), javaSignature(m), "ic0." + imp.name());
    }
  }

  @Test
  void shouldHaveAMethodForEveryCurrentSystemApiEntry() {
    TreeSet<String> missing = new TreeSet<>();
    for (SystemApiTable.Entry e : SystemApiTable.entries()) {
      if (e.signature().deprecated()) {
        continue;
      }
      boolean found = false;
      for (Method m : Ic0.class.getDeclaredMethods()) {
        found |= m.getName().equals(e.name());
      }
      if (!found) {
        missing.add(e.name());
      }
    }
    assertEquals(new TreeSet<String>(), missing);
  }

  @Test
  void shouldOpenEachMethodsCommentWithTheSpecsDeclarationAndContexts() throws IOException {
    Map<String, String> comments = methodComments(Files.readString(IC0_SOURCE, StandardCharsets.UTF_8));
    List<String> wrong = new ArrayList<>();
    for (SystemApiTable.Entry e : SystemApiTable.entries()) {
      if (e.signature().deprecated()) {
        continue;
      }
      String declaration = normalize(e.specText().substring(0, e.specText().indexOf(';')));
      String contexts = normalize(e.specText().substring(e.specText().indexOf("//") + 2));
      String expected = "{@code " + declaration + "}; contexts " + contexts + ".";
      String comment = comments.get(e.name());
      if (comment == null || !comment.startsWith(expected)) {
        wrong.add("ic0." + e.name() + ": expected the comment to open with\n    " + expected + "\n  found\n    " + comment);
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  /** Each {@code @Import(module = "ic0", name = "x")} method's Javadoc, whitespace normalized. */
  static Map<String, String> methodComments(String source) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*@Import\\(module = \"ic0\", name = \"(\\w+)\"\\)", Pattern.DOTALL)
        .matcher(source);
    while (m.find()) {
      StringBuilder text = new StringBuilder();
      for (String line : m.group(1).split("\n")) {
        String t = line.trim();
        text.append(t.startsWith("*") ? t.substring(1) : t).append(' ');
      }
      out.put(m.group(2), normalize(text.toString()));
    }
    return out;
  }

  static String normalize(String s) {
    return s.trim().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
  }

  private static String javaSignature(Method m) {
    List<String> params = new ArrayList<>();
    for (Class<?> p : m.getParameterTypes()) {
      params.add(wasmType(p));
    }
    String result = m.getReturnType() == void.class ? "" : wasmType(m.getReturnType());
    return "(" + String.join(", ", params) + ") -> (" + result + ")";
  }

  private static String wasmType(Class<?> c) {
    if (c == int.class) {
      return "i32";
    }
    if (c == long.class) {
      return "i64";
    }
    throw new AssertionError("no Wasm type for " + c);
  }
}
