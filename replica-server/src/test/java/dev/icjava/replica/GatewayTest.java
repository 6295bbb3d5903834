package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's HTTP gateway: hosts {@code <canister id>.<domain>}, the custom domains file icp-cli
 * writes, {@code id.ai.<domain>} with {@code --ii}; the Internet Identity stand-in present exactly
 * when {@code --ii} is given; the gateway's answers when no canister is named or the canister has
 * no {@code http_request}.
 */
class GatewayTest {
  @TempDir
  Path work;

  /** A GET with this Host header, as a browser sends it; "status\nbody". */
  static String get(int port, String host, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String status = whole.substring(9, 12);
      String body = whole.substring(whole.indexOf("\r\n\r\n") + 4);
      return status + "\n" + body;
    }
  }

  static NetworkLauncher launch(Path status, String... extra) throws Exception {
    String[] base = {"--status-dir", status.toString(), "--domain=127.0.0.1"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return NetworkLauncher.start(LauncherArguments.parse(all, Map.of()));
  }

  @Test
  void shouldServeTheInternetIdentityStandInsPageOnlyWithIi() throws Exception {
    Path status = work.resolve("status");
    NetworkLauncher l = launch(status, "--ii");
    try {
      int port = l.port();
      String byAlias = get(port, "id.ai.localhost:" + port, "/");
      assertTrue(byAlias.startsWith("200\n") && byAlias.contains("local test authority"), byAlias);
      assertEquals(byAlias, get(port, "uqzsh-gqaaa-aaaaq-qaada-cai.localhost:" + port, "/"));
      assertEquals(byAlias, get(port, "127.0.0.1:" + port, "/?canisterId=uqzsh-gqaaa-aaaaq-qaada-cai"));
      // @icp-sdk/auth opens <identity provider>/authorize; the page asks the replica to sign (StandInSignIn)
      assertEquals(byAlias, get(port, "id.ai.localhost:" + port, "/authorize"));
      java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/_icjava/ii-stand-in/icrc3-attributes"))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"user\": 1, \"origin\": \"http://localhost:5173\", "
                  + "\"keys\": [], \"nonce\": \"" + java.util.Base64.getEncoder().encodeToString(new byte[16]) + "\"}"))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(400, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("Nonce must be exactly 32 bytes, got 16"), refused.body());
      // icp-cli's custom domains file: backend.local.localhost and the II line
      Files.writeString(status.resolve("custom-domains.txt"),
          "backend.local.localhost:uqzsh-gqaaa-aaaaq-qaada-cai\nid.ai.localhost:uqzsh-gqaaa-aaaaq-qaada-cai\n");
      assertEquals(byAlias, get(port, "backend.local.localhost:" + port, "/"));
      // the backend exists, and has no methods
      IcClient.Rejected r = org.junit.jupiter.api.Assertions.assertThrows(IcClient.Rejected.class,
          () -> new IcClient("http://127.0.0.1:" + port, l.replica.rootKeyDer()).call(InternetIdentityCanisters.BACKEND,
              "lookup", new byte[] {'D', 'I', 'D', 'L', 0, 0}));
      assertEquals("IC0536", r.errorCode);
    } finally {
      l.stop();
    }
  }

  @Test
  void shouldHaveNoInternetIdentityWithoutIi() throws Exception {
    NetworkLauncher l = launch(work.resolve("status"));
    try {
      int port = l.port();
      assertEquals("400\nCould not find a canister id to forward to.", get(port, "id.ai.localhost:" + port, "/"));
      IcClient.Rejected r = org.junit.jupiter.api.Assertions.assertThrows(IcClient.Rejected.class,
          () -> new IcClient("http://127.0.0.1:" + port, l.replica.rootKeyDer()).call(InternetIdentityCanisters.BACKEND,
              "lookup", new byte[] {'D', 'I', 'D', 'L', 0, 0}));
      assertEquals("IC0301", r.errorCode);
      assertEquals("Canister rdmx6-jaaaa-aaaaa-aaadq-cai not found", r.getMessage());
    } finally {
      l.stop();
    }
  }

  @Test
  void shouldAnswerForACanisterWithoutHttpRequestWithTheReject() throws Exception {
    NetworkLauncher l = launch(work.resolve("status"));
    try {
      int port = l.port();
      String r = get(port, "um5iw-rqaaa-aaaaq-qaaba-cai.localhost:" + port, "/");
      assertTrue(r.startsWith("502\nThe replica returned a rejection error: reject code CanisterError, reject message "
          + "Error from Canister um5iw-rqaaa-aaaaq-qaaba-cai: Canister has no query method 'http_request'"), r);
      assertTrue(r.endsWith("error code Some(\"IC0536\")"), r);
      assertEquals("400\nCould not find a canister id to forward to.", get(port, "127.0.0.1:" + port, "/"));
    } finally {
      l.stop();
    }
  }
}
