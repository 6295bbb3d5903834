package dev.icjava.callerauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value type and the interface spec's classes of principals, by their byte rules. */
class PrincipalTest {
  static final Principal II = Principal.fromText("rdmx6-jaaaa-aaaaa-aaadq-cai");

  @Test
  void shouldWriteTheAnonymousPrincipalAs2vxsxFae() {
    assertEquals("2vxsx-fae", Principal.anonymous().toText());
    assertArrayEquals(new byte[] {4}, Principal.fromText("2vxsx-fae").bytes());
    assertTrue(Principal.fromText("2vxsx-fae").isAnonymous());
  }

  @Test
  void shouldWriteTheManagementCanisterAsAaaaaAa() {
    assertEquals("aaaaa-aa", Principal.managementCanister().toString());
    assertEquals(0, Principal.fromText("aaaaa-aa").length());
    assertTrue(Principal.managementCanister().isManagementCanister());
  }

  @Test
  void shouldReadTheInternetIdentityBackendId() {
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 1, 1}, II.bytes());
    assertTrue(II.isOpaque());
  }

  @Test
  void shouldClassifyPrincipalsByTheirLastByte() {
    byte[] selfAuth = new byte[29];
    selfAuth[28] = 2;
    assertTrue(Principal.fromBytes(selfAuth).isSelfAuthenticating());
    assertFalse(Principal.fromBytes(new byte[] {9, 2}).isSelfAuthenticating(), "self-authenticating ids are 29 bytes");
    assertTrue(Principal.fromBytes(new byte[] {9, 3}).isDerived());
    assertTrue(Principal.fromBytes(new byte[] {9, 0x7f}).isReserved());
    assertFalse(Principal.fromBytes(new byte[] {4, 4}).isAnonymous(), "anonymous is exactly the one byte 0x04");
    Principal anonymous = Principal.anonymous();
    assertFalse(anonymous.isOpaque() || anonymous.isSelfAuthenticating() || anonymous.isDerived() || anonymous.isReserved());
    assertFalse(Principal.managementCanister().isOpaque() || Principal.managementCanister().isAnonymous());
  }

  @Test
  void shouldRefuseMoreThanTwentyNineBytes() {
    PrincipalFormatException e = assertThrows(PrincipalFormatException.class, () -> Principal.fromBytes(new byte[30]));
    assertEquals(PrincipalFormatException.Reason.LENGTH, e.reason());
    Principal.fromBytes(new byte[29]);
  }

  @Test
  void shouldCopyBytesInAndOut() {
    byte[] in = {1, 2, 3};
    Principal p = Principal.fromBytes(in);
    in[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, p.bytes());
    p.bytes()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, p.bytes());
  }

  @Test
  void shouldCompareByUnsignedBytesThenLength() {
    List<Principal> sorted = new ArrayList<>(List.of(
        Principal.fromBytes(new byte[] {(byte) 0x80}),
        Principal.fromBytes(new byte[] {0x7f, 0}),
        Principal.fromBytes(new byte[] {0x7f}),
        Principal.managementCanister()));
    sorted.sort(null);
    assertEquals(List.of(
        Principal.managementCanister(),
        Principal.fromBytes(new byte[] {0x7f}),
        Principal.fromBytes(new byte[] {0x7f, 0}),
        Principal.fromBytes(new byte[] {(byte) 0x80})), sorted);
  }

  @Test
  void shouldBeEqualByContent() {
    assertEquals(II, Principal.fromBytes(II.bytes()));
    assertEquals(II.hashCode(), Principal.fromBytes(II.bytes()).hashCode());
    assertNotEquals(II, Principal.anonymous());
  }

  @Test
  void shouldRefuseToWriteTextWhereItDoesNotFit() {
    assertThrows(IndexOutOfBoundsException.class, () -> II.writeText(new byte[II.textLength() - 1], 0));
    assertThrows(IndexOutOfBoundsException.class, () -> II.writeText(new byte[40], -1));
  }
}
