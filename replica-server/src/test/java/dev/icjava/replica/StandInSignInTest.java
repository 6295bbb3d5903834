package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's answers to its page, checked as Internet Identity's rules say (IC-NOTES, "What
 * Internet Identity signs"; dfinity/internet-identity {@code src/internet_identity/src/attributes.rs}):
 * a 32-byte nonce or a refusal naming the length, keys sorted by bytes, the three implicit fields,
 * a principal per user and origin, signatures that verify under this replica's root key.
 */
class StandInSignInTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Base64.Encoder B64 = Base64.getEncoder();
  static final String ORIGIN = "http://localhost:5173";

  final HttpReplica replica = new HttpReplica(new SecureRandom());
  final StandInSignIn standIn = new StandInSignIn(replica);

  JsonNode post(String route, String json) throws Exception {
    HttpReplica.Response r = standIn.handle("POST", "/_icjava/ii-stand-in/" + route, json.getBytes(StandardCharsets.UTF_8));
    JsonNode out = JSON.readTree(r.body());
    return r.status() == 200 ? out : JSON.createObjectNode().put("refused", r.status()).set("body", out);
  }

  String attributes(byte[] nonce, String keys) {
    return "{\"user\": 1, \"origin\": \"" + ORIGIN + "\", \"keys\": " + keys + ", \"nonce\": \"" + B64.encodeToString(nonce) + "\"}";
  }

  @Test
  void shouldRefuseANonceOfAnotherLengthNamingIt() throws Exception {
    JsonNode r = post("icrc3-attributes", attributes(new byte[16], "[\"email\"]"));
    assertEquals(400, r.path("refused").asInt(), r.toString());
    assertEquals(-32602, r.path("body").path("code").asInt());
    assertEquals("Nonce must be exactly 32 bytes, got 16", r.path("body").path("message").asText());
  }

  @Test
  void shouldRefuseMoreThanAHundredKeys() throws Exception {
    String keys = "[" + String.join(", ", java.util.Collections.nCopies(101, "\"email\"")) + "]";
    JsonNode r = post("icrc3-attributes", attributes(new byte[32], keys));
    assertEquals("At most 100 attributes may be requested, got 101", r.path("body").path("message").asText(), r.toString());
  }

  @Test
  void shouldOfferOpenIdScopedKeysAndTestValues() throws Exception {
    post("test-values", "{\"verified_email\": \"v{N}@example.com\", \"name\": null}");
    JsonNode r = post("icrc3-attributes", attributes(new byte[32],
        "[\"openid:https://accounts.google.com:verified_email\", \"name\", \"openid:https://evil.example:email\"]"));
    String text = new String(Base64.getDecoder().decode(r.path("data").asText()), StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("openid:https://accounts.google.com:verified_email") && text.contains("v1@example.com"), text);
    assertTrue(!text.contains("Test User") && !text.contains("evil"), "withdrawn and unknown-issuer keys are left out: " + text);
  }

  @Test
  void shouldSortKeysAndAddTheThreeImplicitFields() throws Exception {
    byte[] nonce = new byte[32];
    nonce[0] = 7;
    JsonNode r = post("icrc3-attributes", attributes(nonce, "[\"name\", \"email\", \"unknown\"]"));
    byte[] data = Base64.getDecoder().decode(r.path("data").asText());
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int[] at = {text.indexOf("email"), text.indexOf("implicit:issued_at_timestamp_ns"), text.indexOf("implicit:nonce"),
        text.indexOf("implicit:origin"), text.indexOf("name")};
    for (int i = 0; i < at.length; i++) {
      assertTrue(at[i] > 0 && (i == 0 || at[i] > at[i - 1]), "keys in byte order: " + text);
    }
    assertTrue(text.contains("test-user-1@example.com") && text.contains("Test User 1") && text.contains(ORIGIN), text);
    assertTrue(!text.contains("unknown"), "a key with no value is left out");
    byte[] payload = Authenticator.concat(HashTree.domainSep("ic-sender-info"), data);
    byte[] userKey = PublicKeys.canisterKeyDer(InternetIdentityStandIn.II, StandInSignIn.seed(1, ORIGIN));
    CanisterSignatures.verify(PublicKeys.canisterKey(userKey), payload,
        Base64.getDecoder().decode(r.path("signature").asText()), replica.rootKeyDer());
  }

  @Test
  void shouldDeriveAPrincipalPerUserAndOrigin() {
    assertEquals(StandInSignIn.principal(1, ORIGIN), StandInSignIn.principal(1, ORIGIN));
    assertNotEquals(StandInSignIn.principal(1, ORIGIN), StandInSignIn.principal(2, ORIGIN));
    assertNotEquals(StandInSignIn.principal(1, ORIGIN), StandInSignIn.principal(1, "http://127.0.0.1:5173"));
  }

  @Test
  void shouldAnswerIcrc34WithTheUsersKeyAndACappedLifetime() throws Exception {
    String session = B64.encodeToString(PublicKeys.ed25519Der(new byte[32]));
    JsonNode r = post("icrc34", "{\"user\": 2, \"origin\": \"" + ORIGIN + "\", \"publicKey\": \"" + session
        + "\", \"maxTimeToLive\": \"999999999999999999999\"}");
    assertEquals(B64.encodeToString(PublicKeys.canisterKeyDer(InternetIdentityStandIn.II, StandInSignIn.seed(2, ORIGIN))),
        r.path("publicKey").asText());
    JsonNode d = r.path("signerDelegation").get(0).path("delegation");
    assertEquals(session, d.path("pubkey").asText());
    long ttl = Long.parseUnsignedLong(d.path("expiration").asText()) - replica.now();
    assertTrue(ttl <= StandInSignIn.MAX_TTL_NS && ttl > StandInSignIn.MAX_TTL_NS - 60_000_000_000L, "30 days at most: " + ttl);
  }
}
