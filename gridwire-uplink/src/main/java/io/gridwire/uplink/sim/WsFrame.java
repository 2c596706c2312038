package io.gridwire.uplink.sim;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An RFC 6455 frame and its pure codec (server side: reads masked client frames, writes unmasked).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |    (16 if len=126, 64 if 127) |
 * |N|V|V|V|       |S|             |                               |
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |  Masking key (4 bytes, if MASK)  |        Payload data ...    |
 * +----------------------------------+----------------------------+
 * </pre>
 *
 * @param fin last fragment of a message
 * @param opcode {@link #TEXT}, {@link #BINARY}, {@link #CONTINUATION}, {@link #CLOSE},
 *     {@link #PING}, {@link #PONG}
 * @param payload unmasked payload
 */
public record WsFrame(boolean fin, int opcode, byte[] payload) {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  /** A frame longer than the configured maximum: rejected before its body is read. */
  public static final class TooLargeException extends IOException {
    public TooLargeException(long length, int max) {
      super("frame of " + length + " bytes exceeds " + max);
    }
  }

  /** Reads one frame; blocks. Checks {@code maxPayload} before buffering the body. */
  public static WsFrame read(InputStream in, int maxPayload) throws IOException {
    int b0 = readByte(in);
    int b1 = readByte(in);
    long len = b1 & 0x7F;
    if (len == 126) len = (readByte(in) << 8) | readByte(in);
    else if (len == 127) {
      len = 0;
      for (int i = 0; i < 8; i++) len = (len << 8) | readByte(in);
    }
    if (len < 0 || len > maxPayload) throw new TooLargeException(len, maxPayload);
    byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
    byte[] payload = in.readNBytes((int) len);
    if (payload.length < len || (mask != null && mask.length < 4)) throw new EOFException("truncated frame");
    if (mask != null) for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
    return new WsFrame((b0 & 0x80) != 0, b0 & 0x0F, payload);
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) throw new EOFException("connection closed");
    return b;
  }

  /** Encodes an unmasked, final server frame. */
  public static byte[] encode(int opcode, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 10);
    out.write(0x80 | opcode);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length <= 0xFFFF) {
      out.write(126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xFF);
    } else {
      out.write(127);
      for (int i = 7; i >= 0; i--) out.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
