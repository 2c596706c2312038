package io.gridwire.app.demo;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Built-in synthetic gensets ({@code synthetic-1} .. {@code synthetic-N}): smooth, plausible values
 * every interval, so the API, the live stream and the dashboard show data without any hardware,
 * and a load of N devices can be produced for measurements. One metric is always no-data, to show
 * how no-data looks.
 */
public final class SyntheticDevice implements AutoCloseable {
  public static final String ID = "synthetic-1";
  private final int count;

  private static final List<MetricInfo> METRICS = List.of(
      new MetricInfo("gen_uab", "Generator voltage L1-L2", "V", "voltage", "measurement").placed("electrical", false),
      new MetricInfo("gen_freq", "Generator frequency", "Hz", "frequency", "measurement").placed("electrical", false),
      new MetricInfo("total_power", "Active power", "kW", "power", "measurement").placed("electrical", true),
      new MetricInfo("coolant_temp", "Coolant temperature", "°C", "temperature", "measurement").placed("engine", true),
      new MetricInfo("batt_soc", "Battery state of charge", "%", "battery", "measurement").placed("engine", true),
      new MetricInfo("running", "Engine running", null, "running", null).placed("status", true),
      new MetricInfo("oil_pressure", "Oil pressure (no sensor)", "kPa", "pressure", "measurement").placed("engine", false));

  private final Bus<Reading> readings;
  private final DeviceRegistry registry;
  private final Clock clock;
  private final Duration interval;
  private final ScheduledExecutorService timer;
  private long tick;

  public SyntheticDevice(Bus<Reading> readings, DeviceRegistry registry, MetricCatalog catalog, Clock clock, Duration interval) {
    this(readings, registry, catalog, clock, interval, 1);
  }

  /** {@code count} devices, each publishing once per {@code interval}. */
  public SyntheticDevice(Bus<Reading> readings, DeviceRegistry registry, MetricCatalog catalog, Clock clock,
      Duration interval, int count) {
    this.count = count;
    this.readings = readings;
    this.registry = registry;
    this.clock = clock;
    this.interval = interval;
    // Its own thread, not the shared scheduler: it stands for a fleet of devices (thousands, for
    // measurements) whose fixed publishing rate must not wait behind housekeeping, nor delay it.
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("synthetic").factory());
    for (int i = 1; i <= count; i++) {
      String id = "synthetic-" + i;
      catalog.declare(id, METRICS);
      registry.register(Device.of(id, "demo", "generator", Source.SYNTHETIC)
          .withName("Synthetic genset " + i).withModel("synthetic"));
    }
  }

  public void start() {
    timer.scheduleAtFixedRate(this::emit, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Builds the next reading of {@code synthetic-1}; public for tests. */
  public Reading next() {
    return next(ID, tick++, 0);
  }

  private Reading next(String id, long step, int phase) {
    Instant now = clock.instant();
    double t = step / 10.0 + phase;
    return Reading.builder(id, now, now)
        .put("gen_uab", round(400 + 4 * Math.sin(t)))
        .put("gen_freq", round(50 + 0.05 * Math.sin(t / 3)))
        .put("total_power", round(120 + 30 * Math.sin(t / 5)))
        .put("coolant_temp", round(82 + 3 * Math.sin(t / 20)))
        .put("batt_soc", round(60 + 30 * Math.sin(t / 50)))
        .put("running", true)
        .put("oil_pressure", Value.SENTINEL)
        .build();
  }

  private void emit() {
    try {
      long step = tick++;
      for (int i = 1; i <= count; i++) {
        String id = "synthetic-" + i;
        readings.publish(next(id, step, i));
        registry.seen(id);
      }
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(SyntheticDevice.class).warn("synthetic device: {}", e.toString());
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
