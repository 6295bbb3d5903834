package dev.icjava.testkit;

import dev.icjava.testkit.IcCandid.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The management canister ({@code aaaaa-aa}) in Java, on the replica's side: the canister
 * lifecycle of the IC interface spec's {@code ic.did} (dfinity/portal {@code
 * docs/references/_attachments/ic.did} at 0484f2cf) over the canisters of one {@link LocalReplica},
 * shared by JUnit tests, calls from canisters and the HTTP replica.
 *
 * <ul>
 *   <li>{@code create_canister} (from canisters: the cycles attached become the canister's),
 *       {@code provisional_create_canister_with_cycles} (an {@code amount}, 100 T by default; a
 *       {@code specified_id} not taken), ids handed out in order from {@link #RANGE_START};
 *   <li>{@code install_code} (install, reinstall, upgrade with {@code skip_pre_upgrade} and {@code
 *       wasm_memory_persistence}), {@code upload_chunk}, {@code clear_chunk_store}, {@code
 *       stored_chunks}, {@code install_chunked_code}, {@code uninstall_code};
 *   <li>{@code canister_status} (the whole reply record), {@code update_settings} (controllers,
 *       environment variables read by the next message, allocations, freezing threshold, limits, log
 *       visibility: stored and reported), {@code start_canister}, {@code stop_canister} (a stopped
 *       canister's calls are rejected), {@code delete_canister} (stopped first), {@code
 *       canister_info}, {@code deposit_cycles}, {@code provisional_top_up_canister}, {@code raw_rand}.
 * </ul>
 *
 * <p>Only a controller may install, change settings, start, stop, delete, uninstall, read the status
 * or use the chunk store: anyone else gets the IC's {@code CanisterInvalidController} (IC0512).
 * Every refusal is checked before anything changes. Not modelled: cycle costs of creation and
 * install (nothing is charged), the stopping phase (a stop takes effect at once), snapshots.
 */
final class ManagementCanister {
  /** The first canister id handed out: the application subnet's range (see {@link #RANGE_START}). */
  static final byte[] RANGE_START = {(byte) 0x80, 0, 0, 0, 0, 0x10, 0, 0, 1, 1};

  /** The range's last id (2^20 ids). */
  static final byte[] RANGE_END = {(byte) 0x80, 0, 0, 0, 0, 0x1F, (byte) 0xFF, (byte) 0xFF, 1, 1};

  /** Cycles a provisional creation gives without an {@code amount} (the IC's default, 100 T). */
  static final long DEFAULT_PROVISIONAL_CYCLES = 100_000_000_000_000L;

  /** Chunk store limits: 1 MiB per chunk, 100 chunks (the IC's {@code wasm_chunk_store} limits). */
  static final int MAX_CHUNK = 1 << 20;

  static final int MAX_CHUNKS = 100;

  /** What the management canister answered: reply bytes and the cycles it kept, or a refusal. */
  record Answer(byte[] reply, long cyclesAccepted, ManagementErrors.Refusal refusal) {
    static Answer reply(byte[] bytes) {
      return new Answer(bytes, 0, null);
    }

    static Answer refuse(ManagementErrors.Refusal r) {
      return new Answer(null, 0, r);
    }
  }

  /** A refusal raised inside an operation, before it changed anything. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ManagementErrors.Refusal refusal;

    Refused(ManagementErrors.Refusal refusal) {
      super(refusal.message(), null, false, false);
      this.refusal = refusal;
    }
  }

  private final LocalReplica replica;
  private final Map<String, ManagedCanister> canisters = new LinkedHashMap<>();
  private long nextIndex;
  private byte[] seed = "icjava local replica raw_rand".getBytes(StandardCharsets.UTF_8);
  private long draws;

  ManagementCanister(LocalReplica replica) {
    this.replica = replica;
  }

  void setSeed(byte[] seed) {
    this.seed = seed.clone();
    this.draws = 0;
  }

  /** The record of the canister at {@code id} (installed or empty), or null. */
  ManagedCanister find(byte[] id) {
    return canisters.get(HexFormat.of().formatHex(id));
  }

  /** Every canister the management canister knows, in creation order. */
  List<ManagedCanister> all() {
    return List.copyOf(canisters.values());
  }

  /** Takes in a canister the replica installed directly ({@link LocalReplica#install}). */
  void adopt(Canister c, byte[] wasm, long time) {
    ManagedCanister m = new ManagedCanister(c.id(), c.controllers(), 0);
    m.installed = c;
    m.environment = new LinkedHashMap<>(c.environment());
    m.moduleHash = sha256(wasm);
    m.wasm = wasm;
    m.createdAt = time;
    m.installedAt = time;
    m.record(new ManagedCanister.Change(time, 0, c.controllers().get(0), null, "creation", c.controllers(), null, null));
    m.record(new ManagedCanister.Change(time, 1, c.controllers().get(0), null, "code_deployment", null, "install",
        m.moduleHash));
    canisters.put(HexFormat.of().formatHex(c.id()), m);
  }

  /**
   * Handles a call of {@code method} with {@code arg} and {@code cycles} from {@code caller}
   * ({@code fromCanister}: a canister, else a user's ingress message).
   */
  Answer handle(byte[] caller, boolean fromCanister, String method, byte[] arg, long cycles) {
    if (!ManagementCanisterModel.METHODS.contains(method)) {
      // dfinity/ic rs/execution_environment/src/execution_environment.rs: ErrorCode::CanisterMethodNotFound
      return Answer.refuse(new ManagementErrors.Refusal(5, "Management canister has no method '" + method + "'",
          "IC0536"));
    }
    try {
      switch (method) {
        case "raw_rand":
          return rawRand(fromCanister, arg);
        case "create_canister":
          if (!fromCanister) {
            throw new Refused(ManagementErrors.notFromIngress(method));
          }
          return create(caller, fromCanister, decode(method, arg), cycles, null);
        case "provisional_create_canister_with_cycles": {
          Value a = decode(method, arg);
          Value amount = a.field("amount").opt();
          long given = amount == null ? DEFAULT_PROVISIONAL_CYCLES : clamp(amount.nat());
          Value specified = a.field("specified_id").opt();
          return create(caller, fromCanister, a, given, specified == null ? null : specified.principal());
        }
        case "install_code":
          return install(caller, fromCanister, decode(method, arg), null);
        case "install_chunked_code":
          return installChunked(caller, fromCanister, decode(method, arg));
        case "upload_chunk":
          return uploadChunk(caller, decode(method, arg));
        case "clear_chunk_store":
          return clearChunks(caller, decode(method, arg));
        case "stored_chunks":
          return storedChunks(caller, decode(method, arg));
        case "uninstall_code":
          return uninstall(caller, fromCanister, decode(method, arg));
        case "canister_status":
          return ManagementStatus.status(controlled(caller, decode(method, arg),
              true));
        case "update_settings":
          return updateSettings(caller, fromCanister, decode(method, arg));
        case "start_canister":
          return setStatus(caller, decode(method, arg), ManagedCanister.RUNNING);
        case "stop_canister":
          return setStatus(caller, decode(method, arg), ManagedCanister.STOPPED);
        case "delete_canister":
          return delete(caller, decode(method, arg));
        case "canister_info":
          if (!fromCanister) {
            throw new Refused(new ManagementErrors.Refusal(4, "Only canisters can call ic00 method canister_info",
                "IC0406"));
          }
          return ManagementStatus.info(existing(decode(method, arg)),
              decode(method, arg));
        case "deposit_cycles": {
          if (!fromCanister) {
            throw new Refused(ManagementErrors.notFromIngress(method));
          }
          ManagedCanister m = existing(decode(method, arg));
          m.addCycles(cycles);
          return new Answer(ManagementCandid.empty(), cycles, null);
        }
        case "provisional_top_up_canister": {
          Value a = decode(method, arg);
          ManagedCanister m = existing(a);
          m.addCycles(clamp(a.field("amount").nat()));
          return Answer.reply(ManagementCandid.empty());
        }
        default:
          throw UnsupportedSystemApiException.managementMethod(method);
      }
    } catch (Refused r) {
      return Answer.refuse(r.refusal);
    } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
      return Answer.refuse(ManagementErrors.payload(method, String.valueOf(e.getMessage())));
    }
  }

  // ---- creation ----

  private Answer create(byte[] caller, boolean fromCanister, Value args, long cycles, byte[] specified)
      throws Refused {
    Value settings = args.field("settings").opt();
    ManagementSettings s = ManagementSettings.read(settings);
    byte[] id;
    if (specified != null) {
      if (find(specified) != null || replica.systemCanister(specified) != null || replica.canister(specified) != null) {
        throw new Refused(ManagementErrors.idExists(specified));
      }
      if (specified.length == 0 || specified.length > 29) {
        throw new Refused(new ManagementErrors.Refusal(4, "The specified id " + ManagementErrors.text(specified)
            + " is not a canister id", "IC0405"));
      }
      id = specified.clone();
    } else {
      id = nextId();
    }
    List<byte[]> controllers = s.controllers != null ? s.controllers : List.of(caller.clone());
    ManagedCanister m = new ManagedCanister(id, controllers, cycles);
    s.applyTo(m);
    m.createdAt = replica.time();
    m.record(change(m, caller, fromCanister, "creation", m.controllers, null, null));
    canisters.put(HexFormat.of().formatHex(id), m);
    return new Answer(ManagementCandid.canisterIdResult(id), fromCanister ? cycles : 0, null);
  }

  private byte[] nextId() {
    while (true) {
      long index = nextIndex++;
      byte[] id = RANGE_START.clone();
      id[5] = (byte) (0x10 | ((index >>> 16) & 0x0F));
      id[6] = (byte) (index >>> 8);
      id[7] = (byte) index;
      if (index >= (1 << 20)) {
        throw new IllegalStateException("the local subnet has handed out all of its 2^20 canister ids");
      }
      if (find(id) == null && replica.systemCanister(id) == null && replica.canister(id) == null) {
        return id;
      }
    }
  }

  // ---- code ----

  private Answer install(byte[] caller, boolean fromCanister, Value a, byte[] chunkedWasm) throws Refused {
    byte[] target = a.field(chunkedWasm == null ? "canister_id" : "target_canister").principal();
    ManagedCanister m = controlledId(caller, target, false);
    byte[] wasm = chunkedWasm != null ? chunkedWasm : a.field("wasm_module").blob();
    byte[] initArg = a.field("arg").blob();
    byte[] runnable = runnable(m, wasm);
    Value mode = a.field("mode");
    String modeName = mode.is("install") ? "install" : mode.is("reinstall") ? "reinstall" : "upgrade";
    try {
      switch (modeName) {
        case "install" -> {
          if (m.installed != null) {
            throw new Refused(ManagementErrors.nonEmpty(m.id));
          }
          freshInstall(m, runnable, initArg, caller, runnable != wasm);
        }
        case "reinstall" -> {
          Canister old = m.installed;
          if (old != null) {
            m.cycles = old.cycleBalance();
          }
          Canister fresh = Canister.install(replica, m.id, runnable, options(m, initArg, runnable != wasm)
              .installer(caller));
          fresh.setCycleBalance(m.cycles);
          fresh.setStatus(m.status);
          if (old != null) {
            replica.replaceCanister(old, fresh);
          } else {
            replica.addCanister(fresh);
          }
          m.installed = fresh;
        }
        default -> { // upgrade
          if (m.installed == null) {
            throw new Refused(new ManagementErrors.Refusal(5, "Error from Canister " + ManagementErrors.text(m.id)
                + ": Attempted to execute a message, but the canister contains no Wasm module.", "IC0537"));
          }
          Value flags = mode.caseValue().opt();
          boolean skipPre = false;
          Boolean keep = null;
          if (flags != null) {
            Value skip = flags.field("skip_pre_upgrade").opt();
            skipPre = skip != null && skip.bool();
            Value persistence = flags.field("wasm_memory_persistence").opt();
            keep = persistence == null ? null : persistence.is("keep");
          }
          if (m.installed.usesEop() && keep == null) {
            // CanisterManagerError::MissingUpgradeOptionError
            throw new Refused(new ManagementErrors.Refusal(5, "Missing upgrade option: Enhanced orthogonal persistence"
                + " requires the `wasm_memory_persistence` upgrade option.\nTry resending the message with the"
                + " required fields included. See documentation: " + IcErrors.DOCS + "missing-upgrade-option",
                "IC0504"));
          }
          m.installed.upgrade(runnable, initArg, keep != null && keep, skipPre, caller);
        }
      }
    } catch (CanisterInstallException e) {
      throw new Refused(ManagementErrors.install(m.id, e));
    }
    m.moduleHash = sha256(wasm);
    m.wasm = wasm;
    m.installedAt = replica.time();
    m.record(change(m, caller, fromCanister, "code_deployment", null, modeName, m.moduleHash));
    return Answer.reply(ManagementCandid.empty());
  }

  /** The module to run for {@code wasm}: itself, or its 32-bit lowering when it declares 64-bit memory. */
  private byte[] runnable(ManagedCanister m, byte[] wasm) throws Refused {
    if (!Wasm64.declaresMemory64(wasm)) {
      return wasm;
    }
    if (replica.wasm64Lowering() == null) {
      throw new Refused(new ManagementErrors.Refusal(5, "Error from Canister " + ManagementErrors.text(m.id)
          + ": the local replica runs a 64-bit-memory module only through a lowering (LocalReplica.setWasm64Lowering),"
          + " and none is set", "IC0505"));
    }
    try {
      return replica.wasm64Lowering().apply(wasm);
    } catch (RuntimeException e) {
      throw new Refused(new ManagementErrors.Refusal(5, "Error from Canister " + ManagementErrors.text(m.id)
          + ": the 64-bit-memory module could not be lowered to run here: " + e.getMessage(), "IC0505"));
    }
  }

  private void freshInstall(ManagedCanister m, byte[] wasm, byte[] initArg, byte[] caller, boolean lowered) {
    Canister fresh = Canister.install(replica, m.id, wasm, options(m, initArg, lowered).installer(caller));
    fresh.setCycleBalance(m.cycles);
    fresh.setStatus(m.status);
    replica.addCanister(fresh);
    m.installed = fresh;
  }

  private InstallOptions options(ManagedCanister m, byte[] initArg, boolean lowered) {
    InstallOptions o = InstallOptions.defaults().initArg(initArg).environment(m.environment).controllers(
        m.controllers.isEmpty() ? List.of(new byte[] {4}) : m.controllers);
    o.wasmMemory(m.wasmMemoryLimit.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue(),
        m.wasmMemoryThreshold.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
    return lowered ? o.lowered64() : o;
  }

  private Answer installChunked(byte[] caller, boolean fromCanister, Value a) throws Refused {
    byte[] target = a.field("target_canister").principal();
    Value store = a.field("store_canister").opt();
    controlledId(caller, target, false);
    ManagedCanister storeCanister = store == null ? find(target) : controlledId(caller, store.principal(), false);
    Value list = a.field("chunk_hashes_list");
    java.io.ByteArrayOutputStream wasm = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < list.size(); i++) {
      byte[] hash = list.element(i).field("hash").blob();
      byte[] chunk = storeCanister.chunks.get(HexFormat.of().formatHex(hash));
      if (chunk == null) {
        throw new Refused(ManagementErrors.chunkStore("Chunk " + HexFormat.of().formatHex(hash)
            + " not found in chunk store."));
      }
      wasm.writeBytes(chunk);
    }
    byte[] module = wasm.toByteArray();
    byte[] expected = a.field("wasm_module_hash").blob();
    if (!Arrays.equals(sha256(module), expected)) {
      throw new Refused(ManagementErrors.chunkStore("Wasm module hash " + HexFormat.of().formatHex(sha256(module))
          + " does not match given hash " + HexFormat.of().formatHex(expected) + "."));
    }
    return install(caller, fromCanister, a, module);
  }

  private Answer uploadChunk(byte[] caller, Value a) throws Refused {
    ManagedCanister m = controlled(caller, a, false);
    byte[] chunk = a.field("chunk").blob();
    if (chunk.length > MAX_CHUNK) {
      throw new Refused(ManagementErrors.chunkStore("Chunk size " + chunk.length + " is too large. Maximum chunk size is "
          + MAX_CHUNK + "."));
    }
    byte[] hash = sha256(chunk);
    String key = HexFormat.of().formatHex(hash);
    if (!m.chunks.containsKey(key) && m.chunks.size() >= MAX_CHUNKS) {
      throw new Refused(ManagementErrors.chunkStore("Wasm chunk store is already full: it holds " + MAX_CHUNKS
          + " chunks."));
    }
    m.chunks.put(key, chunk);
    return Answer.reply(IcCandid.encode(ManagementCandid.CHUNK_HASH, IcCandid.rec("hash", hash)));
  }

  private Answer clearChunks(byte[] caller, Value a) throws Refused {
    controlled(caller, a, false).chunks.clear();
    return Answer.reply(ManagementCandid.empty());
  }

  private Answer storedChunks(byte[] caller, Value a) throws Refused {
    ManagedCanister m = controlled(caller, a, false);
    List<Object> hashes = new ArrayList<>();
    for (String k : m.chunks.keySet()) {
      hashes.add(IcCandid.rec("hash", HexFormat.of().parseHex(k)));
    }
    return Answer.reply(IcCandid.encode(IcCandid.vec(ManagementCandid.CHUNK_HASH), hashes));
  }

  private Answer uninstall(byte[] caller, boolean fromCanister, Value a) throws Refused {
    ManagedCanister m = controlled(caller, a, false);
    if (m.installed != null) {
      m.cycles = m.installed.cycleBalance();
      m.versionWhileEmpty = m.installed.version() + 1;
      replica.removeCanister(m.installed);
      m.installed = null;
    }
    m.moduleHash = null;
    m.wasm = null;
    m.record(change(m, caller, fromCanister, "code_uninstall", null, null, null));
    return Answer.reply(ManagementCandid.empty());
  }

  // ---- settings and status ----

  private Answer updateSettings(byte[] caller, boolean fromCanister, Value a) throws Refused {
    ManagedCanister m = controlled(caller, a, false);
    ManagementSettings s = ManagementSettings.read(a.field("settings"));
    s.applyTo(m);
    if (s.controllers != null) {
      m.record(change(m, caller, fromCanister, "controllers_change", m.controllers, null, null));
    }
    return Answer.reply(ManagementCandid.empty());
  }

  private Answer setStatus(byte[] caller, Value a, int status) throws Refused {
    ManagedCanister m = controlled(caller, a, false);
    m.status = status;
    if (m.installed != null) {
      m.installed.setStatus(status);
    }
    return Answer.reply(ManagementCandid.empty());
  }

  private Answer delete(byte[] caller, Value a) throws Refused {
    ManagedCanister m = controlled(caller, a, false);
    if (Arrays.equals(caller, m.id)) {
      throw new Refused(ManagementErrors.deleteSelf(m.id));
    }
    if (m.status != ManagedCanister.STOPPED) {
      throw new Refused(ManagementErrors.deleteNotStopped(m.id));
    }
    if (m.installed != null) {
      replica.removeCanister(m.installed);
    }
    canisters.remove(HexFormat.of().formatHex(m.id));
    return Answer.reply(ManagementCandid.empty());
  }

  // ---- raw_rand ----

  private Answer rawRand(boolean fromCanister, byte[] arg) throws Refused {
    if (!fromCanister) {
      throw new Refused(ManagementErrors.notFromIngress("raw_rand"));
    }
    if (!(arg.length == 6 && arg[0] == 'D' && arg[1] == 'I' && arg[2] == 'D' && arg[3] == 'L' && arg[4] == 0
        && arg[5] == 0)) {
      // raw_rand decodes its argument as () (EmptyBlob); a payload that is not Candid is refused
      throw new Refused(new ManagementErrors.Refusal(4,
          "Error decoding candid: the argument of raw_rand is not the empty Candid message", "IC0408"));
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(seed);
      long n = draws++;
      for (int i = 0; i < 8; i++) {
        sha.update((byte) (n >>> (8 * i)));
      }
      return Answer.reply(ManagementCanisterModel.blobMessage(sha.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- helpers ----

  private static Value decode(String method, byte[] arg) throws Refused {
    try {
      Value v = IcCandid.decode(arg);
      if (v.isNull()) {
        throw new IllegalArgumentException("no argument");
      }
      return v;
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new Refused(ManagementErrors.payload(method, e.getMessage()));
    }
  }

  private ManagedCanister existing(Value a) throws Refused {
    byte[] id = a.field("canister_id").principal();
    ManagedCanister m = find(id);
    if (m == null) {
      throw new Refused(ManagementErrors.notFound(id));
    }
    return m;
  }

  /** The canister named by {@code canister_id}, if {@code caller} controls it (or is it, when {@code selfToo}). */
  private ManagedCanister controlled(byte[] caller, Value a, boolean selfToo) throws Refused {
    return controlledId(caller, a.field("canister_id").principal(), selfToo);
  }

  private ManagedCanister controlledId(byte[] caller, byte[] id, boolean selfToo) throws Refused {
    ManagedCanister m = find(id);
    if (m == null) {
      throw new Refused(ManagementErrors.notFound(id));
    }
    if (!m.isController(caller) && !(selfToo && Arrays.equals(caller, id))) {
      throw new Refused(ManagementErrors.notController(id, m.controllers, caller));
    }
    return m;
  }

  private ManagedCanister.Change change(ManagedCanister m, byte[] caller, boolean fromCanister, String kind,
      List<byte[]> controllers, String mode, byte[] hash) {
    return new ManagedCanister.Change(replica.time(), m.version(), fromCanister ? null : caller,
        fromCanister ? caller : null, kind, controllers == null ? null : List.copyOf(controllers), mode, hash);
  }

  static long clamp(BigInteger b) {
    return b.signum() < 0 ? 0 : b.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
