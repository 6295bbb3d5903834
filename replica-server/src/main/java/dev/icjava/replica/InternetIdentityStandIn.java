package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.icjava.callerauth.Principal;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A stand-in for Internet Identity's signing, for local tests only: it signs as the canister {@code
 * rdmx6-jaaaa-aaaaa-aaadq-cai} with canister signatures certified by this replica's root key (which
 * only this replica trusts), the two things a frontend obtains from II: a delegation from the user's
 * canister-signature key to a session key (domain {@code "\x1Aic-request-auth-delegation"}), and an
 * identity-attribute bundle for {@code sender_info} (domain {@code "\x0Eic-sender-info"}), both
 * under the same seed, as II does (IC-NOTES, "What Internet Identity signs"). It does not
 * authenticate anyone and is off unless the server is started with {@code --ii-stand-in}.
 *
 * <p>JSON over HTTP, hex-encoded bytes: {@code POST /_icjava/ii-stand-in/delegation} with {@code
 * {"seed", "session_pubkey", "expiration"}} answers {@code {"user_pubkey", "signature"}}; {@code
 * POST /_icjava/ii-stand-in/attributes} with {@code {"seed", "info"}} answers {@code {"signer",
 * "signature"}}.
 */
final class InternetIdentityStandIn {
  static final byte[] II = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai").bytes();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final HttpReplica replica;

  InternetIdentityStandIn(HttpReplica replica) {
    this.replica = replica;
  }

  HttpReplica.Response handle(String path, byte[] body) {
    try {
      JsonNode in = JSON.readTree(body);
      byte[] seed = HEX.parseHex(in.path("seed").asText());
      ObjectNode out = JSON.createObjectNode();
      if (path.endsWith("/delegation")) {
        ObjectNode delegation = Cbor.map();
        delegation.put("pubkey", HEX.parseHex(in.path("session_pubkey").asText()));
        delegation.put("expiration", new BigInteger(in.path("expiration").asText()).longValueExact());
        byte[] payload = Authenticator.concat(HashTree.domainSep("ic-request-auth-delegation"), RequestIds.hashOfMap(delegation));
        out.put("user_pubkey", HEX.formatHex(PublicKeys.canisterKeyDer(II, seed)));
        out.put("signature", HEX.formatHex(sign(seed, payload)));
      } else if (path.endsWith("/attributes")) {
        byte[] payload = Authenticator.concat(HashTree.domainSep("ic-sender-info"), HEX.parseHex(in.path("info").asText()));
        out.put("signer", HEX.formatHex(II));
        out.put("signature", HEX.formatHex(sign(seed, payload)));
      } else {
        return HttpReplica.Response.text(404, "Not found: " + path);
      }
      return new HttpReplica.Response(200, "application/json", JSON.writeValueAsBytes(out));
    } catch (IOException | RuntimeException | Cbor.MalformedException e) {
      return HttpReplica.Response.text(400, "II stand-in: " + e.getMessage());
    }
  }

  private byte[] sign(byte[] seed, byte[] payload) {
    return CanisterSignatures.mint(II, seed, payload, replica.rootKey.secret(), replica.now());
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
