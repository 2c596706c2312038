package io.gridwire.oig.codec;

/**
 * CRC-16/MODBUS as OIG frames use it (protocols/oig.md §3): polynomial 0x8005 reflected (0xA001),
 * initial value 0xFFFF, no final XOR, written as five zero-padded decimal digits. Pure, thread-safe.
 */
public final class Crc16Modbus {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      TABLE[i] = crc;
    }
  }

  private Crc16Modbus() {}

  /** The CRC of {@code len} bytes from {@code off}; 0..65535. */
  public static int compute(byte[] bytes, int off, int len) {
    int crc = 0xFFFF;
    for (int i = off, end = off + len; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
    return crc;
  }

  public static int compute(byte[] bytes) {
    return compute(bytes, 0, bytes.length);
  }

  /** Five decimal digits, zero-padded: {@code 167 -> "00167"}. */
  public static String format(int crc) {
    char[] d = new char[5];
    for (int i = 4; i >= 0; i--) {
      d[i] = (char) ('0' + crc % 10);
      crc /= 10;
    }
    return new String(d);
  }
}
