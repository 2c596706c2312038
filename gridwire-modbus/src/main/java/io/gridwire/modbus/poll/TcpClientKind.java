package io.gridwire.modbus.poll;

import java.util.Locale;

/** Which Modbus TCP client implementation polls a {@code tcp} device (docs/perf/modbus.md). */
public enum TcpClientKind {
  /** Gridwire's own: one selector thread for every device, a poll's blocks chained on it (default). */
  REACTOR,
  /** The digitalpetri 2.x client (Netty) on one shared event loop. */
  DIGITALPETRI;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TcpClientKind fromWire(String s) {
    for (TcpClientKind k : values()) {
      if (k.wireName().equalsIgnoreCase(s)) return k;
    }
    throw new IllegalArgumentException("unknown client '" + s + "' (expected reactor or digitalpetri)");
  }
}
