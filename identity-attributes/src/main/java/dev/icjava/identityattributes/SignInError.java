package dev.icjava.identityattributes;

import dev.icjava.runtime.Candid;
import dev.icjava.runtime.CandidName;
import dev.icjava.runtime.Unwrapped;
import java.util.List;

/**
 * Why {@code _internet_identity_sign_in_finish} refused a sign-in: the Motoko library's {@code
 * Error} (src/Internal/Verify.mo), case for case and field for field:
 *
 * <pre>
 * type Error = variant {
 *   NoAttributes; MalformedCandid; MissingField : text; FrontendOriginsNotConfigured;
 *   FrontendOriginMismatch : record { expected : vec text; got : text };
 *   Stale : record { ageNs : nat }; UnknownNonce;
 *   AmbiguousAttribute : record { field : text; sources : vec text };
 *   UntrustedSsoSource : record { domain : text };
 *   MixedSsoSources : record { ssoKeys : vec text; otherKeys : vec text };
 * };
 * </pre>
 */
@CandidName("Error")
public sealed interface SignInError {
  /** No bundle is attached to the call (or the anonymous principal presented one: see docs/identity-attributes.md). */
  record NoAttributes() implements SignInError {}

  /** The bundle is not a Candid ICRC-3 {@code Map}, or is beyond what Internet Identity signs. */
  record MalformedCandid() implements SignInError {}

  /** An implicit field is missing or of another type: its key. */
  @Unwrapped
  record MissingField(String key) implements SignInError {}

  /** {@code frontend_origins} is unset or lists nothing. */
  record FrontendOriginsNotConfigured() implements SignInError {}

  /** {@code implicit:origin} is not listed in {@code frontend_origins}. */
  record FrontendOriginMismatch(List<String> expected, String got) implements SignInError {}

  /** Issued more than 5 minutes ago. */
  record Stale(@Candid("nat") long ageNs) implements SignInError {}

  /** The nonce was not minted here, was consumed already, or expired. */
  record UnknownNonce() implements SignInError {}

  /** A field ({@code name}, {@code email}, or {@code sso} for two SSO domains) has several sources. */
  record AmbiguousAttribute(String field, List<String> sources) implements SignInError {}

  /** An {@code sso:<domain>:*} key whose domain {@code trusted_sso_domains} does not list. */
  record UntrustedSsoSource(String domain) implements SignInError {}

  /** SSO keys and unscoped or OpenID keys for name or email in one bundle. */
  record MixedSsoSources(List<String> ssoKeys, List<String> otherKeys) implements SignInError {}
}
