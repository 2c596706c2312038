package io.gridwire.core.device;

import java.util.Locale;

/** The connector a device reaches Gridwire through. */
public enum Source {
  MODBUS,
  OIG,
  MQTT,
  WS,
  /** The built-in synthetic device of the demo and tests. */
  SYNTHETIC;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name such as {@code modbus}; throws {@link IllegalArgumentException} naming it. */
  public static Source fromWire(String name) {
    for (Source s : values()) {
      if (s.wireName().equalsIgnoreCase(name)) return s;
    }
    throw new IllegalArgumentException("unknown source '" + name + "' (expected one of modbus, oig, mqtt, ws, synthetic)");
  }
}
