package dev.icjava.noncestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Long random sessions against the store compiled into a canister ({@code NonceStoreProbe}), in the local
 * replica, beside a model of what it must hold: mints, consumes by the owner and by others, replays,
 * forged nonces, mints and consumes that trap afterwards, upgrades at random points and time moving
 * on, with a small store (capacity 64, 8 per caller, 12 callers: it fills; a ring of 32 unbound
 * nonces minted by the anonymous caller: it turns over) in stable memory capped at exactly the
 * pages the store needs. After every step and after every upgrade:
 *
 * <ul>
 *   <li>no live nonce lost: a live, unexpired bound nonce consumed by its owner, or unbound one not
 *       yet evicted consumed by any user, is consumed, and inspects as live until then;
 *   <li>no consumed nonce revived: a consumed nonce is never consumed again, and inspects as consumed
 *       until it expires;
 *   <li>no state change left behind by a trap: a trapped mint leaves no nonce and no gap in the
 *       counters, a trapped consume leaves the nonce live;
 *   <li>the store never holds more unexpired nonces than its capacity, nor a caller more than its cap.
 * </ul>
 */
class FaultSessionTest {
  static final int CAPACITY = 64;
  static final int RING = 32;
  static final int CAP = 8;
  static final int CALLERS = 12;
  static final long TTL = 300_000_000_000L;
  static final int OFFSET = 65_536; // NonceStoreProbe's store offset
  static final int STEPS = 2_500;

  enum State { LIVE, CONSUMED }

  static final class Entry {
    final byte[] nonce;
    final int owner; // -1: unbound (minted by the anonymous caller)
    final long expiry;
    State state = State.LIVE;

    Entry(byte[] nonce, int owner, long expiry) {
      this.nonce = nonce;
      this.owner = owner;
      this.expiry = expiry;
    }

    boolean bound() {
      return owner >= 0;
    }
  }

  @Test
  void shouldKeepEveryNonceThroughTrapsUpgradesAndAFullStoreInThreeSessions() throws Exception {
    long pages = (OFFSET + NonceStore.regionBytes(config()) + 65_535) / 65_536;
    int[] totals = new int[10];
    for (long seed : new long[] {1, 2, 3}) {
      int[] counts = session(seed, pages);
      for (int i = 0; i < counts.length; i++) {
        totals[i] += counts[i];
      }
    }
    System.out.printf("Fault sessions: 3 x %,d steps in %d stable pages (the store's exact need): %,d mints,"
        + " %,d consumed, %,d refused consumes, %,d trapped mints, %,d trapped consumes, %,d upgrades,"
        + " %,d cap refusals, %,d full refusals, %,d inspections, %,d evicted%n", STEPS, pages, totals[0], totals[1],
        totals[2], totals[3], totals[4], totals[5], totals[6], totals[7], totals[8], totals[9]);
    assertTrue(totals[7] > 0 && totals[6] > 0 && totals[5] > 0 && totals[9] > 0,
        "the sessions reach a full store, a full caller, upgrades and evictions");
  }

  static NonceStore.Config config() {
    return new NonceStore.Config().capacity(CAPACITY).ringSlots(RING).perCallerCap(CAP);
  }

  static int[] session(long seed, long pages) throws Exception {
    Random random = new Random(seed);
    LocalReplica replica = new LocalReplica();
    byte[] wasm = NonceStoreProbeBuild.wasm();
    Canister c = replica.install(wasm,
        InstallOptions.defaults().initArg(NonceStoreProbeBuild.geometry(CAPACITY, RING)).maxStablePages(pages));
    List<Entry> model = new ArrayList<>();
    long[] ringHolder = new long[RING]; // the counter each ring slot holds
    long nextCounter = 1;
    int[] counts = new int[10];
    for (int step = 0; step < STEPS; step++) {
      String where = "seed " + seed + ", step " + step + ": ";
      int op = random.nextInt(100);
      long now = replica.time();
      if (op < 40) { // mint
        int user = random.nextInt(CALLERS + 3) - 3 < 0 ? -1 : random.nextInt(CALLERS);
        long liveOfUser = model.stream().filter(e -> e.owner == user && e.state == State.LIVE && e.expiry > now).count();
        long unexpired = model.stream().filter(e -> e.bound() && e.expiry > now).count();
        boolean trap = op >= 36;
        CallResult r = c.update(trap ? "mintThenTrap" : "mint", Request.from(caller(user)));
        if (r instanceof CallResult.Reply reply) {
          byte[] nonce = reply.bytes();
          assertTrue(!trap, where + "mintThenTrap replied");
          assertEquals(nextCounter, counter(nonce), where + "a counter skipped or repeated");
          if (user >= 0) {
            assertTrue(liveOfUser < CAP, where + "a caller with " + liveOfUser + " live nonces got another");
            assertTrue(unexpired < CAPACITY, where + "a store holding " + unexpired + " unexpired nonces minted");
          } else {
            ringHolder[(int) (nextCounter % RING)] = nextCounter;
          }
          model.add(new Entry(nonce, user, now + TTL));
          nextCounter++;
          counts[0]++;
        } else {
          String m = r.trapMessage();
          assertTrue(user >= 0 || trap, where + "an unbound mint was refused: " + m);
          if (m.contains("already holds")) {
            assertEquals(CAP, liveOfUser, where + m);
            counts[6]++;
          } else if (m.startsWith("Nonce store full")) {
            counts[7]++;
          } else {
            assertTrue(trap && m.equals("trapping after a mint"), where + m);
            counts[3]++;
          }
        }
      } else if (op < 75) { // consume: the owner, another caller, a replay, a forgery
        Entry e = model.isEmpty() || random.nextInt(20) == 0 ? null : model.get(random.nextInt(model.size()));
        byte[] nonce = e != null ? e.nonce : forged(random, nextCounter);
        int user = e == null || !e.bound() || random.nextInt(5) == 0 ? random.nextInt(CALLERS + 1) - 1 : e.owner;
        boolean trap = op >= 70;
        CallResult r = c.update(trap ? "consumeThenTrap" : "consume", Request.from(caller(user)).withArg(nonce));
        boolean evicted = e != null && !e.bound() && ringHolder[(int) (counter(e.nonce) % RING)] != counter(e.nonce);
        boolean shouldConsume = e != null && e.state == State.LIVE && e.expiry > now && !evicted
            && (e.bound() ? e.owner == user : user >= 0);
        if (trap) {
          String expected = "trapping after " + (shouldConsume ? "consumed" : "");
          assertTrue(r.trapMessage().startsWith(expected), where + r.trapMessage());
          assertTrue(shouldConsume || !r.trapMessage().equals("trapping after consumed"), where + "consumed, then trapped");
          counts[4]++;
        } else {
          String outcome = new String(r.replyBytes(), StandardCharsets.US_ASCII);
          if (shouldConsume) {
            assertEquals("consumed", outcome, where + "a live nonce was lost");
            e.state = State.CONSUMED;
            counts[1]++;
          } else {
            assertTrue(!outcome.equals("consumed"), where + "consumed a nonce the model refuses: "
                + (e == null ? "forged" : e.state + ", expiry " + (e.expiry - now) + " ns away, owner " + e.owner
                + ", caller " + user));
            if (evicted) {
              assertEquals("evicted by newer sign-ins; start again", outcome, where);
              counts[9]++;
            } else if (e != null && e.expiry > now) {
              assertEquals(e.bound() && e.owner != user ? "minted for another caller"
                  : !e.bound() && user < 0 ? "presented by the anonymous principal" : "already consumed", outcome, where);
            }
            counts[2]++;
          }
        }
      } else if (op < 78) { // upgrade, then every unexpired nonce must be as the model says
        c.upgrade(wasm, NonceStoreProbeBuild.geometry(CAPACITY, RING));
        counts[5]++;
        counts[8] += inspectAll(c, model, ringHolder, replica.time(), where + "after an upgrade: ");
      } else if (op < 97) {
        replica.advanceTime(random.nextInt(12) * 1_000_000_000L); // ~1 s a step: the store fills
      } else {
        counts[8] += inspectAll(c, model, ringHolder, replica.time(), where);
      }
      model.removeIf(e -> e.expiry + TTL < replica.time()); // long gone: the store may have reclaimed it
    }
    assertEquals(pages * 65_536, c.stableMemory().length, "stable memory grew past the store's pages");
    return counts;
  }

  /** Inspects every unexpired nonce of the model (not evicted); returns how many. */
  static int inspectAll(Canister c, List<Entry> model, long[] ringHolder, long now, String where) {
    int n = 0;
    for (Entry e : model) {
      long counter = counter(e.nonce);
      if (e.expiry > now && (e.bound() || ringHolder[(int) (counter % RING)] == counter)) {
        byte state = c.update("inspect", Request.from(caller(0)).withArg(e.nonce)).replyBytes()[0];
        assertEquals(e.state == State.LIVE ? 1 : 2, state, where + "nonce " + counter(e.nonce) + " is " + state);
        n++;
      }
    }
    return n;
  }

  /** A 29-byte self-authenticating-shaped principal per user; the anonymous principal for -1. */
  static byte[] caller(int user) {
    if (user < 0) {
      return new byte[] {0x04};
    }
    byte[] b = new byte[29];
    b[0] = (byte) (user + 1);
    b[28] = 0x02;
    return b;
  }

  /** A nonce the store never minted: a real counter and kind with a random tag, or random bytes. */
  static byte[] forged(Random random, long nextCounter) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    if (random.nextBoolean()) {
      long counter = 1 + (long) (random.nextDouble() * nextCounter);
      for (int i = 0; i < 7; i++) {
        b[i] = (byte) (counter >>> (8 * i));
      }
      b[7] = (byte) (random.nextBoolean() ? 1 : 2);
    }
    return b;
  }

  /** The counter of a nonce (its first 7 bytes; the 8th is the kind). */
  static long counter(byte[] nonce) {
    long v = 0;
    for (int i = 6; i >= 0; i--) {
      v = (v << 8) | (nonce[i] & 0xFF);
    }
    return v;
  }
}
