package dev.icjava.callerauth;

import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;
import org.teavm.interop.StaticInit;

/**
 * Checks on who calls; each returns the caller or traps (the IC then rolls the message back) with a
 * message that names the rule.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>check</th><th>passes for</th><th>trap message otherwise</th></tr>
 *   <tr><td>{@link #requireAuth()}</td><td>any principal but the anonymous one</td>
 *       <td>{@code Anonymous principal not allowed.}</td></tr>
 *   <tr><td>{@link #requireOneOf(Principal...)}</td><td>the listed principals</td>
 *       <td>{@code Caller <text> is not one of the N allowed principals.}</td></tr>
 *   <tr><td>{@link #requireController()}</td><td>controllers of this canister</td>
 *       <td>{@code Caller <text> is not a controller of this canister.}</td></tr>
 * </table>
 *
 * <p>The forms taking a {@code Principal caller} apply the same rule to a given principal, for code
 * and tests that have the caller already.
 *
 * <p>{@code @StaticInit}: the anonymous-caller message is encoded once, at instantiation.
 */
@StaticInit
public final class Auth {
  /** The trap message for the anonymous principal. */
  public static final String ANONYMOUS_NOT_ALLOWED = "Anonymous principal not allowed.";

  private static final byte[] ANONYMOUS_NOT_ALLOWED_UTF8 = Utf8.encode(ANONYMOUS_NOT_ALLOWED);

  private Auth() {}

  /**
   * The caller of this message, unless it is the anonymous principal.
   *
   * @return the caller, never anonymous (otherwise the message traps)
   */
  public static Principal requireAuth() {
    return requireAuth(Caller.principal());
  }

  /**
   * {@code caller}, unless it is the anonymous principal.
   *
   * @param caller the principal to check
   * @return {@code caller}, never anonymous (otherwise the message traps)
   */
  public static Principal requireAuth(Principal caller) {
    if (caller.isAnonymous()) {
      throw SystemApi.trapUtf8(ANONYMOUS_NOT_ALLOWED_UTF8);
    }
    return caller;
  }

  /**
   * The caller of this message, if it is one of {@code allowed}.
   *
   * @param allowed the principals that pass
   * @return the caller, one of {@code allowed} (otherwise the message traps)
   */
  public static Principal requireOneOf(Principal... allowed) {
    return requireOneOf(Caller.principal(), java.util.Arrays.asList(allowed));
  }

  /**
   * {@code caller}, if it is one of {@code allowed}.
   *
   * @param caller the principal to check
   * @param allowed the principals that pass
   * @return {@code caller}, one of {@code allowed} (otherwise the message traps)
   */
  public static Principal requireOneOf(Principal caller, java.util.List<Principal> allowed) {
    for (Principal p : allowed) {
      if (p.equals(caller)) {
        return caller;
      }
    }
    throw SystemApi.trap(
        "Caller " + caller.toText() + " is not one of the " + allowed.size() + " allowed principals.");
  }

  /**
   * The caller of this message, if it controls this canister ({@code ic0.is_controller}).
   *
   * @return the caller, a controller (otherwise the message traps)
   */
  public static Principal requireController() {
    Principal caller = Caller.principal();
    if (!SystemApi.isController(caller.bytes())) {
      throw SystemApi.trap("Caller " + caller.toText() + " is not a controller of this canister.");
    }
    return caller;
  }
}
