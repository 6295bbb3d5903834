package dev.icjava.replica;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.Ingress;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.ManagedCanisterInfo;
import dev.icjava.testkit.SystemCanister;
import dev.icjava.testkit.UnsupportedSystemApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the replica holds and executes: test-kit's {@link LocalReplica} with the canisters it serves
 * (Wasm canisters and Java {@link SystemCanister}s), the status of recent ingress calls, the state
 * tree certificates are cut from, and the {@link StateJournal} that makes it durable. Confined to
 * the {@link MessageExecutor}'s thread: nothing here is called from two threads.
 *
 * <p>Every input that changes the state is journaled, whatever its outcome (a trap changes nothing
 * but the ids and counters an install or a call consumed, and replay must consume them too): a
 * call once executed, with the digest of how it ended, which replay checks; an install before it
 * runs (a failed one fails the same way on replay). What the ingress filter refuses changes nothing
 * and is not journaled.
 */
final class ReplicaState {
  /** The subnet's first canister range: the ids test-kit's direct installs get and the system canisters' ids. */
  static final byte[] RANGE_START = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};

  static final byte[] RANGE_END = {0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 1};

  /**
   * Its second range: where the management canister creates canisters, as a local network's
   * application subnet does (bnz7o-iuaaa-aaaaa-qaaaa-cai, 2^20 ids; see docs/local-network.md).
   */
  static final byte[] APP_RANGE_START = {(byte) 0x80, 0, 0, 0, 0, 0x10, 0, 0, 1, 1};

  static final byte[] APP_RANGE_END = {(byte) 0x80, 0, 0, 0, 0, 0x1F, (byte) 0xFF, (byte) 0xFF, 1, 1};

  /** How long after its expiry a request's status is still remembered (https-interface.md: at least until expiry). */
  static final long STATUS_RETENTION_NANOS = 5 * 60 * 1_000_000_000L;

  final NodeIdentity node;
  final LocalReplica replica = new LocalReplica();
  final Map<String, ServedCanister> canisters = new LinkedHashMap<>();
  final Map<String, RequestStatus> statuses = new LinkedHashMap<>();
  private final Map<String, SystemCanister> systemCanisters = new LinkedHashMap<>();
  /** Canisters' parsed modules (metadata, methods), by id, while their module stays the same. */
  private final Map<String, ServedCanister> parsed = new java.util.HashMap<>();
  private final StateJournal journal;

  /** A state with these keys, journaled to {@code journal} (null: kept in memory only). */
  ReplicaState(NodeIdentity node, StateJournal journal) {
    this.node = node;
    this.journal = journal;
    replica.setRandomSeed(node.randomSeed);
  }

  /** Serves {@code canister} at {@code id} (a ledger, the cycles minting canister, ...). */
  void registerSystemCanister(byte[] id, SystemCanister canister) {
    if (!inRange(id)) {
      throw new IllegalArgumentException(HttpReplica.text(id) + " lies outside the subnet's canister range");
    }
    replica.registerSystemCanister(id, canister);
    systemCanisters.put(HttpReplica.hex(id), canister);
  }

  SystemCanister systemCanister(byte[] id) {
    return systemCanisters.get(HttpReplica.hex(id));
  }

  /**
   * Whether a canister lives at {@code id}: a Java system canister, or a Wasm canister in test-kit's
   * replica (installed by this server, or created through the management canister).
   */
  boolean exists(byte[] id) {
    return id.length > 0 && (systemCanister(id) != null || replica.managedCanister(id) != null);
  }

  /** The controllers of the canister at {@code id} (system canisters: none a user holds); null if none is there. */
  List<byte[]> controllersOf(byte[] id) {
    if (systemCanister(id) != null) {
      return List.of();
    }
    ManagedCanisterInfo c = id.length == 0 ? null : replica.managedCanister(id);
    return c == null ? null : c.controllers();
  }

  /**
   * The canister at {@code id} with a module, as the state tree and queries see it (its module
   * parsed once per installed module), or null (none there, or no module).
   */
  ServedCanister served(byte[] id) {
    ManagedCanisterInfo info = id.length == 0 ? null : replica.managedCanister(id);
    return info == null ? null : served(info);
  }

  private ServedCanister served(ManagedCanisterInfo info) {
    if (info.wasm() == null) {
      return null;
    }
    String key = HttpReplica.hex(info.id());
    ServedCanister cached = parsed.get(key);
    if (cached == null || !Arrays.equals(cached.moduleHash, info.moduleHash()) || cached.canister != info.canister()) {
      ServedCanister named = canisters.get(key);
      cached = new ServedCanister(named == null ? key : named.name, info.canister(), info.wasm(), info.controllers(),
          info.installedAt());
      parsed.put(key, cached);
    }
    return cached;
  }

  // ---- inputs ----

  /** Installs {@code wasm} as canister {@code name} (the server's own installs); returns its id. */
  byte[] install(String name, byte[] wasm, Map<String, String> environment, long time) {
    append(new JournalRecord.Install(time, name, wasm, environment));
    return applyInstall(name, wasm, environment, time);
  }

  private byte[] applyInstall(String name, byte[] wasm, Map<String, String> environment, long time) {
    replica.setTime(time);
    Canister c = replica.install(wasm, InstallOptions.defaults().environment(environment));
    canisters.put(HttpReplica.hex(c.id()),
        new ServedCanister(name, c, wasm, List.of(InstallOptions.defaultController()), time));
    return c.id();
  }

  /**
   * An authenticated ingress call: refused as the IC refuses it before execution (the management
   * canister's ingress filter, a canister that is not there), answered from the status of a request
   * already executed, or journaled and executed. Returns its status.
   */
  RequestStatus call(JournalRecord.IngressCall m) throws Refusal {
    forgetExpired(m.time());
    RequestStatus known = statuses.get(HttpReplica.hex(m.requestId()));
    if (known != null) {
      return known;
    }
    if (m.canisterId().length == 0) {
      IngressFilter.check(this, m.method(), m.arg(), m.sender());
    } else if (!exists(m.canisterId())) {
      throw Refusal.reject(3, "IC0301", "Canister " + HttpReplica.text(m.canisterId()) + " not found");
    }
    RequestStatus s = applyCall(m);
    append(m.withOutcome(s.digest()));
    return s;
  }

  private RequestStatus applyCall(JournalRecord.IngressCall m) {
    replica.setTime(m.time());
    Request call = Request.from(m.sender()).withArg(m.arg());
    if (m.senderInfo() != null) {
      call = call.withCallerInfo(m.senderInfo(), m.senderInfoSigner());
    }
    Outcome o;
    try {
      Ingress ingress = replica.submit(m.canisterId(), m.method(), call);
      replica.runUntilIdle();
      o = Outcome.of(ingress.result(), m.canisterId().length == 0 ? m.effectiveCanisterId() : m.canisterId());
    } catch (UnsupportedSystemApiException ex) {
      o = Outcome.reject(5, "IC0504", "The local replica does not implement what the call needs: " + ex.getMessage());
    }
    RequestStatus s = o.replied()
        ? RequestStatus.replied(m.sender(), m.effectiveCanisterId(), m.forgetAfter(), o.reply())
        : RequestStatus.rejected(m.sender(), m.effectiveCanisterId(), m.forgetAfter(), o.rejectCode(),
            o.rejectMessage(), o.errorCode());
    statuses.put(HttpReplica.hex(m.requestId()), s);
    return s;
  }

  /** A query of {@code method} on the canister at {@code canisterId}: run, its changes discarded. */
  Outcome query(byte[] canisterId, String method, byte[] caller, byte[] arg, HttpReplica.SenderInfo info, long time) {
    replica.setTime(time);
    Request call = Request.from(caller).withArg(arg);
    if (info != null) {
      call = call.withCallerInfo(info.info(), info.signer());
    }
    ServedCanister c = served(canisterId);
    ManagedCanisterInfo managed = canisterId.length == 0 ? null : replica.managedCanister(canisterId);
    if (managed != null && managed.wasm() == null) {
      return Outcome.reject(5, "IC0537", "Error from Canister " + HttpReplica.text(canisterId)
          + ": Attempted to execute a message, but the canister contains no Wasm module.");
    }
    if (managed != null && managed.status() != 1) {
      return Outcome.reject(5, managed.status() == 2 ? "IC0509" : "IC0508", "Canister " + HttpReplica.text(canisterId)
          + " is not running");
    }
    try {
      if (c != null) {
        if (c.compositeQueries.contains(method)) {
          return Outcome.reject(5, "IC0504", "Composite queries are not yet run by this local replica: " + method);
        }
        return Outcome.of(c.canister.query(method, call), c.id());
      }
      SystemCanister s = systemCanister(canisterId);
      if (s != null) {
        return Outcome.ofSystemQuery(s, canisterId, method, caller, arg, time);
      }
    } catch (UnsupportedSystemApiException ex) {
      return Outcome.reject(5, "IC0504", "The local replica does not implement what the canister called: " + ex.getMessage());
    }
    if (canisterId.length == 0) {
      return Outcome.reject(5, "IC0504", "The local replica does not serve the management canister's query methods yet: "
          + method);
    }
    return Outcome.reject(3, "IC0301", "Canister " + HttpReplica.text(canisterId) + " not found");
  }

  /** A round of system tasks at {@code time} (timers, heartbeats); journaled when one ran. */
  void round(long time) {
    replica.setTime(time);
    if (!replica.tick().isEmpty()) {
      append(new JournalRecord.Round(time));
    }
  }

  private void applyRound(long time) {
    replica.setTime(time);
    replica.tick();
  }

  /**
   * Executes the journal's records after the genesis record, in order: the state as it was when
   * the last record was written. Returns the time of the last record (0 when there is none).
   */
  long replay(List<StateJournal.Entry> entries) {
    long last = 0;
    for (int i = 1; i < entries.size(); i++) {
      StateJournal.Entry e = entries.get(i);
      JournalRecord r = JournalRecord.decode(e.kind(), e.payload());
      if (r instanceof JournalRecord.Install in) {
        try {
          applyInstall(in.name(), in.wasm(), in.environment(), in.time());
        } catch (dev.icjava.testkit.CanisterInstallException failed) {
          // it failed when it was journaled too: the ids it consumed are consumed again
        }
        last = in.time();
      } else if (r instanceof JournalRecord.IngressCall c) {
        RequestStatus s = applyCall(c);
        if (!java.util.Arrays.equals(s.digest(), c.outcome())) {
          throw new IllegalArgumentException("record " + i + ", the call of " + c.method() + " to "
              + HttpReplica.text(c.canisterId()) + ", ends differently on replay than when it was journaled: the journal"
              + " was written by another build of the replica; move the state directory away to start afresh");
        }
        last = c.time();
      } else if (r instanceof JournalRecord.Round round) {
        applyRound(round.time());
        last = round.time();
      } else {
        throw new IllegalArgumentException("record " + i + " of the journal is a second genesis record");
      }
    }
    return last;
  }

  private void append(JournalRecord r) {
    if (journal != null) {
      journal.append(r.kind(), r.payload());
    }
  }

  /** The journal offset up to which a reply sent now must be durable (0 without a journal). */
  long position() {
    return journal == null ? 0 : journal.written();
  }

  /** Returns once everything up to {@code position} is on disk (at once without a journal). */
  void awaitDurable(long position) {
    if (journal != null) {
      journal.awaitDurable(position);
    }
  }

  void forgetExpired(long now) {
    statuses.values().removeIf(s -> s.forgetAfter() < now);
  }

  // ---- the state tree ----

  /** The whole state tree at time {@code now} (index.md, "The system state tree"). */
  LabeledTree stateTree(long now) {
    LabeledTree root = LabeledTree.node();
    root.put("time", LabeledTree.leaf(Leb128.unsigned(now)));
    LabeledTree subnet = root.child("subnet").child(node.subnetId);
    subnet.put("public_key", LabeledTree.leaf(node.rootKeyDer()));
    subnet.put("type", LabeledTree.leaf(ascii("application")));
    subnet.put("canister_ranges", LabeledTree.leaf(rangesCbor()));
    subnet.child("node").child(node.nodeId).put("public_key", LabeledTree.leaf(node.nodeKeyDer));
    root.child("canister_ranges").child(node.subnetId).put(RANGE_START, LabeledTree.leaf(rangesCbor()));
    LabeledTree canisterNode = root.child("canister");
    for (ManagedCanisterInfo info : replica.managedCanisters()) {
      LabeledTree t = canisterNode.child(info.id());
      ArrayNode controllers = Cbor.array();
      for (byte[] controller : info.controllers()) {
        controllers.add(controller);
      }
      t.put("controllers", LabeledTree.leaf(Cbor.encode(controllers)));
      t.put("canister_creation_timestamp", LabeledTree.leaf(Leb128.unsigned(info.createdAt())));
      ServedCanister c = served(info);
      if (c == null) {
        continue;
      }
      t.put("module_hash", LabeledTree.leaf(c.moduleHash));
      t.put("last_install_timestamp", LabeledTree.leaf(Leb128.unsigned(info.installedAt())));
      LabeledTree metadata = t.child("metadata");
      for (Map.Entry<String, ServedCanister.Metadata> m : c.metadata.entrySet()) {
        metadata.put(m.getKey().getBytes(StandardCharsets.UTF_8), LabeledTree.leaf(m.getValue().content()));
      }
    }
    LabeledTree requests = root.child("request_status");
    for (Map.Entry<String, RequestStatus> s : statuses.entrySet()) {
      requests.put(HexFormat.of().parseHex(s.getKey()), s.getValue().toTree());
    }
    return root;
  }

  /** The witness of {@code paths} (and {@code /time}) in the state tree at {@code now}. */
  HashTree witness(long now, List<List<byte[]>> paths) {
    List<List<byte[]>> shown = new ArrayList<>(paths);
    shown.add(List.of(ascii("time")));
    return stateTree(now).witness(shown);
  }

  private static byte[] rangesCbor() {
    ArrayNode ranges = Cbor.array();
    for (byte[][] r : new byte[][][] {{RANGE_START, RANGE_END}, {APP_RANGE_START, APP_RANGE_END}}) {
      ArrayNode range = Cbor.array();
      range.add(r[0]);
      range.add(r[1]);
      ranges.add(range);
    }
    return Cbor.encode(ranges);
  }

  static boolean inRange(byte[] id) {
    return Arrays.compareUnsigned(RANGE_START, id) <= 0 && Arrays.compareUnsigned(id, RANGE_END) <= 0;
  }

  static byte[] ascii(String s) {
    return HashToG1.ascii(s);
  }
}
