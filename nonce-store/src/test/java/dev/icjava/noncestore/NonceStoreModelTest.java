package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.VectorStableMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random mint (by users: bound; by the anonymous principal: unbound), consume, forge,
 * expire, purge, reseed and reopen ("upgrade") steps against a plain in-memory model. Small ring,
 * capacity and cap, so that evictions, full stores and capped callers happen often.
 */
class NonceStoreModelTest {
  static final int STEPS = 100_000;
  static final long SECOND = 1_000_000_000L;
  static final int RING = 16;
  static final int CAPACITY = 48;
  static final int CAP = 3;

  /** The model's view of one minted nonce. */
  static final class Entry {
    final boolean bound;
    final int caller; // -1 for unbound
    final String action;
    final long expiry;
    final long counter;
    final int keyEpoch;
    boolean consumed;

    Entry(boolean bound, int caller, String action, long expiry, long counter, int keyEpoch) {
      this.bound = bound;
      this.caller = caller;
      this.action = action;
      this.expiry = expiry;
      this.counter = counter;
      this.keyEpoch = keyEpoch;
    }
  }

  static String key(byte[] nonce) {
    return java.util.HexFormat.of().formatHex(nonce);
  }

  static long counterOf(byte[] nonce) {
    return LittleEndian.getLong(nonce, 0) & NonceStore.COUNTER_MASK;
  }

  @Test
  void shouldAgreeWithTheModelOverOneHundredThousandSteps() {
    Random r = new Random(11);
    NonceStore.Config config = new NonceStore.Config().ringSlots(RING).capacity(CAPACITY).perCallerCap(CAP)
        .sweepPerCall(2).seed(new byte[] {1, 2, 3});
    VectorStableMemory memory = new VectorStableMemory(1000);
    memory.grow(1);
    long offset = 4096; // another user of stable memory owns the first 4 KiB
    NonceStore store = NonceStore.open(memory, offset, config);
    List<Principal> callers = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      callers.add(Principal.selfAuthenticating(new byte[] {(byte) i}));
    }
    String[] actions = {"register", "login", "delete"};
    Map<String, Entry> model = new HashMap<>();
    List<byte[]> minted = new ArrayList<>();
    Map<Integer, List<Entry>> byCaller = new HashMap<>();
    List<Entry> recentBound = new ArrayList<>();
    long[] ringHolder = new long[RING]; // the counter each ring slot holds (0: none)
    long lastCounter = 0;
    int keyEpoch = 0;
    long now = 1_000 * SECOND;
    Map<String, Integer> counts = new HashMap<>();
    for (int step = 0; step < STEPS; step++) {
      int op = r.nextInt(100);
      final long t = now;
      if (op < 40) {
        boolean anonymous = r.nextInt(10) < 3;
        int c = anonymous ? -1 : r.nextInt(callers.size());
        Principal caller = anonymous ? Principal.anonymous() : callers.get(c);
        String action = actions[r.nextInt(actions.length)];
        long ttl = (10 + r.nextInt(110)) * SECOND;
        long live = 0;
        if (!anonymous) {
          List<Entry> mine = byCaller.computeIfAbsent(c, k -> new ArrayList<>());
          mine.removeIf(e -> e.consumed || e.expiry <= t);
          live = mine.size();
        }
        try {
          byte[] nonce = mintRetryingWhenFull(store, caller, action, now, ttl);
          assertTrue(live < CAP, "minted over the per-caller cap at step " + step);
          assertEquals(NonceStore.NONCE_BYTES, nonce.length);
          long counter = counterOf(nonce);
          assertEquals(lastCounter + 1, counter, "counters are consecutive across kinds and reopens");
          lastCounter = counter;
          assertEquals(anonymous ? NonceStore.UNBOUND : NonceStore.BOUND, (nonce[7] & 0xFF));
          Entry entry = new Entry(!anonymous, c, action, now + ttl, counter, keyEpoch);
          assertNull(model.put(key(nonce), entry), "a nonce was minted twice");
          if (anonymous) {
            ringHolder[(int) (counter % RING)] = counter;
            count(counts, "minted unbound");
          } else {
            byCaller.get(c).add(entry);
            recentBound.add(entry);
            count(counts, "minted bound");
          }
          minted.add(nonce);
        } catch (NonceStoreException e) {
          assertTrue(!anonymous, "an unbound mint was refused: " + e.getMessage());
          if (e.getMessage().startsWith("Caller ")) {
            assertEquals(CAP, live, e.getMessage());
            count(counts, "capped");
          } else {
            recentBound.removeIf(x -> x.expiry <= t);
            long held = recentBound.size();
            assertTrue(held >= CAPACITY, "full with " + held + " unexpired entries: " + e.getMessage());
            count(counts, "full");
          }
        }
      } else if (op < 75 && !minted.isEmpty()) {
        int pick = r.nextInt(5) == 0 ? r.nextInt(minted.size()) : Math.max(0, minted.size() - 1 - r.nextInt(24));
        byte[] nonce = minted.get(pick);
        Entry e = model.get(key(nonce));
        int c = r.nextInt(4) == 0 ? r.nextInt(callers.size() + 1) - 1 : e.bound ? e.caller : r.nextInt(callers.size());
        Principal caller = c < 0 ? Principal.anonymous() : callers.get(c);
        String action = r.nextInt(5) == 0 ? actions[r.nextInt(actions.length)] : e.action;
        ConsumeOutcome expected;
        if (!e.bound && ringHolder[(int) (e.counter % RING)] != e.counter) {
          expected = e.keyEpoch == keyEpoch ? ConsumeOutcome.EVICTED : ConsumeOutcome.UNKNOWN;
        } else if (e.bound ? c != e.caller : c < 0) {
          expected = e.bound ? ConsumeOutcome.OTHER_CALLER : ConsumeOutcome.ANONYMOUS_CALLER;
        } else if (!action.equals(e.action)) {
          expected = ConsumeOutcome.OTHER_ACTION;
        } else if (e.consumed) {
          expected = ConsumeOutcome.ALREADY_CONSUMED;
        } else {
          expected = e.expiry <= now ? ConsumeOutcome.EXPIRED : ConsumeOutcome.CONSUMED;
        }
        ConsumeOutcome got = store.consume(caller, action, nonce, now);
        if (e.bound && e.expiry <= now && got == ConsumeOutcome.UNKNOWN) {
          count(counts, "reclaimed"); // reclaimed after expiry: refused either way
        } else {
          assertEquals(expected, got, "step " + step);
        }
        if (got == ConsumeOutcome.CONSUMED) {
          e.consumed = true;
        }
        count(counts, got.name());
      } else if (op < 80 && !minted.isEmpty()) {
        byte[] forged = minted.get(r.nextInt(minted.size())).clone();
        int which = r.nextInt(3);
        if (which == 0) {
          forged[8 + r.nextInt(24)] ^= (byte) (1 << r.nextInt(8)); // the tag
        } else if (which == 1) {
          forged[r.nextInt(7)] ^= (byte) (1 << r.nextInt(8)); // the counter: another slot or a future one
        } else {
          r.nextBytes(forged);
        }
        Entry e = model.get(key(forged));
        if (e == null) { // (a flipped counter bit may land on a real counter only with the right tag: never)
          ConsumeOutcome got = store.consume(callers.get(0), "register", forged, now);
          assertEquals(ConsumeOutcome.UNKNOWN, got, "a forged nonce");
          count(counts, "forged");
        }
      } else if (op < 88) {
        now += (1 + r.nextInt(8)) * SECOND;
      } else if (op < 95) {
        store = NonceStore.open(memory, offset, config);
        count(counts, "reopened");
      } else if (op < 96) {
        byte[] entropy = new byte[32];
        r.nextBytes(entropy);
        store.reseed(entropy);
        keyEpoch++;
        count(counts, "reseeded");
      } else if (!minted.isEmpty()) {
        byte[] nonce = minted.get(r.nextInt(minted.size()));
        Entry e = model.get(key(nonce));
        NonceInfo info = store.inspect(nonce);
        boolean evicted = !e.bound && ringHolder[(int) (e.counter % RING)] != e.counter;
        if (info == null) {
          assertTrue(evicted || e.expiry <= now, "an unexpired bound nonce vanished");
        } else {
          assertTrue(!evicted, "an evicted nonce is still held");
          assertEquals(e.bound ? callers.get(e.caller) : null, info.owner());
          assertEquals(e.bound, info.bound());
          assertEquals(NonceStore.actionHash(e.action), info.actionHash());
          assertEquals(e.expiry, info.expiresAtNanos());
          assertEquals(e.consumed, info.consumed());
        }
        count(counts, "inspected");
      }
      assertTrue(store.boundHeld() <= CAPACITY);
      assertEquals(lastCounter, store.minted());
    }
    System.out.println("nonce-store model: " + STEPS + " steps: " + new java.util.TreeMap<>(counts));
    for (String kind : List.of("minted unbound", "minted bound", "capped", "full", "reclaimed", "forged", "reopened",
        "reseeded", "CONSUMED", "EVICTED", "ANONYMOUS_CALLER", "OTHER_CALLER", "OTHER_ACTION", "ALREADY_CONSUMED",
        "EXPIRED", "UNKNOWN")) {
      assertTrue(counts.getOrDefault(kind, 0) > 20, "too few of " + kind + ": " + counts);
    }
  }

  static void count(Map<String, Integer> counts, String kind) {
    counts.merge(kind, 1, Integer::sum);
  }

  /**
   * Mints; when the store says it is full, reclaims every expired entry and tries once more, so
   * that "full" is checked against the model's unexpired entries exactly.
   */
  static byte[] mintRetryingWhenFull(NonceStore store, Principal caller, String action, long now, long ttl) {
    try {
      return store.mint(caller, action, now, ttl);
    } catch (NonceStoreException e) {
      if (!e.getMessage().startsWith("Nonce store full")) {
        throw e;
      }
      store.purgeExpired(now, 2 * 128); // every slot of the table, twice
      return store.mint(caller, action, now, ttl);
    }
  }

  /**
   * A thousand nonces over twenty reopens: never one twice, and each reopen continues the counter
   * where the last one stopped (a reset counter would mint counter 1 again, which the check of
   * consecutive counters catches even where the tags differ).
   */
  @Test
  void shouldNeverRepeatANonceAcrossReopens() {
    VectorStableMemory memory = new VectorStableMemory(1000);
    NonceStore.Config config = new NonceStore.Config().ringSlots(64).capacity(1000).seed(new byte[] {9});
    Set<String> seen = new HashSet<>();
    long now = SECOND;
    long expected = 1;
    for (int round = 0; round < 20; round++) {
      NonceStore store = NonceStore.open(memory, 0, config);
      for (int i = 0; i < 50; i++) {
        Principal caller = i % 2 == 0 ? Principal.anonymous()
            : Principal.selfAuthenticating(new byte[] {(byte) i, (byte) round});
        byte[] n = store.mint(caller, "a", now, SECOND);
        assertTrue(seen.add(key(n)), "repeated nonce");
        assertEquals(expected++, counterOf(n));
      }
      now += 2 * SECOND; // all expire
      store.purgeExpired(now, 1 << 20);
      assertEquals(0, store.boundHeld());
    }
    assertEquals(1000, seen.size());
  }
}
