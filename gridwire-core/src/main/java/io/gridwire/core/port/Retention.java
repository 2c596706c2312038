package io.gridwire.core.port;

import java.time.Duration;

/**
 * How long each kind of data is kept.
 *
 * @param raw raw readings (default 7 days)
 * @param rollup1m 1-minute roll-ups (default 90 days)
 * @param rollup1h 1-hour roll-ups (default 5 years)
 * @param events events (default 90 days)
 */
public record Retention(Duration raw, Duration rollup1m, Duration rollup1h, Duration events) {
  public static Retention defaults() {
    return new Retention(Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(5 * 365), Duration.ofDays(90));
  }
}
