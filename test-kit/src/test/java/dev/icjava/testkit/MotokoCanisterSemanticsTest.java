package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The replica's semantics on a canister built by moc (npm motoko 4.10.0), lowered by binaryen. */
class MotokoCanisterSemanticsTest extends ReplicaSemanticsContract {
  @Override
  byte[] module() throws Exception {
    return Fixtures.motokoProbe();
  }

  @Override
  InstallOptions options() {
    return InstallOptions.defaults().lowered64();
  }

  @Override
  long upgradeToSameModule() throws Exception {
    // Motoko keeps its main memory (enhanced orthogonal persistence); transient vars restart.
    return canister.upgrade(module(), new byte[] {'D', 'I', 'D', 'L', 0, 0}, true);
  }

  @Test
  void shouldRefuseToUpgradeAnOrthogonallyPersistentCanisterThatWouldLoseItsMemory() throws Exception {
    update("increment");
    CanisterInstallException e =
        assertThrows(
            CanisterInstallException.class,
            () -> canister.upgrade(module(), new byte[] {'D', 'I', 'D', 'L', 0, 0}));
    assertTrue(e.getMessage().contains("enhanced orthogonal persistence"), e.getMessage());
    assertEquals(List.of(1L, 1L), counts());
  }

  @Test
  void shouldRefuseTheModuleAsMocEmitsItWithoutTheLoweringAllowance() throws Exception {
    // moc's own output is wasm64; Chicory cannot run it, and the validator does not guess.
    CanisterInstallException e =
        assertThrows(
            CanisterInstallException.class,
            () -> new LocalReplica().install(Fixtures.motokoProbe(), InstallOptions.defaults()));
    assertTrue(e.getMessage().contains("import-signature"), e.getMessage());
  }
}
