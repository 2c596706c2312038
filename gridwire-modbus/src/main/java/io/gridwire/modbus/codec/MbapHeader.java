package io.gridwire.modbus.codec;

/** The 7-byte Modbus TCP (MBAP) header; pure functions over byte arrays. */
public final class MbapHeader {
  /** Largest length field accepted (unit id + PDU of at most 253 bytes). */
  public static final int MAX_LENGTH = 254;

  private MbapHeader() {}

  public static void write(byte[] b, int tid, int length, int unit) {
    b[0] = (byte) (tid >>> 8);
    b[1] = (byte) tid;
    b[2] = 0;
    b[3] = 0;
    b[4] = (byte) (length >>> 8);
    b[5] = (byte) length;
    b[6] = (byte) unit;
  }

  public static int tid(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  public static int protocol(byte[] b, int off) {
    return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }

  /** The length field: unit byte + PDU. */
  public static int length(byte[] b, int off) {
    return ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF);
  }

  /** Null when the header is plausible, else why not (checked before any body is buffered). */
  public static Outcome.Malformed check(byte[] b, int off, int maxLength) {
    if (protocol(b, off) != 0) return new Outcome.Malformed("MBAP protocol id " + protocol(b, off));
    int len = length(b, off);
    if (len < 2 || len > maxLength) return new Outcome.Malformed("MBAP length " + len);
    return null;
  }
}
