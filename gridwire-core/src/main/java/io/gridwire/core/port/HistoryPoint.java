package io.gridwire.core.port;

import java.time.Instant;

/**
 * One point of a history answer. For raw points {@code min == max == avg == value} and
 * {@code count == 1}; a raw no-data point has a null {@code avg} and a {@code reason}.
 *
 * @param time point time (bucket start for bucketed answers)
 * @param avg average (or the raw value), null when no numeric data
 * @param min minimum, null when no numeric data
 * @param max maximum, null when no numeric data
 * @param count raw samples behind the point
 * @param reason no-data reason of a raw point, else null
 */
public record HistoryPoint(Instant time, Double avg, Double min, Double max, long count, String reason) {
  /** A non-finite aggregate (an average of huge values overflowing) is no numeric data, never NaN or infinity in JSON. */
  public HistoryPoint {
    avg = finiteOrNull(avg);
    min = finiteOrNull(min);
    max = finiteOrNull(max);
  }

  private static Double finiteOrNull(Double d) {
    return d == null || Double.isFinite(d) ? d : null;
  }

  public static HistoryPoint raw(Instant time, Double value, String reason) {
    return new HistoryPoint(time, value, value, value, 1, reason);
  }
}
