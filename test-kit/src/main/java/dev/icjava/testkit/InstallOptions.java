package dev.icjava.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How to install a canister: init argument, environment variables, controllers, limits. */
public final class InstallOptions {
  private static final byte[] DEFAULT_CONTROLLER = controller();

  byte[] initArg = {'D', 'I', 'D', 'L', 0, 0};
  Map<String, String> environment = new LinkedHashMap<>();
  List<byte[]> controllers = List.of(DEFAULT_CONTROLLER);
  long maxStablePages = 16_384; // 1 GiB: ample for tests, small enough to hold on a JVM
  boolean lowered64;
  long wasmMemoryLimit = 4L << 30;
  long wasmMemoryThreshold;
  /** Who installs (the init's caller): the first controller unless the management canister says. */
  byte[] installer;

  InstallOptions installer(byte[] principal) {
    this.installer = principal.clone();
    return this;
  }

  /**
   * The defaults: an empty Candid init argument, no environment variables, one default controller,
   * a 1 GiB stable-memory budget.
   *
   * @return new options
   */
  public static InstallOptions defaults() {
    return new InstallOptions();
  }

  /**
   * The argument of {@code canister_init}; the empty Candid message by default.
   *
   * @param arg the init argument, a Candid message
   * @return these options
   */
  public InstallOptions initArg(byte[] arg) {
    this.initArg = arg.clone();
    return this;
  }

  /**
   * Canister environment variables, read with {@code ic0.env_var_*}.
   *
   * @param env the variables, by name
   * @return these options
   */
  public InstallOptions environment(Map<String, String> env) {
    this.environment = new LinkedHashMap<>(env);
    return this;
  }

  /**
   * The canister's controllers, as principal bytes, in place of the default one.
   *
   * @param controllers the controllers' principal bytes
   * @return these options
   */
  public InstallOptions controllers(List<byte[]> controllers) {
    this.controllers = List.copyOf(controllers);
    return this;
  }

  /**
   * The stable-memory page budget ({@code stable64_grow} returns -1 past it).
   *
   * @param pages the most 64 KiB pages
   * @return these options
   */
  public InstallOptions maxStablePages(long pages) {
    this.maxStablePages = pages;
    return this;
  }

  /**
   * The canister settings {@code wasm_memory_limit} (default: unset, which the IC's low-memory hook
   * reads as 4 GiB) and {@code wasm_memory_threshold} (default 0): {@code canister_on_low_wasm_memory}
   * is scheduled when the Wasm memory left under the limit falls below the threshold. The replica
   * does not (yet) refuse growth past the limit.
   *
   * @param limitBytes {@code wasm_memory_limit}, in bytes
   * @param thresholdBytes {@code wasm_memory_threshold}, in bytes
   * @return these options
   */
  public InstallOptions wasmMemory(long limitBytes, long thresholdBytes) {
    if (limitBytes < 0 || thresholdBytes < 0) {
      throw new IllegalArgumentException("negative wasm memory setting");
    }
    this.wasmMemoryLimit = limitBytes;
    this.wasmMemoryThreshold = thresholdBytes;
    return this;
  }

  /**
   * Accepts a wasm64 canister lowered to 32-bit memory (binaryen's {@code --memory64-lowering}):
   * {@code ic0} pointers stay {@code i64}. Only for running such peers, Motoko's among them, in
   * tests; every other rule of the validator still applies.
   *
   * @return these options
   */
  public InstallOptions lowered64() {
    this.lowered64 = true;
    return this;
  }

  /**
   * The controller every canister gets unless told otherwise: a 29-byte self-authenticating id (a
   * copy).
   *
   * @return the controller's principal bytes
   */
  public static byte[] defaultController() {
    return DEFAULT_CONTROLLER.clone();
  }

  private static byte[] controller() {
    byte[] b = new byte[29];
    for (int i = 0; i < 28; i++) {
      b[i] = (byte) (0xC0 + i);
    }
    b[28] = 0x02;
    return b;
  }
}
