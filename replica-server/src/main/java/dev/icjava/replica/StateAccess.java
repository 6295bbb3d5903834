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
 * requests to the same effective canister (one request id per request), and the module hash,
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
          if (path.size() < 2 || path.size() > 3) {
            throw Refusal.badRequest("a request status path is /request_status/<request id>[/<field>]");
          }
          if (requestId != null && !Arrays.equals(requestId, path.get(1))) {
            throw Refusal.badRequest("all paths with prefix /request_status must refer to the same request id");
          }
          requestId = path.get(1);
          RequestStatus s = r.statuses.get(HexFormat.of().formatHex(requestId));
          if (s != null) {
            if (!Arrays.equals(s.sender(), a.sender())) {
              throw Refusal.status(403, "Request IDs must be for requests signed by the caller.");
            }
            if (subnetScope || !Arrays.equals(s.effectiveCanisterId(), effective)) {
              throw Refusal.status(403, "The request was sent to another effective canister id.");
            }
          }
          break;
        case "canister":
          canister(r, path, a, effective, subnetScope);
          break;
        default:
          throw Refusal.status(404, "Invalid path requested: /" + head);
      }
    }
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
        ServedCanister c = r.canisters.get(HttpReplica.hex(path.get(1)));
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
