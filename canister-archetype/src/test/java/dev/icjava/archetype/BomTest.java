package dev.icjava.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code icjava-bom} has no parent (so that importing it manages nothing but icjava's artifacts):
 * its version and its list are kept by hand, and checked here against the reactor.
 */
class BomTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  /** Modules that are never published: tests, samples, the benchmark. */
  private static final Set<String> UNPUBLISHED = Set.of("samples", "bench", "fuzz", "canister-build-tests", "icjava-bom");

  @Test
  void shouldListEveryPublishedModuleAtTheReactorsVersion() throws IOException {
    String parent = withoutComments(Files.readString(ROOT.resolve("pom.xml")));
    String bom = withoutComments(Files.readString(ROOT.resolve("icjava-bom/pom.xml")));
    assertEquals(first(parent, "<version>([^<]+)</version>"), first(bom, "<version>([^<]+)</version>"),
        "the BOM's version is the reactor's");
    List<String> modules = all(parent, "<module>([^<]+)</module>");
    assertTrue(modules.size() > 10, "modules: " + modules);
    for (String module : modules) {
      if (UNPUBLISHED.contains(module)) {
        continue;
      }
      String pom = withoutComments(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
      String artifactId = first(pom.substring(pom.indexOf("</parent>")), "<artifactId>([^<]+)</artifactId>");
      assertTrue(bom.contains("<artifactId>" + artifactId + "</artifactId>"),
          "icjava-bom does not list " + artifactId + " (module " + module + ")");
    }
  }

  private static String withoutComments(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "");
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), regex);
    return m.group(1);
  }

  private static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
