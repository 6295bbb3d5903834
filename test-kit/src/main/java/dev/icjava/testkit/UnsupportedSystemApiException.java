package dev.icjava.testkit;

/**
 * The canister called a System API entry the local replica does not implement. Thrown out of the
 * replica (not turned into a trap), so that a test never mistakes a gap of the replica for behaviour
 * of the canister. The message names the entry, for example {@code ic0.call_new}.
 */
public final class UnsupportedSystemApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The canister called {@code ic0.<entry>}, which the replica does not implement.
   *
   * @param entry the entry's name, without {@code ic0.}
   */
  public UnsupportedSystemApiException(String entry) {
    super("ic0." + entry + " is not implemented by the test kit's local replica");
  }

  private UnsupportedSystemApiException(String message, boolean whole) {
    super(message);
  }

  /** A method of the management canister the replica does not implement. */
  static UnsupportedSystemApiException managementMethod(String method) {
    return new UnsupportedSystemApiException(
        "the management canister's method " + method + " is not implemented by the test kit's local replica", true);
  }
}
