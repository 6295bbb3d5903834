package dev.icjava.noncestore;

import static dev.icjava.noncestore.LittleEndian.getInt;
import static dev.icjava.noncestore.LittleEndian.getLong;
import static dev.icjava.noncestore.LittleEndian.putInt;
import static dev.icjava.noncestore.LittleEndian.putLong;

import static dev.icjava.noncestore.LayoutVersion2.HEADER_BYTES;
import static dev.icjava.noncestore.LayoutVersion2.H_BOUND_SLOTS;
import static dev.icjava.noncestore.LayoutVersion2.H_CALLER_CAP;
import static dev.icjava.noncestore.LayoutVersion2.H_CALLER_SLOTS;
import static dev.icjava.noncestore.LayoutVersion2.H_CAPACITY;
import static dev.icjava.noncestore.LayoutVersion2.H_COUNTER;
import static dev.icjava.noncestore.LayoutVersion2.H_RING_SLOTS;
import static dev.icjava.noncestore.LayoutVersion2.H_TABLE_KEY;
import static dev.icjava.noncestore.LayoutVersion2.H_TAG_KEY;

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
 * are unique but predictable, and so is where a caller lands in the bound nonces' caller table (its
 * SipHash key, derived from the same material; {@link #reseed} replaces it too and rehashes). A nonce reveals its counter, that is, how many nonces were minted
 * before it.
 *
 * <h2>Where it lives</h2>
 *
 * A region of stable memory the canister assigns ({@link #open}), of {@link #regionBytes} bytes,
 * all integers little-endian: a 128-byte header (magic {@code "NNCS"}, layout version 2), the ring of
 * unbound nonces ({@link UnboundRing}), then the bound nonce and caller tables ({@link BoundNonces}).
 * The header is drawn, and the store opened, created and migrated from layout 1, in {@link
 * LayoutVersion2}.
 */
public final class NonceStore {
  /** The size of a nonce, in bytes: an 8-byte word and a 24-byte tag. */
  public static final int NONCE_BYTES = 32;
  /** The layout version this build writes into the header (and migrates version 1 to). */
  public static final int LAYOUT_VERSION = LayoutVersion2.VERSION;

  static final int TAG_AT = 8;
  static final int TAG_BYTES = 24;
  static final long COUNTER_MASK = (1L << 56) - 1;
  static final long UNBOUND = 1;
  static final long BOUND = 2;

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
     *
     * @param slots the number of ring slots
     * @return this configuration
     */
    public Config ringSlots(int slots) {
      if (slots < 16 || slots > (1 << 26) || Integer.bitCount(slots) != 1) {
        throw new IllegalArgumentException("ring slots " + slots + " not a power of two in 16..2^26");
      }
      this.ringSlots = slots;
      return this;
    }

    /**
     * Most bound nonces held at once (default 16,384).
     *
     * @param capacity the most bound nonces held
     * @return this configuration
     */
    public Config capacity(int capacity) {
      if (capacity < 1 || capacity > (1 << 28)) {
        throw new IllegalArgumentException("capacity " + capacity + " outside 1..2^28");
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * Most live bound nonces of one caller (default 8, at most 255).
     *
     * @param cap the most live bound nonces per caller
     * @return this configuration
     */
    public Config perCallerCap(int cap) {
      if (cap < 1 || cap > 255) {
        throw new IllegalArgumentException("per-caller cap " + cap + " outside 1..255");
      }
      this.perCallerCap = cap;
      return this;
    }

    /**
     * Bound nonce slots examined for expired entries by each bound mint and consume (default 4).
     *
     * @param slots slots examined per call, 0 or more
     * @return this configuration
     */
    public Config sweepPerCall(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException("negative sweep");
      }
      this.sweepPerCall = slots;
      return this;
    }

    /**
     * The ring slots configured.
     *
     * @return the number of ring slots
     */
    public int ringSlots() {
      return ringSlots;
    }

    /**
     * The capacity configured.
     *
     * @return the most bound nonces held
     */
    public int capacity() {
      return capacity;
    }

    /**
     * Material for the initial key instead of {@code ic0.time} and the canister id (required on a
     * JVM, where there are none).
     *
     * @param seed the key material (copied)
     * @return this configuration
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

  /** The store whose region starts at {@code base}, its header {@code header} ({@link LayoutVersion2} made or read it). */
  NonceStore(StableMemory memory, long base, byte[] header, int sweepPerCall) {
    this.memory = memory;
    this.base = base;
    System.arraycopy(header, 0, this.header, 0, HEADER_BYTES);
    int ringSlots = getInt(header, H_RING_SLOTS);
    this.ring = new UnboundRing(memory, base + HEADER_BYTES, ringSlots);
    this.bound = new BoundNonces(memory, base + HEADER_BYTES + UnboundRing.bytesFor(ringSlots),
        getInt(header, H_BOUND_SLOTS), getInt(header, H_CALLER_SLOTS), getInt(header, H_CAPACITY),
        header[H_CALLER_CAP] & 0xFF, sweepPerCall, getLong(header, H_TABLE_KEY), getLong(header, H_TABLE_KEY + 8));
    this.bound.loadCounters(header);
    this.nextCounter = getLong(header, H_COUNTER);
    this.k0 = getLong(header, H_TAG_KEY);
    this.k1 = getLong(header, H_TAG_KEY + 8);
  }

  /**
   * The bytes a store of this configuration occupies.
   *
   * @param config the store's geometry
   * @return the region's size, in bytes
   */
  public static long regionBytes(Config config) {
    return LayoutVersion2.regionBytes(config);
  }

  /**
   * Opens the store at {@code offset} of {@code memory}: creates it (growing the memory) when its
   * header is all zero or beyond the memory's end, migrates a version-1 store in place, and throws
   * {@link NonceStoreException} when the memory there is something else, a newer layout, or a store
   * of another geometry ({@link LayoutVersion2}).
   *
   * @param memory the memory that holds the store
   * @param offset where its region starts, in bytes
   * @param config its geometry, which must match an existing store's
   * @return the store
   */
  public static NonceStore open(StableMemory memory, long offset, Config config) {
    return LayoutVersion2.open(memory, offset, config);
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

  /**
   * The FNV-1a 32-bit hash the store keeps of an action name.
   *
   * @param action the action's name
   * @return its hash
   */
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
   *
   * @param caller the caller: anonymous for an unbound nonce
   * @param action the action the nonce is for
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return the nonce, {@link #NONCE_BYTES} bytes
   */
  public byte[] mint(Principal caller, String action, long ttlNanos) {
    return mint(caller, action, SystemApi.time(), ttlNanos);
  }

  /**
   * {@link #mint(Principal, String, long)} at a given time.
   *
   * @param caller the caller: anonymous for an unbound nonce
   * @param action the action the nonce is for
   * @param nowNanos the time, in nanoseconds since 1970
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return the nonce, {@link #NONCE_BYTES} bytes
   */
  public byte[] mint(Principal caller, String action, long nowNanos, long ttlNanos) {
    return caller.isAnonymous() ? mintUnbound(action, nowNanos, ttlNanos) : mintBound(caller, action, nowNanos, ttlNanos);
  }

  /**
   * An unbound nonce for {@code action}, valid for {@code ttlNanos} from {@code ic0.time}.
   *
   * @param action the action the nonce is for
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return the nonce, {@link #NONCE_BYTES} bytes
   */
  public byte[] mintUnbound(String action, long ttlNanos) {
    return mintUnbound(action, SystemApi.time(), ttlNanos);
  }

  /**
   * An unbound nonce at a given time: written over the oldest slot of the ring, never refused. Any
   * authenticated caller may consume it once.
   *
   * @param action the action the nonce is for
   * @param nowNanos the time, in nanoseconds since 1970
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return the nonce, {@link #NONCE_BYTES} bytes
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

  /**
   * A nonce bound to {@code caller} for {@code action}, valid for {@code ttlNanos} from {@code
   * ic0.time}.
   *
   * @param caller the only principal that may consume it
   * @param action the action the nonce is for
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return the nonce, {@link #NONCE_BYTES} bytes
   */
  public byte[] mintBound(Principal caller, String action, long ttlNanos) {
    return mintBound(caller, action, SystemApi.time(), ttlNanos);
  }

  /**
   * A nonce bound to {@code caller} (not the anonymous principal) at a given time: refused when the
   * caller holds {@code perCallerCap} live ones, or when the bound table is full.
   *
   * @param caller the only principal that may consume it
   * @param action the action the nonce is for
   * @param nowNanos the time, in nanoseconds since 1970
   * @param ttlNanos how long it stays valid, in nanoseconds
   * @return the nonce, {@link #NONCE_BYTES} bytes
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

  /**
   * Consumes {@code nonce} for (caller, action) at {@code ic0.time}; in an update method only (see
   * {@link #consume(Principal, String, byte[], long)}).
   *
   * @param caller the caller presenting the nonce
   * @param action the action it must be for
   * @param nonce the nonce presented
   * @return the outcome; only {@link ConsumeOutcome#CONSUMED} accepts it
   */
  public ConsumeOutcome consume(Principal caller, String action, byte[] nonce) {
    return consume(caller, action, nonce, SystemApi.time());
  }

  /**
   * Consumes {@code nonce} for (caller, action) at a given time. Checks, in order: known (minted
   * by this store, not forged; for an unbound nonce, not evicted), the caller (a bound nonce's
   * owner; for an unbound one, any caller but the anonymous principal), the action (checked after
   * the caller, so another caller learns nothing about a bound nonce's state), not consumed, not
   * expired. Only {@link ConsumeOutcome#CONSUMED} changes the nonce.
   *
   * <p><b>Only where the change is kept.</b> In a canister, first of all, it throws {@link
   * NonceStoreException} (a trap, when it escapes: {@code "Nonce not consumed: this is not
   * replicated execution ..."}) when {@code ic0.in_replicated_execution} is 0: in a
   * query or composite query called as a query (and their callbacks) and in {@code
   * canister_inspect_message}. The IC discards those messages' changes, so a nonce "consumed" there
   * would stay valid and be accepted again, until it expires, by every such call. Consume in an
   * update method; {@link #inspect} reads a nonce without consuming it. A query method called as an
   * update runs replicated, and its changes are discarded too: {@code ic0.in_replicated_execution}
   * cannot tell it from an update, so never consume in a method annotated {@code @Query}.
   *
   * @param caller the caller presenting the nonce
   * @param action the action it must be for
   * @param nonce the nonce presented
   * @param nowNanos the time, in nanoseconds since 1970
   * @return the outcome; only {@link ConsumeOutcome#CONSUMED} accepts it
   */
  public ConsumeOutcome consume(Principal caller, String action, byte[] nonce, long nowNanos) {
    if (Platform.inCanister() && !SystemApi.inReplicatedExecution()) {
      throw notReplicated();
    }
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

  /**
   * What the store holds about {@code nonce}, or {@code null} when it holds nothing.
   *
   * @param nonce the nonce
   * @return what the store holds about it, or {@code null}
   */
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
   *
   * @param nowNanos the time, in nanoseconds since 1970
   * @param maxSlots the most slots to examine
   * @return how many bound nonces were reclaimed
   */
  public int purgeExpired(long nowNanos, int maxSlots) {
    int reclaimed = bound.sweep(nowNanos, maxSlots);
    writeHeader();
    return reclaimed;
  }

  /**
   * Mixes {@code entropy} (for example 32 bytes of the management canister's {@code raw_rand})
   * into both keys: the tag key, so that nonces minted afterwards are unpredictable to anyone who
   * does not know it, and the table key, which places callers in the bound nonces' caller table, so
   * that no one can choose principals that crowd one probe cluster. Each new key is SipHash-2-4
   * under the old one of (old key ‖ entropy), its halves swapped for the second word. Nonces
   * already minted keep working: their tags are checked against the table, not recomputed, and the
   * caller table is rehashed under the new key at once ({@code BoundNonces.rehashCallers}: nothing
   * to move while no caller holds a bound nonce; otherwise one pass over the caller table, which a
   * test measures in the local replica).
   *
   * @param entropy the fresh randomness to mix in
   */
  public void reseed(byte[] entropy) {
    byte[] material = new byte[16 + entropy.length];
    putLong(material, 0, k0);
    putLong(material, 8, k1);
    System.arraycopy(entropy, 0, material, 16, entropy.length);
    long n0 = SipHash.hash(k0, k1, material, 0, material.length);
    long n1 = SipHash.hash(k1, k0, material, 0, material.length);
    long t0 = bound.tableKey0();
    long t1 = bound.tableKey1();
    putLong(material, 0, t0);
    putLong(material, 8, t1);
    bound.rehashCallers(SipHash.hash(t0, t1, material, 0, material.length),
        SipHash.hash(t1, t0, material, 0, material.length));
    k0 = n0;
    k1 = n1;
    putLong(header, H_TABLE_KEY, bound.tableKey0());
    putLong(header, H_TABLE_KEY + 8, bound.tableKey1());
    writeHeader();
  }

  BoundNonces bound() {
    return bound;
  }

  /**
   * Bound nonces held: live, or consumed and not yet expired.
   *
   * @return the number of bound nonces held
   */
  public int boundHeld() {
    return bound.used;
  }

  /**
   * Most bound nonces held at once.
   *
   * @return the most bound nonces held at once
   */
  public int capacity() {
    return bound.capacity();
  }

  /**
   * Most live bound nonces one caller may hold at once.
   *
   * @return the most live bound nonces per caller
   */
  public int perCallerCap() {
    return bound.perCallerCap();
  }

  /**
   * Unbound nonces kept: the newest this many.
   *
   * @return the number of ring slots
   */
  public int ringSlots() {
    return ring.slots();
  }

  /**
   * The number of nonces minted so far, of both kinds (and before a migration from version 1).
   *
   * @return the number of nonces minted
   */
  public long minted() {
    return nextCounter - 1;
  }

  /**
   * The bytes of the region, from the offset given to {@link #open}.
   *
   * @return the region's size, in bytes
   */
  public long size() {
    return HEADER_BYTES + UnboundRing.bytesFor(ring.slots())
        + BoundNonces.bytesFor(bound.nonceSlots(), bound.callerSlots(), bound.perCallerCap());
  }

  void writeHeader() {
    byte[] h = header;
    putLong(h, H_COUNTER, nextCounter);
    putInt(h, LayoutVersion2.H_BOUND_USED, bound.used); // the counters BoundNonces.loadCounters reads
    putInt(h, LayoutVersion2.H_CALLERS_USED, bound.callersUsed);
    putInt(h, LayoutVersion2.H_CURSOR, bound.cursor);
    putLong(h, H_TAG_KEY, k0);
    putLong(h, H_TAG_KEY + 8, k1);
    memory.write(base, h, 0, HEADER_BYTES);
  }

  // Failures are built in these factories, never at the throwing site: the canister build does not
  // inline a method returning an exception, so mint and consume stay small.

  static NonceStoreException notReplicated() {
    return new NonceStoreException("Nonce not consumed: this is not replicated execution (a query or composite"
        + " query), whose changes the IC discards, so the nonce would stay valid. Consume nonces in an update method.");
  }

  static NonceStoreException corrupt(String what) {
    return new NonceStoreException("Nonce store corrupt: " + what + ".");
  }

  static NonceStoreException counterWentBack(long word) {
    return corrupt("counter " + (word & COUNTER_MASK) + " is held already: the header's next counter went back");
  }

  static NonceStoreException invalidSlot(String table, int index) {
    return corrupt(table + " slot " + index + " holds an impossible state, caller length or count");
  }

}
