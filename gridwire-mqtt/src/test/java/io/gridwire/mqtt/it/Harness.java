package io.gridwire.mqtt.it;

import static org.awaitility.Awaitility.await;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.mqtt.MqttSettings;
import io.gridwire.mqtt.MqttGateway;
import io.gridwire.mqtt.forward.RawForward;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway wired like the app does, against one broker, with topic prefixes unique to this run
 * so runs on the shared Mosquitto never collide.
 */
final class Harness implements AutoCloseable {
  final String run = UUID.randomUUID().toString().substring(0, 8);
  final String site = "itsite" + run;
  final String statePrefix = "itgw" + run;
  final String discoveryPrefix = "itha" + run;
  final ManualClock clock = ManualClock.at("2025-10-17T10:00:00Z");
  final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  final DeviceRegistry registry = new DeviceRegistry(events, clock);
  final MetricCatalog catalog = new MetricCatalog();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<Reading> got = new CopyOnWriteArrayList<>();
  final TestBroker broker;
  MqttSettings config;
  MqttGateway gateway;

  Harness(TestBroker broker) {
    this.broker = broker;
    readings.subscribe("test", SubscriberOptions.durable(100_000), got::add);
    config = MqttSettings.builder().brokerUrl(broker.url()).clientId("gridwire-it-" + run).sites(List.of(site))
        .statePrefix(statePrefix).discoveryPrefix(discoveryPrefix)
        .reconnect(Duration.ofMillis(200), Duration.ofSeconds(1)).build();
  }

  MqttGateway start() {
    return start(RawForward.none());
  }

  /** Starts the gateway with raw forwarding and waits until its subscriptions are acknowledged. */
  MqttGateway start(RawForward forward) {
    gateway = new MqttGateway(config, readings, events, registry, catalog, clock, meters, forward);
    long before = 0;
    gateway.start();
    await().atMost(Duration.ofSeconds(15)).until(() -> gateway.connection().readyCount() > before);
    return gateway;
  }

  String topic(String type, String id, String channel) {
    return type == null ? site + "/gateway/" + id + "/" + channel : site + "/datalogger/" + type + "/" + id + "/" + channel;
  }

  void pub(String topic, String json) {
    Cli.pub(broker.port(), topic, json, 1, false);
  }

  @Override
  public void close() {
    if (gateway != null) gateway.close();
    readings.close();
    events.close();
    Cli.clearRetained(broker.port(), statePrefix + "/#");
    Cli.clearRetained(broker.port(), discoveryPrefix + "/#");
  }
}
