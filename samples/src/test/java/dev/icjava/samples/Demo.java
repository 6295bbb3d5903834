package dev.icjava.samples;

import dev.icjava.testkit.Call;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import org.ic4j.candid.parser.IDLArgs;

/**
 * The README's first command: installs {@code samples/target/whoami.wasm} in the embedded local
 * replica and runs a short scripted session, printing each call's result and instruction count.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path wasm = Path.of(args.length > 0 ? args[0] : "target/whoami.wasm");
    byte[] module = Files.readAllBytes(wasm);
    System.out.printf("module %s: %,d bytes%n", wasm, module.length);
    LocalReplica replica = new LocalReplica();
    Canister canister = replica.install(module);
    System.out.println("installed as canister " + org.ic4j.types.Principal.from(canister.id()));

    byte[] user = selfAuthenticating();
    System.out.println("generated an Ed25519 identity: " + org.ic4j.types.Principal.from(user));

    show("whoAmI as the anonymous principal", canister.query("whoAmI", Call.anonymous()));
    show("whoAmI as the generated identity", canister.query("whoAmI", Call.from(user)));
    show("protectedAction as the anonymous principal", canister.update("protectedAction", Call.anonymous()));
    show("protectedAction as the generated identity", canister.update("protectedAction", Call.from(user)));
  }

  /** A fresh Ed25519 key's self-authenticating principal: SHA-224 of the DER key, then 0x02. */
  static byte[] selfAuthenticating() throws Exception {
    byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] hash = MessageDigest.getInstance("SHA-224").digest(der);
    byte[] principal = Arrays.copyOf(hash, 29);
    principal[28] = 0x02;
    return principal;
  }

  /** A blob as ic4j returns it (byte[] or Byte[]). */
  static byte[] bytes(Object v) {
    if (v instanceof byte[] b) {
      return b;
    }
    Byte[] boxed = (Byte[]) v;
    byte[] out = new byte[boxed.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = boxed[i];
    }
    return out;
  }

  static void show(String what, CallResult r) {
    String outcome;
    if (r instanceof CallResult.Reply reply) {
      outcome = "reply " + IDLArgs.fromBytes(reply.bytes()).getArgs().get(0).getValue();
    } else if (r instanceof CallResult.Trap trap) {
      outcome = "trap \"" + trap.message() + "\"";
    } else {
      CallResult.Reject reject = (CallResult.Reject) r;
      outcome = "reject " + reject.code() + " \"" + reject.message() + "\"";
    }
    System.out.printf("%-44s %-90s %,9d instructions%n", what, outcome, r.instructions());
  }
}
