package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.icjava.callerauth.Principal;
import dev.icjava.callerauth.PrincipalFormatException;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.UnsupportedSystemApiException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The IC's HTTPS interface over test-kit's {@link LocalReplica} (dfinity/developer-docs {@code
 * docs/references/ic-interface-spec/https-interface.md}): {@code GET /api/v2/status}, calls
 * (asynchronous {@code /api/v2/.../call}, synchronous {@code /api/v3} and {@code /api/v4}),
 * queries ({@code /api/v2}, {@code /api/v3}) with node signatures, and {@code read_state} of a
 * canister or of the subnet. One subnet (the root subnet: certificates carry no delegation), one
 * node, a BLS12-381 root key and an Ed25519 node key generated at start, the wall clock as the IC's
 * time. Every message runs one at a time ({@link #handle} is synchronized).
 */
public final class HttpReplica {
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
  /** How long after its expiry a request's status is still remembered (https-interface.md: at least until expiry). */
  static final long STATUS_RETENTION_NANOS = 5 * 60 * 1_000_000_000L;

  private static final byte[] RESPONSE_DOMAIN = HashTree.domainSep("ic-response");
  private static final byte[] SENDER_INFO_DOMAIN = HashTree.domainSep("ic-sender-info");

  private final LocalReplica replica = new LocalReplica();
  final Bls12381.KeyPair rootKey;
  private final Ed25519PrivateKeyParameters nodeKey;
  final byte[] subnetId;
  final byte[] nodeId;
  final byte[] nodeKeyDer;
  final Map<String, ServedCanister> canisters = new LinkedHashMap<>();
  final Map<String, RequestStatus> statuses = new LinkedHashMap<>();
  private long lastTime;

  public HttpReplica(SecureRandom random) {
    this.rootKey = Bls12381.generate(random);
    this.nodeKey = new Ed25519PrivateKeyParameters(random);
    this.nodeKeyDer = PublicKeys.ed25519Der(nodeKey.generatePublicKey().getEncoded());
    // The root subnet's id is the self-authenticating id of its public key (what @icp-sdk/core
    // assumes for certificates without delegation: agent/http/index.js, #doFetchSubnetKeys).
    this.subnetId = Principal.selfAuthenticating(rootKey.publicKeyDer()).bytes();
    this.nodeId = Principal.selfAuthenticating(nodeKeyDer).bytes();
  }

  /** The root key, DER-encoded: what clients are given ({@code rootKey}, {@code -k <hex>}). */
  public byte[] rootKeyDer() {
    return rootKey.publicKeyDer();
  }

  /** Installs {@code wasm} as canister {@code name} with these environment variables; returns its id. */
  public synchronized byte[] install(String name, byte[] wasm, Map<String, String> environment) {
    long now = now();
    replica.setTime(now);
    InstallOptions options = InstallOptions.defaults().environment(environment);
    Canister c = replica.install(wasm, options);
    ServedCanister served = new ServedCanister(name, c, wasm, List.of(InstallOptions.defaultController()), now);
    canisters.put(hex(c.id()), served);
    return c.id();
  }

  /** The replica's time for the next message: the wall clock, strictly increasing. */
  synchronized long now() {
    Instant i = Instant.now();
    long t = i.getEpochSecond() * 1_000_000_000L + i.getNano();
    lastTime = Math.max(lastTime + 1, t);
    return lastTime;
  }

  /** Handles one HTTP request. */
  public synchronized Response handle(String method, String path, byte[] body) {
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
    long now = now();
    Envelope e = Envelope.parse(body);
    Authenticator.Authenticated a = Authenticator.check(e, Authenticator.Kind.CALL, now, rootKeyDer());
    byte[] canisterId = Envelope.blob(e.content(), "canister_id", true);
    String methodName = Envelope.text(e.content(), "method_name", true);
    byte[] arg = Envelope.blob(e.content(), "arg", true);
    checkTarget(canisterId, effective, a);
    SenderInfo info = senderInfo(e, a);
    String rid = hex(a.requestId());
    forgetExpired(now);
    RequestStatus known = statuses.get(rid);
    if (known == null) {
      ServedCanister c = served(canisterId);
      Outcome o = execute(c, methodName, call(a.sender(), arg, info), true, now);
      long forgetAfter = e.ingressExpiry().min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValue() + STATUS_RETENTION_NANOS;
      known =
          o.replied()
              ? RequestStatus.replied(a.sender(), effective, forgetAfter, o.reply())
              : RequestStatus.rejected(a.sender(), effective, forgetAfter, o.rejectCode(), o.rejectMessage(), o.errorCode());
      statuses.put(rid, known);
    }
    if (version.equals("v2")) {
      return new Response(202, "text/plain", new byte[0]);
    }
    List<List<byte[]>> paths = new ArrayList<>();
    paths.add(List.of(ascii("request_status"), a.requestId()));
    paths.add(List.of(ascii("time")));
    ObjectNode m = Cbor.map();
    m.put("status", "replied");
    m.put("certificate", Certificates.mint(stateTree(now).witness(paths), rootKey.secret()));
    return Response.cbor(200, m);
  }

  // ---- query ----

  private Response query(byte[] effective, byte[] body) throws Refusal {
    long now = now();
    Envelope e = Envelope.parse(body);
    Authenticator.Authenticated a = Authenticator.check(e, Authenticator.Kind.QUERY, now, rootKeyDer());
    byte[] canisterId = Envelope.blob(e.content(), "canister_id", true);
    String methodName = Envelope.text(e.content(), "method_name", true);
    byte[] arg = Envelope.blob(e.content(), "arg", true);
    checkTarget(canisterId, effective, a);
    SenderInfo info = senderInfo(e, a);
    Outcome o;
    ServedCanister c = canisters.get(hex(canisterId));
    if (c == null) {
      o = Outcome.reject(3, "IC0301", "Canister " + text(canisterId) + " not found");
    } else {
      o = execute(c, methodName, call(a.sender(), arg, info), false, now);
    }
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
    s.init(true, nodeKey);
    byte[] payload = Authenticator.concat(RESPONSE_DOMAIN, hash);
    s.update(payload, 0, payload.length);
    ObjectNode sig = Cbor.map();
    sig.put("timestamp", timestamp);
    sig.put("signature", s.generateSignature());
    sig.put("identity", nodeId);
    ArrayNode sigs = Cbor.array();
    sigs.add(sig);
    response.set("signatures", sigs);
    return Response.cbor(200, response);
  }

  // ---- read_state ----

  private Response readState(String version, byte[] effective, boolean subnetScope, byte[] body) throws Refusal {
    long now = now();
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
    Authenticator.Authenticated a = Authenticator.check(e, Authenticator.Kind.READ_STATE, now, rootKeyDer());
    forgetExpired(now);
    StateAccess.check(this, paths, a, effective, subnetScope, version);
    List<List<byte[]>> shown = new ArrayList<>(paths);
    shown.add(List.of(ascii("time")));
    ObjectNode m = Cbor.map();
    m.put("certificate", Certificates.mint(stateTree(now).witness(shown), rootKey.secret()));
    return Response.cbor(200, m);
  }

  // ---- the state tree ----

  /** The whole state tree at time {@code now} (index.md, "The system state tree"). */
  LabeledTree stateTree(long now) {
    LabeledTree root = LabeledTree.node();
    root.put("time", LabeledTree.leaf(Leb128.unsigned(now)));
    LabeledTree subnet = root.child("subnet").child(subnetId);
    subnet.put("public_key", LabeledTree.leaf(rootKeyDer()));
    subnet.put("type", LabeledTree.leaf(ascii("application")));
    subnet.put("canister_ranges", LabeledTree.leaf(rangesCbor()));
    subnet.child("node").child(nodeId).put("public_key", LabeledTree.leaf(nodeKeyDer));
    root.child("canister_ranges").child(subnetId).put(RANGE_START, LabeledTree.leaf(rangesCbor()));
    LabeledTree canisterNode = root.child("canister");
    for (ServedCanister c : canisters.values()) {
      LabeledTree t = canisterNode.child(c.id());
      t.put("module_hash", LabeledTree.leaf(c.moduleHash));
      ArrayNode controllers = Cbor.array();
      for (byte[] controller : c.controllers) {
        controllers.add(controller);
      }
      t.put("controllers", LabeledTree.leaf(Cbor.encode(controllers)));
      t.put("canister_creation_timestamp", LabeledTree.leaf(Leb128.unsigned(c.installedAt)));
      t.put("last_install_timestamp", LabeledTree.leaf(Leb128.unsigned(c.installedAt)));
      LabeledTree metadata = t.child("metadata");
      for (Map.Entry<String, ServedCanister.Metadata> m : c.metadata.entrySet()) {
        metadata.put(m.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8), LabeledTree.leaf(m.getValue().content()));
      }
    }
    LabeledTree requests = root.child("request_status");
    for (Map.Entry<String, RequestStatus> s : statuses.entrySet()) {
      requests.put(HexFormat.of().parseHex(s.getKey()), s.getValue().toTree());
    }
    return root;
  }

  /** The subnet's one canister range, as test-kit numbers canisters (…00 0n 01 01). */
  static final byte[] RANGE_START = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};

  static final byte[] RANGE_END = {0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, 1, 1};

  private static byte[] rangesCbor() {
    ArrayNode ranges = Cbor.array();
    ArrayNode range = Cbor.array();
    range.add(RANGE_START);
    range.add(RANGE_END);
    ranges.add(range);
    return Cbor.encode(ranges);
  }

  static boolean inRange(byte[] id) {
    return java.util.Arrays.compareUnsigned(RANGE_START, id) <= 0 && java.util.Arrays.compareUnsigned(id, RANGE_END) <= 0;
  }

  // ---- execution ----

  /** The attributes of {@code sender_info} once verified: the bundle and its signer. */
  record SenderInfo(byte[] info, byte[] signer) {}

  private static Request call(byte[] sender, byte[] arg, SenderInfo info) {
    Request c = Request.from(sender).withArg(arg);
    return info == null ? c : c.withCallerInfo(info.info(), info.signer());
  }

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

  private void checkTarget(byte[] canisterId, byte[] effective, Authenticator.Authenticated a) throws Refusal {
    if (!java.util.Arrays.equals(canisterId, effective)) {
      throw Refusal.badRequest(
          "Specified CanisterId " + text(canisterId) + " does not match effective canister id in URL " + text(effective));
    }
    if (!a.allows(canisterId)) {
      throw Refusal.badRequest(
          "Failed to authenticate request 0x" + hex(a.requestId()) + ": Canister '" + text(canisterId)
              + "' is not one of the delegation targets.");
    }
  }

  private ServedCanister served(byte[] canisterId) throws Refusal {
    if (canisterId.length == 0) {
      throw Refusal.reject(3, "IC0302", "The management canister (aaaaa-aa) is not served by this local replica");
    }
    ServedCanister c = canisters.get(hex(canisterId));
    if (c == null) {
      throw Refusal.reject(3, "IC0301", "Canister " + text(canisterId) + " not found");
    }
    return c;
  }

  private Outcome execute(ServedCanister c, String method, Request call, boolean replicated, long now) {
    replica.setTime(now);
    CallResult r;
    try {
      if (c.compositeQueries.contains(method)) {
        return Outcome.reject(5, "IC0504", "Composite queries are not yet run by this local replica: " + method);
      }
      if (replicated) {
        r = c.queries.contains(method) ? c.canister.query(method, call) : c.canister.update(method, call);
      } else {
        r = c.canister.query(method, call);
      }
    } catch (UnsupportedSystemApiException ex) {
      return Outcome.reject(5, "IC0504", "The local replica does not implement what the canister called: " + ex.getMessage());
    }
    return Outcome.of(r, c.id());
  }

  private void forgetExpired(long now) {
    statuses.values().removeIf(s -> s.forgetAfter() < now);
  }

  // ---- helpers ----

  static byte[] principal(String text) throws Refusal {
    try {
      return Principal.fromText(text).bytes();
    } catch (PrincipalFormatException e) {
      throw Refusal.badRequest("'" + text + "' is not a principal: " + e.getMessage());
    }
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
