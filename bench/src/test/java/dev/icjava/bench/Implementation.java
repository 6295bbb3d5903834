package dev.icjava.bench;

import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.MotokoBuild;
import java.util.EnumMap;
import java.util.Map;

/**
 * The implementations of the whoami contract the benchmark measures: the samples' whoami ({@code
 * dev.icjava.samples.WhoAmI}, typed methods, what users copy), the same contract hand-tuned for the
 * fewest instructions ({@link dev.icjava.bench.HandTunedWhoAmI}) and written plainly without typed
 * methods ({@link dev.icjava.bench.PlainWhoAmI}), each built by this module's build into {@code
 * bench/target}, and the Motoko peer ({@code bench/peer-motoko/WhoAmI.mo}, mo:core 2.5.0, built by
 * npm motoko@4.10.0 on first use). Each installs and upgrades in the local replica as a user would:
 * the Java ones keep their nonces in stable memory; the peer keeps its main memory (enhanced
 * orthogonal persistence).
 */
enum Implementation {
  /** The samples' whoami: typed methods, generated interface. */
  SAMPLE("whoami.wasm"),
  /** The contract hand-tuned for the fewest instructions. */
  HAND_TUNED("whoami-hand-tuned.wasm"),
  /** The contract in plain Java without typed methods (each method replies by hand). */
  PLAIN("whoami-plain.wasm"),
  MOTOKO(null) {
    @Override
    byte[] installed() {
      return motoko().lowered();
    }

    @Override
    byte[] emitted() {
      return motoko().emitted();
    }

    @Override
    InstallOptions options() {
      return InstallOptions.defaults().lowered64();
    }

    @Override
    void upgrade(Canister c) {
      c.upgrade(installed(), EMPTY_ARGUMENTS, true);
    }
  };

  static final byte[] EMPTY_ARGUMENTS = {'D', 'I', 'D', 'L', 0, 0};
  private static final Map<Implementation, byte[]> BUILT = new EnumMap<>(Implementation.class);
  private static MotokoBuild.Built motoko;

  /** The module this module's build wrote to {@code bench/target}, for the Java implementations. */
  private final String module;

  Implementation(String module) {
    this.module = module;
  }

  private static synchronized MotokoBuild.Built motoko() {
    if (motoko == null) {
      motoko = MotokoBuild.build(BenchPaths.peer("WhoAmI.mo"), BenchPaths.target("peer-motoko"), "whoami-motoko");
    }
    return motoko;
  }

  /** The module the local replica runs. */
  byte[] installed() {
    synchronized (BUILT) {
      return BUILT.computeIfAbsent(this, i -> BenchPaths.read(BenchPaths.target(i.module)));
    }
  }

  /**
   * The module as its compiler emits it: the bytes a user installs and pays for (the Java builds
   * install what they emit; the peer is lowered for the replica).
   */
  byte[] emitted() {
    return installed();
  }

  InstallOptions options() {
    return InstallOptions.defaults();
  }

  /** Upgrades {@code c} to the same build, with an empty argument list. */
  void upgrade(Canister c) {
    c.upgrade(installed(), EMPTY_ARGUMENTS);
  }

  Canister install(LocalReplica replica, Map<String, String> environment) {
    return replica.install(installed(), options().environment(environment));
  }

  /**
   * Installed in {@code replica} as deployed (trusting the Internet Identity backend's signatures)
   * and running: a round has passed, so the Java canisters' timer has seeded their nonce store from
   * raw_rand, as it does in the IC's first round after an install (the plain one and the peer have
   * no timer).
   */
  Canister deployed(LocalReplica replica) {
    Canister c = install(replica, Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai"));
    replica.tick();
    return c;
  }
}
