package dev.icjava.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.build.wasm.SystemApiTable;
import dev.icjava.runtime.Ic0;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.teavm.interop.Import;

/**
 * The raw binding mirrors the System API one to one: each {@code Ic0} method is the import of the
 * same name from {@code ic0}, with the spec's signature for 32-bit memory, and every current entry
 * of the spec has its method.
 */
class Ic0BindingTest {
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
      SystemApiTable.Signature spec = SystemApiTable.lookup(imp.name());
      assertNotNull(spec, "ic0." + imp.name() + " is not in the System API");
      assertEquals(spec.resolve(false).toString(), javaSignature(m), "ic0." + imp.name());
    }
  }

  @Test
  void shouldHaveAMethodForEveryCurrentSystemApiEntry() {
    TreeSet<String> missing = new TreeSet<>();
    for (Map.Entry<String, SystemApiTable.Signature> e : SystemApiTable.all().entrySet()) {
      if (e.getValue().deprecated()) {
        continue;
      }
      boolean found = false;
      for (Method m : Ic0.class.getDeclaredMethods()) {
        found |= m.getName().equals(e.getKey());
      }
      if (!found) {
        missing.add(e.getKey());
      }
    }
    assertEquals(new TreeSet<String>(), missing);
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
