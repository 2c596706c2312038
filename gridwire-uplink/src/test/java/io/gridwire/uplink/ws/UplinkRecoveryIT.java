package io.gridwire.uplink.ws;

import static io.gridwire.uplink.ws.UplinkFixture.config;
import static io.gridwire.uplink.ws.UplinkFixture.eventBus;
import static io.gridwire.uplink.ws.UplinkFixture.FAST;
import static io.gridwire.uplink.ws.UplinkFixture.reading;
import static io.gridwire.uplink.ws.UplinkFixture.readingBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.FreePorts;
import io.gridwire.uplink.sim.BrokerSimConfig;
import io.gridwire.uplink.sim.UplinkBrokerSim;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker stand-in stops (its port closed, connections cut) for several times the capped
 * back-off, then restarts on the same port: the uplink is connected again within a few caps.
 */
class UplinkRecoveryIT {
  private static final UplinkTiming CAPPED = new UplinkTiming(FAST.pingInterval(), FAST.pongTimeout(),
      FAST.connectTimeout(), FAST.authTimeout(), FAST.ackTimeout(), Duration.ofMillis(200), Duration.ofSeconds(1));
  private final Bus<Reading> readings = readingBus();
  private final Bus<Event> events = eventBus();
  private UplinkBrokerSim sim;
  private Uplink uplink;

  @AfterEach
  void stop() {
    if (uplink != null) uplink.close();
    if (sim != null) sim.close();
    readings.close();
    events.close();
  }

  @Test
  void uplink_brokerStoppedThenRestartedOnSamePort_reconnectsWithinSeconds() throws Exception {
    int port = FreePorts.next();
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(port));
    UplinkSettings config = config(sim.url(), null, new DeliveryConfig(true, 20_000, 500, 200)).withTiming(CAPPED);
    uplink = new Uplink(config, UplinkFixture.queue(config), readings, events, Clock.systemUTC(), new SimpleMeterRegistry());
    uplink.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> uplink.status().connected());

    sim.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> !uplink.status().connected());
    Thread.sleep(6_000); // an outage of six caps: an uncapped doubling would now wait 6 s or more
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(port));
    long back = System.nanoTime();
    await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(20)).until(() -> uplink.status().connected());
    Duration lag = Duration.ofNanos(System.nanoTime() - back);
    assertThat(lag).isLessThanOrEqualTo(CAPPED.reconnectMaxDelay().plusSeconds(2)); // cap + connect time on a loaded machine

    readings.publish(reading("gen-1", 1));
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.unique().size() == 1);
  }
}
