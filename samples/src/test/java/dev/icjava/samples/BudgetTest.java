package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Instruction counts are deterministic, so budgets are tests: each call of the sample executes at
 * most half the Wasm instructions of the Motoko peer. A regression fails here when it is made.
 */
class BudgetTest {
  @Test
  void shouldStayWithinHalfOfTheMotokoPeersInstructions() throws Exception {
    var canister = Budgets.install(Files.readAllBytes(Path.of("target/whoami.wasm")));
    StringBuilder report = new StringBuilder();
    boolean ok = true;
    for (Budgets.Measured m : Budgets.measure(canister)) {
      report.append(String.format("%n%-34s %,8d (budget %,d)", m.entry().call(), m.result().instructions(), m.entry().budget()));
      ok &= m.withinBudget();
    }
    assertTrue(ok, "over budget:" + report);
  }
}
