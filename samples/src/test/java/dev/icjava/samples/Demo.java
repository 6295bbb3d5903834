package dev.icjava.samples;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Replies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The README's first command: installs {@code samples/target/whoami.wasm} in the embedded local
 * replica and runs a short scripted session in the integration guide's flow, printing each call's
 * result and its instructions (the Wasm instructions executed, and the IC's own counter).
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path wasm = args.length > 0 ? Path.of(args[0]) : Sample.directory().resolve("target/whoami.wasm");
    byte[] module = Files.readAllBytes(wasm);
    System.out.printf("module %s: %,d bytes%n", wasm, module.length);
    LocalReplica replica = new LocalReplica();
    Canister canister = replica.install(module, InstallOptions.defaults()
        .environment(Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai")));
    System.out.println("installed as canister " + org.ic4j.types.Principal.from(canister.id()));
    // The first round after the install: the timer set by canister_init seeds the nonce store with
    // 32 bytes of raw_rand (the timer's message, the management canister, the reply callback).
    for (dev.icjava.testkit.SystemTask task : replica.tick()) {
      show("the timer: the store seeded from raw_rand", task.result());
    }

    byte[] user = selfAuthenticating();
    System.out.println("generated an Ed25519 identity: " + org.ic4j.types.Principal.from(user));

    show("whoAmI as the anonymous principal", canister.query("whoAmI", Request.anonymous()));
    show("whoAmI as the generated identity", canister.query("whoAmI", Request.from(user)));
    show("protectedAction as the anonymous principal", canister.update("protectedAction", Request.anonymous()));
    show("protectedAction as the generated identity", canister.update("protectedAction", Request.from(user)));

    // The integration guide's flow: the frontend's anonymous agent asks for the nonce, then the
    // user signs in with Internet Identity, which signs a bundle carrying it, presented as the user.
    CallResult begin = canister.update("registerBegin", Request.anonymous());
    show("registerBegin as the anonymous principal", begin);
    byte[] bundle = bundle(Replies.blob(begin), replica, "alice@example.com", true);
    byte[] ii = {0, 0, 0, 0, 0, 0, 0, 7, 1, 1};
    show("registerFinish as the identity, with the bundle", canister.update("registerFinish",
        Request.from(user).withCallerInfo(bundle, ii)));
    show("registerFinish replaying the same bundle", canister.update("registerFinish",
        Request.from(user).withCallerInfo(bundle, ii)));
    show("registerFinish, bundle signed by another", canister.update("registerFinish",
        Request.from(user).withCallerInfo(bundle, new byte[] {0, 0, 0, 0, 0, 0, 0, 2, 1, 1})));

    // Linking an email after sign-in: the signed-in user's nonce is bound to it.
    CallResult bound = canister.update("registerBegin", Request.from(user));
    show("registerBegin as the identity (bound to it)", bound);
    byte[] linked = bundle(Replies.blob(bound), replica, "alice@work.example", false);
    byte[] other = selfAuthenticating();
    show("registerFinish as another identity", canister.update("registerFinish",
        Request.from(other).withCallerInfo(linked, ii)));
    show("registerFinish as the identity", canister.update("registerFinish",
        Request.from(user).withCallerInfo(linked, ii)));
  }

  /** A bundle for {@code nonce}, encoded by {@code @dfinity/candid}; printed when {@code print}. */
  static byte[] bundle(byte[] nonce, LocalReplica replica, String email, boolean print) {
    String json = Icrc3Json.bundle(nonce, "https://your-app.icp0.io", replica.time(),
        Icrc3Json.entry("email", Icrc3Json.text(email)));
    byte[] bundle = NodeReference.encodeIcrc3Values(List.of(json)).get(0).message();
    if (print) {
      System.out.printf("attribute bundle (@dfinity/candid, %d bytes), signed as rdmx6-jaaaa-aaaaa-aaadq-cai:%n  %s%n",
          bundle.length, json);
    }
    return bundle;
  }

  /** A fresh Ed25519 key's self-authenticating principal: SHA-224 of the DER key, then 0x02. */
  static byte[] selfAuthenticating() throws Exception {
    byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] hash = MessageDigest.getInstance("SHA-224").digest(der);
    byte[] principal = Arrays.copyOf(hash, 29);
    principal[28] = 0x02;
    return principal;
  }

  static void show(String what, CallResult r) {
    String outcome;
    if (r instanceof CallResult.Reply reply && reply.bytes().length == 0) {
      outcome = "completed";
    } else if (r instanceof CallResult.Reply reply) {
      Object v = Replies.value(reply);
      outcome = "reply " + (v instanceof String t ? t : "blob " + java.util.HexFormat.of().formatHex(Replies.blob(reply)));
    } else if (r instanceof CallResult.Trap trap) {
      outcome = "trap \"" + trap.message() + "\"";
    } else {
      CallResult.Reject reject = (CallResult.Reject) r;
      outcome = "reject " + reject.code() + " \"" + reject.message() + "\"";
    }
    if (r.messages() > 1) {
      outcome = r.messages() + " messages";
    }
    System.out.printf("%-48s %-96s %,9d raw, %,9d on the IC's counter%n", what, outcome, r.instructions(),
        r.icInstructions());
  }
}
