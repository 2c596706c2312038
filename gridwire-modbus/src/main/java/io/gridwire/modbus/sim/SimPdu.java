package io.gridwire.modbus.sim;

/**
 * The simulator's request handling, one PDU in, one PDU out; pure apart from the bank.
 * Unknown functions answer exception 1, out-of-range addresses or counts exception 2/3.
 */
public final class SimPdu {
  private SimPdu() {}

  /** Handles {@code req[off, off+len)}; writes the answer PDU at {@code out[0]}; returns its length. */
  public static int handle(RegisterBank bank, byte[] req, int off, int len, byte[] out) {
    if (len < 1) return exception(out, 0, 1);
    int fc = req[off] & 0xFF;
    if (len < 5) return exception(out, fc, 3);
    int addr = u16(req, off + 1);
    int qty = u16(req, off + 3);
    return switch (fc) {
      case 3, 4 -> readRegisters(bank, fc, addr, qty, out);
      case 1, 2 -> readBits(bank, fc, addr, qty, out);
      case 6 -> {
        bank.setRegister(addr, qty);
        yield echo(req, off, out);
      }
      case 5 -> {
        if (qty != 0xFF00 && qty != 0) yield exception(out, fc, 3);
        bank.setCoil(addr, qty == 0xFF00);
        yield echo(req, off, out);
      }
      case 16 -> writeRegisters(bank, req, off, len, addr, qty, out);
      case 15 -> writeCoils(bank, req, off, len, addr, qty, out);
      default -> exception(out, fc, 1);
    };
  }

  private static int readRegisters(RegisterBank bank, int fc, int addr, int qty, byte[] out) {
    if (qty < 1 || qty > 125) return exception(out, fc, 3);
    if (addr + qty > 65536) return exception(out, fc, 2);
    out[0] = (byte) fc;
    out[1] = (byte) (2 * qty);
    for (int i = 0; i < qty; i++) {
      int v = bank.register(addr + i);
      out[2 + 2 * i] = (byte) (v >>> 8);
      out[3 + 2 * i] = (byte) v;
    }
    return 2 + 2 * qty;
  }

  private static int readBits(RegisterBank bank, int fc, int addr, int qty, byte[] out) {
    if (qty < 1 || qty > 2000) return exception(out, fc, 3);
    if (addr + qty > 65536) return exception(out, fc, 2);
    int bytes = (qty + 7) / 8;
    out[0] = (byte) fc;
    out[1] = (byte) bytes;
    for (int i = 0; i < bytes; i++) out[2 + i] = 0;
    for (int i = 0; i < qty; i++) {
      if (bank.coil(addr + i)) out[2 + i / 8] |= (byte) (1 << (i % 8));
    }
    return 2 + bytes;
  }

  private static int writeRegisters(RegisterBank bank, byte[] req, int off, int len, int addr, int qty, byte[] out) {
    if (qty < 1 || qty > 123 || len < 6 || (req[off + 5] & 0xFF) != 2 * qty || len < 6 + 2 * qty) return exception(out, 16, 3);
    if (addr + qty > 65536) return exception(out, 16, 2);
    for (int i = 0; i < qty; i++) bank.setRegister(addr + i, u16(req, off + 6 + 2 * i));
    System.arraycopy(req, off, out, 0, 5);
    return 5;
  }

  private static int writeCoils(RegisterBank bank, byte[] req, int off, int len, int addr, int qty, byte[] out) {
    int bytes = (qty + 7) / 8;
    if (qty < 1 || qty > 1968 || len < 6 || (req[off + 5] & 0xFF) != bytes || len < 6 + bytes) return exception(out, 15, 3);
    if (addr + qty > 65536) return exception(out, 15, 2);
    for (int i = 0; i < qty; i++) bank.setCoil(addr + i, ((req[off + 6 + i / 8] >>> (i % 8)) & 1) != 0);
    System.arraycopy(req, off, out, 0, 5);
    return 5;
  }

  private static int echo(byte[] req, int off, byte[] out) {
    System.arraycopy(req, off, out, 0, 5);
    return 5;
  }

  /** Writes an exception PDU; returns 2. */
  public static int exception(byte[] out, int fc, int code) {
    out[0] = (byte) (fc | 0x80);
    out[1] = (byte) code;
    return 2;
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }
}
