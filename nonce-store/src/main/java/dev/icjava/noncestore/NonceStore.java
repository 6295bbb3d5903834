package dev.icjava.noncestore;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.MessageBuilder;
import dev.icjava.runtime.Platform;
import dev.icjava.runtime.RawArrays;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Utf8;

/**
 * Single-use nonces bound to a caller and an action, kept in a region of stable memory so that an
 * upgrade neither forgets live ones nor revives consumed ones. Every change is written through to
 * stable memory at once: nothing to do in {@code canister_pre_upgrade}; {@link #open} finds the
 * store again after an upgrade.
 *
 * <h2>Layout, version 1</h2>
 *
 * All integers little-endian. The region starts at the offset the canister assigns ({@link
 * #open}) and must be reserved for the store; its size is {@link #regionBytes}.
 *
 * <pre>
 * Header, 128 bytes, at the region's start
 *   offset size  field
 *   0      4     magic "NNCS"
 *   4      1     layout version = 1
 *   5      3     reserved (0)
 *   8      4     nonce table slots N (a power of two, 2 x capacity or more)
 *   12     4     caller table slots M (a power of two)
 *   16     4     capacity: most nonces held at once (live, or consumed and not yet expired)
 *   20     1     per-caller cap C: most live nonces of one caller (1..255)
 *   21     3     reserved (0)
 *   24     8     next counter: the counter of the next nonce; only grows
 *   32     4     nonce slots in use
 *   36     4     caller slots in use
 *   40     4     sweep cursor: the nonce slot where reclamation of expired entries resumes
 *   44     4     reserved (0)
 *   48     16    tag key (k0, k1) of SipHash-2-4; {@link #reseed} replaces it
 *   64     16    table key of SipHash-2-4 for caller-table hashes; fixed at creation
 *   80     48    reserved (0)
 * Nonce table, N slots of 64 bytes, at 128; open addressing, linear probing from tag mod N
 *   0      1     state: 0 empty, 1 live, 2 consumed
 *   1      1     caller length (0..29)
 *   2      2     reserved (0)
 *   4      4     action hash (FNV-1a 32 of the action's UTF-8)
 *   8      8     counter
 *   16     8     tag = SipHash-2-4(tag key, counter)
 *   24     8     expiry, nanoseconds since 1970 (ic0.time)
 *   32     29    caller bytes
 *   61     3     reserved (0)
 * Caller table, M slots of 40 + 16 x C bytes, at 128 + 64 x N; linear probing from SipHash(table key, caller) mod M
 *   0      1     state: 0 empty, 1 used
 *   1      1     caller length
 *   2      1     live nonces of this caller (0..C)
 *   3      1     reserved (0)
 *   4      29    caller bytes
 *   33     7     reserved (0)
 *   40     16 x C (counter, tag) of each of this caller's live nonces
 * </pre>
 *
 * <p>A nonce is 16 bytes: the counter, then the tag, each 8 bytes little-endian. The counter makes
 * it unique for the life of the store (it never repeats, across upgrades); the tag, a keyed
 * pseudo-random function of the counter, makes it unguessable to anyone without the key. The key
 * is derived at creation from {@code ic0.time} and the canister id, which an observer may know: until
 * {@link #reseed} mixes in entropy (the management canister's {@code raw_rand}, an inter-canister
 * call the canister makes itself), nonces are unique but not unpredictable. A nonce reveals its
 * counter, that is, how many nonces were minted before it.
 *
 * <p>Costs: mint and consume probe a hash table kept at most half full and reclaim up to {@code
 * sweepPerCall} expired entries from a moving cursor, so their work does not grow with the number
 * of nonces held. Deletion shifts later entries back (no tombstones). A consumed nonce stays, to be
 * reported as {@code ALREADY_CONSUMED}, until it expires; afterwards it is reclaimed and reported as
 * {@code UNKNOWN}, and still never accepted, since its counter is never minted again.
 *
 * <p>Bounds: a caller with {@code C} live nonces cannot mint another until one is consumed or
 * expires (its own expired ones are reclaimed first, at once); a full store traps rather than evict
 * anyone's live nonce. Many distinct callers can still fill it: size the capacity for the expected
 * number of sign-ins per time to live.
 *
 * <p>Refusals to open: memory whose header is not all zero and does not start with the magic
 * ({@code "holds no nonce store"}), a newer layout version ({@code "newer than this build reads"}),
 * a geometry other than the one configured, a zero header over a region that holds data ({@code
 * "refusing to format it"}), and slots or counters no store could have written ({@code "Nonce store
 * corrupt"}, found when first read). It never reformats memory that is not empty. A future version 2
 * would read version 1 here and migrate it in place, under the same magic.
 */
public final class NonceStore {
  public static final int NONCE_BYTES = 16;
  public static final int LAYOUT_VERSION = 1;

  static final int MAGIC = 'N' | ('N' << 8) | ('C' << 16) | ('S' << 24);
  static final int HEADER_BYTES = 128;
  static final int H_MAGIC = 0;
  static final int H_VERSION = 4;
  static final int H_NONCE_SLOTS = 8;
  static final int H_CALLER_SLOTS = 12;
  static final int H_CAPACITY = 16;
  static final int H_CALLER_CAP = 20;
  static final int H_COUNTER = 24;
  static final int H_NONCES_USED = 32;
  static final int H_CALLERS_USED = 36;
  static final int H_CURSOR = 40;
  static final int H_TAG_KEY = 48;
  static final int H_TABLE_KEY = 64;

  static final int NONCE_SLOT_BYTES = 64;
  static final int N_STATE = 0;
  static final int N_CALLER_LENGTH = 1;
  static final int N_ACTION = 4;
  static final int N_COUNTER = 8;
  static final int N_TAG = 16;
  static final int N_EXPIRY = 24;
  static final int N_CALLER = 32;

  static final int C_STATE = 0;
  static final int C_CALLER_LENGTH = 1;
  static final int C_COUNT = 2;
  static final int C_CALLER = 4;
  static final int C_COUNTERS = 40;

  static final int EMPTY = 0;
  static final int LIVE = 1;
  static final int CONSUMED = 2;
  private static final int EXTRA_SWEEP_WHEN_FULL = 64;

  /** Geometry and behaviour, fixed when the store is created (except {@code sweepPerCall}). */
  public static final class Config {
    int capacity = 65_536;
    int perCallerCap = 8;
    int sweepPerCall = 4;
    byte[] seed;

    /** Most nonces held at once (default 65,536). */
    public Config capacity(int capacity) {
      if (capacity < 1 || capacity > (1 << 28)) {
        throw new IllegalArgumentException("capacity " + capacity + " outside 1..2^28");
      }
      this.capacity = capacity;
      return this;
    }

    /** Most live nonces of one caller (default 8, at most 255). */
    public Config perCallerCap(int cap) {
      if (cap < 1 || cap > 255) {
        throw new IllegalArgumentException("per-caller cap " + cap + " outside 1..255");
      }
      this.perCallerCap = cap;
      return this;
    }

    /** Nonce slots examined for expired entries by each mint and consume (default 4). */
    public Config sweepPerCall(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException("negative sweep");
      }
      this.sweepPerCall = slots;
      return this;
    }

    /**
     * Material for the initial key instead of {@code ic0.time} and the canister id (required on a
     * JVM, where there are none).
     */
    public Config seed(byte[] seed) {
      this.seed = seed.clone();
      return this;
    }
  }

  private final StableMemory memory;
  private final long base;
  private final int nonceSlots;
  private final int callerSlots;
  private final int capacity;
  private final int perCallerCap;
  private final int callerSlotBytes;
  private final long nonceTable;
  private final long callerTable;
  private final int sweepPerCall;
  private long nextCounter;
  private int noncesUsed;
  private int callersUsed;
  private int cursor;
  private long k0; // tag key
  private long k1;
  private long t0; // table key
  private long t1;
  private final byte[] slot = new byte[NONCE_SLOT_BYTES];
  private final byte[] moved = new byte[NONCE_SLOT_BYTES];
  private final byte[] callerSlot;
  private final byte[] callerMoved;
  private final byte[] header = new byte[HEADER_BYTES];
  private final byte[] zeros;

  private NonceStore(StableMemory memory, long base, int nonceSlots, int callerSlots, int capacity,
      int perCallerCap, int sweepPerCall) {
    this.memory = memory;
    this.base = base;
    this.nonceSlots = nonceSlots;
    this.callerSlots = callerSlots;
    this.capacity = capacity;
    this.perCallerCap = perCallerCap;
    this.sweepPerCall = sweepPerCall;
    this.callerSlotBytes = C_COUNTERS + 16 * perCallerCap;
    this.nonceTable = base + HEADER_BYTES;
    this.callerTable = nonceTable + (long) NONCE_SLOT_BYTES * nonceSlots;
    this.callerSlot = new byte[callerSlotBytes];
    this.callerMoved = new byte[callerSlotBytes];
    this.zeros = new byte[Math.max(callerSlotBytes, NONCE_SLOT_BYTES)];
  }

  /** The bytes a store of this configuration occupies. */
  public static long regionBytes(Config config) {
    int slots = tableSlots(config.capacity);
    return HEADER_BYTES + (long) NONCE_SLOT_BYTES * slots + (long) (C_COUNTERS + 16 * config.perCallerCap) * slots;
  }

  private static int tableSlots(int capacity) {
    int n = 16;
    while (n < 2 * capacity) {
      n <<= 1;
    }
    return n;
  }

  /**
   * Opens the store at {@code offset} of {@code memory}, creating it (and growing the memory) when
   * its header is all zero or beyond the memory's end. Throws {@link NonceStoreException} when the
   * memory there is something else, a newer layout, or a store of another geometry.
   */
  public static NonceStore open(StableMemory memory, long offset, Config config) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset");
    }
    byte[] h = new byte[HEADER_BYTES];
    boolean beyond = memory.size() * StableMemory.PAGE_BYTES < offset + HEADER_BYTES;
    if (!beyond) {
      memory.read(offset, h, 0, HEADER_BYTES);
    }
    if (beyond || allZero(h)) {
      return create(memory, offset, config);
    }
    int magic = getInt(h, H_MAGIC);
    if (magic != MAGIC) {
      throw new NonceStoreException(
          "Stable memory at offset " + offset + " holds no nonce store (magic " + hex(h, 0, 4)
              + ", expected 4e4e4353 \"NNCS\") and is not empty: refusing to format it.");
    }
    int version = h[H_VERSION] & 0xFF;
    if (version > LAYOUT_VERSION) {
      throw new NonceStoreException(
          "Nonce store layout version " + version + " is newer than this build reads (" + LAYOUT_VERSION
              + "): refusing to open it.");
    }
    if (version != 1) {
      throw new NonceStoreException("Nonce store layout version " + version + " is not valid.");
    }
    return openVersion1(memory, offset, config, h);
  }

  private static NonceStore openVersion1(StableMemory memory, long offset, Config config, byte[] h) {
    int nonceSlots = getInt(h, H_NONCE_SLOTS);
    int callerSlots = getInt(h, H_CALLER_SLOTS);
    int capacity = getInt(h, H_CAPACITY);
    int cap = h[H_CALLER_CAP] & 0xFF;
    if (Integer.bitCount(nonceSlots) != 1 || Integer.bitCount(callerSlots) != 1 || capacity < 1
        || capacity > nonceSlots / 2 || cap < 1) {
      throw corrupt("impossible geometry in the header");
    }
    if (capacity != config.capacity || cap != config.perCallerCap) {
      throw new NonceStoreException(
          "The nonce store holds capacity " + capacity + " and per-caller cap " + cap
              + "; this build asks for " + config.capacity + " and " + config.perCallerCap
              + ". Changing them needs a migration: keep the stored values.");
    }
    NonceStore s = new NonceStore(memory, offset, nonceSlots, callerSlots, capacity, cap, config.sweepPerCall);
    if (memory.size() * StableMemory.PAGE_BYTES < offset + s.size()) {
      throw corrupt("stable memory ends inside the store's region");
    }
    System.arraycopy(h, 0, s.header, 0, HEADER_BYTES);
    s.nextCounter = getLong(h, H_COUNTER);
    s.noncesUsed = getInt(h, H_NONCES_USED);
    s.callersUsed = getInt(h, H_CALLERS_USED);
    s.cursor = getInt(h, H_CURSOR);
    s.k0 = getLong(h, H_TAG_KEY);
    s.k1 = getLong(h, H_TAG_KEY + 8);
    s.t0 = getLong(h, H_TABLE_KEY);
    s.t1 = getLong(h, H_TABLE_KEY + 8);
    if (s.noncesUsed < 0 || s.noncesUsed > capacity + EXTRA_SWEEP_WHEN_FULL || s.callersUsed < 0
        || s.callersUsed > callerSlots / 2 + 1 || s.cursor < 0 || s.cursor >= nonceSlots
        || s.nextCounter < 0) {
      throw corrupt("impossible counters in the header");
    }
    return s;
  }

  private static NonceStore create(StableMemory memory, long offset, Config config) {
    int slots = tableSlots(config.capacity);
    NonceStore s = new NonceStore(memory, offset, slots, slots, config.capacity, config.perCallerCap,
        config.sweepPerCall);
    long end = offset + s.size();
    requireZero(memory, offset, Math.min(end, memory.size() * StableMemory.PAGE_BYTES));
    long pages = (end + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (memory.size() < pages && memory.grow(pages - memory.size()) < 0) {
      throw new NonceStoreException(
          "Cannot grow stable memory to " + pages + " pages for a nonce store of capacity " + config.capacity + ".");
    }
    byte[] material = config.seed;
    if (material == null) {
      if (!Platform.inCanister()) {
        throw new IllegalStateException("Config.seed is required outside a canister");
      }
      byte[] self = SystemApi.canisterSelf();
      material = new byte[8 + self.length];
      putLong(material, 0, SystemApi.time());
      System.arraycopy(self, 0, material, 8, self.length);
    }
    s.k0 = SipHash.hash(0x6e6f6e63652d6b30L, 0, material, 0, material.length);
    s.k1 = SipHash.hash(0x6e6f6e63652d6b31L, 0, material, 0, material.length);
    s.t0 = SipHash.hash(0x6e6f6e63652d7430L, 0, material, 0, material.length);
    s.t1 = SipHash.hash(0x6e6f6e63652d7431L, 0, material, 0, material.length);
    s.nextCounter = 1;
    byte[] h = s.header;
    putInt(h, H_MAGIC, MAGIC);
    h[H_VERSION] = LAYOUT_VERSION;
    putInt(h, H_NONCE_SLOTS, slots);
    putInt(h, H_CALLER_SLOTS, slots);
    putInt(h, H_CAPACITY, config.capacity);
    h[H_CALLER_CAP] = (byte) config.perCallerCap;
    s.writeHeader();
    return s;
  }

  /**
   * Refuses to create a store over memory that holds anything: a zero header does not make the
   * tables behind it empty (another user of the memory, or an interrupted layout, may have written
   * there). Only the part of the region that already exists is read; pages grown later are zero.
   */
  private static void requireZero(StableMemory memory, long from, long to) {
    byte[] chunk = new byte[4096];
    for (long at = from; at < to; at += chunk.length) {
      int n = (int) Math.min(chunk.length, to - at);
      memory.read(at, chunk, 0, n);
      for (int i = 0; i < n; i++) {
        if (chunk[i] != 0) {
          throw notEmpty(from, at + i);
        }
      }
    }
  }

  private String lastAction;
  private int lastActionHash;

  /** {@link #actionHash(String)}, remembered for the last action string (usually a constant). */
  private int hashOf(String action) {
    if (action != lastAction) {
      lastActionHash = actionHash(action);
      lastAction = action;
    }
    return lastActionHash;
  }

  /** The FNV-1a 32-bit hash the store keeps of an action name. */
  public static int actionHash(String action) {
    int h = 0x811c9dc5;
    for (byte b : Utf8.encode(action)) {
      h = (h ^ (b & 0xFF)) * 0x01000193;
    }
    return h;
  }

  /** Mints a nonce for (caller, action), valid for {@code ttlNanos} from {@code ic0.time}. */
  public byte[] mint(Principal caller, String action, long ttlNanos) {
    return mint(caller, action, SystemApi.time(), ttlNanos);
  }

  /** Mints a nonce at a given time. */
  public byte[] mint(Principal caller, String action, long nowNanos, long ttlNanos) {
    if (ttlNanos <= 0) {
      throw new IllegalArgumentException("time to live must be positive");
    }
    long expiry = nowNanos + ttlNanos < nowNanos ? Long.MAX_VALUE : nowNanos + ttlNanos;
    byte[] callerBytes = caller.bytes();
    sweep(nowNanos, sweepPerCall);
    if (noncesUsed >= capacity) {
      sweep(nowNanos, EXTRA_SWEEP_WHEN_FULL);
    }
    // Sweeping may move caller slots; from here on only nonce slots are deleted, so the caller's
    // slot index stays valid.
    int callerIndex = findCaller(callerBytes);
    int count = 0;
    if (callerIndex >= 0) {
      count = pruneCaller(callerIndex, nowNanos);
      if (count == 0) {
        deleteCaller(callerIndex);
        callerIndex = -1;
      }
    }
    if (count >= perCallerCap) {
      writeHeader();
      throw capReached(caller, count);
    }
    if (noncesUsed >= capacity) {
      writeHeader();
      throw full(noncesUsed, capacity);
    }
    if (callerIndex < 0 && callersUsed >= callerSlots / 2) {
      writeHeader();
      throw callersFull(callersUsed);
    }
    long counter = nextCounter++;
    long tag = SipHash.hashLong(k0, k1, counter);
    // the nonce slot
    int index = (int) tag & (nonceSlots - 1);
    for (int probes = 0; ; probes++) {
      if (probes == nonceSlots) {
        throw noEmptySlot("nonce", noncesUsed, nonceSlots);
      }
      readNonce(index, slot);
      if (slot[N_STATE] == EMPTY) {
        break;
      }
      if (getLong(slot, N_COUNTER) == counter) { // its equal would sit in this cluster, if held
        throw counterWentBack(counter);
      }
      index = (index + 1) & (nonceSlots - 1);
    }
    clear(slot);
    slot[N_STATE] = LIVE;
    slot[N_CALLER_LENGTH] = (byte) callerBytes.length;
    putInt(slot, N_ACTION, hashOf(action));
    putLong(slot, N_COUNTER, counter);
    putLong(slot, N_TAG, tag);
    putLong(slot, N_EXPIRY, expiry);
    System.arraycopy(callerBytes, 0, slot, N_CALLER, callerBytes.length);
    writeNonce(index, slot);
    noncesUsed++;
    // the caller's list
    if (callerIndex < 0) {
      callerIndex = (int) SipHash.hash(t0, t1, callerBytes, 0, callerBytes.length) & (callerSlots - 1);
      for (int probes = 0; ; probes++) {
        if (probes == callerSlots) {
          throw noEmptySlot("caller", callersUsed, callerSlots);
        }
        readCaller(callerIndex, callerSlot);
        if (callerSlot[C_STATE] == EMPTY) {
          break;
        }
        callerIndex = (callerIndex + 1) & (callerSlots - 1);
      }
      clear(callerSlot);
      callerSlot[C_STATE] = 1;
      callerSlot[C_CALLER_LENGTH] = (byte) callerBytes.length;
      System.arraycopy(callerBytes, 0, callerSlot, C_CALLER, callerBytes.length);
      callersUsed++;
    }
    putLong(callerSlot, C_COUNTERS + 16 * count, counter);
    putLong(callerSlot, C_COUNTERS + 16 * count + 8, tag);
    callerSlot[C_COUNT] = (byte) (count + 1);
    writeCaller(callerIndex, callerSlot);
    writeHeader();
    byte[] nonce = new byte[NONCE_BYTES];
    putLong(nonce, 0, counter);
    putLong(nonce, 8, tag);
    return nonce;
  }

  /** Consumes {@code nonce} for (caller, action) at {@code ic0.time}. */
  public ConsumeOutcome consume(Principal caller, String action, byte[] nonce) {
    return consume(caller, action, nonce, SystemApi.time());
  }

  /**
   * Consumes {@code nonce} for (caller, action) at a given time. Checks, in order: known, same
   * caller, same action (so another caller learns nothing about a nonce's state), not consumed, not
   * expired. Only {@link ConsumeOutcome#CONSUMED} changes it.
   */
  public ConsumeOutcome consume(Principal caller, String action, byte[] nonce, long nowNanos) {
    ConsumeOutcome outcome = lookupAndConsume(caller, action, nonce, nowNanos);
    sweep(nowNanos, sweepPerCall);
    writeHeader();
    return outcome;
  }

  /**
   * {@code null} when the nonce is consumed now for (caller, action), else the reason it is
   * refused: the shape of the attributes module's {@code NonceCheck}, for {@code (caller, nonce) ->
   * store.refusal(caller, "register", nonce)}.
   */
  public String refusal(Principal caller, String action, byte[] nonce) {
    ConsumeOutcome o = consume(caller, action, nonce);
    return o == ConsumeOutcome.CONSUMED ? null : o.description();
  }

  private ConsumeOutcome lookupAndConsume(Principal caller, String action, byte[] nonce, long now) {
    if (nonce.length != NONCE_BYTES) {
      return ConsumeOutcome.UNKNOWN;
    }
    int index = findNonce(getLong(nonce, 0), getLong(nonce, 8));
    if (index < 0) {
      return ConsumeOutcome.UNKNOWN;
    }
    byte[] callerBytes = caller.bytes();
    if (!sameCaller(slot, N_CALLER_LENGTH, N_CALLER, callerBytes)) {
      return ConsumeOutcome.OTHER_CALLER;
    }
    if (getInt(slot, N_ACTION) != hashOf(action)) {
      return ConsumeOutcome.OTHER_ACTION;
    }
    if (slot[N_STATE] == CONSUMED) {
      return ConsumeOutcome.ALREADY_CONSUMED;
    }
    if (getLong(slot, N_EXPIRY) <= now) {
      return ConsumeOutcome.EXPIRED;
    }
    long counter = getLong(slot, N_COUNTER);
    slot[N_STATE] = CONSUMED;
    writeNonce(index, slot);
    removeFromCaller(callerBytes, counter);
    return ConsumeOutcome.CONSUMED;
  }

  /** What the store holds about {@code nonce}, or {@code null} when it holds nothing. */
  public NonceInfo inspect(byte[] nonce) {
    if (nonce.length != NONCE_BYTES) {
      return null;
    }
    int index = findNonce(getLong(nonce, 0), getLong(nonce, 8));
    if (index < 0) {
      return null;
    }
    byte[] owner = ownerOf(slot, index);
    return new NonceInfo(Principal.fromBytes(owner), getInt(slot, N_ACTION), getLong(slot, N_EXPIRY),
        slot[N_STATE] == CONSUMED);
  }

  /**
   * Reclaims expired entries, examining at most {@code maxSlots} slots from the sweep cursor;
   * returns how many it reclaimed. Mint and consume do a little of this at every call.
   */
  public int purgeExpired(long nowNanos, int maxSlots) {
    int reclaimed = sweep(nowNanos, maxSlots);
    writeHeader();
    return reclaimed;
  }

  /**
   * Mixes {@code entropy} (for example 32 bytes of the management canister's {@code raw_rand})
   * into the key: nonces minted afterwards are unpredictable to anyone who does not know it.
   * Nonces already minted keep working.
   */
  public void reseed(byte[] entropy) {
    byte[] material = new byte[16 + entropy.length];
    putLong(material, 0, k0);
    putLong(material, 8, k1);
    System.arraycopy(entropy, 0, material, 16, entropy.length);
    long n0 = SipHash.hash(k0, k1, material, 0, material.length);
    long n1 = SipHash.hash(k1, k0, material, 0, material.length);
    k0 = n0;
    k1 = n1;
    writeHeader();
  }

  /** Nonces held: live, or consumed and not yet expired. */
  public int held() {
    return noncesUsed;
  }

  public int capacity() {
    return capacity;
  }

  public int perCallerCap() {
    return perCallerCap;
  }

  /** The number of nonces minted so far. */
  public long minted() {
    return nextCounter - 1;
  }

  /** The bytes of the region, from the offset given to {@link #open}. */
  public long size() {
    return HEADER_BYTES + (long) NONCE_SLOT_BYTES * nonceSlots + (long) callerSlotBytes * callerSlots;
  }

  // ---- internals ----

  /** Index of the slot holding (counter, tag), left in {@code slot}; -1 when absent. */
  private int findNonce(long counter, long tag) {
    int index = (int) tag & (nonceSlots - 1);
    for (int probes = 0; probes < nonceSlots; probes++) {
      readNonce(index, slot);
      int state = slot[N_STATE];
      if (state == EMPTY) {
        return -1;
      }
      if (state != LIVE && state != CONSUMED) {
        throw invalidSlot("nonce", index);
      }
      if (getLong(slot, N_COUNTER) == counter && getLong(slot, N_TAG) == tag) {
        if ((slot[N_CALLER_LENGTH] & 0xFF) > Principal.MAX_LENGTH) { // callers compare by this length
          throw invalidSlot("nonce", index);
        }
        return index;
      }
      index = (index + 1) & (nonceSlots - 1);
    }
    return -1;
  }

  /** Index of the caller's slot, left in {@code callerSlot}; -1 when absent. */
  private int findCaller(byte[] callerBytes) {
    int index = (int) SipHash.hash(t0, t1, callerBytes, 0, callerBytes.length) & (callerSlots - 1);
    for (int probes = 0; probes < callerSlots; probes++) {
      readCaller(index, callerSlot);
      if (callerSlot[C_STATE] == EMPTY) {
        return -1;
      }
      if (sameCaller(callerSlot, C_CALLER_LENGTH, C_CALLER, callerBytes)) {
        return index;
      }
      index = (index + 1) & (callerSlots - 1);
    }
    return -1;
  }

  /**
   * Drops the caller's expired nonces from both tables; returns its live count. The caller's slot
   * is in {@code callerSlot} and stays at {@code callerIndex} (nonce deletions do not move it).
   */
  private int pruneCaller(int callerIndex, long now) {
    int count = callerSlot[C_COUNT] & 0xFF;
    int i = 0;
    boolean changed = false;
    while (i < count) {
      long counter = getLong(callerSlot, C_COUNTERS + 16 * i);
      int index = findNonce(counter, getLong(callerSlot, C_COUNTERS + 16 * i + 8));
      if (index < 0 || slot[N_STATE] != LIVE) {
        throw corrupt("caller slot ", callerIndex, " lists nonce ", counter, ", which is not live");
      }
      if (getLong(slot, N_EXPIRY) <= now) {
        deleteNonce(index);
        count--;
        moveEntry(callerSlot, count, i);
        changed = true;
      } else {
        i++;
      }
    }
    if (changed) {
      callerSlot[C_COUNT] = (byte) count;
      writeCaller(callerIndex, callerSlot);
    }
    return count;
  }

  private void removeFromCaller(byte[] callerBytes, long counter) {
    int callerIndex = findCaller(callerBytes);
    if (callerIndex < 0) {
      throw corrupt("a live nonce's caller has no caller slot");
    }
    int count = callerSlot[C_COUNT] & 0xFF;
    for (int i = 0; i < count; i++) {
      if (getLong(callerSlot, C_COUNTERS + 16 * i) == counter) {
        count--;
        moveEntry(callerSlot, count, i);
        callerSlot[C_COUNT] = (byte) count;
        if (count == 0) {
          deleteCaller(callerIndex);
        } else {
          writeCaller(callerIndex, callerSlot);
        }
        return;
      }
    }
    throw corrupt("a live nonce is missing from its caller's list");
  }

  /** Examines up to {@code budget} slots from the cursor, reclaiming expired entries. */
  private int sweep(long now, int budget) {
    int reclaimed = 0;
    for (int i = 0; i < budget; i++) {
      readNonce(cursor, slot);
      int state = slot[N_STATE];
      if (state != EMPTY && getLong(slot, N_EXPIRY) <= now) {
        if (state != CONSUMED && state != LIVE) {
          throw invalidSlot("nonce", cursor);
        }
        if (state == LIVE) {
          byte[] owner = ownerOf(slot, cursor);
          long counter = getLong(slot, N_COUNTER);
          removeFromCaller(owner, counter);
        }
        deleteNonce(cursor); // a later entry may move into the cursor's slot: look again
        reclaimed++;
      } else {
        cursor = (cursor + 1) & (nonceSlots - 1);
      }
    }
    return reclaimed;
  }

  /** Empties nonce slot {@code index}, shifting back later entries of its cluster. */
  private void deleteNonce(int index) {
    int mask = nonceSlots - 1;
    int hole = index;
    int j = index;
    for (int probes = 1; ; probes++) {
      if (probes == nonceSlots) {
        throw noEmptySlot("nonce", noncesUsed, nonceSlots);
      }
      j = (j + 1) & mask;
      readNonce(j, moved);
      if (moved[N_STATE] == EMPTY) {
        break;
      }
      int home = (int) getLong(moved, N_TAG) & mask;
      if (outside(home, hole, j)) {
        writeNonce(hole, moved);
        hole = j;
      }
    }
    clear(moved);
    writeNonce(hole, moved);
    noncesUsed--;
  }

  private void deleteCaller(int index) {
    int mask = callerSlots - 1;
    int hole = index;
    int j = index;
    for (int probes = 1; ; probes++) {
      if (probes == callerSlots) {
        throw noEmptySlot("caller", callersUsed, callerSlots);
      }
      j = (j + 1) & mask;
      readCaller(j, callerMoved);
      if (callerMoved[C_STATE] == EMPTY) {
        break;
      }
      int length = callerMoved[C_CALLER_LENGTH];
      int home = (int) SipHash.hash(t0, t1, callerMoved, C_CALLER, length) & mask;
      if (outside(home, hole, j)) {
        writeCaller(hole, callerMoved);
        hole = j;
      }
    }
    clear(callerMoved);
    writeCaller(hole, callerMoved);
    callersUsed--;
  }

  /** Whether {@code home} lies cyclically outside {@code (hole, j]}: the entry at j may fill the hole. */
  private static boolean outside(int home, int hole, int j) {
    return hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
  }

  /** Moves list entry {@code from} of a caller slot to {@code to} and clears {@code from}. */
  private static void moveEntry(byte[] callerSlot, int from, int to) {
    putLong(callerSlot, C_COUNTERS + 16 * to, getLong(callerSlot, C_COUNTERS + 16 * from));
    putLong(callerSlot, C_COUNTERS + 16 * to + 8, getLong(callerSlot, C_COUNTERS + 16 * from + 8));
    putLong(callerSlot, C_COUNTERS + 16 * from, 0);
    putLong(callerSlot, C_COUNTERS + 16 * from + 8, 0);
  }

  private static boolean sameCaller(byte[] s, int lengthAt, int bytesAt, byte[] caller) {
    return s[lengthAt] == caller.length && Utf8.equalBytes(s, bytesAt, caller, 0, caller.length);
  }

  /**
   * Reads nonce slot {@code index} as it is (kept small enough to inline: it is the hottest read).
   * What later code relies on is checked where it is used: the state by {@link #findNonce} and
   * {@link #sweep}, the caller length of a slot found or copied by {@link #findNonce} and {@link
   * #ownerOf}.
   */
  private void readNonce(int index, byte[] into) {
    memory.read(nonceTable + (long) index * NONCE_SLOT_BYTES, into, 0, NONCE_SLOT_BYTES);
  }

  /** The caller bytes of the nonce slot in {@code s}, checked to be at most 29. */
  private static byte[] ownerOf(byte[] s, int index) {
    int length = s[N_CALLER_LENGTH] & 0xFF;
    if (length > Principal.MAX_LENGTH) {
      throw invalidSlot("nonce", index);
    }
    byte[] owner = new byte[length];
    System.arraycopy(s, N_CALLER, owner, 0, length);
    return owner;
  }

  private void writeNonce(int index, byte[] from) {
    memory.write(nonceTable + (long) index * NONCE_SLOT_BYTES, from, 0, NONCE_SLOT_BYTES);
  }

  private void readCaller(int index, byte[] into) {
    memory.read(callerTable + (long) index * callerSlotBytes, into, 0, callerSlotBytes);
    // unsigned: states 0..1, lengths 0..29, counts 0..cap (an empty slot is all zero)
    if ((into[C_STATE] & 0xFF) > 1 || (into[C_CALLER_LENGTH] & 0xFF) > Principal.MAX_LENGTH
        || (into[C_COUNT] & 0xFF) > perCallerCap) {
      throw invalidSlot("caller", index);
    }
  }

  private void writeCaller(int index, byte[] from) {
    memory.write(callerTable + (long) index * callerSlotBytes, from, 0, callerSlotBytes);
  }

  private void writeHeader() {
    byte[] h = header;
    putLong(h, H_COUNTER, nextCounter);
    putInt(h, H_NONCES_USED, noncesUsed);
    putInt(h, H_CALLERS_USED, callersUsed);
    putInt(h, H_CURSOR, cursor);
    putLong(h, H_TAG_KEY, k0);
    putLong(h, H_TAG_KEY + 8, k1);
    putLong(h, H_TABLE_KEY, t0);
    putLong(h, H_TABLE_KEY + 8, t1);
    memory.write(base, h, 0, HEADER_BYTES);
  }

  // Failures are built in these factories, never at the throwing site: the canister build does not
  // inline a method returning an exception, so mint and consume stay small.

  private static NonceStoreException corrupt(String what) {
    return new NonceStoreException("Nonce store corrupt: " + what + ".");
  }

  private static NonceStoreException corrupt(String a, long x, String b, long y, String c) {
    return corrupt(a + x + b + y + c);
  }

  private static NonceStoreException notEmpty(long offset, long at) {
    return new NonceStoreException("Stable memory at offset " + offset + " has a zero header but holds data (byte "
        + at + " is not zero): refusing to format it as a nonce store.");
  }

  private static NonceStoreException counterWentBack(long counter) {
    return corrupt("counter " + counter + " is held already: the header's next counter went back");
  }

  private static NonceStoreException noEmptySlot(String table, int used, int slots) {
    return corrupt("no empty " + table + " slot, though the header counts " + used + " of " + slots + " in use");
  }

  private static NonceStoreException invalidSlot(String table, int index) {
    return corrupt(table + " slot " + index + " holds an impossible state, caller length or count");
  }

  private static NonceStoreException capReached(Principal caller, int count) {
    MessageBuilder m = new MessageBuilder().append(Messages.CALLER);
    int at = m.reserve(caller.textLength()); // before buffer(): reserving may grow it
    caller.writeText(m.buffer(), at);
    return new NonceStoreException(m.append(Messages.ALREADY_HOLDS).appendDecimal(count).append(Messages.CAP_REACHED).toArray());
  }

  private static NonceStoreException full(long used, int capacity) {
    return new NonceStoreException(new MessageBuilder().append(Messages.FULL).appendDecimal(used).append(Messages.HELD_CAPACITY)
        .appendDecimal(capacity).append(Messages.TRY_AGAIN).toArray());
  }

  private static NonceStoreException callersFull(long used) {
    return new NonceStoreException(new MessageBuilder().append(Messages.FULL).appendDecimal(used).append(Messages.CALLERS_HOLD).toArray());
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private void clear(byte[] b) {
    System.arraycopy(zeros, 0, b, 0, b.length);
  }

  private static String hex(byte[] b, int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
    }
    return sb.toString();
  }

  // The offsets below are constants of the layout, or list positions below the per-caller cap,
  // inside buffers sized by the same layout: unchecked access is safe and saves ~40 instructions.
  static int getInt(byte[] b, int at) {
    return RawArrays.getIntLE(b, at);
  }

  static long getLong(byte[] b, int at) {
    return (getInt(b, at) & 0xFFFFFFFFL) | ((long) getInt(b, at + 4) << 32);
  }

  static void putInt(byte[] b, int at, int v) {
    RawArrays.putIntLE(b, at, v);
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) v);
    putInt(b, at + 4, (int) (v >>> 32));
  }
}
