package io.gridwire.modbus.codec;

/**
 * Checks an answer PDU against its request; pure and thread-safe.
 *
 * <pre>
 *  read answer:   [fc][byteCount][data × byteCount]       byteCount = 2·qty, or ⌈qty/8⌉ for bits
 *  write answer:  [fc][addr hi][addr lo][val|qty hi][val|qty lo]   (FC05/06 echo the request)
 *  exception:     [fc | 0x80][code]
 * </pre>
 */
public final class PduCodec {
  private PduCodec() {}

  /** Length of a successful answer PDU to {@code req}. */
  public static int answerLength(ModbusRequest req) {
    return switch (req) {
      case ModbusRequest.ReadRegisters r -> 2 + 2 * r.count();
      case ModbusRequest.ReadBits r -> 2 + (r.count() + 7) / 8;
      default -> 5;
    };
  }

  /** The byte count byte a read answer must carry, or -1 for writes. */
  public static int byteCount(ModbusRequest req) {
    return switch (req) {
      case ModbusRequest.ReadRegisters r -> 2 * r.count();
      case ModbusRequest.ReadBits r -> (r.count() + 7) / 8;
      default -> -1;
    };
  }

  /** Decodes a complete answer PDU of {@code len} bytes at {@code off}. */
  public static Outcome decode(ModbusRequest req, byte[] b, int off, int len) {
    if (len < 2) return new Outcome.Malformed("answer PDU of " + len + " byte(s)");
    int fc = b[off] & 0xFF;
    if (fc == (req.function() | 0x80)) {
      return len == 2 ? new Outcome.Refused(b[off + 1] & 0xFF) : new Outcome.Malformed("exception PDU of " + len + " bytes");
    }
    if (fc != req.function()) return new Outcome.Malformed("function " + fc + ", expected " + req.function());
    if (len != answerLength(req)) {
      return new Outcome.Malformed("answer of " + len + " bytes, expected " + answerLength(req));
    }
    return switch (req) {
      case ModbusRequest.ReadRegisters r -> registers(r, b, off);
      case ModbusRequest.ReadBits r -> bits(r, b, off);
      default -> writeEcho(req, b, off);
    };
  }

  private static Outcome registers(ModbusRequest.ReadRegisters r, byte[] b, int off) {
    if ((b[off + 1] & 0xFF) != 2 * r.count()) return new Outcome.Malformed("byte count " + (b[off + 1] & 0xFF) + ", expected " + 2 * r.count());
    int[] words = new int[r.count()];
    for (int i = 0, p = off + 2; i < words.length; i++, p += 2) words[i] = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    return new Outcome.Ok(words);
  }

  private static Outcome bits(ModbusRequest.ReadBits r, byte[] b, int off) {
    if ((b[off + 1] & 0xFF) != (r.count() + 7) / 8) return new Outcome.Malformed("byte count " + (b[off + 1] & 0xFF));
    int[] out = new int[r.count()];
    for (int i = 0; i < out.length; i++) out[i] = (b[off + 2 + i / 8] >>> (i % 8)) & 1;
    return new Outcome.Ok(out);
  }

  private static Outcome writeEcho(ModbusRequest req, byte[] b, int off) {
    byte[] expected = new byte[260];
    req.encode(expected, 0);
    for (int i = 1; i < 5; i++) {
      if (b[off + i] != expected[i]) return new Outcome.Malformed("write answer does not echo the request");
    }
    int second = ((b[off + 3] & 0xFF) << 8) | (b[off + 4] & 0xFF);
    return new Outcome.Ok(new int[] {second});
  }
}
