package io.gridwire.modbus.codec;

import io.gridwire.core.codec.Crc16Modbus;

/**
 * Finds the answer to one request in a buffer of raw RTU bytes; pure and thread-safe.
 *
 * <pre>
 *  [unit][fc][byteCount][data × byteCount][crc lo][crc hi]     read answer, byteCount fixed by the request
 *  [unit][fc][addr hi][addr lo][val hi][val lo][crc lo][crc hi] write answer (echo)
 *  [unit][fc | 0x80][code][crc lo][crc hi]                      exception
 * </pre>
 *
 * Every offset is tried, so leading garbage, foreign units, echoes of the request and late
 * answers of another size are skipped. A candidate counts only with the expected unit, function,
 * byte count and a valid CRC-16; a write answer must also echo the request.
 */
public final class RtuFrameHunter {
  private RtuFrameHunter() {}

  /**
   * @param found the answer, or null when none is complete yet
   * @param badCrc candidates with the right header whose CRC failed
   */
  public record Hunt(Outcome found, int badCrc) {}

  public static Hunt scan(byte[] b, int len, int unit, ModbusRequest req) {
    int fc = req.function();
    int answerLen = PduCodec.answerLength(req) + 3;
    int byteCount = PduCodec.byteCount(req);
    int badCrc = 0;
    for (int i = 0; i + 1 < len; i++) {
      if ((b[i] & 0xFF) != unit) continue;
      int f = b[i + 1] & 0xFF;
      int frameLen;
      if (f == (fc | 0x80)) {
        frameLen = 5;
      } else if (f == fc && (byteCount < 0 || (i + 2 < len && (b[i + 2] & 0xFF) == byteCount))) {
        frameLen = answerLen;
      } else {
        continue;
      }
      if (i + frameLen > len) continue;
      if (!Crc16Modbus.check(b, i, frameLen)) {
        badCrc++;
        continue;
      }
      Outcome o = PduCodec.decode(req, b, i + 1, frameLen - 3);
      if (o instanceof Outcome.Malformed) continue; // a valid frame that is not ours (e.g. an older write's echo)
      return new Hunt(o, badCrc);
    }
    return new Hunt(null, badCrc);
  }

  /** Encodes {@code [unit][pdu][crc]} into {@code out}; returns the frame length. */
  public static int encode(int unit, ModbusRequest req, byte[] out) {
    out[0] = (byte) unit;
    int n = 1 + req.encode(out, 1);
    return Crc16Modbus.append(out, 0, n);
  }
}
