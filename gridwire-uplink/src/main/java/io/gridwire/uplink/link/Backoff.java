package io.gridwire.uplink.link;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: {@code initial · 2^attempt}, capped at {@code max}, each spread by ±20 %
 * jitter so a fleet of gateways does not reconnect in step. Never gives up. Not thread-safe.
 */
public final class Backoff {
  private static final double JITTER = 0.2;
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The delay before the next attempt; each call doubles the base until the cap. */
  public Duration next() {
    double base = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(attempt, 30)));
    attempt++;
    double spread = 1 + (random.nextDouble() * 2 - 1) * JITTER;
    return Duration.ofMillis(Math.max(1, Math.round(Math.min(max.toMillis(), base * spread))));
  }

  /** After a successful connection: the next delay starts from {@code initial} again. */
  public void reset() {
    attempt = 0;
  }
}
