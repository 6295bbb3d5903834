package dev.icjava.candid;

import org.teavm.interop.StaticInit;

/**
 * Bounds on the work a message may cause, so that a small hostile message cannot cause large work
 * or deep recursion (the spec's "self-metering" advice).
 *
 * <ul>
 *   <li>{@code maxDepth}: values nested deeper than this (an option in a record in a vector, ...)
 *       are refused. Recursive types such as {@code type T = record { 0 : T }} describe infinitely
 *       deep values and are refused by this bound.
 *   <li>{@code work}: every value decoded or skipped costs 1 and a vector of {@code n} elements
 *       costs {@code n} more, charged before its elements are read. A message of {@code b} bytes
 *       may spend {@code baseWork + workPerByte * b}. Values that take no bytes ({@code vec null},
 *       {@code vec record {}}) are what this bounds: a ten-byte message can announce four billion
 *       of them.
 * </ul>
 *
 * <p>The defaults, {@link #DEFAULT}: depth 128, 4,096 + 16 per byte. ({@code @StaticInit}: built
 * when the module is instantiated, not in every query.)
 */
@StaticInit
public final class CandidLimits {
  public static final CandidLimits DEFAULT = new CandidLimits(128, 4096, 16);

  private final int maxDepth;
  private final long baseWork;
  private final long workPerByte;

  public CandidLimits(int maxDepth, long baseWork, long workPerByte) {
    if (maxDepth < 1 || baseWork < 0 || workPerByte < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxDepth = maxDepth;
    this.baseWork = baseWork;
    this.workPerByte = workPerByte;
  }

  public int maxDepth() {
    return maxDepth;
  }

  /** The work a message of {@code messageBytes} may spend. */
  public long workFor(int messageBytes) {
    return baseWork + workPerByte * messageBytes;
  }
}
