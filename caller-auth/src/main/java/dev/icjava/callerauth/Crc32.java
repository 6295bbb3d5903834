package dev.icjava.callerauth;

import dev.icjava.runtime.internal.RawArrays;
import org.teavm.interop.StaticInit;

/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum in principal text.
 * Slicing-by-4 over lookup tables; {@code @StaticInit} makes TeaVM build the tables once in the
 * module's start function (at install and upgrade), so no message pays for them, in particular no
 * query, whose changes (lazy initialisation included) are discarded.
 */
@StaticInit
final class Crc32 {
  /** Slicing-by-4 tables: {@code T[k * 256 + b]} is the CRC step of byte b followed by k zeros. */
  private static final int[] TABLES = tables();

  private Crc32() {}

  static int of(byte[] data) {
    int[] t = TABLES;
    int crc = 0xFFFFFFFF;
    int n = data.length;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      crc ^= RawArrays.getIntLE(data, i);
      crc =
          RawArrays.getInt(t, 768 + (crc & 0xFF))
              ^ RawArrays.getInt(t, 512 + ((crc >>> 8) & 0xFF))
              ^ RawArrays.getInt(t, 256 + ((crc >>> 16) & 0xFF))
              ^ RawArrays.getInt(t, crc >>> 24);
    }
    for (; i < n; i++) {
      crc = (crc >>> 8) ^ RawArrays.getInt(t, (crc ^ RawArrays.getByte(data, i)) & 0xFF);
    }
    return ~crc;
  }

  private static int[] tables() {
    int[] t = new int[4 * 256];
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c >>> 1) ^ (0xEDB88320 & -(c & 1));
      }
      t[n] = c;
    }
    for (int k = 1; k < 4; k++) {
      for (int n = 0; n < 256; n++) {
        int prev = t[(k - 1) * 256 + n];
        t[k * 256 + n] = (prev >>> 8) ^ t[prev & 0xFF];
      }
    }
    return t;
  }
}
