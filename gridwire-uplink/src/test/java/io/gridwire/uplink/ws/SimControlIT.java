package io.gridwire.uplink.ws;

import static io.gridwire.uplink.ws.UplinkFixture.config;
import static io.gridwire.uplink.ws.UplinkFixture.eventBus;
import static io.gridwire.uplink.ws.UplinkFixture.reading;
import static io.gridwire.uplink.ws.UplinkFixture.readingBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.FreePorts;
import io.gridwire.uplink.sim.BrokerSimConfig;
import io.gridwire.uplink.sim.SimControl;
import io.gridwire.uplink.sim.UplinkBrokerSim;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in's operator commands against a real uplink over WebSockets on 127.0.0.1. */
class SimControlIT {
  private final Bus<Reading> readings = readingBus();
  private final Bus<Event> events = eventBus();
  private UplinkBrokerSim sim;
  private Uplink uplink;
  private SimControl control;

  @AfterEach
  void stop() {
    if (uplink != null) uplink.close();
    if (sim != null) sim.close();
    readings.close();
    events.close();
  }

  private void start() {
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
    control = new SimControl(sim);
    UplinkSettings c = config(sim.url(), null, DeliveryConfig.DEFAULT).withFilter(UplinkFilter.ALL, List.of("tele/#"));
    uplink = new Uplink(c, UplinkFixture.queue(c), readings, events, Clock.systemUTC(), new SimpleMeterRegistry());
    uplink.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().connected());
  }

  @Test
  void stats_countsPerDeviceAndTopic_andShowsTheLastMessages() throws Exception {
    start();
    for (int n = 0; n < 3; n++) readings.publish(reading("gen-1", n));
    readings.publish(reading("inv-1", 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.unique().size() == 4);
    uplink.forwardMqtt("tele/kitchen/SENSOR", "{\"Temperature\":21.5}".getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.unique().size() == 5);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    control.run(new BufferedReader(new StringReader("stats 1\nbogus\n")), new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("mode normal; connections 1, open 1, auth failures 0")
        .contains("messages 5 unique, 5 received (0 resent)")
        .contains("by device (2):\n  3  gen-1\n  1  inv-1\n")
        .contains("  1  tele/kitchen/SENSOR\n")
        .contains("last 1:\n  #5 conn 1 ").contains(" tele/kitchen/SENSOR {\"Temperature\":21.5}\n")
        .contains("unknown command: bogus\ncommands: refuse | drop [N] | stall | normal | stats [N] | help");
  }

  @Test
  void refuseAndDrop_takeTheBrokerDown_normalBringsItBackWithTheBacklog() {
    start();
    assertThat(control.execute("refuse")).startsWith("refusing new connections (HTTP 503)");
    assertThat(control.execute("drop")).isEqualTo("reset 1 connection(s)");
    await().atMost(Duration.ofSeconds(10)).until(() -> !uplink.status().connected());
    readings.publish(reading("gen-1", 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().backlog() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> String.valueOf(uplink.status().lastError()).contains("503"));
    assertThat(sim.received()).isEmpty();

    assertThat(control.execute("normal")).isEqualTo("normal");
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.unique().size() == 1);
    assertThat(control.execute("stats")).contains("mode normal;");
  }

  @Test
  void stall_makesTheUplinkDeclareTheBrokerDown_dropAfterN_resetsAfterNMessages() {
    start();
    assertThat(control.execute("stall")).startsWith("stalled");
    assertThat(sim.mode()).isEqualTo("stalled");
    // Nothing in flight: only the unanswered pings (pong timeout 600 ms, pings every 300 ms) tell.
    await().atMost(Duration.ofSeconds(10)).until(() -> !uplink.status().connected());
    control.execute("normal");
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().connected());

    int connections = sim.connections();
    assertThat(control.execute("drop 3")).isEqualTo("dropping every connection after 3 more message(s)");
    assertThat(sim.mode()).isEqualTo("drop after 3");
    for (int n = 0; n < 3; n++) readings.publish(reading("gen-1", n));
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.connections() > connections);
    assertThat(sim.mode()).isEqualTo("normal");
    assertThat(control.execute("drop 0")).isEqualTo("drop N needs N ≥ 1");
    assertThat(control.execute("drop x")).isEqualTo("not a number: x");
  }
}
