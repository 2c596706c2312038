package io.gridwire.core.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per key and period, telling how many were suppressed in between,
 * so a flood of bad messages costs a few log lines. The first occurrence of a key is logged at
 * once. The one place in the codebase that rate-limits log lines; thread-safe.
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

  /**
   * Counts one occurrence of {@code key}; when a line is due, logs {@code message} followed by the
   * number suppressed since the last line, if any.
   *
   * @return true when this call logged
   */
  public boolean warn(String key, String message) {
    return warn(key, occurrences -> occurrences > 1
        ? message + " (" + (occurrences - 1) + " more of this kind in the last " + period.toSeconds() + " s)"
        : message);
  }

  /**
   * Counts one occurrence of {@code key}; when a line is due, logs the line {@code message} builds
   * from the number of occurrences since the last line, this one included (so at least 1). The
   * line is only built when it is logged.
   *
   * @return true when this call logged
   */
  public boolean warn(String key, LongFunction<String> message) {
    long occurrences = due(key);
    if (occurrences == 0) return false;
    log.warn(message.apply(occurrences));
    return true;
  }

  /** Counts one occurrence; the occurrences since the last line (this one included) when a line is due, else 0. */
  private long due(String key) {
    Instant now = clock.instant();
    Window w = windows.computeIfAbsent(key, k -> new Window());
    synchronized (w) {
      w.pending++;
      if (w.last != null && now.isBefore(w.last.plus(period))) return 0;
      long n = w.pending;
      w.pending = 0;
      w.last = now;
      return n;
    }
  }

  private static final class Window {
    Instant last;
    long pending;
  }
}
