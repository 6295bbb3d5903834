package dev.icjava.callerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.runtime.CanisterTrap;
import org.junit.jupiter.api.Test;

/** The rules of {@link Auth} on given principals (on a JVM a trap is a thrown CanisterTrap). */
class AuthTest {
  static final Principal USER = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai");

  @Test
  void shouldRefuseTheAnonymousPrincipalWithTheExactMessage() {
    CanisterTrap t = assertThrows(CanisterTrap.class, () -> Auth.requireAuthenticated(Principal.anonymous()));
    assertEquals("Anonymous principal not allowed.", t.getMessage());
  }

  @Test
  void shouldPassAnyOtherPrincipal() {
    assertSame(USER, Auth.requireAuthenticated(USER));
    assertSame(Principal.managementCanister(), Auth.requireAuthenticated(Principal.managementCanister()));
  }

  @Test
  void shouldPassOnlyListedPrincipalsNamingTheCallerOtherwise() {
    assertSame(USER, Auth.requireOneOf(USER, java.util.List.of(Principal.anonymous(), Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai"))));
    CanisterTrap t = assertThrows(CanisterTrap.class, () -> Auth.requireOneOf(USER, java.util.List.of(Principal.anonymous())));
    assertEquals("Caller rdmx6-jaaaa-aaaaa-aaadq-cai is not one of the 1 allowed principals.", t.getMessage());
  }

  @Test
  void shouldSayThatTheSystemApiIsOnlyInsideACanister() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Auth::requireAuth);
    assertEquals(
        "ic0.msg_caller_size is only available inside a canister; run this code in the test kit's local replica",
        e.getMessage());
  }
}
