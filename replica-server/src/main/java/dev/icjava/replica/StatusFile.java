package dev.icjava.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code <status-dir>/status.json}, the launcher's signal that the network is ready (dfinity/icp-cli-
 * network-launcher {@code SPEC.md}, "Status file"; read by icp-cli's {@code launcher.rs}, {@code
 * LauncherStatus}): one JSON object on one line, ending in {@code \n}, which icp-cli waits for
 * before parsing. Written to a temporary file in the same directory and renamed, so a reader never
 * sees half of it; written only once the replica answers.
 *
 * <pre>
 * {"v":"1","instance_id":0,"config_port":null,"gateway_port":8000,"root_key":"308182...",
 *  "default_effective_canister_id":"bnz7o-iuaaa-aaaaa-qaaaa-cai","supported_features":["custom-domains"]}
 * </pre>
 *
 * <p>{@code instance_id} and {@code config_port} are PocketIC's (there is no PocketIC here: 0 and
 * null; icp-cli only stores them). {@code supported_features: ["custom-domains"]} tells icp-cli to
 * write {@code custom-domains.txt} beside this file. At exit the launcher empties and removes the
 * status directory, as the launcher's {@code remove_status_dir} does, so that automated setups see
 * the network stop.
 */
final class StatusFile {
  static final String NAME = "status.json";

  private StatusFile() {}

  /** The file's one line, with its newline. */
  static String content(int gatewayPort, byte[] rootKeyDer, String defaultEffectiveCanisterId, List<String> features) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode o = json.createObjectNode();
    o.put("v", "1");
    o.put("instance_id", 0);
    o.putNull("config_port");
    o.put("gateway_port", gatewayPort);
    o.put("root_key", HexFormat.of().formatHex(rootKeyDer));
    o.put("default_effective_canister_id", defaultEffectiveCanisterId);
    ArrayNode f = o.putArray("supported_features");
    features.forEach(f::add);
    try {
      return json.writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code content} as {@code <dir>/status.json}: a temporary file, then a rename. */
  static void write(Path dir, String content) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".status.json.", ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Empties the status directory (its files: status.json, icp-cli's custom-domains.txt) and removes
   * it; a subdirectory, which neither icp-cli nor the launcher puts there, is left with the
   * directory. Errors are reported on stderr: the network is stopping anyway.
   */
  static void remove(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      System.err.println("launcher: could not remove the status directory " + dir + ": " + e.getMessage());
    }
  }
}
