package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.CallResult;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Replies;
import dev.icjava.testkit.Request;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The documentation's example canister, built with typed methods and run across upgrades. */
class GuestbookTest {
  private static final byte[] EMPTY = {'D', 'I', 'D', 'L', 0, 0};

  /** {@code ("text")} in Candid. */
  private static byte[] text(String s) {
    byte[] t = s.getBytes(StandardCharsets.UTF_8);
    byte[] a = new byte[8 + t.length];
    byte[] head = {'D', 'I', 'D', 'L', 0, 1, 0x71, (byte) t.length};
    System.arraycopy(head, 0, a, 0, head.length);
    System.arraycopy(t, 0, a, head.length, t.length);
    return a;
  }

  @Test
  void shouldKeepEntriesVisitsAndSignersAcrossUpgrades() throws Exception {
    byte[] wasm = Probes.buildTyped("dev.icjava.stable.example.Guestbook", "guestbook");
    Canister c = new LocalReplica().install(wasm, InstallOptions.defaults());
    CallResult first = c.update("sign", Request.from(new byte[] {1, 2, 3, 2}).withArg(text("hello")));
    assertTrue(first instanceof CallResult.Reply, first.toString());
    c.update("sign", Request.from(new byte[] {4, 5, 6, 2}).withArg(text("world")));
    c.upgrade(wasm, EMPTY);
    c.upgrade(wasm, EMPTY);
    assertEquals("2", String.valueOf(Replies.value(c.query("visits", Request.anonymous().withArg(EMPTY)))));
    Object reply = Replies.value(c.query("signers", Request.anonymous().withArg(EMPTY)));
    String signers = reply instanceof Object[] ? java.util.Arrays.toString((Object[]) reply) : String.valueOf(reply);
    assertTrue(signers.contains("wrote entry 0") && signers.contains("wrote entry 1"), signers);
  }
}
