package io.gridwire.app.wiring;

import io.gridwire.app.config.DeadbandConfig;
import io.gridwire.app.config.ReportByExceptionConfig;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.Overflow;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.config.Durations;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.ChangeFeed;
import io.gridwire.core.reading.ChangeFilter;
import io.gridwire.core.reading.Deadband;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricIndex;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report-by-exception feeds of the gateway: one {@link ChangeFeed} per distinct sink
 * heartbeat (one in the default configuration), sharing one {@link MetricIndex}. Deadbands
 * come from {@code report_by_exception.deadbands} by metric name, else from the metric catalog
 * (the register profile's {@code deadband}). Disabled: every sink reads the connectors' bus.
 */
final class ChangeFeeds implements AutoCloseable {
  private final ReportByExceptionConfig config;
  private final Bus<Reading> readings;
  private final Bus<Event> events;
  private final ChangeFilter.Deadbands deadbands;
  private final MetricIndex index = new MetricIndex();
  private final Map<Duration, ChangeFeed> feeds = new LinkedHashMap<>();

  ChangeFeeds(ReportByExceptionConfig config, Bus<Reading> readings, Bus<Event> events, MetricCatalog catalog) {
    this.config = config;
    this.readings = readings;
    this.events = events;
    Map<String, Deadband> byName = new HashMap<>();
    for (DeadbandConfig d : config.deadbands()) byName.put(d.metric(), d.parsed());
    this.deadbands = (device, metric) -> {
      Deadband d = byName.get(metric);
      return d != null ? d : catalog.find(device, metric).map(MetricInfo::deadband).orElse(null);
    };
  }

  /** The bus a sink with this heartbeat key (null: the common heartbeat) subscribes to. */
  synchronized Bus<Reading> forSink(Duration sinkHeartbeat) {
    if (!config.enabled()) return readings;
    Duration hb = config.heartbeatOr(sinkHeartbeat);
    return feeds.computeIfAbsent(hb, h -> new ChangeFeed(Durations.format(h), new ChangeFilter(h, deadbands, index))
        .start(readings, events, new SubscriberOptions(config.queueCapacity(), Overflow.DROP, 1, 4096,
            SubscriberOptions.STATE_BYTES))).changes();
  }

  /**
   * How long a Modbus block whose registers did not change may stay out of the readings: half the
   * shortest heartbeat of the feeds, so a flat value still reaches every filter before its
   * heartbeat is due; 5 min when no feed has a heartbeat; zero (every reading whole) when report
   * by exception is off and the sinks read the connectors' bus.
   */
  synchronized Duration unchangedRefresh() {
    if (!config.enabled() || feeds.isEmpty()) return Duration.ZERO;
    Duration shortest = null;
    for (Duration h : feeds.keySet()) {
      if (!h.isZero() && (shortest == null || h.compareTo(shortest) < 0)) shortest = h;
    }
    return shortest == null ? Duration.ofMinutes(5) : shortest.dividedBy(2);
  }

  /** The feeds' buses, for metrics. */
  synchronized List<Bus<?>> buses() {
    List<Bus<?>> out = new ArrayList<>();
    for (ChangeFeed f : feeds.values()) out.add(f.changes());
    return out;
  }

  synchronized List<ChangeFeed> feeds() {
    return List.copyOf(feeds.values());
  }

  /**
   * Waits until what the connectors published has passed the filters to the sinks, then marks
   * every held value no-data at {@code stoppedAt} (history carries nothing through the downtime)
   * and waits for that too. Call after the connectors stopped.
   */
  boolean drainAndStop(java.time.Instant stoppedAt, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ChangeFeed f : feeds()) {
      if (!f.awaitDrained(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) return false;
      f.stopping(stoppedAt);
    }
    for (ChangeFeed f : feeds()) {
      if (!f.awaitDrained(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) return false;
    }
    return true;
  }

  @Override
  public synchronized void close() {
    for (ChangeFeed f : feeds.values()) f.close();
  }
}
