package dev.icjava.build.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The string literals a method returns as they are, read from its bytecode as javac compiles it. */
class ReturnedLiteralsTest {
  @SuppressWarnings("unused")
  static final class Methods {
    static String conditional(boolean anonymous, String text) {
      return anonymous ? "anonymous" : text;
    }

    static String branches(int n) {
      if (n == 0) {
        return "zero";
      }
      String s = "kept in a variable";
      if (n == 1) {
        return s; // not an ldc right before areturn: not found
      }
      return n == 2 ? "two" : n == 3 ? "three" : String.valueOf(n);
    }

    static String passedOn(String s) {
      return String.valueOf("an argument, not the result".length()) + s; // no literal returned
    }

    static String many(int n) {
      switch (n) {
        case 0: return "a";
        case 1: return "b";
        case 2: return "c";
        case 3: return "d";
        default: return "e";
      }
    }

    static String nonAscii(int n) {
      return n == 0 ? "ascii" : "caf\u00e9"; // the second is left to the runtime's encoder
    }

    static String concatenated(Object o) {
      return "prefix " + o; // the concatenation's result, not a literal
    }
  }

  private static List<String> of(String name) throws Exception {
    for (java.lang.reflect.Method m : Methods.class.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return ReturnedLiterals.of(m);
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void shouldFindTheLiteralsReturnedAsTheyAre() throws Exception {
    assertEquals(List.of("anonymous"), of("conditional"));
    assertEquals(List.of("zero", "two", "three"), of("branches"));
    assertEquals(List.of(), of("passedOn"));
    assertEquals(List.of(), of("concatenated"));
    assertEquals(List.of("ascii"), of("nonAscii"));
  }

  @Test
  void shouldKeepAtMostTheFirstFewOfAMethod() throws Exception {
    assertEquals(List.of("a", "b", "c", "d"), of("many"));
    assertEquals(ReturnedLiterals.MAX_LITERALS, of("many").size());
  }
}
