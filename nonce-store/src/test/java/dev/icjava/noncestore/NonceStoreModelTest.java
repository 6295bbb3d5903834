package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.VectorStableMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random mint, consume, forge, expire, purge and reopen ("upgrade") steps against a plain
 * in-memory model. Small capacity and cap so that full stores and capped callers happen often.
 */
class NonceStoreModelTest {
  static final int STEPS = 100_000;
  static final long SECOND = 1_000_000_000L;

  /** The model's view of one minted nonce. */
  static final class Entry {
    final int caller;
    final String action;
    final long expiry;
    boolean consumed;

    Entry(int caller, String action, long expiry) {
      this.caller = caller;
      this.action = action;
      this.expiry = expiry;
    }
  }

  static String key(byte[] nonce) {
    return java.util.HexFormat.of().formatHex(nonce);
  }

  @Test
  void shouldAgreeWithTheModelOverOneHundredThousandSteps() {
    Random r = new Random(11);
    NonceStore.Config config = new NonceStore.Config().capacity(48).perCallerCap(3).sweepPerCall(2)
        .seed(new byte[] {1, 2, 3});
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
    List<Entry> recentEntries = new ArrayList<>();
    long now = 1_000 * SECOND;
    int[] counts = new int[12];
    for (int step = 0; step < STEPS; step++) {
      int op = r.nextInt(100);
      final long t = now;
      if (op < 40) {
        int c = r.nextInt(callers.size());
        String action = actions[r.nextInt(actions.length)];
        long ttl = (10 + r.nextInt(110)) * SECOND;
        List<Entry> mine = byCaller.computeIfAbsent(c, k -> new ArrayList<>());
        mine.removeIf(e -> e.consumed || e.expiry <= t);
        long live = mine.size();
        try {
          byte[] nonce = mintRetryingWhenFull(store, callers.get(c), action, now, ttl, model);
          assertTrue(live < 3, "minted over the per-caller cap at step " + step);
          Entry entry = new Entry(c, action, now + ttl);
          Entry previous = model.put(key(nonce), entry);
          assertEquals(null, previous, "a nonce was minted twice");
          mine.add(entry);
          recentEntries.add(entry);
          minted.add(nonce);
          counts[0]++;
        } catch (NonceStoreException e) {
          if (e.getMessage().startsWith("Caller ")) {
            assertEquals(3, live, e.getMessage());
            counts[1]++;
          } else {
            recentEntries.removeIf(x -> x.expiry <= t);
            long held = recentEntries.size();
            assertTrue(held >= 48, "full with " + held + " unexpired entries: " + e.getMessage());
            counts[2]++;
          }
        }
      } else if (op < 75 && !minted.isEmpty()) {
        int pick = r.nextInt(5) == 0 ? r.nextInt(minted.size()) : Math.max(0, minted.size() - 1 - r.nextInt(64));
        byte[] nonce = minted.get(pick);
        Entry e = model.get(key(nonce));
        int c = r.nextInt(4) == 0 ? r.nextInt(callers.size()) : e.caller;
        String action = r.nextInt(5) == 0 ? actions[r.nextInt(actions.length)] : e.action;
        ConsumeOutcome expected = c != e.caller ? ConsumeOutcome.OTHER_CALLER
            : !action.equals(e.action) ? ConsumeOutcome.OTHER_ACTION
            : e.consumed ? ConsumeOutcome.ALREADY_CONSUMED
            : e.expiry <= now ? ConsumeOutcome.EXPIRED : ConsumeOutcome.CONSUMED;
        ConsumeOutcome got = store.consume(callers.get(c), action, nonce, now);
        if (e.expiry <= now && got == ConsumeOutcome.UNKNOWN) {
          counts[3]++; // reclaimed after expiry: refused either way
        } else {
          assertEquals(expected, got, "step " + step);
        }
        if (got == ConsumeOutcome.CONSUMED) {
          e.consumed = true;
          counts[4]++;
        } else {
          counts[5]++;
        }
      } else if (op < 80 && !minted.isEmpty()) {
        byte[] forged = minted.get(r.nextInt(minted.size())).clone();
        forged[8 + r.nextInt(8)] ^= (byte) (1 << r.nextInt(8));
        if (r.nextBoolean()) {
          r.nextBytes(forged);
        }
        assertEquals(ConsumeOutcome.UNKNOWN, store.consume(callers.get(0), "register", forged, now));
        counts[6]++;
      } else if (op < 88) {
        now += (1 + r.nextInt(8)) * SECOND;
        counts[7]++;
      } else if (op < 96) {
        store = NonceStore.open(memory, offset, config);
        counts[8]++;
      } else if (!minted.isEmpty()) {
        byte[] nonce = minted.get(r.nextInt(minted.size()));
        Entry e = model.get(key(nonce));
        NonceInfo info = store.inspect(nonce);
        if (info == null) {
          assertTrue(e.expiry <= now, "an unexpired nonce vanished");
        } else {
          assertEquals(callers.get(e.caller), info.owner());
          assertEquals(NonceStore.actionHash(e.action), info.actionHash());
          assertEquals(e.expiry, info.expiresAtNanos());
          assertEquals(e.consumed, info.consumed());
        }
        counts[9]++;
      }
      assertTrue(store.held() <= 48);
    }
    System.out.printf(
        "nonce-store model: %d steps; minted %d, capped %d, full %d, consumed %d, refused %d (reclaimed %d),"
            + " forged %d, time steps %d, reopens %d, inspections %d%n",
        STEPS, counts[0], counts[1], counts[2], counts[4], counts[5], counts[3], counts[6], counts[7], counts[8], counts[9]);
    for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 8}) {
      assertTrue(counts[i] > 100, "too few of kind " + i);
    }
  }

  /**
   * Mints; when the store says it is full, reclaims every expired entry and tries once more, so
   * that "full" is checked against the model's unexpired entries exactly.
   */
  static byte[] mintRetryingWhenFull(NonceStore store, Principal caller, String action, long now, long ttl,
      Map<String, Entry> model) {
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

  @Test
  void shouldNeverRepeatANonceAcrossReopens() {
    VectorStableMemory memory = new VectorStableMemory(100);
    NonceStore.Config config = new NonceStore.Config().capacity(1000).seed(new byte[] {9});
    java.util.Set<String> seen = new java.util.HashSet<>();
    Principal p = Principal.anonymous();
    long now = SECOND;
    for (int round = 0; round < 20; round++) {
      NonceStore store = NonceStore.open(memory, 0, config);
      for (int i = 0; i < 50; i++) {
        byte[] n = store.mint(Principal.selfAuthenticating(new byte[] {(byte) i, (byte) round}), "a", now, SECOND);
        if (!seen.add(key(n))) {
          fail("repeated nonce");
        }
      }
      now += 2 * SECOND; // all expire
      store.purgeExpired(now, 1 << 20);
      assertEquals(0, store.held());
    }
    assertEquals(1000, seen.size());
    assertTrue(p.isAnonymous());
  }
}
