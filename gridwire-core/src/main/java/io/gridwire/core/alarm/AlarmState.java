package io.gridwire.core.alarm;

import java.util.Locale;

/** The state of an alarm in the active list. */
public enum AlarmState {
  /** The condition holds (last observed active, or active and a clear not yet held long enough). */
  ACTIVE,
  /** Last seen active, but the device is offline: neither cleared nor confirmed. */
  UNKNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlarmState fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
