package io.gridwire.store.postgres;

import java.util.Locale;

/** Whether PostgreSQL storage may use TimescaleDB for raw history ({@code storage.postgres.timescale}). */
public enum TimescaleMode {
  /** Use TimescaleDB when the server offers it: create the extension if allowed, make history a hypertable. */
  AUTO,
  /** Never touch the extension; history stays a plain table. */
  OFF;

  /**
   * @param key the config key, for the message
   * @param value {@code auto} or {@code off} (case-insensitive); null means {@code auto}
   */
  public static TimescaleMode parse(String key, String value) {
    if (value == null) return AUTO;
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "off" -> OFF;
      default -> throw new IllegalArgumentException(key + " must be auto or off: " + value);
    };
  }

  /** The configuration spelling: {@code auto} or {@code off}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
