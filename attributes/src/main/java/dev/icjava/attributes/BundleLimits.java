package dev.icjava.attributes;

import dev.icjava.candid.CandidLimits;
import org.teavm.interop.StaticInit;

/**
 * What a bundle may hold beyond what its signer would ever sign, refused cheaply and before the
 * bundle is decoded in full. The defaults, {@link #INTERNET_IDENTITY}, are Internet Identity's own
 * guarantees (dfinity/internet-identity {@code
 * src/internet_identity_interface/src/internet_identity/types/attributes.rs}: {@code
 * MAX_ATTRIBUTES_PER_REQUEST = 100}, {@code FRONTEND_HOSTNAME_MAX_BYTES = 255}, {@code
 * ATTRIBUTE_VALUE_MAX_BYTES = 50_000}, {@code OPENID_ISSUER_MAX_BYTES = 1024}, {@code
 * ICRC3_MESSAGE_MAX_BYTES} = 5,118,324; the bundle is {@code Encode!(&Icrc3Value::Map(entries))}
 * of a {@code BTreeMap}, so its keys are sorted by bytes and unique, and its values are the
 * implicit {@code Blob}, {@code Text} and {@code Nat} and the attributes' {@code Text}). The
 * longest key II can sign is {@code openid:<1,024-byte issuer>:verified_email}, 1,046 bytes; II's
 * own {@code ICRC3_ATTRIBUTE_KEY_MAX_BYTES} is 1,045, one short, because it measures the name
 * {@code "VerifiedEmail"} (13 bytes) instead of the key's {@code verified_email} (14):
 *
 * <ul>
 *   <li>at most 103 entries (100 requested attributes and the 3 implicit fields), refused at the
 *       map's length, before any entry is decoded;
 *   <li>keys of at most 1,046 bytes, in strictly increasing byte order (sorted, no repeats);
 *   <li>values {@code Nat}, {@code Blob} or {@code Text} (nothing nested: refused while decoding),
 *       {@code Text} and {@code Blob} values of at most 50,000 bytes;
 *   <li>{@code implicit:origin} of at most 255 bytes;
 *   <li>the bundle at most 5,118,324 bytes, refused before it is copied out of the System API.
 * </ul>
 *
 * <p>Another trusted signer with other guarantees gets its own limits ({@link #of}); {@link
 * #LENIENT} keeps only the Candid reader's own bounds (any ICRC-3 {@code Value}, any order).
 */
@StaticInit
public final class BundleLimits {
  /**
   * What Internet Identity signs: 103 entries, 1,046-byte keys, sorted and unique, flat values of
   * at most 50,000 bytes, a 255-byte origin, 5,118,324 bytes in all.
   */
  public static final BundleLimits INTERNET_IDENTITY =
      new BundleLimits(103, 1_046, 255, 50_000, 5_118_324, true, true);
  /** No bounds beyond the Candid reader's own: any ICRC-3 {@code Value}, keys in any order. */
  public static final BundleLimits LENIENT =
      new BundleLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
          Integer.MAX_VALUE, false, false);

  private final int maxEntries;
  private final int maxKeyBytes;
  private final int maxOriginBytes;
  private final int maxValueBytes;
  private final int maxBundleBytes;
  private final boolean sortedUniqueKeys;
  private final boolean flatValues;
  private final CandidLimits candidLimits;

  private BundleLimits(int maxEntries, int maxKeyBytes, int maxOriginBytes, int maxValueBytes, int maxBundleBytes,
      boolean sortedUniqueKeys, boolean flatValues) {
    if (maxEntries < 3 || maxKeyBytes < 31 || maxOriginBytes < 1 || maxValueBytes < 32 || maxBundleBytes < 1) {
      throw new IllegalArgumentException("limits that refuse every bundle carrying the implicit fields");
    }
    this.maxEntries = maxEntries;
    this.maxKeyBytes = maxKeyBytes;
    this.maxOriginBytes = maxOriginBytes;
    this.maxValueBytes = maxValueBytes;
    this.maxBundleBytes = maxBundleBytes;
    this.sortedUniqueKeys = sortedUniqueKeys;
    this.flatValues = flatValues;
    // A flat map of n entries decodes into 2 + 5n values (the Value variant, its vector, the
    // vector's n slots, and per entry a record, its key, a Value variant and its payload), nested
    // 5 deep; it is one value, so nothing is skipped.
    // (Built from constants, not from CandidLimits.DEFAULT: both are @StaticInit, in no set order.)
    this.candidLimits = new CandidLimits(flatValues ? 5 : 128, 4096, 16,
        flatValues && maxEntries < Integer.MAX_VALUE ? 2 + 5L * maxEntries : CandidLimits.DEFAULT_DECODING_QUOTA,
        maxEntries < Integer.MAX_VALUE ? 0 : CandidLimits.DEFAULT_SKIPPING_QUOTA);
  }

  /**
   * Limits of one's own: entries, key, origin, value and bundle sizes in bytes, key order, flat
   * values.
   *
   * @param maxEntries most entries in the map
   * @param maxKeyBytes longest key, in bytes
   * @param maxOriginBytes longest {@code implicit:origin}, in bytes
   * @param maxValueBytes longest {@code Text} or {@code Blob} value, in bytes
   * @param maxBundleBytes largest bundle, in bytes
   * @param sortedUniqueKeys whether keys must be sorted and unique
   * @param flatValues whether values must be {@code Nat}, {@code Blob} or {@code Text}
   * @return the limits; {@link IllegalArgumentException} for limits that refuse every bundle
   */
  public static BundleLimits of(int maxEntries, int maxKeyBytes, int maxOriginBytes, int maxValueBytes,
      int maxBundleBytes, boolean sortedUniqueKeys, boolean flatValues) {
    return new BundleLimits(maxEntries, maxKeyBytes, maxOriginBytes, maxValueBytes, maxBundleBytes,
        sortedUniqueKeys, flatValues);
  }

  /**
   * Most entries in the bundle's map, the implicit fields included.
   *
   * @return the most entries
   */
  public int maxEntries() {
    return maxEntries;
  }

  /**
   * Longest key, in UTF-8 bytes.
   *
   * @return the longest key, in bytes
   */
  public int maxKeyBytes() {
    return maxKeyBytes;
  }

  /**
   * Longest {@code implicit:origin}, in UTF-8 bytes.
   *
   * @return the longest origin, in bytes
   */
  public int maxOriginBytes() {
    return maxOriginBytes;
  }

  /**
   * Longest {@code Text} or {@code Blob} value, in bytes.
   *
   * @return the longest value, in bytes
   */
  public int maxValueBytes() {
    return maxValueBytes;
  }

  /**
   * Largest bundle, in bytes of its Candid encoding.
   *
   * @return the largest bundle, in bytes
   */
  public int maxBundleBytes() {
    return maxBundleBytes;
  }

  /**
   * Whether keys must be in strictly increasing byte order.
   *
   * @return whether keys must be sorted and unique
   */
  public boolean sortedUniqueKeys() {
    return sortedUniqueKeys;
  }

  /**
   * Whether values must be {@code Nat}, {@code Blob} or {@code Text}.
   *
   * @return whether values must be flat
   */
  public boolean flatValues() {
    return flatValues;
  }

  /**
   * The Candid reader's limits for a bundle under these limits.
   *
   * @return the Candid limits
   */
  public CandidLimits candidLimits() {
    return candidLimits;
  }
}
