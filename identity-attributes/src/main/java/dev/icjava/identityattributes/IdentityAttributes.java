package dev.icjava.identityattributes;

import java.util.Optional;

/**
 * What a verified sign-in tells the canister, as the Motoko library's {@code IdentityAttributes}:
 * {@code record { name : opt text; email : opt text; sso : opt text }}.
 *
 * <p>{@code name} and {@code email} come from one key each, all of one category: unscoped or OpenID
 * ({@code name}, {@code verified_email}, {@code openid:<issuer>:name}, {@code
 * openid:<issuer>:verified_email}), or SSO ({@code sso:<domain>:name}, {@code sso:<domain>:email},
 * one trusted domain). {@code email} is never the unverified {@code email} key. {@code sso} is the
 * SSO domain when they came from SSO keys, otherwise empty.
 */
public record IdentityAttributes(Optional<String> name, Optional<String> email, Optional<String> sso) {
  /**
   * Refuses a {@code null} component with {@link IllegalArgumentException}: an absent value is
   * {@link Optional#empty()}.
   *
   * @param name the user's name, if any
   * @param email the user's verified email, if any
   * @param sso the SSO domain both came from, if they came from SSO keys
   */
  public IdentityAttributes {
    if (name == null || email == null || sso == null) {
      throw new IllegalArgumentException("absent values are Optional.empty(), not null");
    }
  }
}
