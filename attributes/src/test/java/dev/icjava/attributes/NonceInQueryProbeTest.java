package dev.icjava.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.callerauth.Principal;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.reference.NodeReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A nonce is consumed only where the consumption is kept: a query's and a composite query's changes
 * are discarded (interface spec, "Query call"), so consuming there would leave the nonce valid and
 * accept the same bundle again and again. {@code ic0.in_replicated_execution} is 0 there and 1 in
 * an update (dfinity/ic {@code rs/execution_environment/tests/in_replicated_execution.rs} at
 * 00acdcfbdd5feba7d1cc80c3bb22fb15ec0546c6). Run in the local replica on {@code NonceInQueryProbe}:
 * both ways of consuming (a bundle's {@code implicit:nonce} through {@code verify(nonceCheck)}, a
 * raw nonce through {@code NonceStore.consume}) trap in a query and a composite query with a message
 * that says why and what to use instead, and succeed once in an update.
 */
class NonceInQueryProbeTest {
  static final Principal II = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai");
  static final Principal USER = Principal.selfAuthenticating(new byte[] {9});
  static final String VERIFY_REFUSED = "Attribute nonce not checked: this is not replicated execution (a query or"
      + " composite query), whose changes the IC discards, so the bundle would be accepted again. Verify in an update"
      + " method, or use verifyWithoutNonceCheckUnsafe().";
  static final String CONSUME_REFUSED = "Nonce not consumed: this is not replicated execution (a query or composite"
      + " query), whose changes the IC discards, so the nonce would stay valid. Consume nonces in an update method.";

  static byte[] wasm;

  @BeforeAll
  static void build() throws Exception {
    wasm = Probes.build("dev.icjava.attributes.probe.NonceInQueryProbe", "nonce-in-query-probe");
  }

  static Canister install() {
    return new LocalReplica().install(wasm,
        InstallOptions.defaults().environment(Map.of("trusted_attribute_signers", II.toText())));
  }

  @Test
  void shouldRefuseToVerifyWithANonceCheckInAQueryOrCompositeQueryAndConsumeOnceInAnUpdate() {
    Canister c = install();
    byte[] nonce = c.update("mint", Request.anonymous()).replyBytes();
    byte[] bundle = NodeReference.encodeIcrc3Values(List.of(
        Icrc3Json.bundle(nonce, "https://your-app.icp0.io", LocalReplica.DEFAULT_TIME))).get(0).message();
    Request finish = Request.from(USER.bytes()).withCallerInfo(bundle, II.bytes());

    assertEquals(VERIFY_REFUSED, c.query("finishQuery", finish).trapMessage());
    assertEquals(VERIFY_REFUSED, c.query("finishComposite", finish).trapMessage());
    assertEquals("https://your-app.icp0.io", Replies.text(c.update("finish", finish)));
    assertEquals("Attribute nonce refused: already consumed", c.update("finish", finish).trapMessage());
  }

  @Test
  void shouldRefuseToConsumeANonceInAQueryOrCompositeQueryAndConsumeOnceInAnUpdate() {
    Canister c = install();
    byte[] nonce = c.update("mint", Request.anonymous()).replyBytes();
    Request consume = Request.from(USER.bytes()).withArg(nonce);

    assertEquals(CONSUME_REFUSED, c.query("consumeQuery", consume).trapMessage());
    assertEquals(CONSUME_REFUSED, c.query("consumeComposite", consume).trapMessage());
    assertEquals("CONSUMED", Replies.text(c.update("consume", consume)));
    assertEquals("ALREADY_CONSUMED", Replies.text(c.update("consume", consume)));
  }
}
