package dev.icjava.samples;

import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.CandidReply;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;
import org.teavm.interop.StaticInit;

/**
 * The whoami sample canister. Interface: {@code samples/src/main/candid/whoami.did}.
 *
 * <ul>
 *   <li>{@code whoAmI : () -> (text) query}: {@code "anonymous"} for the anonymous caller, the
 *       caller's principal text otherwise.
 *   <li>{@code protectedAction : () -> (text)}: traps with {@code Anonymous principal not allowed.}
 *       for the anonymous caller; otherwise {@code "Action performed by <principal text>"}.
 * </ul>
 *
 * <p>{@code @StaticInit}: the constant reply is built when the module is instantiated, not in
 * every query.
 */
@StaticInit
public final class WhoAmI {
  private static final byte[] ANONYMOUS_REPLY = CandidReply.textMessage(ascii("anonymous"));
  private static final byte[] ACTION_PREFIX = ascii("Action performed by ");

  private WhoAmI() {}

  @Query("whoAmI")
  public static void whoAmI() {
    Principal caller = Caller.principal();
    if (caller.isAnonymous()) {
      SystemApi.msgReply(ANONYMOUS_REPLY);
    } else {
      replyWithText(null, caller);
    }
  }

  @Update("protectedAction")
  public static void protectedAction() {
    Principal caller = Auth.requireAuth();
    replyWithText(ACTION_PREFIX, caller);
  }

  /**
   * Replies {@code (text)} made of {@code prefix} (ASCII, may be null) and the principal's text,
   * written straight into the reply message.
   */
  private static void replyWithText(byte[] prefix, Principal principal) {
    int prefixLength = prefix == null ? 0 : prefix.length;
    int length = prefixLength + principal.textLength();
    byte[] message = CandidReply.textMessageFor(length);
    int at = CandidReply.textOffset(length);
    if (prefix != null) {
      System.arraycopy(prefix, 0, message, at, prefixLength);
    }
    principal.writeText(message, at + prefixLength);
    SystemApi.msgReply(message);
  }

  private static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }
}
