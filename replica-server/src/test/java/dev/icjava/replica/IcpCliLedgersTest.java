package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The ledgers in Java as icp-cli 1.5.0 (Rust ic-agent: query signatures and certificates checked)
 * sees them through the launcher's network: the anonymous principal's pre-funding, {@code icp
 * cycles transfer} and {@code icp token transfer} from it to a new secp256k1 identity, and that
 * identity's balances and own transfer, with icp-cli's own formatting of what the ledgers answer.
 */
class IcpCliLedgersTest {
  @TempDir
  static Path work;

  static NetworkLauncher launcher;
  static String url;
  static String key;
  static String principal;

  @BeforeAll
  static void start() throws Exception {
    launcher = NetworkLauncher.start(LauncherArguments.parse(
        new String[] {"--status-dir", work.resolve("status").toString(), "--state-dir", work.resolve("state").toString()},
        Map.of()));
    url = "http://127.0.0.1:" + launcher.port();
    key = HexFormat.of().formatHex(launcher.replica.rootKeyDer());
    icp("identity", "new", "x", "--storage", "plaintext");
    principal = icp("identity", "principal", "--identity", "x").strip();
  }

  @AfterAll
  static void stop() {
    launcher.stop();
  }

  static String icp(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(RealClientsTest.ICP.toString()));
    command.addAll(List.of(args));
    if (args[0].equals("cycles") || args[0].equals("token")) {
      command.addAll(List.of("-n", url, "-k", key));
    }
    Path home = work.resolve("home");
    Files.createDirectories(home);
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("DO_NOT_TRACK", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError("icp " + String.join(" ", args) + " failed:\n" + out);
    }
    return out;
  }

  @Test
  void shouldSeedAndMoveCyclesAndIcpAsIcpCliDoes() throws Exception {
    assertEquals("Balance: 170_141_183_460_469_231_731_687_303_715_884_105_727 cycles",
        icp("cycles", "balance", "--identity", "anonymous").strip());
    assertEquals("Balance: 1000000000.00000000 ICP", icp("token", "balance", "--identity", "anonymous").strip());
    assertEquals("Transferred 3_000_000_000_000 cycles to " + principal + " in block 1",
        icp("cycles", "transfer", "3T", principal, "--identity", "anonymous").strip());
    assertEquals("Transferred 2.50000000 ICP to " + principal + " in block 1",
        icp("token", "transfer", "2.5", principal, "--identity", "anonymous").strip());
    assertEquals("Balance: 3_000_000_000_000 cycles", icp("cycles", "balance", "--identity", "x").strip());
    assertEquals("Balance: 2.50000000 ICP", icp("token", "balance", "--identity", "x").strip());
    // the identity's own transfer to itself: the fee (100M cycles) is what it loses
    icp("cycles", "transfer", "1b", principal, "--identity", "x");
    assertEquals("Balance: 2_999_900_000_000 cycles", icp("cycles", "balance", "--identity", "x").strip());
  }
}
