package io.gridwire.core.bus;

import io.gridwire.core.log.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warning a subscriber logs when its queue overflows: at most one line per {@link #EVERY},
 * summing the drops since the last line. The count is also in {@code gridwire_bus_dropped_total}.
 * Thread-safe.
 */
final class OverflowLog {
  static final Duration EVERY = Duration.ofSeconds(30);
  private static final Logger logger = LoggerFactory.getLogger(OverflowLog.class);

  private final String name;
  private final SubscriberOptions options;
  private final RateLimitedLog log = new RateLimitedLog(logger, Clock.systemUTC(), EVERY);

  OverflowLog(String name, SubscriberOptions options) {
    this.name = name;
    this.options = options;
  }

  /** Counts one drop; logs the sum when the last line is old enough. */
  void dropped(int queued, long queuedBytes) {
    log.warn(name, n -> "bus subscriber " + name + " dropped " + n + " items: its queue overflowed (" + queued
        + " items / " + (queuedBytes >> 10) + " KiB waiting; bound " + options.capacity() + " items / "
        + (options.maxBytes() >> 10) + " KiB). It is slower than the publishers: give it fewer items (report by"
        + " exception, deadbands) or more capacity; gridwire_bus_dropped_total counts every drop");
  }
}
