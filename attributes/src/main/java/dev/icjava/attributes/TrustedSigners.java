package dev.icjava.attributes;

import dev.icjava.callerauth.Principal;
import dev.icjava.callerauth.PrincipalFormatException;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;
import java.util.List;
import org.teavm.interop.StaticInit;

/**
 * The principals whose attribute signatures a canister trusts: a list given in code, or the
 * canister environment variable {@value #ENVIRONMENT_VARIABLE} (the convention of mo:core), read
 * at each check so that a settings change takes effect at once.
 *
 * <p>The variable holds comma-separated principal texts, split by {@link EnvironmentList} (spaces
 * around entries and empty entries ignored). Unlike mo:core, which stops at the first match, every
 * entry is parsed: one that is not a principal text traps with its position and the reason, so a
 * typo is found at the first call rather than when it decides who is trusted. Unset, or set to
 * nothing but blanks, means nobody is trusted, and a call with attributes traps saying so.
 *
 * <p>The parsed list is kept with the variable's raw bytes and reused while they are unchanged
 * (an update call keeps it for the next; a query's copy is discarded with its other changes).
 */
@StaticInit
public final class TrustedSigners {
  /** The environment variable mo:core also reads. */
  public static final String ENVIRONMENT_VARIABLE = "trusted_attribute_signers";

  private static final byte[] NAME_UTF8 = Utf8.encode(ENVIRONMENT_VARIABLE);
  private static byte[] cachedValue;
  private static Principal[] cachedSigners;

  private final Principal[] signers; // null: read the environment variable

  private TrustedSigners(Principal[] signers) {
    this.signers = signers;
  }

  /**
   * Exactly these principals.
   *
   * @param signers the trusted principals
   * @return the trusted signers
   */
  public static TrustedSigners of(Principal... signers) {
    for (Principal p : signers) {
      if (p == null) {
        throw new IllegalArgumentException("null signer");
      }
    }
    return new TrustedSigners(signers.clone());
  }

  /**
   * The principals listed in {@value #ENVIRONMENT_VARIABLE}, read when a check needs them.
   *
   * @return the trusted signers, read from the environment
   */
  public static TrustedSigners fromEnvironment() {
    return new TrustedSigners(null);
  }

  /**
   * The signers a value of {@value #ENVIRONMENT_VARIABLE} lists; {@code null} means unset. Throws
   * {@link AttributeException} ({@code SIGNERS_NOT_CONFIGURED} or {@code SIGNERS_INVALID}).
   *
   * @param value the variable's value, or {@code null}
   * @return the signers it lists
   */
  public static Principal[] parseEnvironmentValue(String value) {
    if (value == null) {
      throw new AttributeException(AttributeException.Reason.SIGNERS_NOT_CONFIGURED, Messages.SIGNERS_NOT_SET);
    }
    List<String> entries = EnvironmentList.split(value);
    if (entries.isEmpty()) {
      throw new AttributeException(AttributeException.Reason.SIGNERS_NOT_CONFIGURED, Messages.SIGNERS_EMPTY);
    }
    Principal[] out = new Principal[entries.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Principal.fromText(entries.get(i));
      } catch (PrincipalFormatException e) {
        throw new AttributeException(
            AttributeException.Reason.SIGNERS_INVALID,
            "Environment variable " + ENVIRONMENT_VARIABLE + ": entry " + (i + 1) + " \""
                + entries.get(i) + "\" is not a principal (" + e.getMessage() + ").");
      }
    }
    return out;
  }

  /**
   * The trusted principals; reads the environment variable when configured so.
   *
   * @return the trusted principals
   */
  public Principal[] principals() {
    if (signers != null) {
      return signers.clone();
    }
    return environmentSigners().clone();
  }

  /**
   * Whether {@code signer} is trusted; traps when the list is unset or invalid.
   *
   * @param signer the signer's principal
   * @return whether it is trusted
   */
  public boolean trusts(Principal signer) {
    Principal[] list = signers != null ? signers : environmentSigners();
    for (Principal p : list) {
      if (p.equals(signer)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses the variable, reusing the previous parse when the value is unchanged (an update call
   * keeps it for the next; a query's copy is discarded with the rest of its changes).
   */
  private static Principal[] environmentSigners() {
    byte[] value = SystemApi.envVarUtf8(NAME_UTF8);
    if (value != null && Utf8.equalBytes(value, cachedValue)) {
      return cachedSigners;
    }
    Principal[] parsed =
        parseEnvironmentValue(
            value == null ? null : Utf8.decodeOrTrap(value, "environment variable", ENVIRONMENT_VARIABLE));
    cachedValue = value;
    cachedSigners = parsed;
    return parsed;
  }
}
