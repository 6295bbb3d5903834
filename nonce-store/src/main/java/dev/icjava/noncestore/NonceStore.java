package dev.icjava.noncestore;

import static dev.icjava.noncestore.LittleEndian.getInt;
import static dev.icjava.noncestore.LittleEndian.getLong;
import static dev.icjava.noncestore.LittleEndian.putInt;
import static dev.icjava.noncestore.LittleEndian.putLong;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.Platform;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;

/**
 * Single-use, expiring 32-byte nonces for an action, kept in a region of stable memory so that an
 * upgrade neither forgets live ones nor revives consumed ones. Every change is written through to
 * stable memory at once: nothing to do in {@code canister_pre_upgrade}; {@link #open} finds the
 * store again after an upgrade.
 *
 * <p>Two kinds, as Internet Identity's sign-in flow needs them (the integration guide's frontend
 * asks for a nonce anonymously, then presents it signed in as the user):
 *
 * <ul>
 *   <li><b>Unbound</b> ({@link #mintUnbound}, or {@link #mint} by the anonymous principal): consumed
 *       once by any authenticated caller. Kept in a ring ({@link UnboundRing}) of the newest {@code
 *       R} mints: a mint is never refused, and evicting a live one takes {@code R} mints after it
 *       (O(1) per call either way). The IC itself stops another user from presenting it: Internet
 *       Identity signs the bundle carrying it under the user's own key.
 *   <li><b>Bound</b> ({@link #mint} by an authenticated caller, for example linking an email after
 *       sign-in): consumable only by that caller. Kept in hash tables ({@link BoundNonces}), at most
 *       {@code C} live ones per caller, never evicted; a full table refuses new bound nonces, never
 *       unbound ones, so it cannot stop sign-ins.
 * </ul>
 *
 * <h2>A nonce, 32 bytes</h2>
 *
 * <pre>
 * offset size  field
 * 0      8     word, little-endian: counter (bits 0..55) | kind &lt;&lt; 56 (1 unbound, 2 bound)
 * 8      24    tag: SipHash-2-4(tag key, word ‖ i) for i = 0, 1, 2, 8 bytes each, little-endian
 * </pre>
 *
 * <p>The counter makes a nonce unique for the life of the store (it only grows, across upgrades
 * and the migration from version 1). The tag, a keyed pseudo-random function of the word, makes it
 * unguessable to anyone without the key: a forged or altered nonce is refused as unknown. The key
 * is derived at creation from {@code ic0.time} and the canister id, which an observer may know: until
 * {@link #reseed} mixes in entropy (32 bytes of the management canister's {@code raw_rand}), nonces
 * are unique but predictable. A nonce reveals its counter, that is, how many nonces were minted
 * before it.
 *
 * <h2>Layout, version 2</h2>
 *
 * All integers little-endian. The region starts at the offset the canister assigns ({@link #open})
 * and must be reserved for the store; its size is {@link #regionBytes}.
 *
 * <pre>
 * Header, 128 bytes, at the region's start
 *   offset size  field
 *   0      4     magic "NNCS"
 *   4      1     layout version = 2
 *   5      1     created as: 2 (version 2), 1 (migrated from version 1)
 *   6      2     reserved (0)
 *   8      4     bound nonce table slots N (a power of two, 2 x capacity or more)
 *   12     4     caller table slots M (a power of two)
 *   16     4     capacity: most bound nonces held at once (live, or consumed and not yet expired)
 *   20     1     per-caller cap C: most live bound nonces of one caller (1..255)
 *   21     3     reserved (0)
 *   24     8     next counter: the counter of the next nonce; only grows, below 2^56
 *   32     4     bound nonce slots in use
 *   36     4     caller slots in use
 *   40     4     sweep cursor: the bound nonce slot where reclamation of expired entries resumes
 *   44     4     ring slots R (a power of two, 16 or more)
 *   48     16    tag key (k0, k1) of SipHash-2-4; {@link #reseed} replaces it
 *   64     16    table key (t0, t1) of SipHash-2-4 for caller-table hashes; fixed at creation
 *   80     8     first counter of this layout: 1, or version 1's next counter at the migration
 *   88     40    reserved (0)
 * Ring of unbound nonces, R slots of 48 bytes, at 128 ({@link UnboundRing})
 * Bound nonce table, N slots of 80 bytes, at 128 + 48 x R ({@link BoundNonces})
 * Caller table, M slots of 40 + 16 x C bytes, after the bound nonce table ({@link BoundNonces})
 * </pre>
 *
 * <p>A version-1 store (16-byte nonces, {@link LayoutVersion1}) is migrated in place when opened:
 * its counter and keys are kept, so no nonce value ever repeats; its tables are zeroed and the
 * version-2 region laid over them (grown beyond them only over zero memory); its outstanding
 * 16-byte nonces are refused as unknown afterwards (Internet Identity signs only 32-byte nonces, so
 * none of them could have completed a real sign-in). In a canister the migration is part of the
 * message that opens the store: a trap anywhere rolls all of it back.
 *
 * <p>Refusals to open: memory whose header is not all zero and does not start with the magic
 * ({@code "holds no nonce store"}), a newer layout version ({@code "newer than this build reads"}),
 * a geometry other than the one configured, a zero header over a region that holds data ({@code
 * "refusing to format it"}), a migration that would have to grow over data, and slots or counters
 * no store could have written ({@code "Nonce store corrupt"}, found when first read). It never
 * reformats memory that is not empty.
 */
public final class NonceStore {
  public static final int NONCE_BYTES = 32;
  public static final int LAYOUT_VERSION = 2;

  static final int TAG_AT = 8;
  static final int TAG_BYTES = 24;
  static final long COUNTER_MASK = (1L << 56) - 1;
  static final long UNBOUND = 1;
  static final long BOUND = 2;

  static final int MAGIC = 'N' | ('N' << 8) | ('C' << 16) | ('S' << 24);
  static final int HEADER_BYTES = 128;
  static final int H_MAGIC = 0;
  static final int H_VERSION = 4;
  static final int H_CREATED_AS = 5;
  static final int H_BOUND_SLOTS = 8;
  static final int H_CALLER_SLOTS = 12;
  static final int H_CAPACITY = 16;
  static final int H_CALLER_CAP = 20;
  static final int H_COUNTER = 24;
  static final int H_BOUND_USED = 32;
  static final int H_CALLERS_USED = 36;
  static final int H_CURSOR = 40;
  static final int H_RING_SLOTS = 44;
  static final int H_TAG_KEY = 48;
  static final int H_TABLE_KEY = 64;
  static final int H_FIRST_COUNTER = 80;

  static final int EMPTY = 0;
  static final int LIVE = 1;
  static final int CONSUMED = 2;

  /** Geometry and behaviour, fixed when the store is created (except {@code sweepPerCall}). */
  public static final class Config {
    int ringSlots = 1 << 18;
    int capacity = 16_384;
    int perCallerCap = 8;
    int sweepPerCall = 4;
    byte[] seed;

    /**
     * Unbound nonces kept (a power of two, 16 to 2^26; default 2^18 = 262,144, 12 MiB): evicting
     * a live one takes this many mints after it.
     */
    public Config ringSlots(int slots) {
      if (slots < 16 || slots > (1 << 26) || Integer.bitCount(slots) != 1) {
        throw new IllegalArgumentException("ring slots " + slots + " not a power of two in 16..2^26");
      }
      this.ringSlots = slots;
      return this;
    }

    /** Most bound nonces held at once (default 16,384). */
    public Config capacity(int capacity) {
      if (capacity < 1 || capacity > (1 << 28)) {
        throw new IllegalArgumentException("capacity " + capacity + " outside 1..2^28");
      }
      this.capacity = capacity;
      return this;
    }

    /** Most live bound nonces of one caller (default 8, at most 255). */
    public Config perCallerCap(int cap) {
      if (cap < 1 || cap > 255) {
        throw new IllegalArgumentException("per-caller cap " + cap + " outside 1..255");
      }
      this.perCallerCap = cap;
      return this;
    }

    /** Bound nonce slots examined for expired entries by each bound mint and consume (default 4). */
    public Config sweepPerCall(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException("negative sweep");
      }
      this.sweepPerCall = slots;
      return this;
    }

    /** The ring slots configured. */
    public int ringSlots() {
      return ringSlots;
    }

    /** The capacity configured. */
    public int capacity() {
      return capacity;
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
  private final UnboundRing ring;
  private final BoundNonces bound;
  private long nextCounter;
  private long k0; // tag key
  private long k1;
  private final byte[] header = new byte[HEADER_BYTES];

  private NonceStore(StableMemory memory, long base, byte[] header, int sweepPerCall) {
    this.memory = memory;
    this.base = base;
    System.arraycopy(header, 0, this.header, 0, HEADER_BYTES);
    int ringSlots = getInt(header, H_RING_SLOTS);
    this.ring = new UnboundRing(memory, base + HEADER_BYTES, ringSlots);
    this.bound = new BoundNonces(memory, base + HEADER_BYTES + UnboundRing.bytesFor(ringSlots),
        getInt(header, H_BOUND_SLOTS), getInt(header, H_CALLER_SLOTS), getInt(header, H_CAPACITY),
        header[H_CALLER_CAP] & 0xFF, sweepPerCall, getLong(header, H_TABLE_KEY), getLong(header, H_TABLE_KEY + 8));
    this.bound.used = getInt(header, H_BOUND_USED);
    this.bound.callersUsed = getInt(header, H_CALLERS_USED);
    this.bound.cursor = getInt(header, H_CURSOR);
    this.nextCounter = getLong(header, H_COUNTER);
    this.k0 = getLong(header, H_TAG_KEY);
    this.k1 = getLong(header, H_TAG_KEY + 8);
  }

  /** The bytes a store of this configuration occupies. */
  public static long regionBytes(Config config) {
    int slots = tableSlots(config.capacity);
    return HEADER_BYTES + UnboundRing.bytesFor(config.ringSlots)
        + BoundNonces.bytesFor(slots, slots, config.perCallerCap);
  }

  private static int tableSlots(int capacity) {
    int n = 16;
    while (n < 2 * capacity) {
      n <<= 1;
    }
    return n;
  }

  /**
   * Opens the store at {@code offset} of {@code memory}: creates it (growing the memory) when its
   * header is all zero or beyond the memory's end, migrates a version-1 store in place, and throws
   * {@link NonceStoreException} when the memory there is something else, a newer layout, or a store
   * of another geometry.
   */
  public static NonceStore open(StableMemory memory, long offset, Config config) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset");
    }
    byte[] h = new byte[HEADER_BYTES];
    boolean beyond = memoryBytes(memory) < offset + HEADER_BYTES;
    if (!beyond) {
      memory.read(offset, h, 0, HEADER_BYTES);
    }
    if (beyond || allZero(h)) {
      return createNew(memory, offset, config);
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
    if (version == LayoutVersion1.VERSION) {
      return migrateVersion1(memory, offset, config, h);
    }
    if (version != LAYOUT_VERSION) {
      throw new NonceStoreException("Nonce store layout version " + version + " is not valid.");
    }
    return openVersion2(memory, offset, config, h);
  }

  private static NonceStore openVersion2(StableMemory memory, long offset, Config config, byte[] h) {
    int boundSlots = getInt(h, H_BOUND_SLOTS);
    int callerSlots = getInt(h, H_CALLER_SLOTS);
    int capacity = getInt(h, H_CAPACITY);
    int cap = h[H_CALLER_CAP] & 0xFF;
    int ringSlots = getInt(h, H_RING_SLOTS);
    if (Integer.bitCount(boundSlots) != 1 || Integer.bitCount(callerSlots) != 1 || capacity < 1
        || capacity > boundSlots / 2 || cap < 1 || Integer.bitCount(ringSlots) != 1 || ringSlots < 16) {
      throw corrupt("impossible geometry in the header");
    }
    if (ringSlots != config.ringSlots || capacity != config.capacity || cap != config.perCallerCap) {
      throw new NonceStoreException(
          "The nonce store holds ring slots " + ringSlots + ", capacity " + capacity + " and per-caller cap " + cap
              + "; this build asks for " + config.ringSlots + ", " + config.capacity + " and " + config.perCallerCap
              + ". Changing them needs a migration: keep the stored values.");
    }
    NonceStore s = new NonceStore(memory, offset, h, config.sweepPerCall);
    if (memoryBytes(memory) < offset + s.size()) {
      throw corrupt("stable memory ends inside the store's region");
    }
    BoundNonces b = s.bound;
    if (b.used < 0 || b.used > capacity + BoundNonces.EXTRA_SWEEP_WHEN_FULL || b.callersUsed < 0
        || b.callersUsed > callerSlots / 2 + 1 || b.cursor < 0 || b.cursor >= boundSlots
        || s.nextCounter < 0 || s.nextCounter > COUNTER_MASK) {
      throw corrupt("impossible counters in the header");
    }
    return s;
  }

  /**
   * Creates a store at {@code offset}; {@code from} is the version-1 header it replaces (counter and
   * keys kept), or {@code null} for a new store (keys derived from the seed, or time and canister).
   */
  private static NonceStore create(StableMemory memory, long offset, Config config, byte[] from) {
    long end = offset + regionBytes(config);
    long pages = (end + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (memory.size() < pages && memory.grow(pages - memory.size()) < 0) {
      throw new NonceStoreException("Cannot grow stable memory to " + pages + " pages for a nonce store of "
          + config.ringSlots + " ring slots and capacity " + config.capacity + ".");
    }
    byte[] h = new byte[HEADER_BYTES];
    putInt(h, H_MAGIC, MAGIC);
    h[H_VERSION] = LAYOUT_VERSION;
    int slots = tableSlots(config.capacity);
    putInt(h, H_BOUND_SLOTS, slots);
    putInt(h, H_CALLER_SLOTS, slots);
    putInt(h, H_CAPACITY, config.capacity);
    h[H_CALLER_CAP] = (byte) config.perCallerCap;
    putInt(h, H_RING_SLOTS, config.ringSlots);
    if (from == null) {
      h[H_CREATED_AS] = LAYOUT_VERSION;
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
      putLong(h, H_TAG_KEY, SipHash.hash(0x6e6f6e63652d6b30L, 0, material, 0, material.length));
      putLong(h, H_TAG_KEY + 8, SipHash.hash(0x6e6f6e63652d6b31L, 0, material, 0, material.length));
      putLong(h, H_TABLE_KEY, SipHash.hash(0x6e6f6e63652d7430L, 0, material, 0, material.length));
      putLong(h, H_TABLE_KEY + 8, SipHash.hash(0x6e6f6e63652d7431L, 0, material, 0, material.length));
      putLong(h, H_COUNTER, 1);
    } else {
      h[H_CREATED_AS] = LayoutVersion1.VERSION;
      System.arraycopy(from, H_TAG_KEY, h, H_TAG_KEY, 32); // tag key and table key
      System.arraycopy(from, H_COUNTER, h, H_COUNTER, 8);
    }
    System.arraycopy(h, H_COUNTER, h, H_FIRST_COUNTER, 8);
    NonceStore s = new NonceStore(memory, offset, h, config.sweepPerCall);
    s.writeHeader();
    return s;
  }

  /** A new store: only over a region that holds nothing, as far as the memory reaches. */
  private static NonceStore createNew(StableMemory memory, long offset, Config config) {
    long at = firstNonZero(memory, offset, Math.min(offset + regionBytes(config), memoryBytes(memory)));
    if (at >= 0) {
      throw new NonceStoreException("Stable memory at offset " + offset + " has a zero header but holds data (byte "
          + at + " is not zero): refusing to format it as a nonce store.");
    }
    return create(memory, offset, config, null);
  }

  /**
   * Migrates a version-1 store in place: checks first (its header, and that the larger version-2
   * region grows only over zero memory), then grows, zeroes the version-1 tables and writes the
   * version-2 header with the counter and keys kept.
   */
  private static NonceStore migrateVersion1(StableMemory memory, long offset, Config config, byte[] h) {
    LayoutVersion1 v1 = LayoutVersion1.read(h);
    long v1End = offset + v1.regionBytes();
    if (memoryBytes(memory) < v1End) {
      throw corrupt("stable memory ends inside the version-1 store's region");
    }
    long v2End = offset + regionBytes(config);
    long data = firstNonZero(memory, v1End, Math.min(v2End, memoryBytes(memory)));
    if (data >= 0) {
      throw new NonceStoreException("Cannot migrate the version-1 nonce store at offset " + offset
          + " to version 2 in place: version 2 needs the bytes up to " + v2End + ", and byte " + data
          + ", after the version-1 region, is not zero. Free that memory or open the store elsewhere.");
    }
    long pages = (v2End + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (memory.size() < pages && memory.grow(pages - memory.size()) < 0) {
      throw new NonceStoreException("Cannot grow stable memory to " + pages
          + " pages to migrate the version-1 nonce store to version 2.");
    }
    byte[] zeros = new byte[65_536];
    for (long at = offset + HEADER_BYTES; at < v1End; at += zeros.length) {
      memory.write(at, zeros, 0, (int) Math.min(zeros.length, v1End - at));
    }
    return create(memory, offset, config, h);
  }

  private static long memoryBytes(StableMemory memory) {
    return memory.size() * StableMemory.PAGE_BYTES;
  }

  /**
   * The first byte in {@code [from, to)} that is not zero, or -1: a store is created or migrated
   * only over memory that holds nothing (another user of the memory, or an interrupted layout, may
   * have written behind a zero header). Only the part that already exists is read; pages grown
   * later are zero.
   */
  private static long firstNonZero(StableMemory memory, long from, long to) {
    byte[] chunk = new byte[4096];
    for (long at = from; at < to; at += chunk.length) {
      int n = (int) Math.min(chunk.length, to - at);
      memory.read(at, chunk, 0, n);
      for (int i = 0; i < n; i++) {
        if (chunk[i] != 0) {
          return at + i;
        }
      }
    }
    return -1;
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

  /**
   * Mints a nonce for {@code action}, valid for {@code ttlNanos} from {@code ic0.time}: unbound
   * when {@code caller} is the anonymous principal (as the integration guide's frontend asks for
   * one before sign-in), bound to {@code caller} otherwise.
   */
  public byte[] mint(Principal caller, String action, long ttlNanos) {
    return mint(caller, action, SystemApi.time(), ttlNanos);
  }

  /** {@link #mint(Principal, String, long)} at a given time. */
  public byte[] mint(Principal caller, String action, long nowNanos, long ttlNanos) {
    return caller.isAnonymous() ? mintUnbound(action, nowNanos, ttlNanos) : mintBound(caller, action, nowNanos, ttlNanos);
  }

  /** An unbound nonce for {@code action}, valid for {@code ttlNanos} from {@code ic0.time}. */
  public byte[] mintUnbound(String action, long ttlNanos) {
    return mintUnbound(action, SystemApi.time(), ttlNanos);
  }

  /**
   * An unbound nonce at a given time: written over the oldest slot of the ring, never refused. Any
   * authenticated caller may consume it once.
   */
  public byte[] mintUnbound(String action, long nowNanos, long ttlNanos) {
    long expiry = expiry(nowNanos, ttlNanos);
    long counter = nextCounter();
    long word = counter | (UNBOUND << 56);
    byte[] nonce = newNonce(word);
    ring.put(nonce, word, hashOf(action), expiry);
    nextCounter = counter + 1;
    putLong(header, H_COUNTER, nextCounter);
    memory.write(base + H_COUNTER, header, H_COUNTER, 8);
    return nonce;
  }

  /** A nonce bound to {@code caller} for {@code action}, valid for {@code ttlNanos} from {@code ic0.time}. */
  public byte[] mintBound(Principal caller, String action, long ttlNanos) {
    return mintBound(caller, action, SystemApi.time(), ttlNanos);
  }

  /**
   * A nonce bound to {@code caller} (not the anonymous principal) at a given time: refused when the
   * caller holds {@code perCallerCap} live ones, or when the bound table is full.
   */
  public byte[] mintBound(Principal caller, String action, long nowNanos, long ttlNanos) {
    if (caller.isAnonymous()) {
      throw new IllegalArgumentException("a nonce bound to the anonymous principal would be anyone's");
    }
    long expiry = expiry(nowNanos, ttlNanos);
    byte[] callerBytes = caller.bytes();
    int refused = bound.admit(callerBytes, nowNanos);
    if (refused != BoundNonces.ADMITTED) {
      writeHeader(); // reclaiming may have changed the tables; on a JVM nothing rolls them back
      throw bound.refusal(refused, caller);
    }
    long counter = nextCounter();
    long word = counter | (BOUND << 56);
    byte[] nonce = newNonce(word);
    bound.insert(callerBytes, nonce, word, hashOf(action), expiry);
    nextCounter = counter + 1;
    writeHeader();
    return nonce;
  }

  private static long expiry(long now, long ttl) {
    if (ttl <= 0) {
      throw new IllegalArgumentException("time to live must be positive");
    }
    return now + ttl < now ? Long.MAX_VALUE : now + ttl;
  }

  private long nextCounter() {
    if (nextCounter > COUNTER_MASK) {
      throw corrupt("the counter reached 2^56");
    }
    return nextCounter;
  }

  private byte[] newNonce(long word) {
    byte[] nonce = new byte[NONCE_BYTES];
    putLong(nonce, 0, word);
    putLong(nonce, TAG_AT, SipHash.hashLongAndByte(k0, k1, word, 0));
    putLong(nonce, TAG_AT + 8, SipHash.hashLongAndByte(k0, k1, word, 1));
    putLong(nonce, TAG_AT + 16, SipHash.hashLongAndByte(k0, k1, word, 2));
    return nonce;
  }

  /** Whether {@code nonce}'s tag is the one the current key gives its word. */
  private boolean tagFromCurrentKey(byte[] nonce, long word) {
    return getLong(nonce, TAG_AT) == SipHash.hashLongAndByte(k0, k1, word, 0)
        && getLong(nonce, TAG_AT + 8) == SipHash.hashLongAndByte(k0, k1, word, 1)
        && getLong(nonce, TAG_AT + 16) == SipHash.hashLongAndByte(k0, k1, word, 2);
  }

  /** Consumes {@code nonce} for (caller, action) at {@code ic0.time}. */
  public ConsumeOutcome consume(Principal caller, String action, byte[] nonce) {
    return consume(caller, action, nonce, SystemApi.time());
  }

  /**
   * Consumes {@code nonce} for (caller, action) at a given time. Checks, in order: known (minted
   * by this store, not forged; for an unbound nonce, not evicted), the caller (a bound nonce's
   * owner; for an unbound one, any caller but the anonymous principal), the action (checked after
   * the caller, so another caller learns nothing about a bound nonce's state), not consumed, not
   * expired. Only {@link ConsumeOutcome#CONSUMED} changes the nonce.
   */
  public ConsumeOutcome consume(Principal caller, String action, byte[] nonce, long nowNanos) {
    if (nonce.length != NONCE_BYTES) {
      return ConsumeOutcome.UNKNOWN;
    }
    long word = getLong(nonce, 0);
    long kind = word >>> 56;
    if (kind == UNBOUND) {
      return consumeUnbound(caller, action, nonce, word, nowNanos);
    }
    if (kind != BOUND) {
      return ConsumeOutcome.UNKNOWN;
    }
    ConsumeOutcome outcome = bound.consume(caller.bytes(), hashOf(action), nonce, word, nowNanos);
    bound.sweepAsUsual(nowNanos);
    writeHeader();
    return outcome;
  }

  private ConsumeOutcome consumeUnbound(Principal caller, String action, byte[] nonce, long word, long now) {
    int found = ring.find(nonce, word);
    if (found != UnboundRing.FOUND) {
      return found == UnboundRing.OVERWRITTEN && tagFromCurrentKey(nonce, word)
          ? ConsumeOutcome.EVICTED : ConsumeOutcome.UNKNOWN;
    }
    if (caller.isAnonymous()) {
      return ConsumeOutcome.ANONYMOUS_CALLER;
    }
    if (ring.actionHash() != hashOf(action)) {
      return ConsumeOutcome.OTHER_ACTION;
    }
    if (ring.consumed()) {
      return ConsumeOutcome.ALREADY_CONSUMED;
    }
    if (ring.expiry() <= now) {
      return ConsumeOutcome.EXPIRED;
    }
    ring.markConsumed(word);
    return ConsumeOutcome.CONSUMED;
  }

  /** What the store holds about {@code nonce}, or {@code null} when it holds nothing. */
  public NonceInfo inspect(byte[] nonce) {
    if (nonce.length != NONCE_BYTES) {
      return null;
    }
    long word = getLong(nonce, 0);
    long kind = word >>> 56;
    if (kind == UNBOUND) {
      return ring.find(nonce, word) == UnboundRing.FOUND
          ? new NonceInfo(null, ring.actionHash(), ring.expiry(), ring.consumed()) : null;
    }
    return kind == BOUND ? bound.inspect(nonce, word) : null;
  }

  /**
   * Reclaims expired bound nonces, examining at most {@code maxSlots} slots from the sweep cursor;
   * returns how many it reclaimed. Bound mints and consumes do a little of this at every call.
   * (Unbound nonces need no reclaiming: newer ones overwrite them.)
   */
  public int purgeExpired(long nowNanos, int maxSlots) {
    int reclaimed = bound.sweep(nowNanos, maxSlots);
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

  /** Bound nonces held: live, or consumed and not yet expired. */
  public int boundHeld() {
    return bound.used;
  }

  /** Most bound nonces held at once. */
  public int capacity() {
    return bound.capacity();
  }

  public int perCallerCap() {
    return bound.perCallerCap();
  }

  /** Unbound nonces kept: the newest this many. */
  public int ringSlots() {
    return ring.slots();
  }

  /** The number of nonces minted so far, of both kinds (and before a migration from version 1). */
  public long minted() {
    return nextCounter - 1;
  }

  /** The bytes of the region, from the offset given to {@link #open}. */
  public long size() {
    return HEADER_BYTES + UnboundRing.bytesFor(ring.slots())
        + BoundNonces.bytesFor(bound.nonceSlots(), bound.callerSlots(), bound.perCallerCap());
  }

  private void writeHeader() {
    byte[] h = header;
    putLong(h, H_COUNTER, nextCounter);
    putInt(h, H_BOUND_USED, bound.used);
    putInt(h, H_CALLERS_USED, bound.callersUsed);
    putInt(h, H_CURSOR, bound.cursor);
    putLong(h, H_TAG_KEY, k0);
    putLong(h, H_TAG_KEY + 8, k1);
    memory.write(base, h, 0, HEADER_BYTES);
  }

  // Failures are built in these factories, never at the throwing site: the canister build does not
  // inline a method returning an exception, so mint and consume stay small.

  static NonceStoreException corrupt(String what) {
    return new NonceStoreException("Nonce store corrupt: " + what + ".");
  }

  static NonceStoreException counterWentBack(long word) {
    return corrupt("counter " + (word & COUNTER_MASK) + " is held already: the header's next counter went back");
  }

  static NonceStoreException invalidSlot(String table, int index) {
    return corrupt(table + " slot " + index + " holds an impossible state, caller length or count");
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b, int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
    }
    return sb.toString();
  }

}
