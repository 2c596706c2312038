package io.gridwire.uplink.bench;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.store.InMemoryQueue;
import io.gridwire.uplink.influx.InfluxBatching;
import io.gridwire.uplink.influx.InfluxSettings;
import io.gridwire.uplink.influx.InfluxExporter;
import io.gridwire.uplink.influx.InfluxServer;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.outbox.OutboxConfig;
import io.gridwire.uplink.sim.BrokerSimConfig;
import io.gridwire.uplink.sim.UplinkBrokerSim;
import io.gridwire.uplink.ws.DeliveryConfig;
import io.gridwire.uplink.ws.Uplink;
import io.gridwire.uplink.ws.UplinkSettings;
import io.gridwire.uplink.ws.UplinkTiming;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Bounded load program (seconds each) for docs/perf/uplink.md: the links over an outbox in memory
 * (the SQLite queue's own cost is {@code io.gridwire.store.bench.QueueBench}). Not part of the
 * test suite: {@code java -cp <test classpath> io.gridwire.uplink.bench.UplinkBench [live|drain|influx]...}
 */
public final class UplinkBench {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private UplinkBench() {}

  public static void main(String[] args) throws Exception {
    List<String> which = args.length == 0 ? List.of("live", "drain", "influx") : List.of(args);
    Path dir = Files.createTempDirectory("uplink-bench");
    if (which.contains("live")) live(dir);
    if (which.contains("drain")) drain(dir);
    if (which.contains("influx")) influx(dir);
  }

  /** A realistic reading: 12 metrics. */
  static Reading reading(String device, int n) {
    Instant t = T0.plusMillis(n);
    Reading.Builder b = Reading.builder(device, t, t).put("n", n);
    String[] names = {"gen_uab", "gen_ubc", "gen_uca", "gen_ia", "gen_ib", "gen_ic", "gen_freq", "coolant_temp",
        "oil_pressure", "batt_v", "run_hours"};
    for (int i = 0; i < names.length; i++) b.put(names[i], 230.0 + i + (n % 100) / 10.0);
    return b.build();
  }

  static Uplink uplink(UplinkBrokerSim sim, Path dir, Bus<Reading> bus, int rate, String name) {
    UplinkTiming timing = new UplinkTiming(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1));
    UplinkSettings c = UplinkSettings.of(sim.url(), "bench", "secret")
        .withOutbox(new OutboxConfig(dir.resolve(name), OutboxBounds.DEFAULT, true, 65_536))
        .withTiming(timing).withDelivery(new DeliveryConfig(true, rate, 2_000, 500));
    Uplink u = new Uplink(c, new InMemoryQueue(c.outbox().bounds().queue("bench")), bus, new Bus<Event>("events", e -> "x"), Clock.systemUTC(), new SimpleMeterRegistry());
    u.start();
    return u;
  }

  static void live(Path dir) throws Exception {
    try (UplinkBrokerSim sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
        Bus<Reading> bus = new Bus<>("readings", Reading::deviceId)) {
      Uplink u = uplink(sim, dir, bus, 1_000, "live");
      waitFor(() -> u.status().connected(), 10);
      int total = 50_000;
      long t = System.nanoTime();
      for (int i = 0; i < total; i++) {
        bus.publish(reading("gen-" + (i % 10), i));
        while (i - sim.receivedCount() > 20_000) Thread.sleep(1);
      }
      waitFor(() -> sim.receivedCount() >= total && sim.unique().size() >= total, 120);
      double s = (System.nanoTime() - t) / 1e9;
      System.out.printf("live: %,d messages (acks on, outbox in memory) in %.1f s = %,.0f msg/s; dropped %d, duplicates %d%n",
          total, s, total / s, u.status().dropped(), sim.received().size() - sim.unique().size());
      u.close();
    }
  }

  static void drain(Path dir) throws Exception {
    try (UplinkBrokerSim sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
        Bus<Reading> bus = new Bus<>("readings", Reading::deviceId)) {
      sim.refuse(true);
      Uplink u = uplink(sim, dir, bus, 1_000_000, "drain");
      int total = 50_000;
      for (int i = 0; i < total; i++) {
        bus.publish(reading("gen-" + (i % 10), i));
        if (i % 10_000 == 0) bus.awaitDrained(Duration.ofSeconds(30));
      }
      waitFor(() -> u.status().backlog() == total, 60);
      sim.refuse(false);
      long t = System.nanoTime();
      waitFor(() -> sim.receivedCount() >= total && sim.unique().size() >= total, 120);
      double s = (System.nanoTime() - t) / 1e9;
      System.out.printf("drain: %,d backlog messages (throttle off) in %.1f s = %,.0f msg/s after reconnect%n",
          total, s, total / s);
      u.close();
    }
  }

  static void influx(Path dir) throws Exception {
    Path idir = Files.createDirectories(dir.resolve("influxd"));
    try (InfluxServer server = InfluxServer.start(idir); Bus<Reading> bus = new Bus<>("readings", Reading::deviceId)) {
      server.query(null, "CREATE DATABASE bench");
      InfluxSettings c = InfluxSettings.v1(server.url(), "bench").with(
          new OutboxConfig(dir.resolve("influx"), OutboxBounds.DEFAULT, true, 65_536),
          new InfluxBatching(5_000, Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMillis(200),
              Duration.ofSeconds(2)));
      InfluxExporter ex = new InfluxExporter(c, new InMemoryQueue(c.outbox().bounds().queue("bench")), bus, new Bus<Event>("events", e -> "x"), id -> null,
          Clock.systemUTC(), new SimpleMeterRegistry());
      ex.start();
      int total = 100_000;
      long t = System.nanoTime();
      for (int i = 0; i < total; i++) {
        bus.publish(reading("gen-" + (i % 10), i));
        if (i % 20_000 == 0) bus.awaitDrained(Duration.ofSeconds(30));
      }
      waitFor(() -> ex.status().sent() >= total, 120);
      double s = (System.nanoTime() - t) / 1e9;
      System.out.printf("influx: %,d points x 12 fields in %.1f s = %,.0f points/s (%,.0f fields/s); landed %d%n",
          total, s, total / s, total * 12 / s, server.count("bench", "gridwire", "n"));
      ex.close();
    }
  }

  static void waitFor(BooleanSupplier c, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("timed out");
      Thread.sleep(10);
    }
  }
}
