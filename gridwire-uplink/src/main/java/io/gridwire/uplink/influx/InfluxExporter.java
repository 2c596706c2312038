package io.gridwire.uplink.influx;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.core.reading.Reading;
import io.gridwire.uplink.link.Link;
import io.gridwire.uplink.link.LinkStatus;
import io.gridwire.uplink.link.LinkTelemetry;
import io.gridwire.uplink.link.OutboxFeeder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings → line protocol → durable outbox → InfluxDB over HTTP, in batches, oldest first; an
 * outage only grows the backlog (within the outbox bound). A batch leaves the outbox only when
 * InfluxDB answered 204, or 400 (malformed points: counted as dropped, {@code rejected}).
 * Tags {@code device}, {@code site}, {@code source} (site and source when the device is known).
 *
 * <p>Lifecycle: construct, {@link #start()}, {@link #close()}. Thread-safe.
 */
public final class InfluxExporter implements Link, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InfluxExporter.class);

  private final InfluxSettings config;
  private final Bus<Reading> readings;
  private final Function<String, Device> devices;
  private final Clock clock;
  private final DurableQueue outbox;
  private final LinkTelemetry telemetry;
  private final OutboxFeeder feeder;
  private final InfluxWriter writer;
  private final Semaphore wake = new Semaphore(0);
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile boolean closed;
  private Thread thread;

  /**
   * @param devices device lookup for the site/source tags (e.g. {@code id ->
   *     registry.get(id).orElse(null)}); may return null
   * @param outbox the exporter's durable queue (the wiring opens {@code config.outbox().file(name)});
   *     the exporter closes it
   */
  public InfluxExporter(InfluxSettings config, DurableQueue outbox, Bus<Reading> readings, Bus<Event> events,
      Function<String, Device> devices, Clock clock, MeterRegistry meters) {
    this.config = Objects.requireNonNull(config, "config");
    this.readings = Objects.requireNonNull(readings, "readings");
    this.devices = Objects.requireNonNull(devices, "devices");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.writer = new InfluxWriter(config.url(), config.target(), config.batching().requestTimeout());
    this.telemetry = new LinkTelemetry(config.name(), "influxdb", config.url().toString(), outbox, events, clock,
        meters, config.dropEventInterval());
    this.feeder = new OutboxFeeder(config.name(), outbox, telemetry, config.outbox().bounds(), clock, () -> { });
  }

  /** Subscribes to readings and starts the writer thread, with a scheduler of its own for the outbox duty. Call once. */
  public void start() {
    start(null);
  }

  /** Like {@link #start()}, the outbox duty timed by the app's shared {@code scheduler}. Call once. */
  public synchronized void start(io.gridwire.core.schedule.Scheduler scheduler) {
    if (thread != null) throw new IllegalStateException("exporter " + config.name() + " already started");
    feeder.subscribe(readings, "influx-" + config.name(), config.outbox().busCapacity(), this::draft);
    feeder.start(scheduler);
    thread = Thread.ofPlatform().daemon().name("influx-" + config.name()).start(this::run);
    log.info("InfluxDB exporter {} started: {}", config.name(), writer.uri().getPath());
  }

  QueueEntry.Draft draft(Reading r) {
    TreeMap<String, String> tags = new TreeMap<>();
    tags.put("device", r.deviceId());
    Device d = devices.apply(r.deviceId());
    if (d != null) {
      tags.put("site", d.site());
      tags.put("source", d.source().wireName());
    }
    String line = LineProtocol.line(config.measurement(), tags, r);
    return line == null ? null : QueueEntry.Draft.text(r.deviceId(), clock.instant(), "", line);
  }

  private void run() {
    InfluxSender sender = new InfluxSender(config.batching(), outbox, writer, telemetry);
    while (!closed) {
      Duration pause;
      try {
        pause = sender.turn();
      } catch (RuntimeException e) {
        telemetry.error("outbox: " + e.getMessage());
        log.error("InfluxDB exporter {}: outbox failure", config.name(), e);
        pause = config.batching().retryMaxDelay();
      }
      if (pause.isZero()) continue;
      try {
        if (stop.await(pause.toMillis(), TimeUnit.MILLISECONDS)) return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public LinkStatus status() {
    return telemetry.status();
  }

  /** Drains the bus into the outbox (up to 5 s), stops writing, closes the outbox. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    feeder.close(Duration.ofSeconds(5));
    stop.countDown();
    wake.release();
    if (thread != null) {
      try {
        thread.join(config.batching().requestTimeout().toMillis() + 2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    outbox.close();
  }
}
