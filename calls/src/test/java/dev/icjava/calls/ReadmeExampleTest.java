package dev.icjava.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documentation's example of inter-canister calls ({@code docs/calls.md}, once the README's) is
 * {@code example/Greeter.java}, compiled with the tests, built as a canister and run here against a
 * counter canister at the id it names; every line of the page's code block is in that file, so the
 * page cannot drift from code that compiles.
 */
class ReadmeExampleTest {
  @Test
  void shouldBuildAndRunTheReadmesExample() throws Exception {
    LocalReplica replica = new LocalReplica();
    Canister greeter = replica.install(Probes.buildOptimized("dev.icjava.calls.example.Greeter", "greeter"));
    // rrkah-fqaaa-aaaaa-aaaaq-cai is the replica's second canister
    Canister counter = replica.install(Probes.build("dev.icjava.calls.probe.CalleeProbe", "callee-probe"));
    assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", org.ic4j.types.Principal.from(counter.id()).toString());
    CallResult r = greeter.update("greet", Request.anonymous());
    assertEquals("count 1", Replies.text(r));
    assertEquals(3, r.messages());
    String coin = Replies.text(greeter.update("coin", Request.anonymous()));
    assertTrue(coin.equals("heads") || coin.equals("tails"), coin);
  }

  @Test
  void shouldShowInTheReadmeOnlyLinesOfTheExample() throws Exception {
    List<String> source = Files.readAllLines(Path.of("src/test/java/dev/icjava/calls/example/Greeter.java"),
        StandardCharsets.UTF_8);
    List<String> block = readmeBlock("# Inter-canister calls");
    assertTrue(block.size() > 10, "the README's example: " + block);
    List<String> missing = new ArrayList<>();
    for (String line : block) {
      if (!line.isBlank() && !source.contains(line)) {
        missing.add(line);
      }
    }
    assertEquals(List.of(), missing, "docs/calls.md lines not in Greeter.java");
  }

  /** The first ```java block after {@code heading} in {@code docs/calls.md}. */
  private static List<String> readmeBlock(String heading) throws Exception {
    List<String> readme = Files.readAllLines(Path.of("..", "docs", "calls.md"), StandardCharsets.UTF_8);
    int at = readme.indexOf(heading);
    assertTrue(at >= 0, "no section " + heading + " in docs/calls.md");
    int start = at;
    while (!readme.get(start).equals("```java")) {
      start++;
    }
    List<String> block = new ArrayList<>();
    for (int i = start + 1; !readme.get(i).equals("```"); i++) {
      block.add(readme.get(i));
    }
    return block;
  }
}
