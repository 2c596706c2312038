package io.gridwire.uplink.link;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns drops into {@code DATA_DROPPED} events and warnings without flooding: the first drop is
 * reported at once, later ones summed and reported at most once per {@code interval} (by
 * {@link #flush}). Thread-safe.
 */
final class DropReporter {
  private static final Logger log = LoggerFactory.getLogger(DropReporter.class);

  private final String link;
  private final Bus<Event> events;
  private final Clock clock;
  private final Duration interval;
  private final Map<DropReason, Long> pending = new EnumMap<>(DropReason.class);
  private Instant lastReport = Instant.MIN;

  DropReporter(String link, Bus<Event> events, Clock clock, Duration interval) {
    this.link = link;
    this.events = events;
    this.clock = clock;
    this.interval = interval;
  }

  synchronized void record(DropReason reason, long n) {
    if (n <= 0) return;
    pending.merge(reason, n, Long::sum);
    flush();
  }

  /** Reports what is pending if the interval has passed. */
  synchronized void flush() {
    Instant now = clock.instant();
    if (pending.isEmpty() || now.isBefore(lastReport.plus(interval))) return;
    lastReport = now;
    for (Map.Entry<DropReason, Long> e : pending.entrySet()) {
      String msg = "link " + link + " dropped " + e.getValue() + " message(s): " + e.getKey().describe();
      log.warn(msg);
      if (events != null) {
        events.publish(new Event(now, null, EventType.DATA_DROPPED, msg,
            Map.of("link", link, "reason", e.getKey().wireName(), "count", Long.toString(e.getValue()))));
      }
    }
    pending.clear();
  }
}
