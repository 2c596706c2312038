package io.gridwire.app.wiring;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.uplink.outbox.OutboxBounds;
import io.gridwire.uplink.outbox.OutboxConfig;
import io.gridwire.uplink.ws.DeliveryConfig;
import io.gridwire.uplink.ws.Uplink;
import io.gridwire.uplink.ws.UplinkSettings;
import io.gridwire.uplink.ws.UplinkTiming;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A gateway process for the crash test: {@code <brokerUrl> <dataDir> <count>} runs an uplink
 * with its SQLite outbox as the gateway opens it, publishes {@code count} readings, prints {@code QUEUED n} once they are
 * committed to the outbox, then runs until killed.
 */
public final class UplinkChildMain {
  private UplinkChildMain() {}

  public static void main(String[] args) throws Exception {
    Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
    Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
    UplinkSettings config = config(URI.create(args[0]), Path.of(args[1]));
    Uplink uplink = new Uplink(config, QueueFiles.uplink(config), readings, events, Clock.systemUTC(),
        new SimpleMeterRegistry());
    uplink.start();
    int count = Integer.parseInt(args[2]);
    for (int n = 0; n < count; n++) readings.publish(reading("dev-" + (n % 3), n / 3));
    readings.awaitDrained(Duration.ofSeconds(30));
    System.out.println("QUEUED " + uplink.status().backlog());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Fast timers, no fsync (a process crash, not a power loss), the default delivery. */
  static UplinkSettings config(URI url, Path dataDir) {
    UplinkTiming fast = new UplinkTiming(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(400));
    return UplinkSettings.of(url, "gw-test", "s3cret-value")
        .withOutbox(new OutboxConfig(dataDir, OutboxBounds.DEFAULT, false, 65_536)).withTiming(fast)
        .withDelivery(DeliveryConfig.DEFAULT);
  }

  /** Reading number {@code n} of {@code device}: one metric {@code n}. */
  static Reading reading(String device, int n) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusMillis(n);
    return Reading.builder(device, t, t).put("n", n).build();
  }
}
