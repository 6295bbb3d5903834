package dev.icjava.testkit.probe;

import dev.icjava.runtime.Query;
import dev.icjava.runtime.SystemApi;
import org.teavm.interop.StaticInit;

/**
 * A canister whose {@code @StaticInit} constant reads an environment variable: it runs on a JVM and
 * compiles, but the IC refuses {@code ic0.env_var_*} in the start function, where TeaVM runs such
 * initializers.
 */
public final class StaticInitProbe {
  private StaticInitProbe() {}

  @Query("greeting")
  public static void greeting() {
    TextReply.text(Config.GREETING == null ? "unset" : Config.GREETING);
  }

  @StaticInit
  static final class Config {
    static final String GREETING = SystemApi.envVar("greeting");

    private Config() {}
  }
}
