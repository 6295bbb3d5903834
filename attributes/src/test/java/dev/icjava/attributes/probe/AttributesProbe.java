package dev.icjava.attributes.probe;

import dev.icjava.attributes.AttributeVerifier;
import dev.icjava.attributes.CallerInfo;
import dev.icjava.attributes.TrustedSigners;
import dev.icjava.attributes.VerifiedAttributes;
import dev.icjava.noncestore.ConsumeOutcome;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * The attributes module compiled into a canister, for {@code AttributesProbeTest}. The
 * argument of {@code verify} is not Candid: its raw bytes are the one nonce the test's nonce check
 * accepts.
 */
public final class AttributesProbe {
  private AttributesProbe() {}

  /** Verifies the call's attributes; replies {@code "<caller> <origin> <email or ->"}. */
  @Update("verify")
  public static void verify() {
    byte[] accepted = SystemApi.msgArgData();
    VerifiedAttributes a =
        AttributeVerifier.create()
            .expectedOriginsFromEnvironment("frontend_origins", "https://your-app.icp0.io")
            .verify(
                (caller, nonce, now) -> java.util.Arrays.equals(nonce, accepted) ? ConsumeOutcome.CONSUMED
                    : ConsumeOutcome.UNKNOWN);
    String email = a.unverifiedEmail();
    CandidReply.text(a.caller().toText() + " " + a.origin() + " " + (email == null ? "-" : email));
  }

  /** Verifies like {@code verify}, then replies the {@code email} attribute, which must be a text. */
  @Update("email")
  public static void email() {
    byte[] accepted = SystemApi.msgArgData();
    VerifiedAttributes a =
        AttributeVerifier.create()
            .expectedOrigins("https://your-app.icp0.io")
            .verify((caller, nonce, now) -> java.util.Arrays.equals(nonce, accepted) ? ConsumeOutcome.CONSUMED
                : ConsumeOutcome.UNKNOWN);
    CandidReply.text(a.requireText("email"));
  }

  /** The trusted attribute bytes as a blob, or the text {@code none}: mo:core's getAttributes. */
  @Update("trustedData")
  public static void trustedData() {
    byte[] data = CallerInfo.current().trustedData(TrustedSigners.fromEnvironment());
    if (data == null) {
      CandidReply.text("none");
    } else {
      CandidReply.blob(data);
    }
  }
}
