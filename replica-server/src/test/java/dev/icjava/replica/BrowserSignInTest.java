package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.icjava.callerauth.Principal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample frontend (samples/frontend) in headless Chromium against this replica with the
 * Internet Identity stand-in: {@code samples/frontend/test/browser-sign-in.test.mjs}, run with
 * Node's test runner, drives Debian's Chromium ({@code /usr/bin/chromium}, installed by {@code
 * .ci/run}) with puppeteer-core; the whoami and profiles samples are installed here with {@code
 * frontend_origins} the Vite dev server's origin ({@code http://localhost:<port>}). Screenshots of
 * each step go to {@code target/browser-screenshots/}. {@code test/tampering.test.mjs} then changes
 * one byte of the delegation's and of {@code sender_info}'s canister signature (and of the bundle)
 * and sees the replica refuse each. Skipped (with the reason) where Chromium or
 * the frontend's npm packages are absent.
 */
class BrowserSignInTest {
  static final Path ROOT = RealClientsTest.ROOT;
  static final Path FRONTEND = ROOT.resolve("samples/frontend");
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @Test
  void shouldSignInWithTheGuidesFrontendInChromium() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
    assumeTrue(Files.isDirectory(FRONTEND.resolve("node_modules/puppeteer-core")),
        "samples/frontend has no node_modules (npm ci in samples/frontend)");
    int vitePort = freePort();
    String appOrigin = "http://localhost:" + vitePort;
    HttpReplica replica = new HttpReplica(LocalNetwork.inMemory(true, new SecureRandom()).state(), 0);
    String backend = Principal.fromBytes(replica.install("whoami", Files.readAllBytes(ROOT.resolve("samples/target/whoami.wasm")),
        Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai", "frontend_origins", appOrigin))).toText();
    String profiles = Principal.fromBytes(replica.install("profiles", Files.readAllBytes(ROOT.resolve("samples/target/profiles.wasm")),
        Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai", "frontend_origins", appOrigin))).toText();
    try (ReplicaHttpServer server = new ReplicaHttpServer(replica, new InetSocketAddress("127.0.0.1", 0), true,
        new GatewayRouter(List.of("localhost"), null, true))) {
      long start = System.nanoTime();
      RealClientsTest.Run r = RealClientsTest.run(FRONTEND, Map.of(
              "REPLICA_URL", server.url(),
              "IC_ROOT_KEY", HexFormat.of().formatHex(replica.rootKeyDer()),
              "BACKEND_ID", backend,
              "PROFILES_ID", profiles,
              "II_URL", "http://id.ai.localhost:" + server.port(),
              "VITE_PORT", Integer.toString(vitePort),
              "SCREENSHOTS", ROOT.resolve("replica-server/target/browser-screenshots").toString(),
              "WHOAMI_DID", ROOT.resolve("samples/target/whoami.did").toString(),
              "PROFILES_DID", ROOT.resolve("samples/target/profiles.did").toString()),
          "node", "--test", "--test-concurrency=1", "--test-reporter=spec", "test/browser-sign-in.test.mjs",
          "test/tampering.test.mjs");
      System.out.println(r.out());
      System.out.printf("browser tests: %.1f s%n", (System.nanoTime() - start) / 1e9);
      assertEquals(0, r.exit(), "the browser tests failed:\n" + r.out());
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
