package io.gridwire.core.reading;

/** Why a metric has no value. Stored and shown instead of a fake number. */
public enum NoDataReason {
  /** The device reported a sentinel such as Smartgen's raw 32766 ("sensor absent"). */
  SENTINEL,
  /**
   * The raw value is outside the plausible range of the field, or is no finite number: NaN,
   * ±infinity, or beyond a double's range (about ±1.8e308, e.g. {@code 1e999} or 400 digits).
   */
  OUT_OF_RANGE,
  /** The value could not be read: timeout, refused request, dropped connection. */
  COMM_LOST,
  /** The source sent an explicit null or the field is not present. */
  ABSENT;

  /** Lower-case wire name, e.g. {@code comm_lost}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses a wire name; unknown names map to {@link #ABSENT}. */
  public static NoDataReason fromWire(String name) {
    if (name == null) return ABSENT;
    for (NoDataReason r : values()) {
      if (r.wireName().equals(name)) return r;
    }
    return ABSENT;
  }
}
