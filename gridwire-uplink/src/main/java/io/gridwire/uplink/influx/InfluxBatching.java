package io.gridwire.uplink.influx;

import io.gridwire.core.retry.Backoff;
import java.time.Duration;

/**
 * How points are batched and retried.
 *
 * @param batchSize points per HTTP request (1..100,000); default 5,000
 * @param flushInterval longest a point waits for a fuller batch; default 1 s
 * @param requestTimeout one HTTP request; default 10 s
 * @param retryDelay first delay after a failed write, doubled per failure; default 1 s
 * @param retryMaxDelay cap of the retry delay; default {@link Backoff#PEER_CAP} (10 s)
 */
public record InfluxBatching(int batchSize, Duration flushInterval, Duration requestTimeout, Duration retryDelay,
    Duration retryMaxDelay) {
  public static final InfluxBatching DEFAULT = new InfluxBatching(5_000, Duration.ofSeconds(1), Duration.ofSeconds(10),
      Duration.ofSeconds(1), Backoff.PEER_CAP);

  public InfluxBatching {
    if (batchSize < 1 || batchSize > 100_000) throw new IllegalArgumentException("influx.batching.batchSize out of range: " + batchSize);
    positive("influx.batching.flushInterval", flushInterval);
    positive("influx.batching.requestTimeout", requestTimeout);
    positive("influx.batching.retryDelay", retryDelay);
    positive("influx.batching.retryMaxDelay", retryMaxDelay);
    if (retryMaxDelay.compareTo(retryDelay) < 0) {
      throw new IllegalArgumentException("influx.batching.retryMaxDelay must be ≥ retryDelay: " + retryMaxDelay);
    }
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive: " + d);
  }
}
