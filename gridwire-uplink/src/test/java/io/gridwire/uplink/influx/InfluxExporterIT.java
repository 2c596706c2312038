package io.gridwire.uplink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.testkit.store.InMemoryQueue;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.outbox.OutboxConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter against a real Debian influxd 1.x started by the test. */
class InfluxExporterIT {
  @TempDir Path dir;
  private final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private InfluxServer influx;
  private InfluxExporter exporter;

  @BeforeEach
  void up() throws Exception {
    Files.createDirectories(dir.resolve("influx"));
    influx = InfluxServer.start(dir.resolve("influx"));
    influx.query(null, "CREATE DATABASE gw");
    InfluxSettings config = InfluxSettings.v1(influx.url(), "gw").with(
        new OutboxConfig(dir.resolve("gateway"), OutboxBounds.DEFAULT, false, 65_536),
        new InfluxBatching(500, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMillis(100),
            Duration.ofMillis(500)));
    Map<String, Device> known = new HashMap<>();
    known.put("gen-1", Device.of("gen-1", "plant a", "generator", Source.MODBUS));
    exporter = new InfluxExporter(config, new InMemoryQueue(config.outbox().bounds().queue("influx")), readings, events,
        known::get, Clock.systemUTC(), new SimpleMeterRegistry());
    exporter.start();
  }

  @AfterEach
  void down() throws Exception {
    if (exporter != null) exporter.close();
    readings.close();
    events.close();
    if (influx != null) influx.close();
  }

  private static Reading reading(String device, int n) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n);
    return Reading.builder(device, t, t).put("n", n).put("running", n % 2 == 0).put("mode", "auto \"x\", y=1")
        .put("absent", Value.SENTINEL).build();
  }

  @Test
  void export_readings_pointsLandTypedAndTagged() throws Exception {
    for (int n = 0; n < 300; n++) readings.publish(reading("gen-1", n));
    readings.publish(reading("other", 0));
    await().atMost(Duration.ofSeconds(15)).until(() -> influx.count("gw", "gridwire", "n") == 301);

    JsonNode fields = influx.query("gw", "SHOW FIELD KEYS FROM gridwire").path("results").path(0).path("series")
        .path(0).path("values");
    Map<String, String> types = new HashMap<>();
    fields.forEach(f -> types.put(f.get(0).asText(), f.get(1).asText()));
    assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("n", "float", "running", "boolean", "mode", "string"));

    JsonNode row = influx.query("gw", "SELECT n, running, mode, site, \"source\" FROM gridwire WHERE device = 'gen-1' "
        + "AND time = '2026-01-01T00:00:03Z'").path("results").path(0).path("series").path(0).path("values").path(0);
    assertThat(row.get(1).asDouble()).isEqualTo(3.0);
    assertThat(row.get(2).asBoolean()).isFalse();
    assertThat(row.get(3).asText()).isEqualTo("auto \"x\", y=1");
    assertThat(row.get(4).asText()).isEqualTo("plant a");
    assertThat(row.get(5).asText()).isEqualTo("modbus");
    await().atMost(Duration.ofSeconds(5)).until(() -> exporter.status().sent() == 301);
    assertThat(exporter.status().connected()).isTrue();
    assertThat(exporter.status().backlog()).isZero();
  }

  @Test
  void export_influxKilledAndRestarted_noPointLost() throws Exception {
    for (int n = 0; n < 500; n++) readings.publish(reading("gen-1", n));
    await().atMost(Duration.ofSeconds(15)).until(() -> influx.count("gw", "gridwire", "n") == 500);
    // InfluxDB stores a batch before it answers: killed between the two, the exporter keeps the
    // batch and writes it again (points are idempotent), so wait for the answer before the kill.
    await().atMost(Duration.ofSeconds(5)).until(() -> exporter.status().sent() == 500);

    influx.kill();
    for (int n = 500; n < 1000; n++) readings.publish(reading("gen-1", n));
    await().atMost(Duration.ofSeconds(10)).until(() -> !exporter.status().connected()
        && exporter.status().backlog() == 500);
    assertThat(exporter.status().lastError()).isNotNull();

    influx.launch();
    await().atMost(Duration.ofSeconds(20)).until(() -> influx.count("gw", "gridwire", "n") == 1000);
    await().atMost(Duration.ofSeconds(5)).until(() -> exporter.status().backlog() == 0);
    assertThat(exporter.status().dropped()).isZero();
  }
}
