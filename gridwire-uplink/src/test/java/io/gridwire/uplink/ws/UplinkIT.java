package io.gridwire.uplink.ws;

import static io.gridwire.uplink.ws.UplinkFixture.config;
import static io.gridwire.uplink.ws.UplinkFixture.eventBus;
import static io.gridwire.uplink.ws.UplinkFixture.numbersByDevice;
import static io.gridwire.uplink.ws.UplinkFixture.range;
import static io.gridwire.uplink.ws.UplinkFixture.reading;
import static io.gridwire.uplink.ws.UplinkFixture.readingBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.Reading;
import io.gridwire.uplink.sim.BrokerSimConfig;
import io.gridwire.uplink.sim.ReceivedMessage;
import io.gridwire.uplink.sim.UplinkBrokerSim;
import io.gridwire.testkit.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against the broker stand-in over real WebSockets on 127.0.0.1. */
class UplinkIT {
  @TempDir Path dir;
  private final Bus<Reading> readings = readingBus();
  private final Bus<Event> events = eventBus();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private UplinkBrokerSim sim;
  private Uplink uplink;

  @AfterEach
  void stop() {
    if (uplink != null) uplink.close();
    if (sim != null) sim.close();
    readings.close();
    events.close();
  }

  private Uplink start(UplinkSettings config) {
    uplink = new Uplink(config, UplinkFixture.queue(config), readings, events, Clock.systemUTC(), meters);
    uplink.start();
    return uplink;
  }

  @Test
  void uplink_brokerDownThenUp_everyMessageOnceInOrderPerDevice() throws Exception {
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
    sim.refuse(true);
    start(config(sim.url(), dir, new DeliveryConfig(true, 20_000, 500, 200)));
    for (int n = 0; n < 400; n++) {
      for (String d : List.of("gen-1", "gen-2", "inv-1")) readings.publish(reading(d, n));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().backlog() == 1200);
    assertThat(uplink.status().connected()).isFalse();
    assertThat(uplink.status().lastError()).isNotNull().doesNotContain("s3cret");
    assertThat(sim.received()).isEmpty();

    sim.refuse(false);
    await().atMost(Duration.ofSeconds(20)).until(() -> sim.unique().size() == 1200);
    await().atMost(Duration.ofSeconds(5)).until(() -> uplink.status().backlog() == 0);
    Map<String, List<Integer>> byDevice = numbersByDevice(sim.unique());
    assertThat(byDevice).containsOnlyKeys("gen-1", "gen-2", "inv-1");
    byDevice.values().forEach(ns -> assertThat(ns).isEqualTo(range(0, 400)));
    assertThat(uplink.status().sent()).isEqualTo(1200);
    assertThat(uplink.status().connected()).isTrue();
    ReceivedMessage first = sim.unique().getFirst();
    assertThat(first.topic()).isEqualTo("gridwire/" + first.topic().split("/")[1] + "/state");
    assertThat(first.userId()).isEqualTo("user-gw-test");
    assertThat(first.raw()).doesNotContain("s3cret").contains("\"mqttTopicPrefix\":\"gridwire\"");
  }

  @Test
  void uplink_brokerDropsMidStream_nothingLostOrderKept() throws Exception {
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
    sim.dropAfter(250);
    start(config(sim.url(), dir, new DeliveryConfig(false, 20_000, 200, 100)));
    for (int n = 0; n < 1000; n++) {
      readings.publish(reading("gen-1", n));
      readings.publish(reading("gen-2", n));
      if (n % 100 == 0) Thread.sleep(20);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> sim.unique().size() == 2000);
    assertThat(sim.connections()).isGreaterThanOrEqualTo(2);
    Map<String, List<Integer>> byDevice = numbersByDevice(sim.unique());
    assertThat(byDevice.get("gen-1")).isEqualTo(range(0, 1000));
    assertThat(byDevice.get("gen-2")).isEqualTo(range(0, 1000));
    await().atMost(Duration.ofSeconds(5)).until(() -> uplink.status().backlog() == 0);
  }

  @Test
  void uplink_liveFirst_sendsNewMessagesBeforeTheBacklog() throws Exception {
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
    sim.refuse(true);
    start(config(sim.url(), dir, new DeliveryConfig(true, 50, 500, 50)));
    for (int n = 0; n < 300; n++) readings.publish(reading("gen-1", n));
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().backlog() == 300);
    sim.refuse(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().connected());
    readings.publish(reading("gen-1", 1000));
    await().atMost(Duration.ofSeconds(5)).until(() -> numbersByDevice(sim.unique()).getOrDefault("gen-1", List.of())
        .contains(1000));
    List<Integer> arrived = numbersByDevice(sim.unique()).get("gen-1");
    assertThat(arrived.indexOf(1000)).as("live message arrives while the throttled backlog drains")
        .isLessThan(arrived.size() - 1).isLessThan(200);
    List<Integer> backlog = arrived.stream().filter(n -> n < 1000).toList();
    assertThat(backlog).isEqualTo(range(0, backlog.size()));
  }

  @Test
  void uplink_brokerStalls_pongTimeoutReconnectsAndDelivers() throws Exception {
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
    start(config(sim.url(), dir, DeliveryConfig.DEFAULT));
    await().atMost(Duration.ofSeconds(5)).until(() -> uplink.status().connected());
    sim.stall(true);
    for (int n = 0; n < 50; n++) readings.publish(reading("gen-1", n));
    await().atMost(Duration.ofSeconds(10)).until(() -> !uplink.status().connected());
    assertThat(uplink.status().lastError()).containsAnyOf("pong", "acknowledgement", "timeout");
    sim.stall(false);
    await().atMost(Duration.ofSeconds(15)).until(() -> sim.unique().size() == 50);
    assertThat(numbersByDevice(sim.unique()).get("gen-1")).isEqualTo(range(0, 50));
  }

  @Test
  void uplink_brokerWithoutAcks_deletesOnWriteAndDeliversAll() throws Exception {
    sim = UplinkBrokerSim.start(new BrokerSimConfig(FreePorts.next(), null, null, false, 1 << 20));
    start(config(sim.url(), dir, new DeliveryConfig(false, 10_000, 1, 100)));
    for (int n = 0; n < 200; n++) readings.publish(reading("gen-1", n));
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.unique().size() == 200);
    await().atMost(Duration.ofSeconds(5)).until(() -> uplink.status().backlog() == 0);
    assertThat(numbersByDevice(sim.unique()).get("gen-1")).isEqualTo(range(0, 200));
    assertThat(sim.received()).hasSize(200);
  }

  @Test
  void uplink_wrongSecret_keepsRetryingWithoutLeakingTheSecret() throws Exception {
    sim = UplinkBrokerSim.start(new BrokerSimConfig(FreePorts.next(), "gw-test", "other", true, 1 << 20));
    start(config(sim.url(), dir, DeliveryConfig.DEFAULT));
    readings.publish(reading("gen-1", 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.authFailures() >= 3);
    assertThat(uplink.status().connected()).isFalse();
    assertThat(uplink.status().lastError()).contains("authentication refused").doesNotContain("s3cret");
    assertThat(uplink.status().backlog()).isEqualTo(1);
    assertThat(sim.received()).isEmpty();
  }

  @Test
  void uplink_outboxBound_dropsOldestCountedWithEvent() throws Exception {
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
    sim.refuse(true);
    List<Event> seen = new CopyOnWriteArrayList<>();
    events.subscribe("test", io.gridwire.core.bus.SubscriberOptions.durable(100), seen::add);
    var bounds = new io.gridwire.uplink.outbox.OutboxBounds(100, 1 << 20, Duration.ofDays(1));
    start(config(sim.url(), null, DeliveryConfig.DEFAULT)
        .withOutbox(new io.gridwire.uplink.outbox.OutboxConfig(dir, bounds, false, 1000)));
    for (int n = 0; n < 150; n++) readings.publish(reading("gen-1", n));
    await().atMost(Duration.ofSeconds(5)).until(() -> uplink.status().dropped() == 50);
    assertThat(uplink.status().backlog()).isEqualTo(100);
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(e -> e.type() == EventType.DATA_DROPPED));
    assertThat(meters.get("gridwire.link.dropped").tag("reason", "bound").counter().count()).isEqualTo(50);
    sim.refuse(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.unique().size() == 100);
    assertThat(numbersByDevice(sim.unique()).get("gen-1")).isEqualTo(range(50, 150));
  }

  @Test
  void forwardMqtt_matchingTopic_forwardedRawAsTheSeedDoes() throws Exception {
    sim = UplinkBrokerSim.start(BrokerSimConfig.open(FreePorts.next()));
    start(config(sim.url(), dir, DeliveryConfig.DEFAULT).withFilter(UplinkFilter.ALL, List.of("solar/+/state")));
    assertThat(uplink.forwardMqtt("solar/inv1/state", "{\"p\":1}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(uplink.forwardMqtt("other/x", "x".getBytes(StandardCharsets.UTF_8))).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.unique().size() == 1);
    assertThat(sim.unique().getFirst().topic()).isEqualTo("solar/inv1/state");
    assertThat(sim.unique().getFirst().message()).isEqualTo("{\"p\":1}");
  }
}
