package dev.icjava.callerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** caller-auth compiled by TeaVM into {@code CallerAuthProbe}, run in the local replica. */
class CallerAuthProbeTest {
  static Canister canister;

  @BeforeAll
  static void build() throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    canister = new LocalReplica().install(Probes.build("dev.icjava.callerauth.probe.CallerAuthProbe", "caller-auth-probe"));
  }

  static CallResult call(String method, byte[] caller, byte[] arg) {
    return canister.update(method, Request.from(caller).withArg(arg));
  }

  @Test
  void shouldDeriveSelfAuthenticatingPrincipalsInTheCanisterAsOnTheJvm() throws Exception {
    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519", "BC");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", "BC");
    ec.initialize(new java.security.spec.ECGenParameterSpec("secp256k1"));
    for (int i = 0; i < 10; i++) {
      for (KeyPairGenerator g : List.of(ed, ec)) {
        byte[] der = g.generateKeyPair().getPublic().getEncoded();
        assertEquals(Principal.selfAuthenticating(der).toText(), Replies.text(call("selfAuthenticating", Request.anonymousPrincipal(), der)));
      }
    }
  }

  @Test
  void shouldParseTextAndTrapNamingTheRuleThatFails() {
    byte[] ok = "rdmx6-jaaaa-aaaaa-aaadq-cai".getBytes(StandardCharsets.US_ASCII);
    assertEquals("rdmx6-jaaaa-aaaaa-aaadq-cai", Replies.text(call("parse", Request.anonymousPrincipal(), ok)));
    assertEquals(
        "Uncaught dev.icjava.callerauth.PrincipalFormatException: invalid principal (checksum):"
            + " the CRC-32 in the text does not match its bytes",
        call("parse", Request.anonymousPrincipal(), "rdmx6-jaaaa-aaaaa-aaadq-caa".getBytes(StandardCharsets.US_ASCII)).trapMessage());
    assertEquals(
        "Uncaught dev.icjava.callerauth.PrincipalFormatException: invalid principal (character):"
            + " character 'R' at index 0 is not lowercase base32 (a-z, 2-7)",
        call("parse", Request.anonymousPrincipal(), "Rdmx6".getBytes(StandardCharsets.US_ASCII)).trapMessage());
    assertEquals("the argument is not valid UTF-8", call("parse", Request.anonymousPrincipal(), new byte[] {(byte) 0xff}).trapMessage());
  }

  @Test
  void shouldPassControllersOnlyNamingTheCallerOtherwise() {
    byte[] controller = InstallOptions.defaultController();
    assertEquals(Principal.fromBytes(controller).toText(), Replies.text(call("controllerOnly", controller, new byte[0])));
    assertEquals(
        "Caller 2vxsx-fae is not a controller of this canister.",
        call("controllerOnly", Request.anonymousPrincipal(), new byte[0]).trapMessage());
  }

  @Test
  void shouldPassListedPrincipalsOnly() {
    byte[] ii = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai").bytes();
    assertEquals("rdmx6-jaaaa-aaaaa-aaadq-cai", Replies.text(call("internetIdentityOnly", ii, new byte[0])));
    assertEquals(
        "Caller aaaaa-aa is not one of the 1 allowed principals.",
        call("internetIdentityOnly", new byte[0], new byte[0]).trapMessage());
  }
}
