package dev.icjava.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The sample frontend (samples/frontend) in headless Chromium against this replica with the
 * Internet Identity stand-in ({@link BrowserNetwork}): {@code test/browser-sign-in.test.mjs}, run
 * with Node's test runner, drives Debian's Chromium ({@code /usr/bin/chromium}, installed by {@code
 * .ci/run}) with puppeteer-core through the guide's flows; screenshots of each step go to {@code
 * target/browser-screenshots/}. {@code test/tampering.test.mjs} then changes one byte of the
 * delegation's and of {@code sender_info}'s canister signature (and of the bundle) and sees the
 * replica refuse each. Skipped (with the reason) where Chromium or the frontend's npm packages are
 * absent.
 */
class BrowserSignInTest {
  @Test
  void shouldSignInWithTheGuidesFrontendInChromium() throws Exception {
    String missing = BrowserNetwork.missing();
    assumeTrue(missing == null, missing);
    try (BrowserNetwork network = new BrowserNetwork()) {
      long start = System.nanoTime();
      RealClientsTest.Run r = RealClientsTest.run(BrowserNetwork.FRONTEND, network.env,
          "node", "--test", "--test-concurrency=1", "--test-reporter=spec", "test/browser-sign-in.test.mjs",
          "test/tampering.test.mjs");
      System.out.println(r.out());
      System.out.printf("browser tests: %.1f s%n", (System.nanoTime() - start) / 1e9);
      assertEquals(0, r.exit(), "the browser tests failed:\n" + r.out());
    }
  }
}
