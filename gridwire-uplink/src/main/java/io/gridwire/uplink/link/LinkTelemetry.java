package io.gridwire.uplink.link;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters, gauges, last error and drop reporting of one link, shared by the uplink and the
 * exporters. Meters (tag {@code link}): {@code gridwire.link.sent}, {@code gridwire.link.dropped}
 * (+ tag {@code reason}), gauges {@code gridwire.link.backlog} (messages),
 * {@code gridwire.link.backlog.bytes}, {@code gridwire.link.backlog.age} (seconds),
 * {@code gridwire.link.connected} (0/1). Thread-safe.
 */
public final class LinkTelemetry {
  private final String name;
  private final String kind;
  private final String target;
  private final DurableQueue outbox;
  private final Clock clock;
  private final DropReporter drops;
  private final Counter sent;
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
  private final AtomicLong droppedTotal = new AtomicLong();
  private final AtomicLong sentTotal = new AtomicLong();
  private final AtomicLong busDropsSeen = new AtomicLong();
  private volatile boolean connected;
  private volatile String lastError;
  private volatile Instant lastErrorAt;

  public LinkTelemetry(String name, String kind, String target, DurableQueue outbox, Bus<Event> events, Clock clock,
      MeterRegistry meters, Duration dropEventInterval) {
    this.name = name;
    this.kind = kind;
    this.target = target;
    this.outbox = outbox;
    this.clock = clock;
    this.drops = new DropReporter(name, events, clock, dropEventInterval);
    this.sent = Counter.builder("gridwire.link.sent").tag("link", name).description("messages delivered")
        .register(meters);
    for (DropReason r : DropReason.values()) {
      dropped.put(r, Counter.builder("gridwire.link.dropped").tag("link", name).tag("reason", r.wireName())
          .description("messages dropped before delivery").register(meters));
    }
    Gauge.builder("gridwire.link.backlog", outbox, o -> o.stats().messages()).tag("link", name).register(meters);
    Gauge.builder("gridwire.link.backlog.bytes", outbox, o -> o.stats().bytes()).tag("link", name)
        .baseUnit("bytes").register(meters);
    Gauge.builder("gridwire.link.backlog.age", this, t -> t.age(t.outbox.stats()).toMillis() / 1000.0)
        .tag("link", name).baseUnit("seconds").register(meters);
    Gauge.builder("gridwire.link.connected", this, t -> t.connected ? 1 : 0).tag("link", name).register(meters);
  }

  public void sent(long n) {
    sent.increment(n);
    sentTotal.addAndGet(n);
  }

  public void dropped(DropReason reason, long n) {
    if (n <= 0) return;
    dropped.get(reason).increment(n);
    droppedTotal.addAndGet(n);
    drops.record(reason, n);
  }

  /** Records bus drops from the subscription's monotonic counter. */
  public void busDropsTotal(long total) {
    long before = busDropsSeen.getAndSet(total);
    dropped(DropReason.BUS, total - before);
  }

  public void connected(boolean up) {
    connected = up;
  }

  public boolean connected() {
    return connected;
  }

  /** Records a failure; the text must not contain secrets. */
  public void error(String message) {
    lastError = message;
    lastErrorAt = clock.instant();
  }

  /** Periodic duty: reports pending drops. */
  public void flush() {
    drops.flush();
  }

  public LinkStatus status() {
    QueueStats s = outbox.stats();
    return new LinkStatus(name, kind, target, connected, s.messages(), s.bytes(), age(s), sentTotal.get(),
        droppedTotal.get(), lastError, lastErrorAt);
  }

  private Duration age(QueueStats s) {
    if (s.oldest() == null) return Duration.ZERO;
    Duration d = Duration.between(s.oldest(), clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }
}
