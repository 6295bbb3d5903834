package dev.icjava.replica;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The ICP ledger's account identifier (dfinity/ic {@code rs/ledger_suite/icp/src/account_identifier.rs};
 * the ledger's interface doc, "Account identifier"): 32 bytes, a big-endian CRC-32 of the hash, then
 * the hash {@code SHA-224("\x0Aaccount-id" · owner · subaccount)}, the subaccount 32 bytes (zeros
 * when none). Tested against an independent implementation, npm {@code @dfinity/ledger-icp}'s
 * {@code AccountIdentifier.fromPrincipal}, and PocketIC's account of the anonymous principal.
 */
final class AccountIdentifier {
  static final byte[] DOMAIN = {0x0A, 'a', 'c', 'c', 'o', 'u', 'n', 't', '-', 'i', 'd'};
  static final int LENGTH = 32;

  private AccountIdentifier() {}

  /** The account identifier of {@code owner}'s {@code subaccount} (null: the default, 32 zeros). */
  static byte[] of(byte[] owner, byte[] subaccount) {
    byte[] sub = subaccount == null ? new byte[32] : subaccount;
    if (sub.length != 32) {
      throw new IllegalArgumentException("a subaccount has 32 bytes, not " + sub.length);
    }
    byte[] hash;
    try {
      MessageDigest sha224 = MessageDigest.getInstance("SHA-224");
      sha224.update(DOMAIN);
      sha224.update(owner);
      sha224.update(sub);
      hash = sha224.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] out = new byte[LENGTH];
    long crc = crc32(hash);
    out[0] = (byte) (crc >>> 24);
    out[1] = (byte) (crc >>> 16);
    out[2] = (byte) (crc >>> 8);
    out[3] = (byte) crc;
    System.arraycopy(hash, 0, out, 4, 28);
    return out;
  }

  /** Whether {@code id} is 32 bytes whose first four are the CRC-32 of the other 28. */
  static boolean isValid(byte[] id) {
    if (id.length != LENGTH) {
      return false;
    }
    long crc = crc32(Arrays.copyOfRange(id, 4, LENGTH));
    return (id[0] & 0xFF) == (int) ((crc >>> 24) & 0xFF) && (id[1] & 0xFF) == (int) ((crc >>> 16) & 0xFF)
        && (id[2] & 0xFF) == (int) ((crc >>> 8) & 0xFF) && (id[3] & 0xFF) == (int) (crc & 0xFF);
  }

  /**
   * The subaccount the cycles minting canister reads a principal's deposits from (ic-ledger-types'
   * {@code Subaccount::from(&Principal)}: the principal's length, then its bytes, zero-padded).
   */
  static byte[] subaccountOf(byte[] principal) {
    byte[] sub = new byte[32];
    sub[0] = (byte) principal.length;
    System.arraycopy(principal, 0, sub, 1, principal.length);
    return sub;
  }

  private static long crc32(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }
}
