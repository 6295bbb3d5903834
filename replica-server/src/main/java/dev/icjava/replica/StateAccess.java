package dev.icjava.replica;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Which paths a {@code read_state} request may ask for (https-interface.md, "Request: Read state"):
 * the time, subnet information, canister ranges (subnet endpoint), the status of the sender's own
 * requests to the same effective canister and to a canister among its delegation targets (one
 * request id per request), and the module hash,
 * controllers, timestamps and metadata of the effective canister (private metadata for its
 * controllers only). Anything else is refused.
 */
final class StateAccess {
  private StateAccess() {}

  static void check(
      ReplicaState r,
      List<List<byte[]>> paths,
      Authenticator.Authenticated a,
      byte[] effective,
      boolean subnetScope,
      String version)
      throws Refusal {
    byte[] requestId = null;
    for (List<byte[]> path : paths) {
      if (path.isEmpty()) {
        throw Refusal.badRequest("an empty path cannot be requested");
      }
      String head = new String(path.get(0), StandardCharsets.ISO_8859_1);
      switch (head) {
        case "time", "api_boundary_nodes":
          break;
        case "subnet":
          if (path.size() >= 3 && label(path.get(2)).equals("metrics") && !(subnetScope && Arrays.equals(path.get(1), effective))) {
            throw Refusal.badRequest("/subnet/<id>/metrics can only be read at that subnet's read_state endpoint");
          }
          break;
        case "canister_ranges":
          if (!subnetScope) {
            throw Refusal.badRequest("/canister_ranges can only be read at /api/v3/subnet/<id>/read_state");
          }
          break;
        case "request_status":
          requestId = requestStatus(r, path, a, effective, subnetScope, requestId);
          break;
        case "canister":
          canister(r, path, a, effective, subnetScope);
          break;
        default:
          throw Refusal.status(404, "Invalid path requested: /" + head);
      }
    }
  }

  /** The third labels {@code /request_status/<id>/} may have (verify_paths). */
  private static final java.util.Set<String> REQUEST_STATUS_FIELDS =
      java.util.Set.of("status", "reply", "reject_code", "reject_message", "error_code");

  /**
   * A {@code /request_status/<id>[/<field>]} path, as dfinity/ic's {@code verify_paths} checks it
   * ({@code rs/http_endpoints/public/src/read_state/canister.rs} at e4ee9c5ff402bb33071425eaa38996e2daa155f2),
   * with the IC's status codes and messages: any other shape or field is 404; the id must be 32
   * bytes and the same in every such path (400); a known request must have been signed by the
   * sender (403) and sent to a canister among the sender's delegation targets (403: a session key
   * delegated only to canister X reads no reply of a call to canister Y); and, as the interface
   * spec adds, to this effective canister id (403). Returns the request id.
   */
  private static byte[] requestStatus(
      ReplicaState r, List<byte[]> path, Authenticator.Authenticated a, byte[] effective, boolean subnetScope, byte[] previousId)
      throws Refusal {
    if (path.size() < 2 || path.size() > 3 || (path.size() == 3 && !REQUEST_STATUS_FIELDS.contains(label(path.get(2))))) {
      throw Refusal.status(404, "Invalid path requested.");
    }
    byte[] requestId = path.get(1);
    if (requestId.length != 32) {
      throw Refusal.badRequest("Invalid request id in paths. Maybe the request ID is not of 32 bytes in length?!");
    }
    if (previousId != null && !Arrays.equals(previousId, requestId)) {
      throw Refusal.badRequest(
          "More than one non-unique request ID exists in request_status paths: 0x" + HttpReplica.hex(previousId) + " and 0x"
              + HttpReplica.hex(requestId) + ".");
    }
    RequestStatus s = r.statuses.get(HexFormat.of().formatHex(requestId));
    if (s != null) {
      if (!Arrays.equals(s.sender(), a.sender())) {
        throw Refusal.status(403, "The user tries to access Request ID not signed by the caller.");
      }
      // The receiver of a call is its effective canister (checkTarget refuses any other).
      if (!a.allows(s.effectiveCanisterId())) {
        throw Refusal.status(403, "The user tries to access request IDs for canisters not belonging to sender delegation targets.");
      }
      if (subnetScope || !Arrays.equals(s.effectiveCanisterId(), effective)) {
        throw Refusal.status(403, "The request was sent to another effective canister id.");
      }
    }
    return requestId;
  }

  private static void canister(ReplicaState r, List<byte[]> path, Authenticator.Authenticated a, byte[] effective, boolean subnetScope)
      throws Refusal {
    if (path.size() < 3) {
      throw Refusal.badRequest("a canister path is /canister/<id>/<field>");
    }
    if (subnetScope || !Arrays.equals(path.get(1), effective)) {
      throw Refusal.badRequest(
          "Effective principal id in URL " + HttpReplica.text(effective) + " does not match requested canister id: "
              + HttpReplica.hex(path.get(1)));
    }
    String field = label(path.get(2));
    switch (field) {
      case "module_hash", "controllers", "canister_creation_timestamp", "last_install_timestamp":
        if (path.size() != 3) {
          throw Refusal.status(404, "Invalid path requested");
        }
        return;
      case "metadata":
        if (path.size() != 4) {
          throw Refusal.badRequest("a metadata path is /canister/<id>/metadata/<name>");
        }
        String name;
        try {
          name = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(path.get(3))).toString();
        } catch (CharacterCodingException e) {
          throw Refusal.badRequest("a metadata name must be UTF-8");
        }
        ServedCanister c = r.served(path.get(1));
        if (c != null) {
          ServedCanister.Metadata m = c.metadata.get(name);
          if (m != null && !m.isPublic() && !isController(c, a.sender())) {
            throw Refusal.status(403, "Custom section " + name + " can only be requested by the controllers of the canister.");
          }
        }
        return;
      default:
        throw Refusal.status(404, "Invalid path requested: /canister/<id>/" + field);
    }
  }

  private static boolean isController(ServedCanister c, byte[] sender) {
    for (byte[] controller : c.controllers) {
      if (Arrays.equals(controller, sender)) {
        return true;
      }
    }
    return false;
  }

  private static String label(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
