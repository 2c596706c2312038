package io.gridwire.core.port;

import java.util.List;

/**
 * @param points points in time order
 * @param resolution where the answer came from: {@code raw}, {@code 1m}, {@code 1h} (roll-ups)
 *     or {@code bucketed} (computed from raw rows)
 */
public record HistoryResult(List<HistoryPoint> points, String resolution) {
  public HistoryResult {
    points = List.copyOf(points);
  }
}
