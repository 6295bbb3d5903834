package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.icjava.callerauth.Principal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launcher ({@code target/icp-cli-network-launcher}) run as icp-cli runs it: the
 * arguments icp-cli 1.5.0 sends (research note: byte for byte), the status file, a stop by SIGINT
 * within icp-cli's 10 s, and the state under {@code --state-dir}: a replied update survives SIGINT
 * and {@code kill -9} when the launcher starts again on the same directory (icp-cli itself wipes
 * that directory at every {@code icp network start}; the launcher contract still says the state is
 * "saved to/loaded from" it).
 */
class NetworkLauncherTest {
  @TempDir
  Path work;

  private List<String> icpArgs(Path state, Path status, String... more) {
    List<String> a = new ArrayList<>(List.of("--interface-version", "1.1.0", "--state-dir", state.toString(), "--bind",
        "127.0.0.1", "--status-dir", status.toString(), "--domain=127.0.0.1"));
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void shouldWriteTheStatusFileIcpCliReadsOnceItServes() throws Exception {
    Path status = Files.createDirectory(work.resolve("status"));
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(work.resolve("state"), status)).awaitStatus()) {
      assertTrue(l.statusText.endsWith("}\n") && l.statusText.indexOf('\n') == l.statusText.length() - 1,
          "one line ending in a newline: " + l.statusText);
      JsonNode s = l.status;
      assertEquals("1", s.get("v").asText());
      assertEquals(0, s.get("instance_id").asInt());
      assertTrue(s.get("config_port").isNull());
      assertTrue(s.get("gateway_port").asInt() > 0);
      assertEquals(List.of("custom-domains"), List.of(s.get("supported_features").get(0).asText()));
      // the first id of the application range, where the management canister creates canisters
      assertEquals("bnz7o-iuaaa-aaaaa-qaaaa-cai", s.get("default_effective_canister_id").asText());
      // root_key: the DER key /api/v2/status serves
      HttpResponse<byte[]> st = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(l.url() + "/api/v2/status")).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, st.statusCode());
      assertArrayEquals(HashTree.bytes(Cbor.decode(st.body()).get("root_key")), l.rootKey());
      assertEquals(266, s.get("root_key").asText().length());
      assertFalse(Files.list(status).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void shouldStopOnSigintWithinSecondsAndRemoveTheStatusDirectory() throws Exception {
    Path status = Files.createDirectory(work.resolve("status"));
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(work.resolve("state"), status)).awaitStatus()) {
      long t0 = System.nanoTime();
      l.signal("INT");
      assertEquals(0, l.awaitExit(10));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(seconds < 10, "stopped in " + seconds + " s");
      assertFalse(Files.exists(status), "the status directory is removed at exit");
    }
  }

  @Test
  void shouldStopOnSigintEvenWhenStartedWithSigintIgnored() throws Exception {
    Path status = Files.createDirectory(work.resolve("status"));
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(work.resolve("state"), status), true).awaitStatus()) {
      l.signal("INT");
      assertEquals(0, l.awaitExit(10));
      assertFalse(Files.exists(status));
    }
  }

  @Test
  void shouldStopOnSigtermToo() throws Exception {
    Path status = Files.createDirectory(work.resolve("status"));
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(work.resolve("state"), status)).awaitStatus()) {
      l.signal("TERM");
      assertEquals(0, l.awaitExit(10));
      assertFalse(Files.exists(status));
    }
  }

  @Test
  void shouldKeepEveryRepliedUpdateThroughSigintAndKill9() throws Exception {
    Path state = work.resolve("state");
    byte[] alice = Principal.selfAuthenticating(new byte[] {1, 2, 3}).bytes();
    byte[] rootKey;
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(state, work.resolve("s1"))).awaitStatus()) {
      IcClient c = l.client();
      assertEquals("Ok 1", LauncherProcess.transferResult(c.call(CyclesLedger.ID, "icrc1_transfer",
          LauncherProcess.transferArgs(alice, 7_000_000_000L, null))));
      rootKey = l.rootKey();
      l.signal("INT");
      assertEquals(0, l.awaitExit(10));
    }
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(state, work.resolve("s2"))).awaitStatus()) {
      assertArrayEquals(rootKey, l.rootKey(), "the same network: the same root key");
      IcClient c = l.client();
      assertEquals(BigInteger.valueOf(7_000_000_000L),
          LauncherProcess.nat(c.query(CyclesLedger.ID, "icrc1_balance_of", LauncherProcess.accountArg(alice))));
      long createdAt = System.currentTimeMillis() * 1_000_000L;
      assertEquals("Ok 2", LauncherProcess.transferResult(c.call(CyclesLedger.ID, "icrc1_transfer",
          LauncherProcess.transferArgs(alice, 5, createdAt))));
      l.signal("KILL"); // right after the reply: nothing may be lost
      l.awaitExit(10);
      try (LauncherProcess again = LauncherProcess.start(work, icpArgs(state, work.resolve("s3"))).awaitStatus()) {
        IcClient d = again.client();
        assertEquals(BigInteger.valueOf(7_000_000_005L),
            LauncherProcess.nat(d.query(CyclesLedger.ID, "icrc1_balance_of", LauncherProcess.accountArg(alice))));
        // the replayed ledger still knows the transfer: the same one again is a duplicate of block 2
        assertEquals("Err Duplicate", LauncherProcess.transferResult(d.call(CyclesLedger.ID, "icrc1_transfer",
            LauncherProcess.transferArgs(alice, 5, createdAt))));
      }
    }
  }

  @Test
  void shouldRefuseASecondLauncherOnTheSameStateDirectory() throws Exception {
    Path state = work.resolve("state");
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(state, work.resolve("s1"))).awaitStatus();
        LauncherProcess second = LauncherProcess.start(work, icpArgs(state, work.resolve("s2")))) {
      assertEquals(1, second.awaitExit(30));
      assertTrue(second.stderr().contains("is in use by another replica"), second.stderr());
    }
  }

  @Test
  void shouldFailCleanlyWhenTheGatewayPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        LauncherProcess l = LauncherProcess.start(work, icpArgs(work.resolve("state"), work.resolve("s"),
            "--gateway-port", Integer.toString(taken.getLocalPort())))) {
      assertEquals(1, l.awaitExit(30));
      assertEquals("Error: gateway port " + taken.getLocalPort() + " on 127.0.0.1 is already in use",
          l.stderr().strip());
    }
  }

  @Test
  void shouldRefuseWhatItCannotDoNamingTheFlag() throws Exception {
    try (LauncherProcess l = LauncherProcess.start(work, icpArgs(work.resolve("state"), work.resolve("s"), "--nns"))) {
      assertEquals(1, l.awaitExit(30));
      assertEquals("Error: --nns is not supported by this launcher: the local replica runs no NNS or SNS canisters",
          l.stderr().strip());
    }
  }

  @Test
  void shouldSkipUnknownArgumentsOfANewerInterfaceVersionWithAWarning() throws Exception {
    Path status = work.resolve("status");
    List<String> a = new ArrayList<>(List.of("--interface-version=1.2.0", "--frobnicate", "--state-dir=" + work.resolve("st"),
        "--status-dir=" + status));
    try (LauncherProcess l = LauncherProcess.start(work, a).awaitStatus()) {
      assertTrue(l.stderr().contains("Warning: Unknown launcher parameters: [--frobnicate]"), l.stderr());
    }
  }
}
