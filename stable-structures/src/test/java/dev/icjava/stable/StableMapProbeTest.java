package dev.icjava.stable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.icjava.stable.probe.StableMapProbe;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.Probes;
import dev.icjava.testkit.Request;
import org.junit.jupiter.api.Test;

/** A {@link StableBTreeMap} compiled into a canister ({@link StableMapProbe}), in the replica. */
class StableMapProbeTest {
  private static byte[] wasm;

  static synchronized byte[] wasm() throws Exception {
    if (wasm == null) {
      wasm = Probes.build("dev.icjava.stable.probe.StableMapProbe", "stable-map-probe");
    }
    return wasm;
  }

  static Canister install() throws Exception {
    return new LocalReplica().install(wasm(), InstallOptions.defaults());
  }

  static byte[] le(long v, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  static byte[] range(long first, int count) {
    byte[] a = new byte[12];
    System.arraycopy(le(first, 8), 0, a, 0, 8);
    System.arraycopy(le(count, 4), 0, a, 8, 4);
    return a;
  }

  static long longAt(byte[] a, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (a[at + i] & 0xFF);
    }
    return v;
  }

  @Test
  void shouldInsertGetAndRemoveAcrossAnUpgrade() throws Exception {
    Canister c = install();
    long fill = c.update("fill", Request.anonymous().withArg(range(0, 1000))).instructions();
    System.out.println("1,000 inserts: " + fill + " instructions");
    c.upgrade(wasm(), new byte[0]);
    assertEquals(1000, longAt(c.query("size", Request.anonymous()).replyBytes(), 0));
    assertEquals(StableMapProbe.valueOf(500),
        longAt(c.query("get", Request.anonymous().withArg(le(500, 8))).replyBytes(), 0));
    assertEquals(StableMapProbe.valueOf(500),
        longAt(c.update("remove", Request.anonymous().withArg(le(500, 8))).replyBytes(), 0));
    assertEquals(0, c.query("get", Request.anonymous().withArg(le(500, 8))).replyBytes().length);
  }
}
