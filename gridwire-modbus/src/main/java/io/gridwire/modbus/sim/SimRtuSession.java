package io.gridwire.modbus.sim;

import io.gridwire.core.codec.Crc16Modbus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serves raw RTU frames on one TCP connection, like a serial slave behind a converter: frames
 * for other unit ids and frames with a bad CRC get no answer; garbage is skipped byte by byte.
 * The buffer is bounded (512 bytes). Blocking.
 */
final class SimRtuSession {
  private final RegisterBank bank;
  private final InputStream in;
  private final OutputStream out;
  private final int unitId;
  private final byte[] buf = new byte[512];
  private final byte[] pdu = new byte[256];
  private final byte[] frame = new byte[260];
  private int have;

  SimRtuSession(RegisterBank bank, InputStream in, OutputStream out, int unitId) {
    this.bank = bank;
    this.in = in;
    this.out = out;
    this.unitId = unitId;
  }

  void run() throws IOException {
    while (true) {
      if (have == buf.length) have = 0; // only garbage: start over
      int r = in.read(buf, have, buf.length - have);
      if (r < 0) return;
      have += r;
      int used;
      while ((used = consume()) > 0) {
        System.arraycopy(buf, used, buf, 0, have - used);
        have -= used;
      }
    }
  }

  /** Handles one frame at the buffer start; returns bytes consumed, 0 when more are needed. */
  private int consume() throws IOException {
    if (have < 2) return 0;
    int fc = buf[1] & 0xFF;
    int len = requestLength(fc);
    if (len < 0) return 1; // not a request we know: resynchronise
    if (have < len) return 0;
    if (!Crc16Modbus.check(buf, 0, len)) return 1;
    int unit = buf[0] & 0xFF;
    if (unitId == 0 || unit == unitId) {
      int n = SimPdu.handle(bank, buf, 1, len - 3, pdu);
      frame[0] = (byte) unit;
      System.arraycopy(pdu, 0, frame, 1, n);
      out.write(frame, 0, Crc16Modbus.append(frame, 0, n + 1));
    }
    return len;
  }

  private int requestLength(int fc) {
    return switch (fc) {
      case 1, 2, 3, 4, 5, 6 -> 8;
      case 15, 16 -> have < 7 ? Integer.MAX_VALUE : 9 + (buf[6] & 0xFF);
      default -> -1;
    };
  }
}
