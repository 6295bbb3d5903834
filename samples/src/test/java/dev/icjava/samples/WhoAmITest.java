package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.testkit.Call;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.LocalReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.types.Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WhoAmITest {
  static Canister canister;

  @BeforeAll
  static void install() throws Exception {
    canister = new LocalReplica().install(Files.readAllBytes(Path.of("target/whoami.wasm")));
  }

  static String text(CallResult r) {
    return (String) IDLArgs.fromBytes(r.replyBytes()).getArgs().get(0).getValue();
  }

  @Test
  void anonymousCallerIsToldAnonymous() {
    CallResult r = canister.query("whoAmI", Call.anonymous());
    System.out.println(r);
    assertEquals("anonymous", text(r));
  }

  @Test
  void selfAuthenticatingCallerGetsItsText() {
    byte[] user = new byte[29];
    for (int i = 0; i < 28; i++) user[i] = (byte) (i * 7 + 3);
    user[28] = 2;
    CallResult r = canister.query("whoAmI", Call.from(user));
    System.out.println(r);
    assertEquals(Principal.from(user).toString(), text(r));
  }
}
