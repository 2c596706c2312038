package io.gridwire.modbus.codec;

import java.util.Arrays;

/**
 * A Modbus request PDU. Encoding is pure; {@link PduCodec} checks the matching answer.
 *
 * <pre>
 *  read  (01 02 03 04): [fc][addr hi][addr lo][qty hi][qty lo]
 *  write single (05 06): [fc][addr hi][addr lo][val hi][val lo]       (coil ON = FF00)
 *  write multiple (0F 10): [fc][addr][qty][byteCount][data...]
 * </pre>
 */
public sealed interface ModbusRequest {
  /** Largest register count of one read (FC03/04). */
  int MAX_READ_REGISTERS = 125;
  /** Largest coil count of one read (FC01/02). */
  int MAX_READ_BITS = 2000;
  /** Largest register count of one write (FC16). */
  int MAX_WRITE_REGISTERS = 123;
  /** Largest coil count of one write (FC15). */
  int MAX_WRITE_BITS = 1968;

  int function();

  /** First address (zero-based PDU address). */
  int address();

  /** Writes the PDU at {@code off}; returns its length. {@code out} holds at least 253 bytes from off. */
  int encode(byte[] out, int off);

  /** Reads holding (3) or input (4) registers. */
  record ReadRegisters(int function, int address, int count) implements ModbusRequest {
    public ReadRegisters {
      if (function != 3 && function != 4) throw new IllegalArgumentException("function must be 3 or 4: " + function);
      check(address, count, MAX_READ_REGISTERS);
    }

    @Override
    public int encode(byte[] out, int off) {
      return head(out, off, function, address, count);
    }
  }

  /** Reads coils (1) or discrete inputs (2); the answer has one word (0/1) per bit. */
  record ReadBits(int function, int address, int count) implements ModbusRequest {
    public ReadBits {
      if (function != 1 && function != 2) throw new IllegalArgumentException("function must be 1 or 2: " + function);
      check(address, count, MAX_READ_BITS);
    }

    @Override
    public int encode(byte[] out, int off) {
      return head(out, off, function, address, count);
    }
  }

  /** FC06: writes one holding register. */
  record WriteRegister(int address, int value) implements ModbusRequest {
    public WriteRegister {
      check(address, 1, 1);
      if (value < 0 || value > 0xFFFF) throw new IllegalArgumentException("register value must be 0..65535: " + value);
    }

    @Override
    public int function() {
      return 6;
    }

    @Override
    public int encode(byte[] out, int off) {
      return head(out, off, 6, address, value);
    }
  }

  /** FC05: writes one coil. */
  record WriteCoil(int address, boolean on) implements ModbusRequest {
    public WriteCoil {
      check(address, 1, 1);
    }

    @Override
    public int function() {
      return 5;
    }

    @Override
    public int encode(byte[] out, int off) {
      return head(out, off, 5, address, on ? 0xFF00 : 0);
    }
  }

  /** FC16: writes consecutive holding registers. */
  record WriteRegisters(int address, int[] values) implements ModbusRequest {
    public WriteRegisters {
      values = values.clone();
      check(address, values.length, MAX_WRITE_REGISTERS);
      for (int v : values) {
        if (v < 0 || v > 0xFFFF) throw new IllegalArgumentException("register value must be 0..65535: " + v);
      }
    }

    @Override
    public int function() {
      return 16;
    }

    @Override
    public int encode(byte[] out, int off) {
      int n = head(out, off, 16, address, values.length);
      out[off + n++] = (byte) (values.length * 2);
      for (int v : values) {
        out[off + n++] = (byte) (v >>> 8);
        out[off + n++] = (byte) v;
      }
      return n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WriteRegisters w && w.address == address && Arrays.equals(w.values, values);
    }

    @Override
    public int hashCode() {
      return address * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "WriteRegisters[address=" + address + ", values=" + Arrays.toString(values) + "]";
    }
  }

  /** FC15: writes consecutive coils. */
  record WriteCoils(int address, boolean[] values) implements ModbusRequest {
    public WriteCoils {
      values = values.clone();
      check(address, values.length, MAX_WRITE_BITS);
    }

    @Override
    public int function() {
      return 15;
    }

    @Override
    public int encode(byte[] out, int off) {
      int n = head(out, off, 15, address, values.length);
      int bytes = (values.length + 7) / 8;
      out[off + n++] = (byte) bytes;
      for (int i = 0; i < bytes; i++) out[off + n + i] = 0;
      for (int i = 0; i < values.length; i++) {
        if (values[i]) out[off + n + i / 8] |= (byte) (1 << (i % 8));
      }
      return n + bytes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WriteCoils w && w.address == address && Arrays.equals(w.values, values);
    }

    @Override
    public int hashCode() {
      return address * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "WriteCoils[address=" + address + ", values=" + Arrays.toString(values) + "]";
    }
  }

  private static void check(int address, int count, int max) {
    if (count < 1 || count > max) throw new IllegalArgumentException("count must be 1.." + max + ": " + count);
    if (address < 0 || address + count > 65536) throw new IllegalArgumentException("address out of range: " + address);
  }

  private static int head(byte[] out, int off, int fc, int a, int b) {
    out[off] = (byte) fc;
    out[off + 1] = (byte) (a >>> 8);
    out[off + 2] = (byte) a;
    out[off + 3] = (byte) (b >>> 8);
    out[off + 4] = (byte) b;
    return 5;
  }
}
