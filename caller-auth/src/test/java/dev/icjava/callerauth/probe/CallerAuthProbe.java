package dev.icjava.callerauth.probe;

import dev.icjava.callerauth.Auth;
import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;
import dev.icjava.runtime.internal.Utf8;

/**
 * A canister over caller-auth for tests: proves that the library compiles under TeaVM and behaves
 * there as on the JVM. Arguments are raw bytes (not Candid), replies are Candid text.
 */
public final class CallerAuthProbe {
  private CallerAuthProbe() {}

  /** The self-authenticating principal of the DER key given as the argument. */
  @Update("selfAuthenticating")
  public static void selfAuthenticating() {
    CandidReply.text(Principal.selfAuthenticating(SystemApi.msgArgData()).toText());
  }

  /** Parses the argument as principal text and replies with the text of what it parsed. */
  @Update("parse")
  public static void parse() {
    String text = Utf8.decodeOrTrap(SystemApi.msgArgData(), "the argument");
    CandidReply.text(Principal.fromText(text).toText());
  }

  @Update("controllerOnly")
  public static void controllerOnly() {
    CandidReply.text(Auth.requireController().toText());
  }

  @Update("internetIdentityOnly")
  public static void internetIdentityOnly() {
    CandidReply.text(Auth.requireOneOf(Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai")).toText());
  }
}
