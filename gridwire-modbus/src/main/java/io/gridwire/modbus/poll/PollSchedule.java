package io.gridwire.modbus.poll;

import io.gridwire.core.retry.Backoff;
import java.time.Duration;
import java.time.Instant;

/**
 * When a device is polled next; pure.
 *
 * <pre>
 *  ok:     next = due + interval; a slot already past is skipped and counted as missed
 *  failed: next = now + min(retryDelay · 2^(failures−1), maxRetryDelay)
 * </pre>
 */
public record PollSchedule(Duration interval, Duration retryDelay, Duration maxRetryDelay) {

  /** Next due time and the number of slots skipped. */
  public record Next(Instant due, long skipped) {}

  public Next afterSuccess(Instant due, Instant now) {
    Instant next = due.plus(interval);
    if (next.isAfter(now)) return new Next(next, 0);
    long behind = Duration.between(next, now).toNanos() / interval.toNanos() + 1;
    return new Next(next.plus(interval.multipliedBy(behind)), behind);
  }

  /** @param failures consecutive failed polls, ≥ 1 */
  public Instant afterFailure(Instant now, int failures) {
    return now.plus(backoff(failures));
  }

  /** The wait after {@code failures} consecutive failed polls (no jitter: one device, one poller). */
  public Duration backoff(int failures) {
    return new Backoff(retryDelay, maxRetryDelay).cap(failures);
  }
}
