package dev.icjava.replica;

import java.security.SecureRandom;
import java.util.List;

/**
 * What a local network is made of beyond the replica: the system canisters every icp-cli network
 * has, in Java, at their mainnet ids (the cycles ledger, the ICP ledger, the cycles minting
 * canister; with {@code --ii}, the Internet Identity stand-in), and how its state is opened from a
 * {@link StateJournal}: a new journal gets a genesis record (fresh keys and seed), an old one is
 * replayed after its genesis record.
 */
final class LocalNetwork {
  /**
   * The default effective canister id status.json reports: the first id the management canister
   * hands out, the start of the application subnet's range (where icp-cli creates canisters).
   */
  static final String DEFAULT_EFFECTIVE_CANISTER_ID = "bnz7o-iuaaa-aaaaa-qaaaa-cai";

  private LocalNetwork() {}

  /** An opened state, and the time of its last executed input (0 for a new one). */
  record Opened(ReplicaState state, long lastTime) {}

  /** The journal cannot be replayed into a network as asked: the message says why and what to do. */
  static final class StateException extends Exception {
    private static final long serialVersionUID = 1L;

    StateException(String message) {
      super(message);
    }
  }

  /** A network kept in memory only. */
  static Opened inMemory(boolean ii, SecureRandom random) {
    ReplicaState state = new ReplicaState(NodeIdentity.generate(random), null);
    register(state, ii);
    return new Opened(state, 0);
  }

  /** The network of {@code journal}: new (a genesis record appended) or replayed. */
  static Opened open(StateJournal journal, boolean ii, SecureRandom random) throws StateException {
    List<StateJournal.Entry> entries = journal.entries();
    if (entries.isEmpty()) {
      NodeIdentity node = NodeIdentity.generate(random);
      JournalRecord.Genesis g = node.genesis(System.currentTimeMillis() * 1_000_000L, ii);
      journal.append(g.kind(), g.payload());
      journal.awaitDurable(journal.written());
      ReplicaState state = new ReplicaState(node, journal);
      register(state, ii);
      return new Opened(state, 0);
    }
    StateJournal.Entry first = entries.get(0);
    if (first.kind() != JournalRecord.GENESIS) {
      throw new StateException("the state journal does not begin with a genesis record: it is not a network's");
    }
    JournalRecord.Genesis g;
    try {
      g = (JournalRecord.Genesis) JournalRecord.decode(first.kind(), first.payload());
    } catch (IllegalArgumentException e) {
      throw new StateException("the state journal's genesis record is malformed: " + e.getMessage());
    }
    if (g.ii() != ii) {
      throw new StateException("this network's state was created " + (g.ii() ? "with" : "without")
          + " --ii; start it " + (g.ii() ? "with" : "without") + " --ii, or use another --state-dir");
    }
    ReplicaState state = new ReplicaState(NodeIdentity.of(g), journal);
    register(state, ii);
    long last;
    try {
      last = state.replay(entries);
    } catch (IllegalArgumentException e) {
      throw new StateException("the state journal cannot be replayed: " + e.getMessage());
    }
    return new Opened(state, Math.max(last, g.time()));
  }

  private static void register(ReplicaState state, boolean ii) {
    Wasm64Lowering lowering = Wasm64Lowering.find();
    if (lowering != null) {
      state.replica.setWasm64Lowering(lowering);
    }
    state.registerSystemCanister(CyclesLedger.ID, new CyclesLedger());
    state.registerSystemCanister(IcpLedger.ID, new IcpLedger());
    state.registerSystemCanister(CyclesMintingCanister.ID, new CyclesMintingCanister(state.node.subnetId));
    if (ii) {
      state.registerSystemCanister(InternetIdentityCanisters.BACKEND, new InternetIdentityCanisters.Backend());
      state.registerSystemCanister(InternetIdentityCanisters.FRONTEND, new InternetIdentityCanisters.Frontend());
    }
  }
}
