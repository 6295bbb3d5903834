package dev.icjava.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.icjava.runtime.CanisterTrap;
import dev.icjava.runtime.VectorStableMemory;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every committed seed and finding of every fuzz target, run through the same code compiled into a
 * canister ({@code CorpusProbe}) in the local replica: the canister must end each input as the JVM
 * does (the same description, or a trap with the library's own message, never a bare {@code
 * unreachable}), within instructions proportional to the input. Prints a table per target. With
 * {@code -Dfuzz.replayGenerated=true} it also replays the corpus Jazzer kept in {@code
 * .cifuzz-corpus} (thousands of inputs after a long run).
 */
class CorpusProbeTest {
  static final Path INPUTS = Path.of("src/test/resources/dev/icjava/fuzz");
  /** Jazzer's generated corpus, replayed too with {@code -Dfuzz.replayGenerated=true}. */
  static final Path GENERATED = Path.of(".cifuzz-corpus");
  /** Instructions an input may cost: a fixed part plus a part per byte (the Candid limits' shape). */
  static final long BASE_INSTRUCTIONS = 2_000_000;
  static final long INSTRUCTIONS_PER_BYTE = 20_000;
  static byte[] wasm;

  record Target(String name, String dir, Function<byte[], String> jvm) {}

  static final List<Target> TARGETS = List.of(
      new Target("principalText", "PrincipalTextFuzzTestInputs/principalText", Targets::principalText),
      new Target("signerList", "PrincipalTextFuzzTestInputs/signerList", Targets::signerList),
      new Target("candidMessage", "CandidReaderFuzzTestInputs/candidMessage", Targets::candidMessage),
      new Target("bundle", "CandidReaderFuzzTestInputs/bundle", Targets::bundle),
      new Target("attributes", "AttributeVerificationFuzzTestInputs/attributes", Targets::attributes),
      new Target("stableMemory", "NonceStoreMemoryFuzzTestInputs/stableMemory",
          in -> Targets.nonceStore(VectorStableMemory.of(in, 4))));

  @BeforeAll
  static void build() throws Exception {
    wasm = Probes.build("dev.icjava.fuzz.probe.CorpusProbe", "fuzz-probe");
  }

  @Test
  void shouldEndEveryCorpusInputInTheCanisterAsOnTheJvm() throws IOException {
    StringBuilder table = new StringBuilder(String.format(
        "Fuzz corpora in the canister (%,d-byte module)%n%-14s %6s %8s %6s %13s %12s%n", wasm.length,
        "target", "inputs", "replies", "traps", "max instr.", "max instr./B"));
    List<String> problems = new ArrayList<>();
    for (Target t : TARGETS) {
      List<Path> files = new ArrayList<>(list(INPUTS.resolve(t.dir)));
      if (Boolean.getBoolean("fuzz.replayGenerated")) {
        // what the last fuzzing runs kept (fuzz/long-run.sh replays it after fuzzing)
        String testClass = t.dir.substring(0, t.dir.indexOf("Inputs/"));
        files.addAll(list(GENERATED.resolve("dev.icjava.fuzz." + testClass).resolve(t.name)));
      }
      int replies = 0;
      int traps = 0;
      long maxInstructions = 0;
      double maxPerByte = 0;
      Canister c = new LocalReplica().install(wasm);
      for (Path f : files) {
        byte[] input = Files.readAllBytes(f);
        String expected = jvmOutcome(t, input);
        if (t.name.equals("stableMemory")) {
          c = new LocalReplica().install(wasm); // a canister whose stable memory is only this image
        }
        CallResult r = c.update(t.name, Request.anonymous().withArg(input));
        String observed;
        long instructions;
        if (r instanceof CallResult.Reply reply) {
          observed = "reply: " + Replies.text(reply);
          instructions = reply.instructions();
          replies++;
        } else if (r instanceof CallResult.Trap trap) {
          observed = "trap: " + trap.message();
          instructions = trap.instructions();
          traps++;
        } else {
          observed = r.toString();
          instructions = 0;
        }
        if (!observed.equals(expected) && !(expected.startsWith("trap: ") && observed.endsWith(expected.substring(6))
            && observed.startsWith("trap: Uncaught "))) {
          problems.add(t.name + " " + f.getFileName() + ": JVM " + expected + " / canister " + observed);
        }
        long bound = BASE_INSTRUCTIONS + INSTRUCTIONS_PER_BYTE * input.length;
        if (instructions > bound) {
          problems.add(t.name + " " + f.getFileName() + ": " + instructions + " instructions for " + input.length
              + " bytes (bound " + bound + ")");
        }
        maxInstructions = Math.max(maxInstructions, instructions);
        maxPerByte = Math.max(maxPerByte, (double) instructions / Math.max(1, input.length));
      }
      table.append(String.format("%-14s %6d %8d %6d %,13d %,12.0f%n", t.name, files.size(), replies, traps,
          maxInstructions, maxPerByte));
    }
    System.out.print(table);
    if (!problems.isEmpty()) {
      fail(table + String.join("\n", problems));
    }
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /** What the JVM makes of an input: {@code reply: <description>} or {@code trap: <message>}. */
  static String jvmOutcome(Target t, byte[] input) {
    try {
      return "reply: " + t.jvm.apply(input);
    } catch (CanisterTrap | IllegalArgumentException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal without a message");
      return "trap: " + e.getMessage();
    }
  }
}
