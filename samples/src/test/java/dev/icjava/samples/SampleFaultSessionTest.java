package dev.icjava.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.noncestore.NonceStore;
import dev.icjava.testkit.Request;
import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.reference.Icrc3Json;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.NodeReference;
import dev.icjava.testkit.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A long random session against the compiled sample in the local replica, with stable memory capped
 * at exactly the pages its nonce store needs: registerBegin by several users (bound nonces) and by
 * the anonymous principal (unbound ones), registerFinish by the users with their own nonces, each
 * other's, unbound ones, consumed ones, and bundles that pass the nonce check and then
 * fail on the email (so the consumption must be rolled back with the trap), and upgrades at random
 * points. A model says what each call must do; at the end every nonce still live must finish a
 * registration and every consumed one must be refused.
 */
class SampleFaultSessionTest {
  static final int USERS = 6;
  static final int STEPS = 600;
  static final byte[] PLACEHOLDER = Fixtures.PLACEHOLDER;

  @Test
  void shouldKeepEveryNonceOfTheSampleThroughTrapsAndUpgrades() {
    long t0 = LocalReplica.DEFAULT_TIME;
    List<NodeReference.Encoded> encoded = NodeReference.encodeIcrc3Values(List.of(
        Icrc3Json.bundle(PLACEHOLDER, Fixtures.ORIGIN, t0, Fixtures.email("user@example.com")),
        Icrc3Json.bundle(PLACEHOLDER, Fixtures.ORIGIN, t0, Icrc3Json.entry("name", Icrc3Json.text("no email")))));
    byte[] good = encoded.get(0).message();
    byte[] noEmail = encoded.get(1).message();
    // the nonce store's pages, then the registrations' memory manager: its header page and one
    // bucket of 128 pages for the map (dfinity/stable-structures' default bucket size)
    long pages = (NonceStore.regionBytes(new NonceStore.Config()) + 65_535) / 65_536 + 1 + 128;
    LocalReplica replica = new LocalReplica();
    Canister c = replica.install(Sample.whoami(), InstallOptions.defaults()
        .environment(Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai")).maxStablePages(pages));
    Random random = new Random(8);
    List<byte[]> live = new ArrayList<>(); // nonces minted and not consumed, their owner in byte 32 (-1: unbound)
    List<byte[]> consumed = new ArrayList<>();
    int[] n = new int[7];
    for (int step = 0; step < STEPS; step++) {
      String where = "step " + step + ": ";
      int op = random.nextInt(100);
      int user = random.nextInt(USERS);
      if (op < 35) {
        int minter = random.nextInt(4) == 0 ? -1 : user;
        long held = live.stream().filter(x -> x[32] == minter).count();
        CallResult r = c.update("registerBegin", Request.from(minter < 0 ? Attacks.ANONYMOUS : user(minter)));
        if (minter < 0 || held < 8) {
          byte[] nonce = Replies.blob(r);
          assertEquals(32, nonce.length, where);
          byte[] entry = java.util.Arrays.copyOf(nonce, 33);
          entry[32] = (byte) minter;
          live.add(entry);
          n[0]++;
        } else {
          assertTrue(r.trapMessage().contains("already holds 8 live nonces"), where + r);
          n[1]++;
        }
      } else if (op < 85 && !(live.isEmpty() && consumed.isEmpty())) {
        boolean replay = !consumed.isEmpty() && (live.isEmpty() || random.nextInt(5) == 0);
        List<byte[]> from = replay ? consumed : live;
        byte[] entry = from.get(random.nextInt(from.size()));
        int owner = entry[32];
        int caller = owner < 0 || random.nextInt(4) == 0 ? random.nextInt(USERS) : owner;
        boolean emailLess = random.nextInt(4) == 0;
        byte[] bundle = (emailLess ? noEmail : good).clone();
        System.arraycopy(entry, 0, bundle, Fixtures.indexOf(bundle, PLACEHOLDER), 32);
        CallResult r = c.update("registerFinish", Request.from(user(caller)).withCallerInfo(bundle, Fixtures.II));
        if (owner >= 0 && caller != owner) {
          assertTrue(r.trapMessage().contains("another caller"), where + r);
          n[2]++;
        } else if (replay) {
          assertTrue(r.trapMessage().contains("already consumed"), where + r);
          n[3]++;
        } else if (emailLess) {
          // the nonce check consumed the nonce, then the email check trapped: nothing may remain
          assertTrue(r.trapMessage().contains("email"), where + r);
          n[4]++;
        } else {
          assertTrue(Replies.text(r).startsWith("Registered "), where + r);
          live.remove(entry);
          consumed.add(entry);
          n[5]++;
        }
      } else if (op < 90) {
        Sample.upgrade(c);
        n[6]++;
      } else {
        replica.advanceTime(random.nextInt(400) * 1_000_000L); // stays within the bundles' 5 minutes
      }
    }
    // Every nonce still live finishes a registration; every consumed one is refused.
    for (byte[] entry : live) {
      byte[] bundle = good.clone();
      System.arraycopy(entry, 0, bundle, Fixtures.indexOf(bundle, PLACEHOLDER), 32);
      CallResult r = c.update("registerFinish", Request.from(user(Math.max(0, entry[32]))).withCallerInfo(bundle, Fixtures.II));
      assertTrue(r instanceof CallResult.Reply, "a live nonce was lost: " + r);
    }
    for (byte[] entry : consumed) {
      byte[] bundle = good.clone();
      System.arraycopy(entry, 0, bundle, Fixtures.indexOf(bundle, PLACEHOLDER), 32);
      CallResult r = c.update("registerFinish", Request.from(user(Math.max(0, entry[32]))).withCallerInfo(bundle, Fixtures.II));
      assertTrue(r.trapMessage().contains("already consumed"), "a consumed nonce revived: " + r);
    }
    assertEquals(pages * 65_536, c.stableMemory().length);
    System.out.printf("Sample fault session: %d steps, %d stable pages (the nonce store's exact need, then the registrations' memory manager): %d registerBegin,"
        + " %d cap refusals, %d other-caller refusals, %d replays refused, %d email traps rolled back, %d"
        + " registrations, %d upgrades; then %d live nonces finished and %d consumed ones refused%n", STEPS, pages,
        n[0], n[1], n[2], n[3], n[4], n[5], n[6], live.size(), consumed.size());
    assertTrue(n[1] > 0 && n[4] > 0 && n[6] > 0, "the session reaches the cap, email traps and upgrades");
  }

  static byte[] user(int i) {
    byte[] b = new byte[29];
    b[0] = (byte) (0x40 + i);
    b[28] = 0x02;
    return b;
  }
}
