package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.icjava.callerauth.Principal;
import dev.icjava.callerauth.PrincipalFormatException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The IC's HTTPS interface over a {@link ReplicaState} (dfinity/developer-docs {@code
 * docs/references/ic-interface-spec/https-interface.md}): {@code GET /api/v2/status}, calls
 * (asynchronous {@code /api/v2/.../call}, synchronous {@code /api/v3} and {@code /api/v4}),
 * queries ({@code /api/v2}, {@code /api/v3}) with node signatures, and {@code read_state} of a
 * canister or of the subnet. One subnet (the root subnet: certificates carry no delegation), one
 * node, the wall clock as the IC's time.
 *
 * <p>Many requests are handled at once: parsing, authentication (signatures, delegations, canister
 * signatures) and signing the answer (certificates, node signatures) run on the caller's thread;
 * execution and every read of the state run on the one {@link MessageExecutor} thread, in arrival
 * order. A reply leaves only once what it reports is durable ({@link ReplicaState#awaitDurable}).
 */
public final class HttpReplica implements AutoCloseable {
  /** A response: status, content type, body. */
  public record Response(int status, String contentType, byte[] body) {
    static Response cbor(int status, JsonNode node) {
      return new Response(status, "application/cbor", Cbor.encode(node));
    }

    static Response text(int status, String text) {
      return new Response(status, "text/plain; charset=utf-8", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Bodies larger than this are refused with 413 (the IC's boundary refuses large bodies too). */
  static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

  private static final byte[] RESPONSE_DOMAIN = HashTree.domainSep("ic-response");
  private static final byte[] SENDER_INFO_DOMAIN = HashTree.domainSep("ic-sender-info");

  final ReplicaState state;
  final MessageExecutor executor = new MessageExecutor();
  final Bls12381.KeyPair rootKey;
  private long lastTime;
  private volatile long artificialDelayMs;
  private volatile boolean verbose;

  /**
   * A replica with fresh keys, kept in memory only.
   *
   * @param random the source of the keys
   */
  public HttpReplica(SecureRandom random) {
    this(new ReplicaState(NodeIdentity.generate(random), null), 0);
  }

  /** A replica over {@code state}, whose last executed input ran at {@code lastTime}. */
  HttpReplica(ReplicaState state, long lastTime) {
    this.state = state;
    this.rootKey = state.node.rootKey;
    this.lastTime = lastTime;
  }

  /** Waits {@code millis} before executing each update call ({@code --artificial-delay-ms}). */
  void setArtificialDelay(long millis) {
    this.artificialDelayMs = millis;
  }

  /** Logs each request on stderr ({@code --verbose}). */
  void setVerbose(boolean on) {
    this.verbose = on;
  }

  /**
   * The root key, DER-encoded: what clients are given ({@code rootKey}, {@code -k <hex>}).
   *
   * @return the root key, DER-encoded
   */
  public byte[] rootKeyDer() {
    return state.node.rootKeyDer();
  }

  /**
   * Installs {@code wasm} as canister {@code name} with these environment variables; returns its
   * id.
   *
   * @param name the canister's name
   * @param wasm the module
   * @param environment the environment variables, by name
   * @return the canister's id bytes
   */
  public byte[] install(String name, byte[] wasm, Map<String, String> environment) {
    try {
      return executor.run(() -> state.install(name, wasm, environment, now()));
    } catch (Refusal r) {
      throw new IllegalStateException(r);
    }
  }

  /** Runs a round of system tasks (timers, heartbeats) every {@code periodMillis}, as the IC runs them each round. */
  void runRounds(long periodMillis) {
    executor.every(periodMillis, () -> {
      try {
        state.round(now());
      } catch (RuntimeException e) {
        System.err.println("replica: a round of system tasks failed: " + e);
      }
    });
  }

  /** The replica's time for the next message: the wall clock, strictly increasing. */
  synchronized long now() {
    Instant i = Instant.now();
    long t = i.getEpochSecond() * 1_000_000_000L + i.getNano();
    lastTime = Math.max(lastTime + 1, t);
    return lastTime;
  }

  /**
   * Handles one HTTP request; safe to call from many threads at once.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param body the request body
   * @return the response
   */
  public Response handle(String method, String path, byte[] body) {
    if (verbose) {
      System.err.println("replica: " + method + " " + path + " (" + body.length + " bytes)");
    }
    try {
      String[] p = path.split("/", -1);
      // ["", "api", version, kind, id, endpoint]
      if (p.length == 4 && p[1].equals("api") && p[2].equals("v2") && p[3].equals("status")) {
        requireMethod(method, "GET");
        return status();
      }
      if (p.length != 6 || !p[1].equals("api")) {
        return Response.text(404, "Not found: " + path);
      }
      requireMethod(method, "POST");
      if (body.length > MAX_BODY_BYTES) {
        return Response.text(413, "Request body of " + body.length + " bytes is larger than " + MAX_BODY_BYTES);
      }
      String version = p[2];
      String scope = p[3];
      byte[] target = principal(p[4]);
      String endpoint = p[5];
      if (scope.equals("canister")) {
        switch (endpoint) {
          case "call":
            if (version.equals("v2") || version.equals("v3") || version.equals("v4")) {
              return call(version, target, body);
            }
            break;
          case "query":
            if (version.equals("v2") || version.equals("v3")) {
              return query(target, body);
            }
            break;
          case "read_state":
            if (version.equals("v2") || version.equals("v3")) {
              return readState(version, target, false, body);
            }
            break;
          default:
            break;
        }
      } else if (scope.equals("subnet")) {
        if (endpoint.equals("read_state") && (version.equals("v2") || version.equals("v3"))) {
          return readState(version, target, true, body);
        }
        if (endpoint.equals("call") || endpoint.equals("query")) {
          return Response.text(400, "Subnet-scoped " + endpoint + "s (canister creation, list_canisters) are not served by this replica");
        }
      }
      return Response.text(404, "Not found: " + path);
    } catch (Refusal r) {
      if (r.isReject()) {
        ObjectNode m = Cbor.map();
        m.put("status", "non_replicated_rejection");
        m.put("reject_code", r.rejectCode);
        m.put("reject_message", r.getMessage());
        m.put("error_code", r.errorCode);
        return Response.cbor(200, m);
      }
      return Response.text(r.httpStatus, r.getMessage());
    }
  }

  private static void requireMethod(String method, String expected) throws Refusal {
    if (!method.equals(expected)) {
      throw Refusal.status(405, "Method " + method + " not allowed here; use " + expected);
    }
  }

  private Response status() {
    ObjectNode m = Cbor.map();
    m.put("impl_version", "icjava replica-server 0.1.0");
    m.put("replica_health_status", "healthy");
    m.put("root_key", rootKeyDer());
    return Response.cbor(200, m);
  }

  // ---- call ----

  private Response call(String version, byte[] effective, byte[] body) throws Refusal {
    long t = now();
    Envelope e = Envelope.parse(body);
    Authenticator.Authenticated a = Authenticator.check(e, Authenticator.Kind.CALL, t, rootKeyDer());
    byte[] canisterId = Envelope.blob(e.content(), "canister_id", true);
    String methodName = Envelope.text(e.content(), "method_name", true);
    byte[] arg = Envelope.blob(e.content(), "arg", true);
    checkTarget(canisterId, effective, a);
    SenderInfo info = senderInfo(e, a);
    long forgetAfter = e.ingressExpiry().min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValue()
        + ReplicaState.STATUS_RETENTION_NANOS;
    boolean synchronous = !version.equals("v2");
    if (artificialDelayMs > 0) {
      try {
        Thread.sleep(artificialDelayMs);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
    List<List<byte[]>> paths = List.of(List.of(ascii("request_status"), a.requestId()));
    Executed x = executor.run(() -> {
      long now = now();
      state.call(new JournalRecord.IngressCall(now, a.requestId(), a.sender(), effective, canisterId, methodName, arg,
          info == null ? null : info.info(), info == null ? null : info.signer(), forgetAfter));
      return new Executed(synchronous ? state.witness(now, paths) : null, state.position());
    });
    state.awaitDurable(x.position());
    if (!synchronous) {
      return new Response(202, "text/plain", new byte[0]);
    }
    ObjectNode m = Cbor.map();
    m.put("status", "replied");
    m.put("certificate", Certificates.mint(x.witness(), rootKey.secret()));
    return Response.cbor(200, m);
  }

  /** What the execution thread hands back: the witness to certify, and the journal offset to wait for. */
  private record Executed(HashTree witness, long position) {}

  /** A query's outcome, and the journal offset the state it read reaches. */
  private record Queried(Outcome outcome, long position) {}

  // ---- query ----

  private Response query(byte[] effective, byte[] body) throws Refusal {
    long t = now();
    Envelope e = Envelope.parse(body);
    Authenticator.Authenticated a = Authenticator.check(e, Authenticator.Kind.QUERY, t, rootKeyDer());
    byte[] canisterId = Envelope.blob(e.content(), "canister_id", true);
    String methodName = Envelope.text(e.content(), "method_name", true);
    byte[] arg = Envelope.blob(e.content(), "arg", true);
    checkTarget(canisterId, effective, a);
    SenderInfo info = senderInfo(e, a);
    Queried q = executor.run(() -> new Queried(state.query(canisterId, methodName, a.sender(), arg, info, now()),
        state.position()));
    state.awaitDurable(q.position());
    Outcome o = q.outcome();
    long timestamp = now();
    ObjectNode signed = Cbor.map();
    ObjectNode response = Cbor.map();
    if (o.replied()) {
      ObjectNode reply = Cbor.map();
      reply.put("arg", o.reply());
      signed.put("status", "replied");
      signed.set("reply", reply);
      response.put("status", "replied");
      response.set("reply", reply.deepCopy());
    } else {
      signed.put("status", "rejected");
      signed.put("reject_code", o.rejectCode());
      signed.put("reject_message", o.rejectMessage());
      signed.put("error_code", o.errorCode());
      response.setAll(signed.deepCopy());
    }
    signed.put("timestamp", timestamp);
    signed.put("request_id", a.requestId());
    byte[] hash;
    try {
      hash = RequestIds.hashOfMap(signed);
    } catch (Cbor.MalformedException ex) {
      throw new IllegalStateException(ex);
    }
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, state.node.nodeKey);
    byte[] payload = Authenticator.concat(RESPONSE_DOMAIN, hash);
    s.update(payload, 0, payload.length);
    ObjectNode sig = Cbor.map();
    sig.put("timestamp", timestamp);
    sig.put("signature", s.generateSignature());
    sig.put("identity", state.node.nodeId);
    ArrayNode sigs = Cbor.array();
    sigs.add(sig);
    response.set("signatures", sigs);
    return Response.cbor(200, response);
  }

  // ---- read_state ----

  private Response readState(String version, byte[] effective, boolean subnetScope, byte[] body) throws Refusal {
    long t = now();
    Envelope e = Envelope.parse(body);
    JsonNode pathsNode = e.content().get("paths");
    if (pathsNode == null || !pathsNode.isArray()) {
      throw Refusal.badRequest("missing field 'paths'");
    }
    if (pathsNode.size() > 1000) {
      throw Refusal.badRequest(
          "Too many paths in read state request: got " + pathsNode.size() + " paths, but at most 1000 are allowed.");
    }
    List<List<byte[]>> paths = new ArrayList<>();
    for (JsonNode path : pathsNode) {
      if (!path.isArray()) {
        throw Refusal.badRequest("a path is an array of blobs");
      }
      if (path.size() > 127) {
        throw Refusal.badRequest(
            "At least one path in read state request is too deep: got " + path.size() + " labels, but at most 127 are allowed.");
      }
      List<byte[]> labels = new ArrayList<>();
      for (JsonNode l : path) {
        labels.add(Envelope.bytes(l));
      }
      paths.add(labels);
    }
    Authenticator.Authenticated a = Authenticator.check(e, Authenticator.Kind.READ_STATE, t, rootKeyDer());
    Executed x = executor.run(() -> {
      long now = now();
      state.forgetExpired(now);
      StateAccess.check(state, paths, a, effective, subnetScope, version);
      return new Executed(state.witness(now, paths), state.position());
    });
    state.awaitDurable(x.position());
    ObjectNode m = Cbor.map();
    m.put("certificate", Certificates.mint(x.witness(), rootKey.secret()));
    return Response.cbor(200, m);
  }

  // ---- execution ----

  /** The attributes of {@code sender_info} once verified: the bundle and its signer. */
  record SenderInfo(byte[] info, byte[] signer) {}

  /**
   * {@code sender_info} (https-interface.md, "Request: Call", "Request: Query call"): a map of
   * {@code info}, {@code signer} and {@code sig}, refused for the anonymous sender; {@code signer}
   * must be the canister of the canister-signature key {@code sender_pubkey}, and {@code sig} a
   * canister signature of {@code "\x0Eic-sender-info" · info} under that key.
   */
  private SenderInfo senderInfo(Envelope e, Authenticator.Authenticated a) throws Refusal {
    JsonNode si = e.content().get("sender_info");
    if (si == null) {
      return null;
    }
    String rid = "0x" + hex(a.requestId());
    if (a.isAnonymous()) {
      throw Refusal.badRequest("Failed to authenticate request " + rid + ": sender_info is not allowed for the anonymous sender");
    }
    if (!si.isObject()) {
      throw Refusal.badRequest("field 'sender_info' must be a map");
    }
    byte[] info = Envelope.blob(si, "info", true);
    byte[] signer = Envelope.blob(si, "signer", true);
    byte[] sig = Envelope.blob(si, "sig", true);
    PublicKeys.CanisterKey key;
    try {
      key = PublicKeys.canisterKey(e.senderPubkey());
    } catch (SignatureException ex) {
      throw Refusal.badRequest("Failed to authenticate request " + rid + ": " + ex.getMessage());
    }
    if (key == null || !java.util.Arrays.equals(key.canisterId(), signer)) {
      throw Refusal.badRequest(
          "Failed to authenticate request " + rid + ": sender_info's signer " + text(signer)
              + " is not the canister of the canister-signature key sender_pubkey");
    }
    try {
      CanisterSignatures.verify(key, Authenticator.concat(SENDER_INFO_DOMAIN, info), sig, rootKeyDer());
    } catch (SignatureException ex) {
      throw Refusal.badRequest("Failed to authenticate request " + rid + ": Invalid sender_info signature: " + ex.getMessage());
    }
    return new SenderInfo(info, signer);
  }

  /**
   * The URL's effective canister id must be the call's canister, except for the management canister,
   * whose calls the IC's HTTP handler accepts whatever the URL says (the ingress filter reads the
   * effective canister from the argument: {@link IngressFilter}); delegation targets must allow it.
   */
  private void checkTarget(byte[] canisterId, byte[] effective, Authenticator.Authenticated a) throws Refusal {
    if (canisterId.length != 0 && !java.util.Arrays.equals(canisterId, effective)) {
      throw Refusal.badRequest(
          "Specified CanisterId " + text(canisterId) + " does not match effective canister id in URL " + text(effective));
    }
    if (!a.allows(canisterId)) {
      throw Refusal.badRequest(
          "Failed to authenticate request 0x" + hex(a.requestId()) + ": Canister '" + text(canisterId)
              + "' is not one of the delegation targets.");
    }
  }

  @Override
  public void close() {
    executor.close();
  }

  // ---- helpers ----

  static byte[] principal(String text) throws Refusal {
    try {
      return Principal.fromText(text).bytes();
    } catch (PrincipalFormatException e) {
      throw Refusal.badRequest("'" + text + "' is not a principal: " + e.getMessage());
    }
  }

  /** The bytes of a principal written as text (a constant of the code: a typo is a bug, thrown). */
  static byte[] principalBytes(String text) {
    return Principal.fromText(text).bytes();
  }

  static String text(byte[] principal) {
    return Principal.fromBytes(principal).toText();
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] ascii(String s) {
    return HashToG1.ascii(s);
  }
}
