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
 *   <li>{@code decodingQuota}: values decoded (each a heap object), a vector of {@code n} elements
 *       charged {@code n} more (its array) before its elements are read: a bound on memory, which
 *       work per byte is not (16 zero-byte values per byte of a 2 MiB message would be 33 million
 *       objects).
 *   <li>{@code skippingQuota}: values skipped (extra arguments, extra record fields, {@code opt}
 *       values that do not coerce; everything {@link CandidMessage#validate()} reads), a vector of
 *       {@code n} elements charged {@code n} before its elements are read. Rust's candid decoder
 *       has the same two quotas ({@code DecoderConfig::set_decoding_quota}, {@code
 *       set_skipping_quota} in dfinity/candid {@code rust/candid/src/de.rs}), and recommends a
 *       skipping quota of 10,000 for canister endpoints, which DFINITY's own canisters use.
 * </ul>
 *
 * <p>The defaults, {@link #DEFAULT}: depth 128, work 4,096 + 16 per byte, decoding quota 2^20
 * values (some 40 MiB of values at most), skipping quota 10,000. ({@code @StaticInit}: built when
 * the module is instantiated, not in every query.)
 */
@StaticInit
public final class CandidLimits {
  /** The default decoding quota: 2^20 values. */
  public static final long DEFAULT_DECODING_QUOTA = 1 << 20;
  /**
   * The default skipping quota: 10,000 values, as Rust's candid recommends for canister endpoints.
   */
  public static final long DEFAULT_SKIPPING_QUOTA = 10_000;
  /** Depth 128, work 4,096 + 16 per byte, the default quotas. */
  public static final CandidLimits DEFAULT =
      new CandidLimits(128, 4096, 16, DEFAULT_DECODING_QUOTA, DEFAULT_SKIPPING_QUOTA);

  private final int maxDepth;
  private final long baseWork;
  private final long workPerByte;
  private final long decodingQuota;
  private final long skippingQuota;

  /**
   * Depth and work as given; the default quotas.
   *
   * @param maxDepth deepest nesting allowed, 1 or more
   * @param baseWork work any message may spend
   * @param workPerByte work each byte of the message adds
   */
  public CandidLimits(int maxDepth, long baseWork, long workPerByte) {
    this(maxDepth, baseWork, workPerByte, DEFAULT_DECODING_QUOTA, DEFAULT_SKIPPING_QUOTA);
  }

  /**
   * All five bounds; {@link IllegalArgumentException} for a depth below 1 or a negative bound.
   *
   * @param maxDepth deepest nesting allowed, 1 or more
   * @param baseWork work any message may spend
   * @param workPerByte work each byte of the message adds
   * @param decodingQuota values a message may decode
   * @param skippingQuota values a message may skip
   */
  public CandidLimits(int maxDepth, long baseWork, long workPerByte, long decodingQuota, long skippingQuota) {
    if (maxDepth < 1 || baseWork < 0 || workPerByte < 0 || decodingQuota < 0 || skippingQuota < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxDepth = maxDepth;
    this.baseWork = baseWork;
    this.workPerByte = workPerByte;
    this.decodingQuota = decodingQuota;
    this.skippingQuota = skippingQuota;
  }

  /**
   * These limits with another depth.
   *
   * @param depth the new depth
   * @return new limits
   */
  public CandidLimits withMaxDepth(int depth) {
    return new CandidLimits(depth, baseWork, workPerByte, decodingQuota, skippingQuota);
  }

  /**
   * These limits with other quotas.
   *
   * @param decoding the new decoding quota
   * @param skipping the new skipping quota
   * @return new limits
   */
  public CandidLimits withQuotas(long decoding, long skipping) {
    return new CandidLimits(maxDepth, baseWork, workPerByte, decoding, skipping);
  }

  /**
   * Deepest nesting of values allowed.
   *
   * @return the depth
   */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Values a message may decode.
   *
   * @return the decoding quota
   */
  public long decodingQuota() {
    return decodingQuota;
  }

  /**
   * Values a message may skip.
   *
   * @return the skipping quota
   */
  public long skippingQuota() {
    return skippingQuota;
  }

  /**
   * The work a message of {@code messageBytes} may spend.
   *
   * @param messageBytes the message's size
   * @return its work limit
   */
  public long workFor(int messageBytes) {
    return baseWork + workPerByte * messageBytes;
  }
}
