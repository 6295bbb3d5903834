package dev.icjava.testkit;

import dev.icjava.testkit.probe.LargeInputProbe;

/**
 * What {@code SystemApi.msgArgData()} costs per argument byte, heap growth included: {@link
 * LargeInputProbe}'s {@code argSize} (copy the argument onto the heap, reply with its size) with
 * arguments of 1 KB to 5 MB, each sent twice to a fresh instance: first (1 MiB initial heap, which
 * an argument over about 1 MB grows) and second (the heap large enough, the first copy garbage).
 * Prints Wasm instructions (raw) and the IC's counter, in total and per byte above a second call
 * with a 1-byte argument:
 * {@code cd test-kit && mvn -q exec:java -Dexec.mainClass=dev.icjava.testkit.LargeArgumentFigures
 * -Dexec.classpathScope=test} (after {@code mvn -B install -DskipTests}).
 */
public final class LargeArgumentFigures {
  private LargeArgumentFigures() {}

  public static void main(String[] args) throws Exception {
    byte[] wasm = Probes.build(LargeInputProbe.class.getName(), "large-input-probe");
    int[] sizes = {1_000, 65_536, 1_048_576, 2_097_152, 5_000_000};
    Canister warm = new LocalReplica().install(wasm);
    warm.update("argSize", Request.anonymous().withArg(new byte[1]));
    CallResult base = warm.update("argSize", Request.anonymous().withArg(new byte[1]));
    System.out.printf("%-12s %-7s %14s %14s %10s %10s%n", "argument", "call", "raw", "IC", "raw/byte", "IC/byte");
    for (int size : sizes) {
      Canister c = new LocalReplica().install(wasm);
      byte[] arg = new byte[size];
      for (String heap : new String[] {"first", "second"}) {
        CallResult r = c.update("argSize", Request.anonymous().withArg(arg));
        if (!(r instanceof CallResult.Reply)) {
          throw new AssertionError(size + " bytes: " + r);
        }
        System.out.printf(
            "%,12d %-7s %,14d %,14d %10.3f %10.3f%n",
            size,
            heap,
            r.instructions(),
            r.icInstructions(),
            (r.instructions() - base.instructions()) / (double) (size - 1),
            (r.icInstructions() - base.icInstructions()) / (double) (size - 1));
      }
    }
  }
}
