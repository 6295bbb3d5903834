package dev.icjava.samples;

import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.CandidReply;
import dev.icjava.runtime.Query;

/**
 * The whoami sample canister. Interface: {@code samples/src/main/candid/whoami.did}.
 *
 * <ul>
 *   <li>{@code whoAmI : () -> (text) query}: {@code "anonymous"} for the anonymous caller, the
 *       caller's principal text otherwise.
 * </ul>
 */
public final class WhoAmI {
  private static final byte[] ANONYMOUS_REPLY =
      CandidReply.textMessage(new byte[] {'a', 'n', 'o', 'n', 'y', 'm', 'o', 'u', 's'});

  private WhoAmI() {}

  @Query("whoAmI")
  public static void whoAmI() {
    Principal caller = Caller.principal();
    if (caller.isAnonymous()) {
      dev.icjava.runtime.SystemApi.msgReply(ANONYMOUS_REPLY);
    } else {
      CandidReply.textUtf8(caller.textBytes());
    }
  }
}
