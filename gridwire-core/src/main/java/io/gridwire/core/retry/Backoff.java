package io.gridwire.core.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential back-off, the one retry policy of every connection and writer.
 *
 * <pre>
 *  cap(n)      = min(max, initial · 2^(n−1))          n = 1 for the first retry
 *  delay(n, r) = cap(n)/2 + (cap(n) − cap(n)/2) · r   r uniform in [0, 1): "equal jitter"
 * </pre>
 *
 * {@link #cap} suits a single peer (a Modbus device, the local store): deterministic, so a test
 * with a manual clock knows when the retry comes. {@link #delay} suits connections that many
 * gateways share (an MQTT broker, a cloud): the random half keeps a fleet from reconnecting in
 * step after the peer restarts, and a delay is never shorter than half its cap. Pure, thread-safe.
 *
 * @param initial the first retry's delay (its cap)
 * @param max upper bound of every delay; {@link #PEER_CAP} by default for a single peer
 */
public record Backoff(Duration initial, Duration max) {
  /**
   * Default cap of every reconnect or retry delay to a single peer (uplink broker, InfluxDB, MQTT
   * broker, Redis, OIG cloud, Modbus device): whatever the outage length, the next attempt comes
   * at most this long after the peer is back. Doubling without such a cap made the uplink return
   * 138 s after a 2-minute broker outage.
   */
  public static final Duration PEER_CAP = Duration.ofSeconds(10);

  public Backoff {
    if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("back-off initial delay must be positive, was " + initial);
    if (max.compareTo(initial) < 0) throw new IllegalArgumentException("back-off max delay " + max + " is below the initial delay " + initial);
  }

  /** {@code min(max, initial · 2^(attempt−1))}; attempts below 1 count as 1, no overflow for any attempt. */
  public Duration cap(int attempt) {
    int shift = Math.min(Math.max(attempt, 1) - 1, 62);
    long initialNanos = initial.toNanos();
    long maxNanos = max.toNanos();
    return Duration.ofNanos(initialNanos > (maxNanos >> shift) ? maxNanos : initialNanos << shift);
  }

  /**
   * A delay in {@code [cap/2, cap]}.
   *
   * @param random a uniform number in {@code [0, 1)} (clamped to it)
   */
  public Duration delay(int attempt, double random) {
    long cap = cap(attempt).toNanos();
    long half = cap / 2;
    return Duration.ofNanos(half + (long) ((cap - half) * Math.min(Math.max(random, 0), 1)));
  }

  /** A counter of consecutive failures over this policy, for one loop. */
  public Attempts attempts(RandomGenerator random) {
    return new Attempts(this, random);
  }

  /** Consecutive failures of one connection loop: {@link #next} after a failure, {@link #reset} after success. Not thread-safe. */
  public static final class Attempts {
    private final Backoff policy;
    private final RandomGenerator random;
    private int failures;

    private Attempts(Backoff policy, RandomGenerator random) {
      this.policy = policy;
      this.random = random;
    }

    /** Counts one more failure and returns the jittered delay before the next try. */
    public Duration next() {
      if (failures < Integer.MAX_VALUE) failures++;
      return policy.delay(failures, random.nextDouble());
    }

    /** After a success: the next failure waits about {@code initial} again. */
    public void reset() {
      failures = 0;
    }

    /** Consecutive failures so far. */
    public int failures() {
      return failures;
    }
  }
}
