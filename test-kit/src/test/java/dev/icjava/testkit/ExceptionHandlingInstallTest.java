package dev.icjava.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A module that uses Wasm exception handling is refused at install, as the IC refuses it (dfinity/ic
 * pull request 10994: wasmtime 47 turns the proposal on, the IC's configuration turns it off: "It
 * is not supported on the IC"). Before, the local replica installed it and running {@code boom}
 * ended in a host failure (Chicory's {@code WasmException}), neither a refusal nor a trap.
 */
class ExceptionHandlingInstallTest {
  /**
   * <pre>
   * (module
   *   (type (func))
   *   (tag (type 0))
   *   (func (type 0) throw 0)
   *   (export "canister_update boom" (func 0)))
   * </pre>
   * as wabt 1.0.32's {@code wat2wasm --enable-all} writes it.
   */
  static final byte[] THROWER =
      HexFormat.of()
          .parseHex(
              "0061736d01000000" // magic, version 1
                  + "010401600000" // type section: () -> ()
                  + "03020100" // function section: one function of type 0
                  + "0d03010000" // tag section (13): one exception tag of type 0
                  + "0718011463616e69737465725f75706461746520626f6f6d0000" // export "canister_update boom"
                  + "0a0601040008000b"); // code: throw 0

  @Test
  void aModuleWithATagSectionAndAThrowIsRefusedNamingBoth() {
    CanisterInstallException e = assertThrows(CanisterInstallException.class, () -> new LocalReplica().install(THROWER));
    assertTrue(e.getMessage().contains("[wasm-feature] tag section"), e.getMessage());
    assertTrue(e.getMessage().contains("uses THROW from exception handling, which the IC does not enable"), e.getMessage());
  }

  @Test
  void anUpgradeToSuchAModuleIsRefusedToo() throws Exception {
    TestModule plain = new TestModule();
    plain.export("canister_update ok", plain.function(new TestModule.Code()));
    Canister c = new LocalReplica().install(plain.bytes());
    CanisterInstallException e = assertThrows(CanisterInstallException.class, () -> c.upgrade(THROWER, new byte[0]));
    assertTrue(e.getMessage().contains("exception handling"), e.getMessage());
  }
}
