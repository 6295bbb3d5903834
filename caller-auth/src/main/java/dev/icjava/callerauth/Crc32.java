package dev.icjava.callerauth;

/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of principal text. Bitwise
 * rather than table-driven: a table would be rebuilt by the first message after every install and,
 * since queries discard their changes, by every query; for principals of at most 29 bytes the loop
 * is cheaper.
 */
final class Crc32 {
  private Crc32() {}

  static int of(byte[] data) {
    int crc = 0xFFFFFFFF;
    for (byte b : data) {
      crc ^= b & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1));
      }
    }
    return ~crc;
  }
}
