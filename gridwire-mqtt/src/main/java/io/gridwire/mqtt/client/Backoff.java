package io.gridwire.mqtt.client;

import java.time.Duration;

/**
 * Capped exponential back-off with jitter: attempt {@code n} (from 1) waits a random time in
 * {@code [cap/2, cap]} where {@code cap = min(max, initial * 2^(n-1))}. The random half keeps
 * many gateways from reconnecting in step after a broker restart. Pure; thread-safe.
 *
 * @param initial delay cap of the first attempt
 * @param max upper bound of every delay
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial must be positive");
    if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max < initial");
  }

  /**
   * @param attempt 1 for the first retry
   * @param random a uniform number in {@code [0, 1)}
   */
  public Duration delay(int attempt, double random) {
    long initialMs = initial.toMillis();
    long maxMs = max.toMillis();
    int shift = Math.min(Math.max(attempt, 1) - 1, 30);
    long cap = initialMs > (maxMs >> shift) ? maxMs : Math.min(maxMs, initialMs << shift);
    long half = cap / 2;
    return Duration.ofMillis(half + (long) ((cap - half) * Math.min(Math.max(random, 0), 1)));
  }
}
