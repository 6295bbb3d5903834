package dev.icjava.calls.example;

import dev.icjava.calls.Call;
import dev.icjava.calls.ManagementCanister;
import dev.icjava.callerauth.Principal;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/** The example of inter-canister calls in {@code docs/calls.md}, built and run by ReadmeExampleTest. */
public final class Greeter {
  private static final Principal COUNTER = Principal.fromText("rrkah-fqaaa-aaaaa-aaaaq-cai");
  private static long asked;

  private Greeter() {}

  /** Calls the counter canister's increment and replies with its reply, or says why it could not. */
  @Update("greet")
  public static void greet() {
    asked++; // committed when this message ends, whatever the call's outcome
    Call.to(COUNTER, "increment")
        .perform()
        .onReply(SystemApi::msgReply) // in a later message: the counter's Candid reply, passed on
        .onReject(r -> SystemApi.msgReject("the counter said " + r.code() + ": " + r.message()));
  }

  /** 32 bytes from the management canister's raw_rand, turned into heads or tails. */
  @Update("coin")
  public static void coin() {
    ManagementCanister.rawRand()
        .map(bytes -> (bytes[0] & 1) == 0 ? "heads" : "tails")
        .onReply(CandidReply::text);
  }
}
