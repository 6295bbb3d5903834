package dev.icjava.calls.probe;

import dev.icjava.calls.Call;
import dev.icjava.calls.ManagementCanister;
import dev.icjava.callerauth.Principal;
import dev.icjava.runtime.CandidReply;
import dev.icjava.runtime.Update;

/** Probe: makes calls. */
public final class CallsProbe {
  private CallsProbe() {}

  @Update("randomBytes")
  public static void randomBytes() {
    ManagementCanister.rawRand().onReply(CandidReply::blob);
  }
}
