package dev.icjava.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.icjava.callerauth.Principal;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.reference.NodeReference;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The local network's benchmark (not a test: it prints), {@code mvn -q -B -DskipTests
 * -Pnetwork-bench verify} from the root:
 *
 * <ol>
 *   <li>throughput and latency for 1, 4 and 16 concurrent {@code @icp-sdk/core} clients (tools/node/
 *       network-bench.mjs): the sample's {@code registerBegin} updates and {@code whoAmI} queries
 *       over HTTP against a network with its state under a state directory, every client-side check
 *       on; every update's effect checked present exactly once (each nonce's counter is one of 1..n,
 *       none twice);
 *   <li>the cost of durability per message: the same updates executed with and without the
 *       journal (no HTTP), per message, and the journal's bytes per message;
 *   <li>the state directory's size after 10,000 sign-ins in the integration guide's flow
 *       ({@code registerBegin} anonymously, then {@code registerFinish} with an attribute bundle
 *       encoded by {@code @dfinity/candid}, by one of 100 users in turn).
 * </ol>
 */
public final class NetworkBench {
  static final Path ROOT = Path.of(System.getProperty("icjava.root", "..")).toAbsolutePath().normalize();
  static final Map<String, String> ENV = Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai");
  static final byte[] II = HttpReplica.principalBytes("rdmx6-jaaaa-aaaaa-aaadq-cai");
  static final String ORIGIN = "https://your-app.icp0.io";
  private static final SecureRandom RANDOM = new SecureRandom();

  private NetworkBench() {}

  public static void main(String[] args) throws Exception {
    byte[] wasm = Files.readAllBytes(ROOT.resolve("samples/target/whoami.wasm"));
    clients(wasm, Integer.getInteger("icjava.bench.updates", 50), Integer.getInteger("icjava.bench.queries", 100));
    durability(wasm, Integer.getInteger("icjava.bench.durable", 2_000));
    signIns(wasm, Integer.getInteger("icjava.bench.signins", 10_000));
  }

  // ---- 1. concurrent clients ----

  static void clients(byte[] wasm, int updates, int queries) throws Exception {
    Path dir = Files.createTempDirectory("icjava-network-bench");
    StateJournal journal = StateJournal.open(dir);
    LocalNetwork.Opened opened = LocalNetwork.open(journal, false, RANDOM);
    HttpReplica replica = new HttpReplica(opened.state(), opened.lastTime());
    byte[] whoami = replica.install("whoami", wasm, ENV);
    replica.runRounds(1_000);
    Thread.sleep(1_500); // the seeding timer's round
    try (ReplicaHttpServer server = new ReplicaHttpServer(replica, new InetSocketAddress("127.0.0.1", 0), false)) {
      ProcessBuilder pb = new ProcessBuilder("node", "network-bench.mjs").directory(ROOT.resolve("tools/node").toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().putAll(Map.of("REPLICA_URL", server.url(), "REPLICA_ROOT_KEY",
          HexFormat.of().formatHex(replica.rootKeyDer()), "WHOAMI", Principal.fromBytes(whoami).toText(),
          "CLIENTS", "1,4,16", "UPDATES", Integer.toString(updates), "QUERIES", Integer.toString(queries)));
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("network-bench.mjs failed: " + out);
      }
      System.out.println("Concurrent @icp-sdk/core clients (each: " + updates + " registerBegin updates, then "
          + queries + " whoAmI queries; state journaled; latency in ms):");
      System.out.println("| clients | updates/s | update p50 | update p99 | queries/s | query p50 | query p99 |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
      TreeSet<Long> counters = new TreeSet<>();
      int total = 0;
      for (String line : out.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode j = new ObjectMapper().readTree(line);
        int c = j.get("clients").asInt();
        double[] up = doubles(j.get("updateLatencies"));
        double[] q = doubles(j.get("queryLatencies"));
        System.out.printf("| %d | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f |%n", c, up.length / j.get("updateSeconds").asDouble(),
            pct(up, 0.50), pct(up, 0.99), q.length / j.get("querySeconds").asDouble(), pct(q, 0.50), pct(q, 0.99));
        for (JsonNode n : j.get("nonces")) {
          byte[] nonce = HexFormat.of().parseHex(n.asText());
          long counter = 0;
          for (int i = 6; i >= 0; i--) {
            counter = counter << 8 | (nonce[i] & 0xFF);
          }
          if (nonce[7] != 1 || !counters.add(counter)) {
            throw new IllegalStateException("nonce " + n.asText() + ": not a fresh unbound nonce");
          }
          total++;
        }
      }
      if (counters.size() != total || counters.first() != 1 || counters.last() != total) {
        throw new IllegalStateException("the " + total + " updates' counters are not exactly 1.." + total + ": " + counters);
      }
      System.out.println("Every update took effect exactly once: " + total + " nonces, counters exactly 1.." + total + ".");
    } finally {
      journal.close();
    }
  }

  // ---- 2. durability per message ----

  static void durability(byte[] wasm, int n) throws Exception {
    double memory = perMessage(null, null, wasm, n);
    Path dir = Files.createTempDirectory("icjava-durability");
    try (StateJournal journal = StateJournal.open(dir)) {
      LocalNetwork.Opened opened = LocalNetwork.open(journal, false, RANDOM);
      long[] grown = new long[1];
      double durable = perMessage(opened.state(), () -> grown[0] = journal.size() - grown[0], wasm, n);
      double bytes = grown[0] / (double) n;
      System.out.printf("Durability: %d registerBegin updates one after another, executed and answered (no HTTP):"
          + " %.3f ms each in memory, %.3f ms with the journal forced to disk before each answer: %.3f ms per message;"
          + " %.0f journal bytes per message%n", n, memory, durable, durable - memory, bytes);
    }
  }

  /** Milliseconds per registerBegin, waiting for durability before each next one as a reply would. */
  static double perMessage(ReplicaState given, Runnable mark, byte[] wasm, int n) throws Refusal {
    ReplicaState state = given != null ? given : LocalNetwork.inMemory(false, RANDOM).state();
    long t = System.currentTimeMillis() * 1_000_000L;
    byte[] whoami = state.install("whoami", wasm, ENV, t);
    for (int i = 0; i < 20; i++) { // warm up; the first registerBegin awaits raw_rand
      state.call(call(++t, new byte[] {4}, whoami, "registerBegin", null));
    }
    state.awaitDurable(state.position());
    if (mark != null) {
      mark.run(); // the journal's size before the timed messages
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      state.call(call(++t, new byte[] {4}, whoami, "registerBegin", null));
      state.awaitDurable(state.position());
    }
    double ms = (System.nanoTime() - t0) / 1e6 / n;
    if (mark != null) {
      mark.run(); // the growth over them
    }
    return ms;
  }

  static JournalRecord.IngressCall call(long time, byte[] sender, byte[] canister, String method, byte[][] info) {
    byte[] rid = new byte[32];
    RANDOM.nextBytes(rid);
    return new JournalRecord.IngressCall(time, rid, sender, canister, canister, method, new byte[] {'D', 'I', 'D', 'L', 0, 0},
        info == null ? null : info[0], info == null ? null : info[1], time + 6 * 60 * 1_000_000_000L);
  }

  // ---- 3. 10,000 sign-ins ----

  static void signIns(byte[] wasm, int pairs) throws Exception {
    Path dir = Files.createTempDirectory("icjava-signins");
    try (StateJournal journal = StateJournal.open(dir)) {
      ReplicaState state = LocalNetwork.open(journal, false, RANDOM).state();
      long t0 = System.currentTimeMillis() * 1_000_000L;
      byte[] whoami = state.install("whoami", wasm, ENV, t0);
      byte[] placeholder = "nonce-goes-here!nonce-goes-here!".getBytes(StandardCharsets.US_ASCII);
      List<String> jsons = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        jsons.add(Icrc3Json.bundle(placeholder, ORIGIN, t0 + (i + 1) * 1_000_000_000L,
            Icrc3Json.entry("email", Icrc3Json.text("user" + (i % 100) + "@example.com"))));
      }
      List<NodeReference.Encoded> bundles = NodeReference.encodeIcrc3Values(jsons);
      long start = System.nanoTime();
      for (int i = 0; i < pairs; i++) {
        long t = t0 + (i + 1) * 1_000_000_000L;
        RequestStatus b = state.call(call(t, new byte[] {4}, whoami, "registerBegin", null));
        byte[] nonce = CandidRecords.decode(b.reply(), dev.icjava.candid.CandidType.blob()).blob();
        byte[] bundle = bundles.get(i).message().clone();
        int at = indexOf(bundle, placeholder);
        System.arraycopy(nonce, 0, bundle, at, nonce.length);
        byte[] user = new byte[29];
        Arrays.fill(user, 0, 28, (byte) (i % 100 + 1));
        user[28] = 2;
        RequestStatus f = state.call(call(t + 1, user, whoami, "registerFinish", new byte[][] {bundle, II}));
        if (f.reply() == null) {
          throw new IllegalStateException("sign-in " + i + ": " + f.rejectMessage());
        }
      }
      state.awaitDurable(state.position());
      double seconds = (System.nanoTime() - start) / 1e9;
      long size = directorySize(dir);
      System.out.printf("State directory after %,d sign-ins (registerBegin + registerFinish, 100 users): %,d bytes"
          + " (the sample's install record %,d of them; %.0f per sign-in beyond it), %.1f s to execute and journal"
          + " them%n", pairs, size, wasm.length, (size - wasm.length) / (double) pairs, seconds);
    }
    long replay = System.nanoTime();
    try (StateJournal journal = StateJournal.open(dir)) {
      LocalNetwork.open(journal, false, RANDOM);
    }
    System.out.printf("Replaying that journal at start: %.1f s%n", (System.nanoTime() - replay) / 1e9);
  }

  static long directorySize(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("placeholder not found");
  }

  static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    Arrays.sort(out);
    return out;
  }

  static double pct(double[] sorted, double q) {
    return sorted[(int) Math.ceil(q * sorted.length) - 1];
  }
}
