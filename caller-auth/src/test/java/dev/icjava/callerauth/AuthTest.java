package dev.icjava.callerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.runtime.MessageTrapped;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Auth} on given principals. On a JVM a trap throws {@link MessageTrapped},
 * which no {@code catch (CanisterTrap | RuntimeException | Exception)} catches, as in a canister.
 */
class AuthTest {
  static final Principal USER = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai");

  @Test
  void shouldRefuseTheAnonymousPrincipalWithTheExactMessage() {
    MessageTrapped t = assertThrows(MessageTrapped.class, () -> Auth.requireAuth(Principal.anonymous()));
    assertEquals("Anonymous principal not allowed.", t.getMessage());
  }

  @Test
  void shouldPassAnyOtherPrincipal() {
    assertSame(USER, Auth.requireAuth(USER));
    assertSame(Principal.managementCanister(), Auth.requireAuth(Principal.managementCanister()));
  }

  @Test
  void shouldPassOnlyListedPrincipalsNamingTheCallerOtherwise() {
    assertSame(USER, Auth.requireOneOf(USER, java.util.List.of(Principal.anonymous(), Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai"))));
    MessageTrapped t = assertThrows(MessageTrapped.class, () -> Auth.requireOneOf(USER, java.util.List.of(Principal.anonymous())));
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
