package io.gridwire.modbus.poll;

import java.util.Locale;

/** How a device is reached. */
public enum TransportKind {
  /** Modbus TCP (MBAP header, transaction ids), one connection per device. */
  TCP,
  /** Raw RTU frames in a TCP socket (serial-to-Ethernet converter), one connection per converter. */
  RTU_OVER_TCP,
  /** RTU frames on a local serial port (RS-485 adapter), one port shared by its devices. */
  RTU_SERIAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static TransportKind fromWire(String s) {
    for (TransportKind k : values()) {
      if (k.wireName().equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) return k;
    }
    throw new IllegalArgumentException("unknown transport '" + s + "' (expected tcp, rtu-over-tcp or rtu-serial)");
  }
}
