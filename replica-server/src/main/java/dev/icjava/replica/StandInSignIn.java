package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.icjava.callerauth.Principal;
import dev.icjava.testkit.AttributeBundle;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Internet Identity stand-in's page (served by the frontend stand-in, {@code
 * ii-stand-in.html}) asks of the replica once the user chose "continue as test user N": the
 * answers to the two requests {@code @icp-sdk/auth} sends, shaped as Internet Identity's frontend
 * sends them (dfinity/internet-identity {@code src/frontend/src/lib/utils/transport/utils.ts} at
 * 081221e, {@code DelegationResultSchema}; {@code .../flows/authorize/attributes} {@code
 * handleIcrc3Attributes}). The page decides the origin (the {@code icrc95DerivationOrigin} it
 * validated, else the opener's origin) and passes it with the user's number. JSON, base64 bytes:
 *
 * <ul>
 *   <li>{@code POST /_icjava/ii-stand-in/icrc34} {@code {user, origin, publicKey, maxTimeToLive?}}
 *       answers ICRC-34's result {@code {publicKey, signerDelegation: [{delegation: {pubkey,
 *       expiration}, signature}]}}; the lifetime is {@code maxTimeToLive} or 30 minutes, at most
 *       30 days (II's {@code DEFAULT_EXPIRATION_PERIOD_NS}, {@code MAX_EXPIRATION_PERIOD_NS} in
 *       {@code src/internet_identity/src/delegation.rs}), and at most the test value {@code
 *       max_time_to_live_ns} when a test set one;
 *   <li>{@code POST /_icjava/ii-stand-in/icrc3-attributes} {@code {user, origin, keys, nonce}}
 *       answers {@code {data, signature}} (test-kit's {@link AttributeBundle}, within II's
 *       {@link AttributeLimits}, signed under the user's seed);
 *       a refusal is a 400 with {@code {code, message}} (II's {@code INVALID_PARAMS_ERROR_CODE},
 *       -32602), which the page returns as the JSON-RPC error;
 *   <li>{@code POST /_icjava/ii-stand-in/test-values} {@code {key: value or null, ...}} sets (or,
 *       with null, withdraws) the value offered for a key, {@code {N}} standing for the user's
 *       number; {@code GET} answers the values.
 * </ul>
 *
 * <p>A principal per user and origin, as II derives one per anchor and frontend origin: the seed is
 * SHA-256 of {@code "icjava-ii-stand-in" 0x00 N 0x00 origin}; the user's key is the canister
 * signature key of {@code rdmx6-jaaaa-aaaaa-aaadq-cai} with that seed.
 */
final class StandInSignIn {
  static final int INVALID_PARAMS = -32602;
  static final long MINUTE_NS = 60_000_000_000L;
  static final long DEFAULT_TTL_NS = 30 * MINUTE_NS;
  static final long MAX_TTL_NS = 30 * 24 * 60 * MINUTE_NS;
  /** The OpenID issuers {@code @icp-sdk/auth} 7.1.0 names ({@code OPENID_PROVIDER_URLS}). */
  static final List<String> ISSUERS = List.of(
      "https://accounts.google.com", "https://appleid.apple.com", "https://login.microsoftonline.com/{tid}/v2.0");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final HttpReplica replica;
  private final Map<String, String> values = new ConcurrentHashMap<>(defaults());

  StandInSignIn(HttpReplica replica) {
    this.replica = replica;
  }

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("email", "test-user-{N}@example.com");
    d.put("verified_email", "test-user-{N}@example.com");
    d.put("name", "Test User {N}");
    return d;
  }

  /** The seed of user {@code n} at {@code origin}. */
  static byte[] seed(int n, String origin) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("icjava-ii-stand-in\0" + n + "\0" + origin).getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The principal of user {@code n} at {@code origin}. */
  static Principal principal(int n, String origin) {
    return Principal.selfAuthenticating(PublicKeys.canisterKeyDer(InternetIdentityStandIn.II, seed(n, origin)));
  }

  HttpReplica.Response handle(String method, String path, byte[] body) {
    try {
      if (path.endsWith("/test-values")) {
        return testValues(method, body);
      }
      JsonNode in = JSON.readTree(body);
      int user = in.path("user").asInt(0);
      String origin = in.path("origin").asText("");
      if (user < 1 || origin.isEmpty()) {
        return refusal("the stand-in needs a user number (1 or more) and an origin");
      }
      byte[] seed = seed(user, origin);
      if (path.endsWith("/icrc34")) {
        return delegation(in, seed);
      }
      if (path.endsWith("/icrc3-attributes")) {
        return attributes(in, user, origin, seed);
      }
      return HttpReplica.Response.text(404, "Not found: " + path);
    } catch (IOException | IllegalArgumentException | Cbor.MalformedException e) {
      return refusal(String.valueOf(e.getMessage()));
    }
  }

  private HttpReplica.Response delegation(JsonNode in, byte[] seed) throws IOException, Cbor.MalformedException {
    byte[] session = B64D.decode(in.path("publicKey").asText(""));
    if (session.length == 0) {
      return refusal("publicKey: the session key (base64 DER) is missing");
    }
    long ttl = DEFAULT_TTL_NS;
    if (in.hasNonNull("maxTimeToLive")) {
      BigInteger asked = new BigInteger(in.get("maxTimeToLive").asText());
      if (asked.signum() < 0) {
        return refusal("maxTimeToLive must be a non-negative number of nanoseconds, got " + asked);
      }
      ttl = asked.min(BigInteger.valueOf(MAX_TTL_NS)).longValueExact();
    }
    String cap = values.get("max_time_to_live_ns");
    if (cap != null) {
      ttl = Math.min(ttl, Long.parseLong(cap));
    }
    long expiration = replica.now() + ttl;
    ObjectNode d = Cbor.map();
    d.put("pubkey", session);
    d.put("expiration", expiration);
    byte[] payload = Authenticator.concat(HashTree.domainSep("ic-request-auth-delegation"), RequestIds.hashOfMap(d));
    ObjectNode out = JSON.createObjectNode();
    out.put("publicKey", B64.encodeToString(PublicKeys.canisterKeyDer(InternetIdentityStandIn.II, seed)));
    ObjectNode entry = out.putArray("signerDelegation").addObject();
    ObjectNode delegation = entry.putObject("delegation");
    delegation.put("pubkey", B64.encodeToString(session));
    delegation.put("expiration", Long.toUnsignedString(expiration));
    entry.put("signature", B64.encodeToString(sign(seed, payload)));
    return json(200, out);
  }

  private HttpReplica.Response attributes(JsonNode in, int user, String origin, byte[] seed) throws IOException {
    if (!in.path("keys").isArray()) {
      return refusal("keys: an array of attribute keys is required");
    }
    AttributeLimits.checkKeyCount(in.get("keys").size());
    byte[] nonce = B64D.decode(in.path("nonce").asText(""));
    Map<String, String> granted = new LinkedHashMap<>();
    for (JsonNode k : in.get("keys")) {
      String key = k.asText();
      String v = offered(key);
      if (v != null) {
        granted.put(key, v.replace("{N}", Integer.toString(user)));
      }
    }
    AttributeLimits.check(granted, nonce, origin);
    AttributeBundle bundle = AttributeBundle.issued(nonce, origin, replica.now());
    granted.forEach(bundle::text);
    byte[] data = bundle.encode();
    byte[] payload = Authenticator.concat(HashTree.domainSep("ic-sender-info"), data);
    ObjectNode out = JSON.createObjectNode();
    out.put("data", B64.encodeToString(data));
    out.put("signature", B64.encodeToString(sign(seed, payload)));
    return json(200, out);
  }

  /**
   * The value offered for {@code key}: the test value of that key; for {@code openid:<issuer>:<name>}
   * with a known issuer and no value of its own, the value of {@code name}; else null (left out, as
   * II leaves out what the user does not have or did not grant).
   */
  String offered(String key) {
    String v = values.get(key);
    if (v != null || !key.startsWith("openid:")) {
      return key.equals("max_time_to_live_ns") ? null : v;
    }
    for (String issuer : ISSUERS) {
      String prefix = "openid:" + issuer + ":";
      if (key.startsWith(prefix)) {
        return values.get(key.substring(prefix.length()));
      }
    }
    return null;
  }

  private HttpReplica.Response testValues(String method, byte[] body) throws IOException {
    if (method.equals("POST")) {
      JsonNode in = JSON.readTree(body);
      if (in.path("reset").asBoolean(false)) {
        values.clear();
        values.putAll(defaults());
      }
      in.fields().forEachRemaining(e -> {
        if (e.getKey().equals("reset")) {
          return;
        }
        if (e.getValue().isNull()) {
          values.remove(e.getKey());
        } else {
          values.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    ObjectNode out = JSON.createObjectNode();
    new java.util.TreeMap<>(values).forEach(out::put);
    return json(200, out);
  }

  private byte[] sign(byte[] seed, byte[] payload) {
    return CanisterSignatures.mint(InternetIdentityStandIn.II, seed, payload, replica.rootKey.secret(), replica.now());
  }

  private static HttpReplica.Response refusal(String message) {
    ObjectNode out = JSON.createObjectNode();
    out.put("code", INVALID_PARAMS);
    out.put("message", message);
    return json(400, out);
  }

  private static HttpReplica.Response json(int status, ObjectNode out) {
    try {
      return new HttpReplica.Response(status, "application/json", JSON.writeValueAsBytes(out));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
