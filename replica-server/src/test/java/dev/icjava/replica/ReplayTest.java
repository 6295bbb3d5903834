package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network opened again from its journal is the network it was (the same keys, the same balances,
 * the same request statuses), and a journal whose calls end differently on replay (another build
 * of the replica wrote it) is refused rather than served as another state.
 */
class ReplayTest {
  static final byte[] ALICE = Principal.selfAuthenticating(new byte[] {5}).bytes();

  @TempDir
  Path dir;

  static JournalRecord.IngressCall transfer(long time, long amount) {
    byte[] rid = new byte[32];
    new SecureRandom().nextBytes(rid);
    return new JournalRecord.IngressCall(time, rid, new byte[] {4}, CyclesLedger.ID, CyclesLedger.ID, "icrc1_transfer",
        LauncherProcess.transferArgs(ALICE, amount, null), null, null, time + 600_000_000_000L);
  }

  @Test
  void shouldOpenTheSameNetworkAgain() throws Exception {
    long now = (System.currentTimeMillis() + 10_000) * 1_000_000L; // after the genesis record's time
    byte[] rootKey;
    JournalRecord.IngressCall first = transfer(now, 11);
    try (StateJournal j = StateJournal.open(dir)) {
      ReplicaState s = LocalNetwork.open(j, false, new SecureRandom()).state();
      rootKey = s.node.rootKeyDer();
      s.call(first);
      s.call(transfer(now + 1, 22));
      s.awaitDurable(s.position());
    }
    try (StateJournal j = StateJournal.open(dir)) {
      LocalNetwork.Opened o = LocalNetwork.open(j, false, new SecureRandom());
      assertArrayEquals(rootKey, o.state().node.rootKeyDer());
      assertEquals(now + 1, o.lastTime());
      RequestStatus status = o.state().statuses.get(HttpReplica.hex(first.requestId()));
      assertEquals("Ok 1", LauncherProcess.transferResult(status.reply()));
      byte[] balance = Outcome.ofSystemQuery(o.state().systemCanister(CyclesLedger.ID), CyclesLedger.ID,
          "icrc1_balance_of", new byte[] {4}, LauncherProcess.accountArg(ALICE), now + 2).reply();
      assertEquals(BigInteger.valueOf(33), LauncherProcess.nat(balance));
    }
  }

  @Test
  void shouldRefuseAJournalWhoseCallsEndDifferentlyOnReplay() throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    try (StateJournal j = StateJournal.open(dir)) {
      LocalNetwork.open(j, false, new SecureRandom());
      JournalRecord.IngressCall forged = transfer(now, 11).withOutcome(new byte[8]);
      j.awaitDurable(j.append(forged.kind(), forged.payload()));
    }
    try (StateJournal j = StateJournal.open(dir)) {
      String m = assertThrows(LocalNetwork.StateException.class, () -> LocalNetwork.open(j, false, new SecureRandom()))
          .getMessage();
      assertTrue(m.contains("record 1, the call of icrc1_transfer to um5iw-rqaaa-aaaaq-qaaba-cai, ends differently on"
          + " replay"), m);
    }
  }

  @Test
  void shouldRefuseToStartWithIiAStateMadeWithout() throws Exception {
    try (StateJournal j = StateJournal.open(dir)) {
      LocalNetwork.open(j, false, new SecureRandom());
    }
    try (StateJournal j = StateJournal.open(dir)) {
      assertEquals("this network's state was created without --ii; start it without --ii, or use another --state-dir",
          assertThrows(LocalNetwork.StateException.class, () -> LocalNetwork.open(j, true, new SecureRandom()))
              .getMessage());
    }
  }
}
