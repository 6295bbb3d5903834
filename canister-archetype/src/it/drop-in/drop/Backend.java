package com.example;

import dev.icjava.callerauth.Caller;
import dev.icjava.callerauth.Principal;
import dev.icjava.identityattributes.IdentityAttributes;
import dev.icjava.identityattributes.IdentityAttributesSignIn;
import dev.icjava.runtime.Include;
import dev.icjava.runtime.Query;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The profiles sample of icjava (samples/.../Profiles.java) as someone else wrote it, dropped in as Backend. */
public final class Backend {
  @Include
  static final IdentityAttributesSignIn SIGN_IN = IdentityAttributesSignIn.create(Backend::onVerified);

  private static final Map<Principal, IdentityAttributes> PROFILES = new HashMap<>();

  private Backend() {}

  static void onVerified(Principal caller, IdentityAttributes attributes) {
    PROFILES.put(caller, attributes);
  }

  @Query("getProfile")
  public static Optional<IdentityAttributes> getProfile(Principal principal) {
    return Optional.ofNullable(PROFILES.get(principal));
  }

  @Query("whoAmI")
  public static String whoAmI() {
    return Caller.principal().toText();
  }
}
