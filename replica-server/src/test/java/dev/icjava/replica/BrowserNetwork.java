package dev.icjava.replica;

import dev.icjava.callerauth.Principal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The local network the sample frontend runs against in a browser: a replica with the Internet
 * Identity stand-in (its canisters, its routes, the gateway serving {@code id.ai.localhost}), the
 * whoami and profiles samples installed with II as the trusted signer and {@code frontend_origins}
 * the Vite dev server's origin ({@code http://localhost:<a free port>}), and the environment the
 * scripts in samples/frontend/test read. Used by {@link BrowserSignInTest} and {@link BrowserDemo}.
 */
final class BrowserNetwork implements AutoCloseable {
  static final Path ROOT = RealClientsTest.ROOT;
  static final Path FRONTEND = ROOT.resolve("samples/frontend");
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final String II = "rdmx6-jaaaa-aaaaa-aaadq-cai";

  final ReplicaHttpServer server;
  final Map<String, String> env;

  BrowserNetwork() throws Exception {
    int vitePort = freePort();
    String appOrigin = "http://localhost:" + vitePort;
    HttpReplica replica = new HttpReplica(LocalNetwork.inMemory(true, new SecureRandom()).state(), 0);
    Map<String, String> canisterEnv = Map.of("trusted_attribute_signers", II, "frontend_origins", appOrigin);
    String backend = install(replica, "whoami", canisterEnv);
    String profiles = install(replica, "profiles", canisterEnv);
    server = new ReplicaHttpServer(replica, new InetSocketAddress("127.0.0.1", 0), true,
        new GatewayRouter(List.of("localhost"), null, true));
    env = Map.of(
        "REPLICA_URL", server.url(),
        "IC_ROOT_KEY", HexFormat.of().formatHex(replica.rootKeyDer()),
        "BACKEND_ID", backend,
        "PROFILES_ID", profiles,
        "II_URL", "http://id.ai.localhost:" + server.port() + "/authorize",
        "VITE_PORT", Integer.toString(vitePort),
        "SCREENSHOTS", ROOT.resolve("replica-server/target/browser-screenshots").toString(),
        "WHOAMI_DID", ROOT.resolve("samples/target/whoami.did").toString(),
        "PROFILES_DID", ROOT.resolve("samples/target/profiles.did").toString());
  }

  /** Why the browser can't run here (no Chromium, no npm packages), or null. */
  static String missing() {
    if (!Files.isExecutable(CHROMIUM)) {
      return "no Chromium at " + CHROMIUM + " (apt-get install chromium)";
    }
    if (!Files.isDirectory(FRONTEND.resolve("node_modules/puppeteer-core"))) {
      return "samples/frontend has no node_modules (npm ci in samples/frontend)";
    }
    return null;
  }

  private static String install(HttpReplica replica, String name, Map<String, String> env) throws Exception {
    byte[] wasm = Files.readAllBytes(ROOT.resolve("samples/target/" + name + ".wasm"));
    return Principal.fromBytes(replica.install(name, wasm, env)).toText();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
