package io.gridwire.core.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per key and period, telling how many were suppressed in between,
 * so a flood of bad messages costs a few log lines. Thread-safe.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final Clock clock;
  private final Duration period;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimitedLog(Logger log, Clock clock, Duration period) {
    this.log = log;
    this.clock = clock;
    this.period = period;
  }

  /** @return true when this call logged */
  public boolean warn(String key, String message) {
    Instant now = clock.instant();
    Window w = windows.computeIfAbsent(key, k -> new Window());
    synchronized (w) {
      if (w.last != null && now.isBefore(w.last.plus(period))) {
        w.suppressed.incrementAndGet();
        return false;
      }
      long suppressed = w.suppressed.getAndSet(0);
      w.last = now;
      if (suppressed > 0) {
        log.warn("{} ({} more of this kind in the last {} s)", message, suppressed, period.toSeconds());
      } else {
        log.warn(message);
      }
      return true;
    }
  }

  private static final class Window {
    Instant last;
    final AtomicLong suppressed = new AtomicLong();
  }
}
