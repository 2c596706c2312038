package io.gridwire.uplink.ws;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A gateway process for the crash test: {@code <brokerUrl> <dataDir> <count>} runs an uplink
 * with a SQLite outbox, publishes {@code count} readings, prints {@code QUEUED n} once they are
 * committed to the outbox, then runs until killed.
 */
public final class UplinkChildMain {
  private UplinkChildMain() {}

  public static void main(String[] args) throws Exception {
    Bus<Reading> readings = UplinkFixture.readingBus();
    Bus<Event> events = UplinkFixture.eventBus();
    UplinkSettings config = UplinkFixture.config(URI.create(args[0]), Path.of(args[1]), DeliveryConfig.DEFAULT);
    Uplink uplink = new Uplink(config, readings, events, Clock.systemUTC(), new SimpleMeterRegistry());
    uplink.start();
    int count = Integer.parseInt(args[2]);
    for (int n = 0; n < count; n++) readings.publish(UplinkFixture.reading("dev-" + (n % 3), n / 3));
    readings.awaitDrained(Duration.ofSeconds(30));
    System.out.println("QUEUED " + uplink.status().backlog());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
