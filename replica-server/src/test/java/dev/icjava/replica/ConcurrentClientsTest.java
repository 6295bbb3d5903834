package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once: 16 threads send transfers to the cycles ledger over HTTP concurrently; the
 * replica executes them one at a time, so every transfer gets its own block (the indices are
 * exactly 1..n, none twice, none missing) and every amount arrives exactly once.
 */
class ConcurrentClientsTest {
  @Test
  void shouldExecuteEveryConcurrentUpdateExactlyOnceInOneOrder() throws Exception {
    HttpReplica replica = new HttpReplica(LocalNetwork.inMemory(false, new SecureRandom()).state(), 0);
    int clients = 16;
    int each = 12;
    byte[] bob = Principal.selfAuthenticating(new byte[] {42}).bytes();
    try (ReplicaHttpServer server = new ReplicaHttpServer(replica, new InetSocketAddress("127.0.0.1", 0), false)) {
      IcClient client = new IcClient(server.url(), replica.rootKeyDer());
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            long amount = 1L << (id % 20) | (long) i << 24; // distinct per (client, i) and summable
            results.add(LauncherProcess.transferResult(client.call(CyclesLedger.ID, "icrc1_transfer",
                LauncherProcess.transferArgs(bob, amount, null))));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(300, TimeUnit.SECONDS);
      }
      pool.shutdown();
      Set<Long> blocks = new TreeSet<>();
      for (String r : results) {
        assertTrue(r.startsWith("Ok "), r);
        blocks.add(Long.parseLong(r.substring(3)));
      }
      assertEquals(clients * each, blocks.size(), "one block per transfer");
      assertEquals(1L, (long) ((TreeSet<Long>) blocks).first());
      assertEquals((long) clients * each, (long) ((TreeSet<Long>) blocks).last());
      BigInteger expected = BigInteger.ZERO;
      for (int c = 0; c < clients; c++) {
        for (int i = 0; i < each; i++) {
          expected = expected.add(BigInteger.valueOf(1L << (c % 20) | (long) i << 24));
        }
      }
      assertEquals(expected, LauncherProcess.nat(client.query(CyclesLedger.ID, "icrc1_balance_of",
          LauncherProcess.accountArg(bob))));
    }
  }
}
