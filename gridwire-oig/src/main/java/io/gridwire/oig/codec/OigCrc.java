package io.gridwire.oig.codec;

import io.gridwire.core.codec.Crc16Modbus;

/**
 * The {@code <CRC>} value of an OIG frame (protocols/oig.md §3): CRC-16/MODBUS of the bytes
 * between {@code <Frame>} and {@code <CRC>}, written as five zero-padded decimal digits
 * ({@code 167 -> "00167"}). Pure, thread-safe.
 */
public final class OigCrc {
  private OigCrc() {}

  /** The five digits for {@code len} bytes from {@code off}. */
  public static String of(byte[] bytes, int off, int len) {
    int crc = Crc16Modbus.of(bytes, off, len);
    char[] d = new char[5];
    for (int i = 4; i >= 0; i--) {
      d[i] = (char) ('0' + crc % 10);
      crc /= 10;
    }
    return new String(d);
  }

  /** The five digits for all of {@code bytes}. */
  public static String of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }
}
