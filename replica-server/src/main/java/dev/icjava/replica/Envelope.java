package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A request body (https-interface.md, "Authentication"): the {@code content} map and the optional
 * {@code sender_pubkey}, {@code sender_sig} and {@code sender_delegation}; each field read with the
 * type the spec gives it, or refused naming the field.
 */
record Envelope(
    JsonNode content,
    String requestType,
    byte[] sender,
    BigInteger ingressExpiry,
    byte[] nonce,
    byte[] senderPubkey,
    byte[] senderSig,
    List<SignedDelegation> delegations) {

  /** One {@code sender_delegation} entry. */
  record SignedDelegation(
      JsonNode delegation, byte[] pubkey, BigInteger expiration, List<byte[]> targets, String permissions, byte[] signature) {}

  private static final Set<String> ENVELOPE_FIELDS = Set.of("content", "sender_pubkey", "sender_sig", "sender_delegation");

  static Envelope parse(byte[] body) throws Refusal {
    JsonNode root;
    try {
      root = Cbor.decode(body);
    } catch (Cbor.MalformedException e) {
      throw Refusal.badRequest("Could not parse body as read request: " + e.getMessage());
    }
    if (!root.isObject()) {
      throw Refusal.badRequest("the request body must be a CBOR map (the envelope)");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ENVELOPE_FIELDS.contains(f)) {
        throw Refusal.badRequest("unknown envelope field '" + f + "'");
      }
    }
    JsonNode content = root.get("content");
    if (content == null || !content.isObject()) {
      throw Refusal.badRequest("the envelope has no content map");
    }
    String type = text(content, "request_type", true);
    byte[] sender = blob(content, "sender", true);
    if (sender.length > 29) {
      throw Refusal.badRequest("sender: a principal has at most 29 bytes, not " + sender.length);
    }
    BigInteger expiry = nat(content, "ingress_expiry");
    byte[] nonce = blob(content, "nonce", false);
    List<SignedDelegation> delegations = new ArrayList<>();
    JsonNode d = root.get("sender_delegation");
    if (d != null) {
      if (!d.isArray()) {
        throw Refusal.badRequest("sender_delegation must be an array");
      }
      for (JsonNode sd : d) {
        delegations.add(delegation(sd));
      }
    }
    return new Envelope(
        content, type, sender, expiry, nonce, blob(root, "sender_pubkey", false), blob(root, "sender_sig", false), delegations);
  }

  private static SignedDelegation delegation(JsonNode sd) throws Refusal {
    JsonNode del = sd.isObject() ? sd.get("delegation") : null;
    if (del == null || !del.isObject()) {
      throw Refusal.badRequest("a sender_delegation entry is a map with a delegation map and a signature");
    }
    List<byte[]> targets = null;
    JsonNode t = del.get("targets");
    if (t != null) {
      if (!t.isArray()) {
        throw Refusal.badRequest("delegation targets must be an array of canister ids");
      }
      targets = new ArrayList<>();
      for (JsonNode id : t) {
        if (!id.isBinary()) {
          throw Refusal.badRequest("delegation targets must be an array of canister ids");
        }
        targets.add(bytes(id));
      }
    }
    return new SignedDelegation(
        del,
        blob(del, "pubkey", true),
        nat(del, "expiration"),
        targets,
        text(del, "permissions", false),
        blob(sd, "signature", true));
  }

  static String text(JsonNode m, String field, boolean required) throws Refusal {
    JsonNode v = m.get(field);
    if (v == null) {
      if (required) {
        throw Refusal.badRequest("missing field '" + field + "'");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw Refusal.badRequest("field '" + field + "' must be text");
    }
    return v.textValue();
  }

  static byte[] blob(JsonNode m, String field, boolean required) throws Refusal {
    JsonNode v = m.get(field);
    if (v == null) {
      if (required) {
        throw Refusal.badRequest("missing field '" + field + "'");
      }
      return null;
    }
    if (!v.isBinary()) {
      throw Refusal.badRequest("field '" + field + "' must be a byte string");
    }
    return bytes(v);
  }

  static BigInteger nat(JsonNode m, String field) throws Refusal {
    JsonNode v = m.get(field);
    if (v == null) {
      throw Refusal.badRequest("missing field '" + field + "'");
    }
    if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0) {
      throw Refusal.badRequest("field '" + field + "' must be a natural number");
    }
    return v.bigIntegerValue();
  }

  static byte[] bytes(JsonNode v) throws Refusal {
    try {
      return HashTree.bytes(v);
    } catch (Cbor.MalformedException e) {
      throw Refusal.badRequest(e.getMessage());
    }
  }
}
