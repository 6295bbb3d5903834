package dev.icjava.replica;

import dev.icjava.callerauth.Principal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks a request as the IC's HTTP handler does before anything runs (https-interface.md,
 * "Authentication"; dfinity/ic {@code rs/validator/src/ingress_validation.rs}): the ingress expiry
 * window, the nonce's size, the sender against {@code sender_pubkey} (self-authenticating id) or
 * the anonymous principal without any signature field, the delegation chain (at most 20, each
 * unexpired, no key twice, at most 1,000 targets each, each signed by the key before it, targets
 * intersected, {@code permissions}), and the signature of {@code "\x0Aic-request" · request id}.
 */
final class Authenticator {
  /** MAX_INGRESS_TTL (5 minutes) + PERMITTED_DRIFT_AT_VALIDATOR (30 s), as ic_limits sets them. */
  static final long MAX_EXPIRY_AHEAD_NANOS = (5 * 60 + 30) * 1_000_000_000L;

  static final int MAX_DELEGATIONS = 20;
  static final int MAX_TARGETS = 1_000;
  static final int MAX_NONCE_BYTES = 32;

  private static final byte[] REQUEST_DOMAIN = HashTree.domainSep("ic-request");
  private static final byte[] DELEGATION_DOMAIN = HashTree.domainSep("ic-request-auth-delegation");

  private Authenticator() {}

  /** The kind of endpoint a request came to. */
  enum Kind {
    CALL("call"),
    QUERY("query"),
    READ_STATE("read_state");

    final String requestType;

    Kind(String requestType) {
      this.requestType = requestType;
    }
  }

  /**
   * An authenticated request: its id, sender, the canisters its delegations allow (null: all), and
   * whether a delegation limits it to queries and read_state.
   */
  record Authenticated(byte[] requestId, byte[] sender, Set<String> targets, boolean queriesOnly) {
    boolean allows(byte[] canisterId) {
      return targets == null || targets.contains(HexFormat.of().formatHex(canisterId));
    }

    boolean isAnonymous() {
      return Arrays.equals(sender, ANONYMOUS);
    }
  }

  static final byte[] ANONYMOUS = {0x04};

  static Authenticated check(Envelope e, Kind kind, long nowNanos, byte[] rootKeyDer) throws Refusal {
    if (!kind.requestType.equals(e.requestType())) {
      throw Refusal.badRequest(
          "request_type '" + e.requestType() + "' sent to the " + kind.requestType + " endpoint");
    }
    byte[] requestId;
    try {
      requestId = RequestIds.hashOfMap(e.content());
    } catch (Cbor.MalformedException ex) {
      throw Refusal.badRequest("content: " + ex.getMessage());
    }
    String rid = "0x" + HexFormat.of().formatHex(requestId);
    boolean anonymous = Arrays.equals(e.sender(), ANONYMOUS);
    // ic: queries and read_state of the anonymous sender may carry any expiry
    if (!(anonymous && kind != Kind.CALL)) {
      checkExpiry(e.ingressExpiry(), nowNanos);
    }
    if (e.nonce() != null && e.nonce().length > MAX_NONCE_BYTES) {
      throw Refusal.badRequest(
          "Nonce in request is too big: got " + e.nonce().length + " bytes, but at most 32 are allowed.");
    }
    if (anonymous) {
      if (e.senderPubkey() != null || e.senderSig() != null || !e.delegations().isEmpty()) {
        throw Refusal.badRequest(
            "Failed to authenticate request " + rid + ": Signature is not allowed for the anonymous user.");
      }
      return new Authenticated(requestId, e.sender(), null, false);
    }
    if (e.senderPubkey() == null || e.senderSig() == null) {
      throw Refusal.badRequest(
          "Failed to authenticate request " + rid + ": Missing signature from user: " + text(e.sender()));
    }
    if (!Arrays.equals(Principal.selfAuthenticating(e.senderPubkey()).bytes(), e.sender())) {
      throw Refusal.badRequest(
          "Failed to authenticate request " + rid + ": The user id '" + text(e.sender())
              + "' does not match the public key '" + HexFormat.of().formatHex(e.senderPubkey()) + "'");
    }
    List<Envelope.SignedDelegation> chain = e.delegations();
    if (chain.size() > MAX_DELEGATIONS) {
      throw Refusal.badRequest(
          "Failed to authenticate request " + rid + ": Invalid delegation: Chain of delegations is too long: got "
              + chain.size() + " delegations, but at most 20 are allowed.");
    }
    for (Envelope.SignedDelegation d : chain) {
      if (d.expiration().compareTo(BigInteger.valueOf(nowNanos)) < 0) {
        throw Refusal.badRequest(
            "Failed to authenticate request " + rid + ": Invalid delegation expiry: Specified sender delegation has expired: "
                + "provided expiry " + d.expiration() + ", local replica time " + nowNanos);
      }
    }
    Set<String> seen = new HashSet<>();
    seen.add(HexFormat.of().formatHex(e.senderPubkey()));
    for (Envelope.SignedDelegation d : chain) {
      if (!seen.add(HexFormat.of().formatHex(d.pubkey()))) {
        throw Refusal.badRequest(
            "Failed to authenticate request " + rid + ": Invalid delegation: Chain of delegations contains at least one cycle: "
                + "first repeating public key encountered " + HexFormat.of().formatHex(d.pubkey()));
      }
      if (d.targets() != null && d.targets().size() > MAX_TARGETS) {
        throw Refusal.badRequest(
            "Failed to authenticate request " + rid + ": Invalid delegation: Delegation target error: expected at most 1000 "
                + "targets per delegation, but got " + d.targets().size());
      }
    }
    Set<String> targets = null;
    boolean queriesOnly = false;
    byte[] key = e.senderPubkey();
    for (Envelope.SignedDelegation d : chain) {
      byte[] hash;
      try {
        hash = RequestIds.hashOfMap(d.delegation());
      } catch (Cbor.MalformedException ex) {
        throw Refusal.badRequest("delegation: " + ex.getMessage());
      }
      try {
        PublicKeys.verify(key, concat(DELEGATION_DOMAIN, hash), d.signature(), rootKeyDer);
      } catch (SignatureException ex) {
        throw Refusal.badRequest("Failed to authenticate request " + rid + ": Invalid delegation: " + ex.getMessage());
      }
      if (d.permissions() != null) {
        if (d.permissions().equals("queries")) {
          queriesOnly = true;
        } else if (!d.permissions().equals("all")) {
          throw Refusal.badRequest(
              "Failed to authenticate request " + rid + ": Invalid delegation: unknown permissions '" + d.permissions() + "'");
        }
      }
      if (d.targets() != null) {
        Set<String> these = new HashSet<>();
        for (byte[] t : d.targets()) {
          these.add(HexFormat.of().formatHex(t));
        }
        if (targets == null) {
          targets = these;
        } else {
          targets.retainAll(these);
        }
      }
      key = d.pubkey();
    }
    try {
      PublicKeys.verify(key, concat(REQUEST_DOMAIN, requestId), e.senderSig(), rootKeyDer);
    } catch (SignatureException ex) {
      throw Refusal.badRequest("Failed to authenticate request " + rid + ": Invalid signature: " + ex.getMessage());
    }
    if (queriesOnly && kind == Kind.CALL) {
      throw Refusal.badRequest(
          "Failed to authenticate request " + rid + ": a delegation in the chain permits only queries and read_state");
    }
    return new Authenticated(requestId, e.sender(), targets, queriesOnly);
  }

  static void checkExpiry(BigInteger expiry, long nowNanos) throws Refusal {
    BigInteger min = BigInteger.valueOf(nowNanos);
    BigInteger max = min.add(BigInteger.valueOf(MAX_EXPIRY_AHEAD_NANOS));
    if (expiry.compareTo(min) < 0 || expiry.compareTo(max) > 0) {
      throw Refusal.badRequest(
          "Invalid request expiry: Specified ingress_expiry not within expected range: Minimum allowed expiry: "
              + min + ", Maximum allowed expiry: " + max + ", Provided expiry: " + expiry);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static String text(byte[] principal) {
    return Principal.fromBytes(principal).toText();
  }

  static List<byte[]> list(byte[]... items) {
    return new ArrayList<>(List.of(items));
  }
}
