package dev.icjava.noncestore;

import static dev.icjava.noncestore.LittleEndian.getInt;
import static dev.icjava.noncestore.LittleEndian.getLong;
import static dev.icjava.noncestore.LittleEndian.putInt;
import static dev.icjava.noncestore.LittleEndian.putLong;

import dev.icjava.runtime.Platform;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;

/**
 * The version-2 layout of the {@link NonceStore}'s region, and how a store is opened on it: created
 * over empty memory, read back after an upgrade, or migrated in place from a version-1 store ({@link
 * LayoutVersion1}). The committed fixtures {@code nonce-store/src/test/resources/layout/v2.bin} and
 * {@code v1.bin} are read back by the tests.
 *
 * <h2>Layout, version 2</h2>
 *
 * All integers little-endian. The region starts at the offset the canister assigns ({@link
 * NonceStore#open}) and must be reserved for the store; its size is {@link NonceStore#regionBytes}.
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
 *   48     16    tag key (k0, k1) of SipHash-2-4; {@link NonceStore#reseed} replaces it
 *   64     16    table key (t0, t1) of SipHash-2-4 for caller-table hashes; {@link NonceStore#reseed}
 *                replaces it and moves the caller slots to match (same bytes, same meaning: a store
 *                reseeded this way is still version 2, and a build before it reads it correctly)
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
final class LayoutVersion2 {
  static final int VERSION = 2;
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

  private LayoutVersion2() {}

  /** The bytes a store of this configuration occupies. */
  static long regionBytes(NonceStore.Config config) {
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
  static NonceStore open(StableMemory memory, long offset, NonceStore.Config config) {
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
    if (version > VERSION) {
      throw new NonceStoreException(
          "Nonce store layout version " + version + " is newer than this build reads (" + VERSION
              + "): refusing to open it.");
    }
    if (version == LayoutVersion1.VERSION) {
      return migrateVersion1(memory, offset, config, h);
    }
    if (version != VERSION) {
      throw new NonceStoreException("Nonce store layout version " + version + " is not valid.");
    }
    return openVersion2(memory, offset, config, h);
  }

  private static NonceStore openVersion2(StableMemory memory, long offset, NonceStore.Config config, byte[] h) {
    int boundSlots = getInt(h, H_BOUND_SLOTS);
    int callerSlots = getInt(h, H_CALLER_SLOTS);
    int capacity = getInt(h, H_CAPACITY);
    int cap = h[H_CALLER_CAP] & 0xFF;
    int ringSlots = getInt(h, H_RING_SLOTS);
    if (Integer.bitCount(boundSlots) != 1 || Integer.bitCount(callerSlots) != 1 || capacity < 1
        || capacity > boundSlots / 2 || cap < 1 || Integer.bitCount(ringSlots) != 1 || ringSlots < 16) {
      throw NonceStore.corrupt("impossible geometry in the header");
    }
    if (ringSlots != config.ringSlots || capacity != config.capacity || cap != config.perCallerCap) {
      throw new NonceStoreException(
          "The nonce store holds ring slots " + ringSlots + ", capacity " + capacity + " and per-caller cap " + cap
              + "; this build asks for " + config.ringSlots + ", " + config.capacity + " and " + config.perCallerCap
              + ". Changing them needs a migration: keep the stored values.");
    }
    NonceStore s = new NonceStore(memory, offset, h, config.sweepPerCall);
    if (memoryBytes(memory) < offset + s.size()) {
      throw NonceStore.corrupt("stable memory ends inside the store's region");
    }
    BoundNonces b = s.bound();
    if (b.used < 0 || b.used > capacity + BoundNonces.EXTRA_SWEEP_WHEN_FULL || b.callersUsed < 0
        || b.callersUsed > callerSlots / 2 + 1 || b.cursor < 0 || b.cursor >= boundSlots
        || s.minted() + 1 < 0 || s.minted() + 1 > NonceStore.COUNTER_MASK) {
      throw NonceStore.corrupt("impossible counters in the header");
    }
    return s;
  }

  /**
   * Creates a store at {@code offset}; {@code from} is the version-1 header it replaces (counter and
   * keys kept), or {@code null} for a new store (keys derived from the seed, or time and canister).
   */
  private static NonceStore create(StableMemory memory, long offset, NonceStore.Config config, byte[] from) {
    long end = offset + regionBytes(config);
    long pages = (end + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (memory.size() < pages && memory.grow(pages - memory.size()) < 0) {
      throw new NonceStoreException("Cannot grow stable memory to " + pages + " pages for a nonce store of "
          + config.ringSlots + " ring slots and capacity " + config.capacity + ".");
    }
    byte[] h = new byte[HEADER_BYTES];
    putInt(h, H_MAGIC, MAGIC);
    h[H_VERSION] = VERSION;
    int slots = tableSlots(config.capacity);
    putInt(h, H_BOUND_SLOTS, slots);
    putInt(h, H_CALLER_SLOTS, slots);
    putInt(h, H_CAPACITY, config.capacity);
    h[H_CALLER_CAP] = (byte) config.perCallerCap;
    putInt(h, H_RING_SLOTS, config.ringSlots);
    if (from == null) {
      h[H_CREATED_AS] = VERSION;
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
  private static NonceStore createNew(StableMemory memory, long offset, NonceStore.Config config) {
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
  private static NonceStore migrateVersion1(StableMemory memory, long offset, NonceStore.Config config, byte[] h) {
    LayoutVersion1 v1 = LayoutVersion1.read(h);
    long v1End = offset + v1.regionBytes();
    if (memoryBytes(memory) < v1End) {
      throw NonceStore.corrupt("stable memory ends inside the version-1 store's region");
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
