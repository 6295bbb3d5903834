package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.icjava.callerauth.Principal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * A minimal agent for the tests: anonymous calls ({@code /api/v3/.../call}, the reply read from the
 * certificate's {@code request_status} after checking its BLS signature with the root key) and
 * queries over HTTP, so that tests reach the replica as a client does, through its port.
 */
final class IcClient {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The call was rejected: before execution (non_replicated_rejection) or by execution. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final long code;
    final String errorCode;

    Rejected(long code, String message, String errorCode) {
      super(message);
      this.code = code;
      this.errorCode = errorCode;
    }
  }

  private final String url;
  private final byte[] rootKeyDer;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  IcClient(String url, byte[] rootKeyDer) {
    this.url = url;
    this.rootKeyDer = rootKeyDer;
  }

  /** An anonymous update call: the reply bytes, or {@link Rejected}. */
  byte[] call(byte[] canister, String method, byte[] arg) throws Rejected {
    return call(canister, canister, method, arg);
  }

  /** An anonymous update call to {@code canister} at the effective canister id {@code effective}. */
  byte[] call(byte[] effective, byte[] canister, String method, byte[] arg) throws Rejected {
    ObjectNode content = content("call", canister, method, arg);
    byte[] rid = requestId(content);
    JsonNode r = post("/api/v3/canister/" + Principal.fromBytes(effective).toText() + "/call", content);
    if (r.path("status").asText().equals("non_replicated_rejection")) {
      throw new Rejected(r.path("reject_code").asLong(), r.path("reject_message").asText(), r.path("error_code").asText());
    }
    HashTree tree;
    try {
      tree = Certificates.verify(HashTree.bytes(r.get("certificate")), rootKeyDer, null).tree();
    } catch (SignatureException | Cbor.MalformedException e) {
      throw new AssertionError("the replica's certificate does not verify: " + e.getMessage(), e);
    }
    String status = text(tree.lookup(List.of(ascii("request_status"), rid, ascii("status"))));
    if (status.equals("replied")) {
      return found(tree.lookup(List.of(ascii("request_status"), rid, ascii("reply"))));
    }
    long code = Leb128.decodeUnsigned(found(tree.lookup(List.of(ascii("request_status"), rid, ascii("reject_code"))))).longValueExact();
    throw new Rejected(code, text(tree.lookup(List.of(ascii("request_status"), rid, ascii("reject_message")))),
        text(tree.lookup(List.of(ascii("request_status"), rid, ascii("error_code")))));
  }

  /** An anonymous query: the reply bytes, or {@link Rejected}. */
  byte[] query(byte[] canister, String method, byte[] arg) throws Rejected {
    JsonNode r = post("/api/v3/canister/" + Principal.fromBytes(canister).toText() + "/query",
        content("query", canister, method, arg));
    if (r.path("status").asText().equals("replied")) {
      try {
        return HashTree.bytes(r.path("reply").path("arg"));
      } catch (Cbor.MalformedException e) {
        throw new AssertionError(e);
      }
    }
    throw new Rejected(r.path("reject_code").asLong(), r.path("reject_message").asText(), r.path("error_code").asText());
  }

  private ObjectNode content(String type, byte[] canister, String method, byte[] arg) {
    ObjectNode c = Cbor.map();
    c.put("request_type", type);
    c.put("sender", new byte[] {4});
    java.time.Instant now = java.time.Instant.now();
    c.put("ingress_expiry", (now.getEpochSecond() + 120) * 1_000_000_000L);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    c.put("nonce", nonce);
    c.put("canister_id", canister);
    c.put("method_name", method);
    c.put("arg", arg);
    return c;
  }

  private JsonNode post(String path, ObjectNode content) {
    ObjectNode envelope = Cbor.map();
    envelope.set("content", content);
    HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/cbor").POST(HttpRequest.BodyPublishers.ofByteArray(Cbor.encode(envelope)))
        .build();
    try {
      HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() != 200) {
        throw new AssertionError("HTTP " + resp.statusCode() + ": " + new String(resp.body(), StandardCharsets.UTF_8));
      }
      return Cbor.decode(resp.body());
    } catch (IOException | Cbor.MalformedException e) {
      throw new AssertionError("request to " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] requestId(ObjectNode content) {
    try {
      return RequestIds.hashOfMap(content);
    } catch (Cbor.MalformedException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] found(HashTree.Lookup l) {
    if (l instanceof HashTree.Lookup.Found f) {
      return f.value();
    }
    throw new AssertionError("the certificate lacks a path: " + l);
  }

  private static String text(HashTree.Lookup l) {
    return new String(found(l), StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return HashToG1.ascii(s);
  }
}
