package dev.icjava.replica;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves canisters over the IC's HTTP interface until interrupted; {@code mvn -q -B -DskipTests
 * -Preplica verify} runs it on the samples. Arguments: {@code --port=<n>} (0: a free one), {@code
 * --canister=<name>=<module.wasm>} (repeatable, installed in that order), {@code
 * --env=<name>:<variable>=<value>} (a canister environment variable), {@code --icp-ids=<file>}
 * (where icp-cli looks up the canister ids of an environment), {@code --icp-alias=<alias>=<name>}
 * (one more name for a canister in that file: the integration guide calls its canister
 * {@code backend}), {@code --ii-stand-in}. Once
 * ready it prints one line: {@code replica http://127.0.0.1:<port> root_key <hex of the DER key>}
 * then {@code <name> <canister id>} per canister.
 */
public final class ReplicaMain {
  private ReplicaMain() {}

  /**
   * Parses the arguments above, installs the canisters, prints the ready lines and serves until
   * interrupted.
   *
   * @param args the arguments above
   * @throws Exception when the replica cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = 0;
    boolean iiStandIn = false;
    Path icpIds = null;
    Map<String, Path> modules = new LinkedHashMap<>();
    Map<String, Map<String, String>> env = new LinkedHashMap<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    for (String a : args) {
      if (a.startsWith("--port=")) {
        port = Integer.parseInt(a.substring("--port=".length()));
      } else if (a.startsWith("--canister=")) {
        String[] kv = a.substring("--canister=".length()).split("=", 2);
        modules.put(kv[0], Path.of(kv[1]));
      } else if (a.startsWith("--env=")) {
        String spec = a.substring("--env=".length());
        int colon = spec.indexOf(':');
        String[] kv = spec.substring(colon + 1).split("=", 2);
        env.computeIfAbsent(spec.substring(0, colon), k -> new LinkedHashMap<>()).put(kv[0], kv[1]);
      } else if (a.startsWith("--icp-alias=")) {
        String[] kv = a.substring("--icp-alias=".length()).split("=", 2);
        aliases.put(kv[0], kv[1]);
      } else if (a.startsWith("--icp-ids=")) {
        icpIds = Path.of(a.substring("--icp-ids=".length()));
      } else if (a.equals("--ii-stand-in")) {
        iiStandIn = true;
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    HttpReplica replica = new HttpReplica(new SecureRandom());
    List<String> line = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, String> installed = new LinkedHashMap<>();
    for (Map.Entry<String, Path> m : modules.entrySet()) {
      byte[] id = replica.install(m.getKey(), Files.readAllBytes(m.getValue()), env.getOrDefault(m.getKey(), Map.of()));
      line.add(m.getKey() + " " + HttpReplica.text(id));
      ids.add("\"" + m.getKey() + "\": \"" + HttpReplica.text(id) + "\"");
      installed.put(m.getKey(), HttpReplica.text(id));
    }
    for (Map.Entry<String, String> alias : aliases.entrySet()) {
      String id = installed.get(alias.getValue());
      if (id == null) {
        throw new IllegalArgumentException("--icp-alias names no installed canister: " + alias.getValue());
      }
      ids.add("\"" + alias.getKey() + "\": \"" + id + "\"");
    }
    if (icpIds != null) {
      // icp-cli resolves canister names of an environment from <project>/.icp/data/mappings/<env>.ids.json
      Files.createDirectories(icpIds.getParent());
      Files.writeString(icpIds, "{" + String.join(", ", ids) + "}\n");
    }
    ReplicaHttpServer server = new ReplicaHttpServer(replica, port, iiStandIn);
    System.out.println(
        "replica " + server.url() + " root_key " + HexFormat.of().formatHex(replica.rootKeyDer()) + " " + String.join(" ", line));
    System.out.flush();
    Thread.currentThread().join();
  }
}
