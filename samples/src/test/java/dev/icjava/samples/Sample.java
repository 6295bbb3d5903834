package dev.icjava.samples;

import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whoami sample as this module builds it ({@code target/whoami.wasm}), installed in the local
 * replica as a user deploys it, and upgraded to itself.
 */
public final class Sample {
  /** The empty Candid argument list: {@code DIDL 00 00}. */
  public static final byte[] EMPTY_ARGUMENTS = {'D', 'I', 'D', 'L', 0, 0};
  /** The environment it is deployed with: trusting the Internet Identity backend's signatures. */
  public static final Map<String, String> DEPLOYED = Map.of("trusted_attribute_signers", Fixtures.II_TEXT);

  private static byte[] whoami;

  private Sample() {}

  /**
   * The samples module's directory: system property {@code icjava.samples.dir} when set, else the
   * working directory, where surefire runs this module's tests.
   */
  public static Path directory() {
    return Path.of(System.getProperty("icjava.samples.dir", "")).toAbsolutePath().normalize();
  }

  /** {@code target/whoami.wasm}, read once. */
  public static synchronized byte[] whoami() {
    if (whoami == null) {
      whoami = read(directory().resolve("target/whoami.wasm"));
    }
    return whoami;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Installed in {@code replica} with {@code environment}, before the first round. */
  public static Canister install(LocalReplica replica, Map<String, String> environment) {
    return replica.install(whoami(), InstallOptions.defaults().environment(environment));
  }

  /**
   * Installed as deployed ({@link #DEPLOYED}) and running: a round has passed, so the timer set at
   * install has seeded the nonce store from {@code raw_rand}, as in the IC's first round after an
   * install.
   */
  public static Canister deployed(LocalReplica replica) {
    Canister c = install(replica, DEPLOYED);
    replica.tick();
    return c;
  }

  /** Upgrades {@code c} to the same module, with an empty argument list. */
  public static void upgrade(Canister c) {
    c.upgrade(whoami(), EMPTY_ARGUMENTS);
  }
}
