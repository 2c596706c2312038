package io.gridwire.core.port;

import io.gridwire.core.reading.Reading;
import java.time.Instant;
import java.util.List;

/**
 * Reading history in a narrow time-series layout (device, metric, time, value). Implementations
 * are thread-safe; all methods block on I/O and must not be called from a connector's hot path
 * (the write-behind sink calls {@link #append}).
 */
public interface HistoryStore {

  /**
   * Appends readings in one transaction: all or nothing. A (device, metric, time) already stored
   * is kept once (replayed data is not doubled).
   */
  void append(List<Reading> readings);

  /** Raw or bucketed history; long bucketed ranges are served from roll-ups. */
  HistoryResult query(HistoryQuery query);

  /** Computes roll-ups (1 min, 1 h) for complete buckets up to {@code upTo}. Idempotent. */
  void rollUp(Instant upTo);

  /**
   * Deletes data older than the retention of each kind.
   *
   * @return rows deleted
   */
  long purge(Retention retention, Instant now);
}
