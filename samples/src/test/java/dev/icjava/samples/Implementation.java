package dev.icjava.samples;

import dev.icjava.build.CanisterBuild;
import dev.icjava.build.CanisterBuildException;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.reference.MotokoBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The implementations of the whoami contract: this project's hand-tuned sample ({@code
 * target/whoami.wasm}), the same contract in plain Java as the README writes it and with typed
 * entry points (test sources, built on first use), and the Motoko peer ({@code bench/peer-motoko/WhoAmI.mo}, mo:core 2.5.0, built by npm
 * motoko@4.10.0 on first use). Both install and upgrade in the local replica the same way a user
 * would: the Java sample keeps its nonces in stable memory; the peer keeps its main memory
 * (enhanced orthogonal persistence).
 */
enum Implementation {
  JAVA {
    @Override
    synchronized byte[] installed() {
      if (java == null) {
        try {
          java = Files.readAllBytes(module().resolve("target/whoami.wasm"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return java;
    }
  },

  /** The contract written as the README shows plain Java ({@code plain.PlainWhoAmI}), built like the sample. */
  PLAIN {
    @Override
    byte[] installed() {
      return built("dev.icjava.samples.plain.PlainWhoAmI", "whoami-plain", module().resolve("src/main/candid/whoami.did"));
    }
  },

  /** The contract with typed entry points ({@code typed.TypedWhoAmI}), its .did generated. */
  TYPED {
    @Override
    byte[] installed() {
      return built("dev.icjava.samples.typed.TypedWhoAmI", "whoami-typed", null);
    }
  },

  MOTOKO {
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
  /**
   * The samples module's directory: where tests run (surefire), or as the runners ({@code Bench},
   * {@code Demo}) are told by system property {@code icjava.samples.dir}, since {@code exec:java}
   * runs in Maven's own process, in the directory Maven was started in.
   */
  static Path module() {
    return Path.of(System.getProperty("icjava.samples.dir", "."));
  }

  static Path peerSource() {
    return module().resolve("../bench/peer-motoko/WhoAmI.mo").normalize();
  }
  private static byte[] java;
  private static final Map<String, byte[]> BUILT = new java.util.HashMap<>();
  private static MotokoBuild.Built motoko;

  /**
   * A canister of the test sources built as the sample is (TeaVM, then wasm-opt -Oz from npm
   * binaryen) into {@code target/bench/<name>.wasm}, once per run: the plain one with the sample's
   * hand-written .did (its methods reply by hand), the typed one's generated.
   */
  private static synchronized byte[] built(String canisterClass, String name, Path did) {
    return BUILT.computeIfAbsent(name, n -> {
      try {
        Path out = module().resolve("target/bench");
        Path wasm = new CanisterBuild()
            .candid(did)
            .canisterClass(canisterClass)
            .classPath(List.of(module().resolve("target/test-classes").toFile(), module().resolve("target/classes").toFile()))
            .outputDirectory(out)
            .name(n)
            .wasmOpt(module().resolve("../tools/node/node_modules/.bin/wasm-opt").normalize())
            .run();
        return Files.readAllBytes(wasm);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (CanisterBuildException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static synchronized MotokoBuild.Built motoko() {
    if (motoko == null) {
      motoko = MotokoBuild.build(peerSource(), module().resolve("target/peer-motoko"), "whoami-motoko");
    }
    return motoko;
  }

  /** The module the local replica runs. */
  abstract byte[] installed();

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
   * and running: a round has passed, so the Java sample's timer has seeded its nonce store from
   * raw_rand, as it does in the IC's first round after an install (the peer has no timer).
   */
  Canister deployed(LocalReplica replica) {
    Canister c = install(replica, Map.of("trusted_attribute_signers", "rdmx6-jaaaa-aaaaa-aaadq-cai"));
    replica.tick();
    return c;
  }
}
