package io.gridwire.core.bus;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warning a subscriber logs when its queue overflows: at most one line per
 * {@link #EVERY_NANOS}, summing the drops since the last line. The count is also in
 * {@code gridwire_bus_dropped_total}. Thread-safe.
 */
final class OverflowLog {
  private static final Logger log = LoggerFactory.getLogger(OverflowLog.class);
  static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String name;
  private final SubscriberOptions options;
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicLong nextLine = new AtomicLong(System.nanoTime());

  OverflowLog(String name, SubscriberOptions options) {
    this.name = name;
    this.options = options;
  }

  /** Counts one drop; logs the sum when the last line is old enough. */
  void dropped(int queued, long queuedBytes) {
    unreported.incrementAndGet();
    long now = System.nanoTime();
    long due = nextLine.get();
    if (now - due < 0 || !nextLine.compareAndSet(due, now + EVERY_NANOS)) return;
    long n = unreported.getAndSet(0);
    if (n == 0) return;
    log.warn("bus subscriber {} dropped {} items: its queue overflowed ({} items / {} KiB waiting; bound {} items / {} KiB). "
        + "It is slower than the publishers: give it fewer items (report by exception, deadbands) or more capacity; "
        + "gridwire_bus_dropped_total counts every drop",
        name, n, queued, queuedBytes >> 10, options.capacity(), options.maxBytes() >> 10);
  }
}
