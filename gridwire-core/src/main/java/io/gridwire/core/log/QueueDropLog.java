package io.gridwire.core.log;

import io.gridwire.core.port.QueueBounds;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warning a {@link io.gridwire.core.port.DurableQueue} logs when it drops entries: at most one
 * line a minute per queue and cause, with the entries dropped since the previous line and what the
 * operator can do. Thread-safe.
 */
public final class QueueDropLog {
  private static final Logger log = LoggerFactory.getLogger(QueueDropLog.class);
  private static final Duration EVERY = Duration.ofMinutes(1);

  private final String queue;
  private final QueueBounds bounds;
  private final RateLimitedLog limited;
  private final AtomicLong full = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();

  /** @param queue the queue's name in log lines (its file, its link) */
  public QueueDropLog(String queue, QueueBounds bounds, Clock clock) {
    this(queue, bounds, clock, log);
  }

  QueueDropLog(String queue, QueueBounds bounds, Clock clock, Logger logger) {
    this.queue = queue;
    this.bounds = bounds;
    this.limited = new RateLimitedLog(logger, clock, EVERY);
  }

  /** Reports {@code n} entries dropped at the count or byte bound (nothing when {@code n} is 0). */
  public void full(long n) {
    if (n <= 0) return;
    full.addAndGet(n);
    limited.warn(queue + "/full", times -> "queue " + queue + " full (" + bounds.maxMessages() + " entries / "
        + bounds.maxBytes() + " bytes): dropped the oldest " + entries(full.getAndSet(0))
        + "; its receiver is unreachable or slower than the input: restore it, or raise " + bounds.keys());
  }

  /** Reports {@code n} entries dropped because they passed the owner's age bound. */
  public void expired(long n) {
    if (n <= 0) return;
    expired.addAndGet(n);
    limited.warn(queue + "/expired", times -> "queue " + queue + ": dropped " + entries(expired.getAndSet(0))
        + " past the age bound; its receiver has been unreachable that long: restore it, or raise " + bounds.keys());
  }

  private static String entries(long n) {
    return n + (n == 1 ? " entry" : " entries");
  }
}
