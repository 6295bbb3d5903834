package dev.icjava.replica;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.LocalReplica;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Latency per call, through HTTP (an Ed25519-signed request built and sent by this JVM, checked,
 * executed, certified or node-signed, and answered) and through JUnit (test-kit's Canister directly),
 * side by side. Prints medians of 200 calls after 50 warm-up calls:
 * {@code mvn -q -pl replica-server exec:java -Dexec.mainClass=dev.icjava.replica.Latency -Dexec.classpathScope=test}
 * (after {@code mvn -B install -DskipTests}).
 */
public final class Latency {
  private Latency() {}

  public static void main(String[] args) throws Exception {
    byte[] wasm = Files.readAllBytes(RealClientsTest.ROOT.resolve("samples/target/whoami.wasm"));
    LocalReplica local = new LocalReplica();
    Canister direct = local.install(wasm);
    RefusalTest.install();
    RefusalTest.Key key = RefusalTest.ed25519();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    try (ReplicaHttpServer server = new ReplicaHttpServer(replicaOf(), 0, false)) {
      String id = dev.icjava.callerauth.Principal.fromBytes(RefusalTest.whoamiId()).toText();
      System.out.printf("%-40s %12s %12s%n", "call (median of 200, ms)", "HTTP", "JUnit");
      for (String kind : new String[] {"query", "call"}) {
        for (String method : new String[] {"whoAmI", "protectedAction"}) {
          if (kind.equals("query") && method.equals("protectedAction")) {
            continue;
          }
          double h = median(() -> {
            byte[] body = RefusalTest.request(key, kind, c -> c.put("method_name", method), e -> {});
            String path = "/api/" + (kind.equals("call") ? "v4" : "v3") + "/canister/" + id + "/" + kind;
            var r = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + path))
                    .header("Content-Type", "application/cbor")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
              throw new AssertionError(new String(r.body()));
            }
          });
          double j = median(() -> {
            Request c = Request.from(key.principal());
            if (method.equals("whoAmI")) {
              direct.query(method, c).replyBytes();
            } else {
              direct.update(method, c).replyBytes();
            }
          });
          System.out.printf("%-40s %12.2f %12.3f%n", method + " (" + (kind.equals("call") ? "update, v4 call" : "query, v3") + ")", h, j);
        }
      }
    }
    System.out.println("root key " + HexFormat.of().formatHex(RefusalTest.replica().rootKeyDer()).substring(0, 16) + "...");
  }

  interface Action {
    void run() throws Exception;
  }

  private static double median(Action a) throws Exception {
    for (int i = 0; i < 50; i++) {
      a.run();
    }
    long[] t = new long[200];
    for (int i = 0; i < t.length; i++) {
      long s = System.nanoTime();
      a.run();
      t[i] = System.nanoTime() - s;
    }
    Arrays.sort(t);
    return t[t.length / 2] / 1e6;
  }

  private static HttpReplica replicaOf() {
    return RefusalTest.replica();
  }

  static SecureRandom random() {
    return new SecureRandom();
  }
}
