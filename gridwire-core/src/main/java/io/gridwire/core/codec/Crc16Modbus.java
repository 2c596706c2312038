package io.gridwire.core.codec;

/**
 * CRC-16/MODBUS: polynomial 0x8005 reflected (0xA001), initial value 0xFFFF, input and output
 * reflected, no final XOR; check value {@code 0x4B37} over the ASCII bytes {@code "123456789"}.
 * Modbus RTU sends it after the frame, low byte first (protocols/smartgen-modbus.md §4.1); OIG
 * frames carry it as five decimal digits (protocols/oig.md §3). Pure, table-driven, thread-safe.
 */
public final class Crc16Modbus {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int b = 0; b < 8; b++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      TABLE[i] = crc;
    }
  }

  private Crc16Modbus() {}

  /** The CRC of {@code len} bytes from {@code off}; 0..65535. */
  public static int of(byte[] b, int off, int len) {
    int crc = 0xFFFF;
    for (int i = off, end = off + len; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]) & 0xFF];
    return crc;
  }

  /** The CRC of all of {@code b}; 0..65535. */
  public static int of(byte[] b) {
    return of(b, 0, b.length);
  }

  /**
   * True when the last two bytes of {@code b[off, off+len)} are the CRC of the bytes before, low
   * byte first (Modbus RTU); false for fewer than 3 bytes.
   */
  public static boolean check(byte[] b, int off, int len) {
    if (len < 3) return false;
    int crc = of(b, off, len - 2);
    return (b[off + len - 2] & 0xFF) == (crc & 0xFF) && (b[off + len - 1] & 0xFF) == (crc >>> 8);
  }

  /**
   * Writes the CRC of {@code b[off, off+len)} after it, low byte first (Modbus RTU); returns the
   * new length {@code len + 2}. {@code b} must have room for the two bytes.
   */
  public static int append(byte[] b, int off, int len) {
    int crc = of(b, off, len);
    b[off + len] = (byte) crc;
    b[off + len + 1] = (byte) (crc >>> 8);
    return len + 2;
  }
}
