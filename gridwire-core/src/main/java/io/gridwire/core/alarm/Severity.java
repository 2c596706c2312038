package io.gridwire.core.alarm;

import java.util.Locale;

/** How urgently an operator must act on an alarm, most urgent first. */
public enum Severity {
  /** Shutdown, trip: the equipment stopped or protected itself; act now. */
  CRITICAL,
  /** A warning: act soon, the equipment still runs. */
  WARNING,
  /** Indication, block: worth knowing, no action needed. */
  INFO;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code critical|warning|info} in any case; throws with the allowed values otherwise. */
  public static Severity fromWire(String name) {
    for (Severity s : values()) {
      if (s.wireName().equalsIgnoreCase(name)) return s;
    }
    throw new IllegalArgumentException("unknown severity '" + name + "' (critical, warning, info)");
  }
}
