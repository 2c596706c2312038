package io.gridwire.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A history query of one metric of one device.
 *
 * @param deviceId device key
 * @param metric metric name
 * @param from inclusive start
 * @param to exclusive end, after {@code from}
 * @param step bucket width for avg/min/max, or null for raw points
 * @param limit maximum points returned (raw queries), ≥ 1
 */
public record HistoryQuery(String deviceId, String metric, Instant from, Instant to, Duration step, int limit) {
  public HistoryQuery {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) throw new IllegalArgumentException("'to' must be after 'from'");
    if (step != null && (step.isZero() || step.isNegative())) throw new IllegalArgumentException("'step' must be positive");
    if (limit < 1) throw new IllegalArgumentException("'limit' must be ≥ 1");
  }
}
