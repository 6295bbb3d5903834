package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.icjava.callerauth.Principal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One refusal per request check (https-interface.md, "Authentication"; dfinity/ic
 * rs/validator/src/ingress_validation.rs), each sent as bytes to {@link HttpReplica#handle}, with a
 * valid request beside it so that each refusal is the check's doing; and the three signature
 * schemes accepted (Ed25519, ECDSA P-256, secp256k1: Bouncy Castle signs, the replica verifies).
 */
class RefusalTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static HttpReplica replica;
  private static byte[] whoami;
  private static String path;

  static HttpReplica replica() {
    return replica;
  }

  static byte[] whoamiId() {
    return whoami;
  }

  @BeforeAll
  static void install() throws Exception {
    replica = new HttpReplica(RANDOM);
    Path wasm = Path.of(System.getProperty("icjava.root", ".."), "samples/target/whoami.wasm");
    whoami = replica.install("whoami", Files.readAllBytes(wasm), Map.of());
    path = "/api/v4/canister/" + Principal.fromBytes(whoami).toText() + "/call";
  }

  /** A signing key: Ed25519 or ECDSA on a named curve. */
  interface Key {
    byte[] der();

    byte[] sign(byte[] payload);

    default byte[] principal() {
      return Principal.selfAuthenticating(der()).bytes();
    }
  }

  static Key ed25519() {
    Ed25519PrivateKeyParameters k = new Ed25519PrivateKeyParameters(RANDOM);
    return new Key() {
      public byte[] der() {
        return PublicKeys.ed25519Der(k.generatePublicKey().getEncoded());
      }

      public byte[] sign(byte[] payload) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, k);
        s.update(payload, 0, payload.length);
        return s.generateSignature();
      }
    };
  }

  static Key ecdsa(String curve, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) throws Exception {
    X9ECParameters p = CustomNamedCurves.getByName(curve);
    BigInteger d = new BigInteger(256, RANDOM).mod(p.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
    byte[] der =
        new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, oid), p.getG().multiply(d).getEncoded(false))
            .getEncoded("DER");
    return new Key() {
      public byte[] der() {
        return der;
      }

      public byte[] sign(byte[] payload) {
        ECDSASigner s = new ECDSASigner();
        s.init(true, new ECPrivateKeyParameters(d, new ECDomainParameters(p)));
        BigInteger[] rs = s.generateSignature(HashToG1.sha256(payload));
        byte[] out = new byte[64];
        System.arraycopy(fixed(rs[0]), 0, out, 0, 32);
        System.arraycopy(fixed(rs[1]), 0, out, 32, 32);
        return out;
      }
    };
  }

  static byte[] fixed(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  static ObjectNode content(String type, byte[] sender) {
    ObjectNode c = Cbor.map();
    c.put("request_type", type);
    c.put("sender", sender);
    c.put("ingress_expiry", replica.now() + 60_000_000_000L);
    if (!type.equals("read_state")) {
      c.put("canister_id", whoami);
      c.put("method_name", "whoAmI");
      c.put("arg", new byte[] {'D', 'I', 'D', 'L', 0, 0});
    }
    return c;
  }

  /** A request signed by {@code key} (null: anonymous), with edits to content and envelope. */
  static byte[] request(Key key, String type, Consumer<ObjectNode> editContent, Consumer<ObjectNode> editEnvelope) throws Exception {
    ObjectNode c = content(type, key == null ? new byte[] {4} : key.principal());
    editContent.accept(c);
    ObjectNode env = Cbor.map();
    env.set("content", c);
    if (key != null) {
      env.put("sender_pubkey", key.der());
      env.put("sender_sig", key.sign(Authenticator.concat(HashTree.domainSep("ic-request"), RequestIds.hashOfMap(c))));
    }
    editEnvelope.accept(env);
    return Cbor.encode(env);
  }

  static String refusal(byte[] body) {
    HttpReplica.Response r = replica.handle("POST", path, body);
    assertEquals(400, r.status(), () -> "expected 400, got " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static void accepted(byte[] body) throws Exception {
    HttpReplica.Response r = replica.handle("POST", path, body);
    assertEquals(200, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
    JsonNode m = Cbor.decode(r.body());
    assertEquals("replied", m.get("status").asText(), m::toString);
  }

  static void refused(String expected, byte[] body) {
    String message = refusal(body);
    assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
  }

  static final Consumer<ObjectNode> NONE = n -> {};

  @Test
  void shouldAcceptEverySignatureScheme() throws Exception {
    accepted(request(null, "call", NONE, NONE));
    accepted(request(ed25519(), "call", NONE, NONE));
    accepted(request(ecdsa("secp256r1", X9ObjectIdentifiers.prime256v1), "call", NONE, NONE));
    accepted(request(ecdsa("secp256k1", org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256k1), "call", NONE, NONE));
  }

  @Test
  void shouldRefuseMalformedBodies() {
    refused("not well-formed CBOR", new byte[] {(byte) 0xFF, 1, 2});
    refused("the envelope has no content map", Cbor.encode(Cbor.map()));
  }

  @Test
  void shouldRefuseARequestTypeOtherThanTheEndpoints() throws Exception {
    refused("request_type 'query' sent to the call endpoint", request(null, "query", NONE, NONE));
  }

  @Test
  void shouldRefuseAnIngressExpiryOutsideItsWindow() throws Exception {
    refused("Specified ingress_expiry not within expected range", request(ed25519(), "call", c -> c.put("ingress_expiry", replica.now() - 1), NONE));
    refused(
        "Specified ingress_expiry not within expected range",
        request(ed25519(), "call", c -> c.put("ingress_expiry", replica.now() + Authenticator.MAX_EXPIRY_AHEAD_NANOS + 60_000_000_000L), NONE));
  }

  @Test
  void shouldRefuseANonceOfMoreThan32Bytes() throws Exception {
    accepted(request(ed25519(), "call", c -> c.put("nonce", new byte[32]), NONE));
    refused("Nonce in request is too big: got 33 bytes", request(ed25519(), "call", c -> c.put("nonce", new byte[33]), NONE));
  }

  @Test
  void shouldRefuseASenderThatDoesNotMatchItsKeyAndSignature() throws Exception {
    Key k = ed25519();
    refused("Signature is not allowed for the anonymous user", request(k, "call", c -> c.put("sender", new byte[] {4}), NONE));
    refused("Missing signature from user", request(k, "call", NONE, e -> e.remove("sender_sig")));
    refused("does not match the public key", request(k, "call", c -> c.put("sender", ed25519().principal()), NONE));
    refused("Invalid signature: Ed25519 signature does not verify", request(k, "call", NONE, e -> e.put("sender_sig", new byte[64])));
  }

  @Test
  void shouldRefuseAnEffectiveCanisterIdOtherThanTheCanister() throws Exception {
    refused("does not match effective canister id", request(null, "call", c -> c.put("canister_id", new byte[] {0, 0, 0, 0, 0, 0, 0, 9, 1, 1}), NONE));
  }

  @Test
  void shouldAnswerAnUnknownCanisterWithANonReplicatedRejection() throws Exception {
    byte[] other = {0, 0, 0, 0, 0, 0, 0, 9, 1, 1};
    HttpReplica.Response r = replica.handle(
        "POST", "/api/v4/canister/" + Principal.fromBytes(other).toText() + "/call", request(null, "call", c -> c.put("canister_id", other), NONE));
    JsonNode m = Cbor.decode(r.body());
    assertEquals("non_replicated_rejection", m.get("status").asText());
    assertEquals(3, m.get("reject_code").asInt());
  }

  /** A chain key0 → key1 → … signed in turn; the request is signed by the last key. */
  static byte[] delegated(List<Key> keys, Consumer<ObjectNode> editLast, long expiration) throws Exception {
    Key first = keys.get(0);
    Key last = keys.get(keys.size() - 1);
    ObjectNode c = content("call", first.principal());
    ArrayNode chain = Cbor.array();
    for (int i = 1; i < keys.size(); i++) {
      ObjectNode d = Cbor.map();
      d.put("pubkey", keys.get(i).der());
      d.put("expiration", expiration);
      if (i == keys.size() - 1) {
        editLast.accept(d);
      }
      ObjectNode sd = Cbor.map();
      sd.set("delegation", d);
      sd.put("signature", keys.get(i - 1).sign(Authenticator.concat(HashTree.domainSep("ic-request-auth-delegation"), RequestIds.hashOfMap(d))));
      chain.add(sd);
    }
    ObjectNode env = Cbor.map();
    env.set("content", c);
    env.put("sender_pubkey", first.der());
    env.set("sender_delegation", chain);
    env.put("sender_sig", last.sign(Authenticator.concat(HashTree.domainSep("ic-request"), RequestIds.hashOfMap(c))));
    return Cbor.encode(env);
  }

  static List<Key> keys(int n) {
    List<Key> keys = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(ed25519());
    }
    return keys;
  }

  @Test
  void shouldCheckDelegationChains() throws Exception {
    long later = replica.now() + 600_000_000_000L;
    accepted(delegated(keys(21), NONE, later)); // 20 delegations
    refused("Chain of delegations is too long: got 21 delegations", delegated(keys(22), NONE, later));
    refused("Specified sender delegation has expired", delegated(keys(2), NONE, replica.now() - 1));
    List<Key> cycle = keys(3);
    cycle.add(cycle.get(1));
    refused("Chain of delegations contains at least one cycle", delegated(cycle, NONE, later));
    refused("is not one of the delegation targets", delegated(keys(2), d -> d.set("targets", Cbor.array().add(new byte[] {0, 0, 0, 0, 0, 0, 0, 9, 1, 1})), later));
    accepted(delegated(keys(2), d -> d.set("targets", Cbor.array().add(whoami)), later));
    refused("permits only queries", delegated(keys(2), d -> d.put("permissions", "queries"), later));
    refused("unknown permissions", delegated(keys(2), d -> d.put("permissions", "some"), later));
    List<Key> forged = keys(3);
    byte[] body = delegated(forged, NONE, later);
    JsonNode env = Cbor.decode(body);
    ((ObjectNode) env.get("sender_delegation").get(1)).put("signature", new byte[64]);
    refused("Invalid delegation: Ed25519 signature does not verify", Cbor.encode(env));
  }

  @Test
  void shouldRefuseSenderInfoForTheAnonymousSenderAndForKeysThatAreNotCanisterSignatures() throws Exception {
    Consumer<ObjectNode> withInfo = c -> {
      ObjectNode si = Cbor.map();
      si.put("info", new byte[] {1});
      si.put("signer", InternetIdentityStandIn.II);
      si.put("sig", new byte[] {2});
      c.set("sender_info", si);
    };
    refused("sender_info is not allowed for the anonymous sender", request(null, "call", withInfo, NONE));
    refused("is not the canister of the canister-signature key", request(ed25519(), "call", withInfo, NONE));
  }

  // read_state of a request's status, as dfinity/ic's verify_paths checks it
  // (rs/http_endpoints/public/src/read_state/canister.rs at e4ee9c5ff402bb33071425eaa38996e2daa155f2).

  static final byte[] OTHER_CANISTER = {0, 0, 0, 0, 0, 0, 0, 9, 1, 1};

  static byte[] label(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static ArrayNode paths(byte[]... labels) {
    ArrayNode path = Cbor.array();
    for (byte[] l : labels) {
      path.add(l);
    }
    return Cbor.array().add(path);
  }

  /** A read_state request for {@code paths}, signed through a chain key0 → key1 → … (see {@link #delegated}). */
  static byte[] delegatedReadState(List<Key> keys, Consumer<ObjectNode> editLast, ArrayNode paths) throws Exception {
    JsonNode env = Cbor.decode(delegated(keys, editLast, replica.now() + 600_000_000_000L));
    ObjectNode c = content("read_state", keys.get(0).principal());
    c.set("paths", paths);
    ((ObjectNode) env).set("content", c);
    ((ObjectNode) env)
        .put("sender_sig", keys.get(keys.size() - 1).sign(Authenticator.concat(HashTree.domainSep("ic-request"), RequestIds.hashOfMap(c))));
    return Cbor.encode(env);
  }

  static HttpReplica.Response readState(byte[] body) {
    return replica.handle("POST", path.replace("/v4/", "/v3/").replace("/call", "/read_state"), body);
  }

  static void readStateRefused(int status, String message, byte[] body) {
    HttpReplica.Response r = readState(body);
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertEquals(status, r.status(), text);
    assertEquals(message, text);
  }

  static void readStateAccepted(byte[] body) throws Exception {
    HttpReplica.Response r = readState(body);
    assertEquals(200, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
    assertTrue(Cbor.decode(r.body()).has("certificate"));
  }

  /** Alice's call to whoami, accepted; its request id. */
  static byte[] aliceCalls(Key alice) throws Exception {
    byte[] call = request(alice, "call", NONE, NONE);
    accepted(call);
    return RequestIds.hashOfMap(Cbor.decode(call).get("content"));
  }

  @Test
  void shouldForbidReadStateOfAnotherSendersRequest() throws Exception {
    byte[] rid = aliceCalls(ed25519());
    Key bob = ed25519();
    byte[] read = request(bob, "read_state", c -> c.set("paths", paths(label("request_status"), rid)), NONE);
    readStateRefused(403, "The user tries to access Request ID not signed by the caller.", read);
  }

  @Test
  void shouldForbidReadStateOfARequestToACanisterOutsideTheDelegationTargets() throws Exception {
    List<Key> chain = keys(2); // Alice's key, then a session key she delegates to
    byte[] rid = aliceCalls(chain.get(0));
    ArrayNode reply = paths(label("request_status"), rid, label("reply"));
    readStateAccepted(delegatedReadState(chain, d -> d.set("targets", Cbor.array().add(whoami)), reply));
    readStateAccepted(delegatedReadState(chain, NONE, reply)); // no targets: every canister
    readStateRefused(
        403,
        "The user tries to access request IDs for canisters not belonging to sender delegation targets.",
        delegatedReadState(chain, d -> d.set("targets", Cbor.array().add(OTHER_CANISTER)), reply));
    readStateRefused(
        403,
        "The user tries to access request IDs for canisters not belonging to sender delegation targets.",
        delegatedReadState(chain, d -> d.set("targets", Cbor.array().add(OTHER_CANISTER)), paths(label("request_status"), rid)));
  }

  @Test
  void shouldNotFindARequestStatusFieldTheIcDoesNotHave() throws Exception {
    Key alice = ed25519();
    byte[] rid = aliceCalls(alice);
    for (String field : new String[] {"status", "reply", "reject_code", "reject_message", "error_code"}) {
      readStateAccepted(request(alice, "read_state", c -> c.set("paths", paths(label("request_status"), rid, label(field))), NONE));
    }
    readStateRefused(
        404,
        "Invalid path requested.",
        request(alice, "read_state", c -> c.set("paths", paths(label("request_status"), rid, label("sender"))), NONE));
    readStateRefused(
        404,
        "Invalid path requested.",
        request(alice, "read_state", c -> c.set("paths", paths(label("request_status"), rid, label("reply"), label("arg"))), NONE));
    readStateRefused(
        404,
        "Invalid path requested.",
        request(alice, "read_state", c -> c.set("paths", paths(label("request_status"))), NONE));
  }

  @Test
  void shouldCheckReadStateRequestIdsAsTheIcDoes() throws Exception {
    Key alice = ed25519();
    byte[] rid = aliceCalls(alice);
    readStateRefused(
        400,
        "Invalid request id in paths. Maybe the request ID is not of 32 bytes in length?!",
        request(alice, "read_state", c -> c.set("paths", paths(label("request_status"), new byte[31])), NONE));
    byte[] other = new byte[32];
    ArrayNode two = paths(label("request_status"), rid);
    two.add(Cbor.array().add(label("request_status")).add(other));
    readStateRefused(
        400,
        "More than one non-unique request ID exists in request_status paths: 0x" + HttpReplica.hex(rid) + " and 0x" + HttpReplica.hex(other) + ".",
        request(alice, "read_state", c -> c.set("paths", two), NONE));
  }
}
