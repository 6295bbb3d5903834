package dev.icjava.samples;

import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Prints the sample's instruction counts beside the Motoko peer's and its budget, and the module's
 * size. Run: {@code mvn -q -B -DskipTests -Pbench verify}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    byte[] module = Files.readAllBytes(Path.of(args.length > 0 ? args[0] : "target/whoami.wasm"));
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(module);
    }
    System.out.printf("whoami.wasm: %,d bytes, %,d gzipped%n%n", module.length, gz.size());
    Canister canister = Budgets.install(module);
    System.out.printf("%-28s %12s %12s %8s %10s%n", "call", "Java", "Motoko", "ratio", "budget");
    for (Budgets.Measured m : Budgets.measure(canister)) {
      System.out.printf(
          "%-28s %,12d %,12d %8.3f %,10d %s%n",
          m.entry().call(),
          m.result().instructions(),
          m.entry().motoko(),
          (double) m.result().instructions() / m.entry().motoko(),
          m.entry().budget(),
          m.withinBudget() ? "ok" : "OVER");
    }
    System.out.println(
        "\nInstructions: every Wasm instruction the local replica (Chicory) executed for the call."
            + "\nMotoko: mo:core peer on a Chicory interpreter counting every instruction (issue 3's figures).");
  }
}
