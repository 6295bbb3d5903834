package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.reference.MotokoBuild;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integration guide's local workflow with icp-cli 1.5.0 on this project's launcher, in a fresh
 * project outside the repository (its own HOME, an identity made for it): {@code icp network
 * start -d}, {@code icp deploy} of the Java sample (pre-built) and of the Motoko peer ({@code
 * bench/peer-motoko/WhoAmI.mo}, built by npm {@code motoko}), {@code icp canister call} of each as
 * the identity and anonymously, a second {@code icp deploy} after a code change (an upgrade that
 * keeps stable memory: the nonce minted before it stays in the store, and the nonce counter goes
 * on from 1 to 2 rather than starting again), {@code icp canister status}, {@code icp cycles
 * balance}, {@code icp network stop} (the JVM gone within icp-cli's 10 s) and {@code icp network
 * start -d} again, which is a fresh network: icp-cli wipes the state directory and the id mappings
 * at every start (its {@code run.rs} and {@code start.rs}; its guide: "previous state is
 * discarded"), so the canister is deployed anew.
 */
class IcpCliNetworkTest {
  static final Path ICP = RealClientsTest.ICP;

  @TempDir
  Path work;

  record Run(int exit, String out) {}

  Run icp(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ICP.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: icp " + String.join(" ", args));
    }
    return new Run(p.exitValue(), out);
  }

  Run ok(Path dir, Map<String, String> env, String... args) throws Exception {
    Run r = icp(dir, env, args);
    assertEquals(0, r.exit(), "icp " + String.join(" ", args) + ":\n" + r.out());
    return r;
  }

  @Test
  void shouldRunTheGuidesLocalWorkflow() throws Exception {
    Path home = Files.createDirectory(work.resolve("home"));
    Path project = Files.createDirectory(work.resolve("project"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> env = Map.of("HOME", home.toString(), "ICP_HOME", home.resolve(".icp").toString(),
        "DO_NOT_TRACK", "1", "ICP_CLI_NETWORK_LAUNCHER_PATH", LauncherProcess.LAUNCHER.toString());
    Files.copy(LauncherProcess.ROOT.resolve("samples/target/whoami.wasm"), project.resolve("whoami.wasm"));
    MotokoBuild.Built motoko = MotokoBuild.build(LauncherProcess.ROOT.resolve("bench/peer-motoko/WhoAmI.mo"),
        work.resolve("motoko"), "whoami");
    Files.write(project.resolve("motoko.wasm"), motoko.emitted());
    Files.writeString(project.resolve("icp.yaml"), String.join("\n",
        "canisters:",
        "  - name: backend",
        "    build:",
        "      steps:",
        "        - type: pre-built",
        "          path: whoami.wasm",
        "    settings:",
        "      environment_variables:",
        "        trusted_attribute_signers: \"rdmx6-jaaaa-aaaaa-aaadq-cai\"",
        "  - name: motoko",
        "    build:",
        "      steps:",
        "        - type: pre-built",
        "          path: motoko.wasm",
        "    settings:",
        "      environment_variables:",
        "        trusted_attribute_signers: \"rdmx6-jaaaa-aaaaa-aaadq-cai\"",
        "networks:",
        "  - name: local",
        "    mode: managed",
        "    gateway:",
        "      port: " + port,
        ""));
    ok(project, env, "identity", "new", "x", "--storage", "plaintext");
    ok(project, env, "identity", "default", "x");
    String principal = ok(project, env, "identity", "principal").out().strip();

    ok(project, env, "network", "start", "-d");
    Run deploy = ok(project, env, "deploy");
    assertTrue(deploy.out().contains("Created canister backend with ID"), deploy.out());
    // the launcher's network: ids from the application range, Candid UI and the proxy first
    String status = ok(project, env, "network", "status", "--json").out();
    assertTrue(status.contains("\"candid_ui_principal\": \"bnz7o-iuaaa-aaaaa-qaaaa-cai\""), status);
    for (String canister : List.of("backend", "motoko")) {
      assertTrue(ok(project, env, "canister", "call", canister, "whoAmI", "()").out().contains(principal), canister);
      Run anonymous = icp(project, env, "canister", "call", canister, "protectedAction", "()", "--identity", "anonymous");
      assertTrue(anonymous.exit() != 0 && anonymous.out().contains("Anonymous principal not allowed"), anonymous.out());
    }
    String first = ok(project, env, "canister", "call", "backend", "registerBegin", "()").out();
    // the sample's nonce: an 8-byte little-endian counter first (samples' SeededNonceStore)
    assertTrue(first.contains("blob \"\\01\\00\\00\\00\\00\\00\\00"), first);

    // a code change: the same code with one more custom section, so another module hash: an upgrade
    byte[] wasm = Files.readAllBytes(project.resolve("whoami.wasm"));
    byte[] section = {0, 6, 5, 'n', 'o', 't', 'e', 's'};
    byte[] changed = new byte[wasm.length + section.length];
    System.arraycopy(wasm, 0, changed, 0, wasm.length);
    System.arraycopy(section, 0, changed, wasm.length, section.length);
    Files.write(project.resolve("whoami.wasm"), changed);
    ok(project, env, "deploy", "backend", "-y");
    String second = ok(project, env, "canister", "call", "backend", "registerBegin", "()").out();
    assertTrue(!first.equals(second), "a fresh nonce after the upgrade: " + first + " / " + second);
    assertTrue(second.contains("blob \"\\02\\00\\00\\00\\00\\00\\00"), "the counter went on: " + second);
    assertTrue(ok(project, env, "canister", "status", "backend").out().contains("Running"), "status");
    ok(project, env, "cycles", "balance");

    long t0 = System.nanoTime();
    ok(project, env, "network", "stop");
    assertTrue((System.nanoTime() - t0) / 1e9 < 10, "icp network stop within 10 s");
    assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("")
        .contains("dev.icjava.replica.NetworkLauncher") && p.info().commandLine().orElse("").contains(project.toString())),
        "the launcher's JVM is gone");

    ok(project, env, "network", "start", "-d");
    Run again = ok(project, env, "deploy");
    assertTrue(again.out().contains("Created canister backend with ID"), "a fresh network: created anew\n" + again.out());
    assertTrue(ok(project, env, "canister", "call", "backend", "whoAmI", "()").out().contains(principal));
    ok(project, env, "network", "stop");
  }
}
