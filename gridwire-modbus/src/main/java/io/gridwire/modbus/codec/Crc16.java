package io.gridwire.modbus.codec;

/**
 * CRC-16/MODBUS: reflected polynomial 0xA001, initial value 0xFFFF, sent low byte first. Pure,
 * table-driven, thread-safe.
 */
public final class Crc16 {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int b = 0; b < 8; b++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      TABLE[i] = crc;
    }
  }

  private Crc16() {}

  /** The CRC of {@code len} bytes from {@code off}. */
  public static int of(byte[] b, int off, int len) {
    int crc = 0xFFFF;
    for (int i = off; i < off + len; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]) & 0xFF];
    return crc;
  }

  /** True when the last two bytes of {@code b[off, off+len)} are the CRC of the bytes before, low byte first. */
  public static boolean check(byte[] b, int off, int len) {
    if (len < 3) return false;
    int crc = of(b, off, len - 2);
    return (b[off + len - 2] & 0xFF) == (crc & 0xFF) && (b[off + len - 1] & 0xFF) == (crc >>> 8);
  }

  /** Writes the CRC of {@code b[off, off+len)} after it (low byte first); returns the new length. */
  public static int append(byte[] b, int off, int len) {
    int crc = of(b, off, len);
    b[off + len] = (byte) crc;
    b[off + len + 1] = (byte) (crc >>> 8);
    return len + 2;
  }
}
