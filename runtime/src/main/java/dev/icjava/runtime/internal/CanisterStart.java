package dev.icjava.runtime.internal;

/**
 * The entry class TeaVM requires. A canister has no {@code main}: the IC calls its exported entry
 * points; the build compiles the canister class as a preserved class beside this one.
 */
public final class CanisterStart {
  private CanisterStart() {}

  /**
   * Never called by the IC; the module's start function only initialises the Java heap.
   *
   * @param args unused
   */
  public static void main(String[] args) {}
}
