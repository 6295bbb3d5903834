package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.testkit.Identity;
import dev.icjava.testkit.TestCanister;
import dev.icjava.testkit.junit.CanisterTest;
import org.junit.jupiter.api.Test;

/** The dropped-in canister, built by the generated pom.xml as it is, in test-kit's replica. */
@CanisterTest(wasm = "target/backend.wasm", environment = {
    "trusted_attribute_signers=rdmx6-jaaaa-aaaaa-aaadq-cai", "frontend_origins=https://your-app.icp0.io"})
class BackendTest {
  @Test
  void shouldAnswerItsOwnMethods(TestCanister backend) {
    Identity alice = Identity.fromSeed(7);
    assertEquals(alice.text(), backend.as(alice).query("whoAmI"));
    byte[] nonce = backend.call("_internet_identity_sign_in_start");
    assertEquals(32, nonce.length);
  }
}
