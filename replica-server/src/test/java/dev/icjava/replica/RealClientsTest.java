package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample served over HTTP and called by the clients users run, with their checks on: {@code
 * @icp-sdk/core} 6.1.0 (tools/node/replica-agent.test.mjs, run with Node's test runner) and icp-cli
 * 1.5.0 (the guide's {@code icp canister call} commands, in a copy of samples/icp.yaml's {@code
 * replica} environment pointed at this server).
 */
class RealClientsTest {
  static final Path ROOT = Path.of(System.getProperty("icjava.root", "..")).toAbsolutePath().normalize();
  static final Path NODE_DIR = ROOT.resolve("tools/node");
  static final Path ICP = NODE_DIR.resolve("node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp");

  static ReplicaHttpServer server;
  static String whoami;

  @BeforeAll
  static void serve() throws Exception {
    HttpReplica replica = new HttpReplica(new SecureRandom());
    byte[] id = replica.install(
        "whoami",
        Files.readAllBytes(ROOT.resolve("samples/target/whoami.wasm")),
        Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai"));
    whoami = Principal.fromBytes(id).toText();
    server = new ReplicaHttpServer(replica, 0, true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Run(int exit, String out) {}

  static Run run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().write("y\n".getBytes(StandardCharsets.US_ASCII)); // icp-cli: "send this message? [y/N]"
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Run agentTests(String which) throws Exception {
    Run r = run(
        NODE_DIR,
        Map.of(
            "REPLICA_URL", server.url(),
            "REPLICA_ROOT_KEY", HexFormat.of().formatHex(server.replica().rootKeyDer()),
            "WHOAMI", whoami,
            "WHOAMI_DID", ROOT.resolve("samples/target/whoami.did").toString(),
            "REPLICA_TESTS", which),
        "node", "--test", "--test-reporter=spec", "replica-agent.test.mjs");
    System.out.println(r.out());
    return r;
  }

  @Test
  void shouldServeIcpSdkCoreAgents() throws Exception {
    Run r = agentTests("clients");
    assertEquals(0, r.exit(), "the @icp-sdk/core tests failed:\n" + r.out());
    assertTrue(r.out().contains("pass 10"), r.out());
  }

  @Test
  void shouldServeTheGuidesAnonymousFlow() throws Exception {
    Run r = agentTests("issue14");
    assertEquals(
        0,
        r.exit(),
        "the guide's flow (anonymous registerBegin returning a 32-byte nonce, then registerFinish with "
            + "AttributesIdentity) failed:\n" + r.out());
  }

  /**
   * The integration guide's commands as it writes them ({@code icp canister call backend whoAmI},
   * then {@code ... protectedAction --identity anonymous}: "Expected: Error containing 'Anonymous
   * principal not allowed'"), in a copy of samples/icp.yaml as it is (its network "local" is this
   * replica; the canister is called "backend"), answering icp-cli's confirmation with y; then as a
   * new secp256k1 identity.
   */
  @Test
  void shouldRunTheGuidesIcpCliCommands(@TempDir Path project) throws Exception {
    String yaml = Files.readString(ROOT.resolve("samples/icp.yaml")).replace("http://127.0.0.1:4943", server.url());
    Files.writeString(project.resolve("icp.yaml"), yaml);
    Path ids = project.resolve(".icp/data/mappings/local.ids.json"); // what -Preplica writes
    Files.createDirectories(ids.getParent());
    Files.writeString(ids, "{\"backend\": \"" + whoami + "\"}");
    Path home = Files.createDirectories(project.resolve("home"));
    Map<String, String> env = Map.of("HOME", home.toString(), "DO_NOT_TRACK", "1");
    List<String> transcript = new ArrayList<>();
    Run anonymous = icp(project, env, transcript, "canister", "call", "backend", "whoAmI");
    assertEquals(0, anonymous.exit(), anonymous.out());
    assertTrue(anonymous.out().contains("(\"anonymous\")"), anonymous.out());
    Run refused = icp(project, env, transcript, "canister", "call", "backend", "protectedAction", "--identity", "anonymous");
    assertNotEquals(0, refused.exit(), refused.out());
    assertTrue(refused.out().contains("Anonymous principal not allowed"), refused.out());
    assertEquals(0, icp(project, env, transcript, "identity", "new", "alice", "--storage", "plaintext").exit());
    String alice = icp(project, env, transcript, "identity", "principal", "--identity", "alice").out().strip();
    alice = alice.substring(alice.lastIndexOf('\n') + 1);
    Run who = icp(project, env, transcript, "canister", "call", "backend", "whoAmI", "--identity", "alice");
    assertTrue(who.out().contains("(\"" + alice + "\")"), who.out());
    Run action = icp(project, env, transcript, "canister", "call", "backend", "protectedAction", "--identity", "alice");
    assertEquals(0, action.exit(), action.out());
    assertTrue(action.out().contains("Action performed by " + alice), action.out());
    Run query = icp(project, env, transcript, "canister", "call", "backend", "whoAmI", "--query", "--identity", "alice");
    assertTrue(query.out().contains("(\"" + alice + "\")"), query.out());
    Run begin = icp(project, env, transcript, "canister", "call", "backend", "registerBegin");
    assertEquals(0, begin.exit(), begin.out());
    assertEquals(32, begin.out().split("\\\\", -1).length - 1, "a 32-byte blob: " + begin.out());
    System.out.println(String.join("\n", transcript));
  }

  private static Run icp(Path project, Map<String, String> env, List<String> transcript, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ICP.toString());
    command.addAll(List.of(args));
    Run r = run(project, env, command.toArray(String[]::new));
    transcript.add("$ icp " + String.join(" ", args) + "\n" + r.out().strip());
    return r;
  }
}
