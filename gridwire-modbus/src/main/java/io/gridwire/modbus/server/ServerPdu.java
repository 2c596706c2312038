package io.gridwire.modbus.server;

import io.gridwire.modbus.codec.ModbusRequest;
import io.gridwire.modbus.codec.Outcome;
import io.gridwire.modbus.poll.RegisterImage;

/**
 * Answers one request PDU from a device's register image; pure but for the image it reads.
 *
 * <pre>
 *  FC03/FC04 [fc][addr][qty 1..125]  → [fc][2·qty][words]     from the latest poll
 *                                    → exception 0x0B          image stale, failed or device offline
 *                                    → exception 0x02          some register is not polled, or
 *                                      with pass-through: the device's own answer, 0x0B when it has
 *                                      none, 0x06 when its pass-through queue is full
 *  FC01/FC02 [fc][addr][qty 1..2000] → exception 0x02          profiles poll registers, no bits
 *  FC05/06/0F/10 (writes)            → exception 0x01          the device has no whitelist
 *                                    → exception 0x02          some address is outside the whitelist
 *                                    → the echo                 the ledger command was applied (read back equal)
 *                                    → the exception {@link Writes} gives (0x04, 0x06, 0x0B, the device's own)
 *  anything else                     → exception 0x01
 *  wrong length or quantity          → exception 0x03
 * </pre>
 */
final class ServerPdu {
  static final int ILLEGAL_FUNCTION = 0x01;
  static final int ILLEGAL_ADDRESS = 0x02;
  static final int ILLEGAL_VALUE = 0x03;
  static final int DEVICE_FAILURE = 0x04;
  static final int BUSY = 0x06;
  static final int PATH_UNAVAILABLE = 0x0A;
  static final int TARGET_FAILED = 0x0B;

  private ServerPdu() {}

  /** Reads an unpolled range from the device itself; null when it cannot take one more now. */
  @FunctionalInterface
  interface PassThrough {
    Outcome read(ModbusRequest.ReadRegisters request);
  }

  /**
   * Runs a whitelisted write through the command ledger (blocking, bounded).
   *
   * @return 0 when it was applied, else the exception code to answer
   */
  @FunctionalInterface
  interface Writes {
    int write(ModbusRequest request);
  }

  /** As the full {@code answer} for a device without writes. */
  static int answer(byte[] pdu, int off, int len, RegisterImage image, long nowNanos, byte[] out, int o, int[] words,
      PassThrough passThrough) {
    return answer(pdu, off, len, image, nowNanos, out, o, words, passThrough, null, null);
  }

  /**
   * @param pdu request PDU at {@code off}, {@code len} bytes (≥ 1)
   * @param image the target's image, or null when the unit id maps to no device
   * @param out answer PDU written from {@code o} (room for 253 bytes)
   * @param words scratch of 125 words
   * @param passThrough reads an unpolled range from the device, or null to answer 0x02
   * @param served the target's whitelist, or null when it has none
   * @param writes runs a whitelisted write, or null when writes are off (answered 0x01)
   * @return answer PDU length
   */
  static int answer(byte[] pdu, int off, int len, RegisterImage image, long nowNanos, byte[] out, int o, int[] words,
      PassThrough passThrough, ModbusServerConfig.Served served, Writes writes) {
    int fc = pdu[off] & 0xFF;
    if (image == null) return exception(fc, PATH_UNAVAILABLE, out, o);
    return switch (fc) {
      case 3, 4 -> registers(pdu, off, len, image, nowNanos, out, o, words, passThrough);
      case 5, 6, 15, 16 -> served == null || served.writable().isEmpty() || writes == null ? exception(fc, ILLEGAL_FUNCTION, out, o)
          : write(pdu, off, len, served, writes, out, o);
      case 1, 2 -> len != 5 || !inRange(pdu, off, ModbusRequest.MAX_READ_BITS) ? exception(fc, ILLEGAL_VALUE, out, o) : exception(fc, ILLEGAL_ADDRESS, out, o);
      default -> exception(fc, ILLEGAL_FUNCTION, out, o);
    };
  }

  private static int registers(byte[] pdu, int off, int len, RegisterImage image, long nowNanos, byte[] out, int o, int[] words,
      PassThrough passThrough) {
    int fc = pdu[off] & 0xFF;
    if (len != 5 || !inRange(pdu, off, ModbusRequest.MAX_READ_REGISTERS)) return exception(fc, ILLEGAL_VALUE, out, o);
    int addr = u16(pdu, off + 1);
    int qty = u16(pdu, off + 3);
    if (addr + qty > 65536) return exception(fc, ILLEGAL_ADDRESS, out, o);
    return switch (image.read(fc, addr, qty, nowNanos, words)) {
      case RegisterImage.Read.Unpolled u -> passThrough == null ? exception(fc, ILLEGAL_ADDRESS, out, o)
          : fromDevice(passThrough.read(new ModbusRequest.ReadRegisters(fc, addr, qty)), fc, qty, out, o);
      case RegisterImage.Read.Stale s -> exception(fc, TARGET_FAILED, out, o);
      case RegisterImage.Read.Words w -> words(fc, words, qty, out, o);
    };
  }

  /** Checks a write PDU and the whitelist, runs it, and echoes its first five bytes once applied. */
  private static int write(byte[] pdu, int off, int len, ModbusServerConfig.Served served, Writes writes, byte[] out, int o) {
    int fc = pdu[off] & 0xFF;
    if (len < 5) return exception(fc, ILLEGAL_VALUE, out, o);
    int addr = u16(pdu, off + 1);
    int v = u16(pdu, off + 3);
    ModbusRequest request = switch (fc) {
      case 5 -> len == 5 && (v == 0xFF00 || v == 0) ? new ModbusRequest.WriteCoil(addr, v == 0xFF00) : null;
      case 6 -> len == 5 ? new ModbusRequest.WriteRegister(addr, v) : null;
      default -> null;
    };
    int count = 1;
    if (fc == 15 || fc == 16) {
      boolean coils = fc == 15;
      int bytes = len >= 6 ? pdu[off + 5] & 0xFF : -1;
      int max = coils ? ModbusRequest.MAX_WRITE_BITS : ModbusRequest.MAX_WRITE_REGISTERS;
      if (v < 1 || v > max || bytes != (coils ? (v + 7) / 8 : 2 * v) || len != 6 + bytes) return exception(fc, ILLEGAL_VALUE, out, o);
      if (addr + v > 65536) return exception(fc, ILLEGAL_ADDRESS, out, o);
      count = v;
      request = coils ? new ModbusRequest.WriteCoils(addr, bits(pdu, off + 6, v)) : new ModbusRequest.WriteRegisters(addr, regs(pdu, off + 6, v));
    }
    if (request == null) return exception(fc, ILLEGAL_VALUE, out, o);
    ModbusServerConfig.Table table = fc == 5 || fc == 15 ? ModbusServerConfig.Table.COIL : ModbusServerConfig.Table.HOLDING;
    if (!served.writable(table, addr, count)) return exception(fc, ILLEGAL_ADDRESS, out, o);
    int code = writes.write(request);
    if (code != 0) return exception(fc, code, out, o);
    System.arraycopy(pdu, off, out, o, 5); // FC05/06 echo the request; FC15/16 answer function, address, quantity
    return 5;
  }

  private static boolean[] bits(byte[] b, int at, int n) {
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) out[i] = ((b[at + i / 8] >>> (i % 8)) & 1) != 0;
    return out;
  }

  private static int[] regs(byte[] b, int at, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = u16(b, at + 2 * i);
    return out;
  }

  private static int fromDevice(Outcome answer, int fc, int qty, byte[] out, int o) {
    return switch (answer) {
      case null -> exception(fc, BUSY, out, o);
      case Outcome.Ok ok when ok.words().length == qty -> words(fc, ok.words(), qty, out, o);
      case Outcome.Refused r -> exception(fc, r.code(), out, o);
      default -> exception(fc, TARGET_FAILED, out, o);
    };
  }

  private static int words(int fc, int[] words, int qty, byte[] out, int o) {
    out[o] = (byte) fc;
    out[o + 1] = (byte) (2 * qty);
    for (int i = 0; i < qty; i++) {
      out[o + 2 + 2 * i] = (byte) (words[i] >>> 8);
      out[o + 3 + 2 * i] = (byte) words[i];
    }
    return 2 + 2 * qty;
  }

  private static boolean inRange(byte[] pdu, int off, int max) {
    int qty = u16(pdu, off + 3);
    return qty >= 1 && qty <= max;
  }

  static int exception(int fc, int code, byte[] out, int o) {
    out[o] = (byte) ((fc | 0x80) & 0xFF);
    out[o + 1] = (byte) code;
    return 2;
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }
}
