package io.gridwire.modbus.client;

import java.time.Duration;
import java.util.Locale;

/**
 * How a serial port is driven: path, baud rate, parity and stop bits; data bits are always 8
 * (Modbus RTU). Also the RTU timing that follows from them (Modbus over serial line V1.02 §2.5.1).
 *
 * @param port device path, e.g. {@code /dev/ttyUSB0} or {@code /dev/serial/by-id/...}; a symlink is
 *     followed each time the port is opened
 * @param baud bits per second, 1200..921600
 * @param parity none, even or odd
 * @param stopBits 1 or 2
 */
public record SerialSettings(String port, int baud, Parity parity, int stopBits) {
  /** Shortest inter-frame gap: above 19200 baud the spec fixes 1.75 ms instead of 3.5 characters. */
  static final Duration MIN_INTER_FRAME = Duration.ofNanos(1_750_000);

  public enum Parity {
    NONE, EVEN, ODD;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Parity fromWire(String s) {
      for (Parity p : values()) {
        if (p.name().equalsIgnoreCase(s)) return p;
      }
      throw new IllegalArgumentException("parity must be none, even or odd: " + s);
    }
  }

  public SerialSettings {
    if (port == null || port.isBlank()) throw new IllegalArgumentException("serialPort is required");
    if (baud < 1200 || baud > 921_600) throw new IllegalArgumentException("baud out of range 1200..921600: " + baud);
    if (parity == null) throw new IllegalArgumentException("parity is required");
    if (stopBits != 1 && stopBits != 2) throw new IllegalArgumentException("stopBits must be 1 or 2: " + stopBits);
  }

  /** Bits one character takes on the wire: start, 8 data, parity (if any), stop. */
  public int bitsPerChar() {
    return 1 + 8 + (parity == Parity.NONE ? 0 : 1) + stopBits;
  }

  /** Time one character takes on the wire. */
  public Duration charTime() {
    return Duration.ofNanos(bitsPerChar() * 1_000_000_000L / baud);
  }

  /** The silent interval that separates two frames: 3.5 characters, at least 1.75 ms. */
  public Duration interFrameGap() {
    Duration d = charTime().multipliedBy(7).dividedBy(2);
    return baud > 19_200 || d.compareTo(MIN_INTER_FRAME) < 0 ? MIN_INTER_FRAME : d;
  }

  /** The key devices share a port by. */
  public String endpoint() {
    return "serial:" + port;
  }

  /** e.g. {@code /dev/ttyUSB0 9600 8N1}. */
  public String describe() {
    return port + " " + baud + " 8" + Character.toUpperCase(parity.wireName().charAt(0)) + stopBits;
  }
}
