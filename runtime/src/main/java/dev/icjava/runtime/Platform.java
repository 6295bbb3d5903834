package dev.icjava.runtime;

import org.teavm.interop.PlatformMarker;
import org.teavm.interop.Platforms;

/** Where this code runs: inside a canister compiled by TeaVM, or on a plain JVM. */
public final class Platform {
  private Platform() {}

  /**
   * True inside the compiled canister, false on a JVM. TeaVM replaces the call with the constant
   * {@code true} when it compiles to WebAssembly, so the JVM-only branch it guards costs nothing in
   * the module.
   *
   * @return whether this code runs in a canister
   */
  @PlatformMarker(Platforms.WEBASSEMBLY)
  public static boolean inCanister() {
    return false;
  }
}
