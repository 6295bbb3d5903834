package dev.icjava.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets are excerpts of the archetype's templates, which the integration test
 * generates, compiles and tests: every line of the first snippet is a line of {@code Backend.java},
 * every line of the second one of {@code BackendTest.java} (as generated for {@code
 * com.example}). The first snippet of {@code docs/writing-canisters.md} is the whoami sample,
 * line for line, the first of {@code docs/identity-attributes.md} the profiles sample, the first of
 * {@code docs/caller-auth.md} lines of the archetype's canister and the first of {@code
 * docs/testing.md} lines of its test ({@code docs/calls.md}'s is {@code ReadmeExampleTest}'s, in calls).
 */
class ReadmeSnippetTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path TEMPLATES = Path.of("src/main/resources/archetype-resources/src");

  @Test
  void shouldShowOnlyLinesOfTheArchetypesCanister() throws IOException {
    assertLinesIn(javaSnippets().get(0), TEMPLATES.resolve("main/java/Backend.java"));
  }

  @Test
  void shouldShowOnlyLinesOfTheArchetypesTest() throws IOException {
    assertLinesIn(javaSnippets().get(1), TEMPLATES.resolve("test/java/BackendTest.java"));
  }

  @Test
  void shouldShowTheSampleInTheWritingPage() throws IOException {
    List<String> snippet = javaSnippets(ROOT.resolve("docs/writing-canisters.md")).get(0);
    List<String> sample = Files.readAllLines(ROOT.resolve("samples/src/main/java/dev/icjava/samples/WhoAmI.java"));
    assertLinesIn(snippet, ROOT.resolve("samples/src/main/java/dev/icjava/samples/WhoAmI.java"));
    assertTrue(snippet.size() > 50 && sample.containsAll(snippet), "docs/writing-canisters.md shows WhoAmI.java");
  }

  @Test
  void shouldShowTheProfilesSampleInTheSignInPage() throws IOException {
    List<String> snippet = javaSnippets(ROOT.resolve("docs/identity-attributes.md")).get(0);
    assertTrue(snippet.size() > 25, "docs/identity-attributes.md shows Profiles.java");
    assertLinesIn(snippet, ROOT.resolve("samples/src/main/java/dev/icjava/samples/Profiles.java"));
  }

  @Test
  void shouldShowTheArchetypesCanisterInThePrincipalsPage() throws IOException {
    assertLinesIn(javaSnippets(ROOT.resolve("docs/caller-auth.md")).get(0), TEMPLATES.resolve("main/java/Backend.java"));
  }

  @Test
  void shouldShowTheArchetypesTestInTheTestingPage() throws IOException {
    assertLinesIn(javaSnippets(ROOT.resolve("docs/testing.md")).get(0), TEMPLATES.resolve("test/java/BackendTest.java"));
  }

  private static void assertLinesIn(List<String> snippet, Path template) throws IOException {
    Set<String> lines = Files.readAllLines(template).stream()
        .map(l -> l.replace("${package}", "com.example").strip())
        .collect(Collectors.toSet());
    for (String line : snippet) {
      if (!line.isBlank()) {
        assertTrue(lines.contains(line.strip()), "README line not in " + template + ": " + line);
      }
    }
  }

  private static List<List<String>> javaSnippets() throws IOException {
    List<List<String>> snippets = javaSnippets(ROOT.resolve("README.md"));
    assertEquals(2, snippets.size(), "the README's Java snippets: the canister and its test");
    return snippets;
  }

  private static List<List<String>> javaSnippets(Path page) throws IOException {
    List<List<String>> snippets = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(page)) {
      if (line.equals("```java")) {
        current = new ArrayList<>();
      } else if (line.equals("```") && current != null) {
        snippets.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return snippets;
  }
}
