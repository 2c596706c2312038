package io.gridwire.mqtt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.mqtt.client.InboundMessage;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttIngestTest {
  private final ManualClock clock = ManualClock.at("2025-10-17T10:00:00Z");
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  private final DeviceRegistry registry = new DeviceRegistry(events, clock);
  private final MetricCatalog catalog = new MetricCatalog();
  private final IngestCounters counters = new IngestCounters(new SimpleMeterRegistry());
  private final PresenceTracker presence = new PresenceTracker(registry, Duration.ofSeconds(30));
  private final MqttIngest ingest = new MqttIngest(new PayloadParser(65_536, 16), readings, registry, catalog,
      presence, clock, counters);
  private final List<Reading> got = new CopyOnWriteArrayList<>();
  private final List<Event> gotEvents = new CopyOnWriteArrayList<>();

  MqttIngestTest() {
    readings.subscribe("test", SubscriberOptions.durable(1000), got::add);
    events.subscribe("test", SubscriberOptions.durable(1000), gotEvents::add);
  }

  @AfterEach
  void close() {
    readings.close();
    events.close();
  }

  private void send(String topic, String json) {
    ingest.accept(new InboundMessage(topic, json.getBytes(StandardCharsets.UTF_8), 1, false));
  }

  @Test
  void heartbeat_newSerial_registersDeviceOnline() throws Exception {
    send("sito_001/datalogger/monstro/1/heartbeat", "{\"serial_number\":\"TEST123\",\"firmware\":\"2.4\",\"signal\":-67}");
    Device d = registry.get("TEST123").orElseThrow();
    assertThat(d.kind()).isEqualTo("datalogger");
    assertThat(d.source()).isEqualTo(Source.MQTT);
    assertThat(d.site()).isEqualTo("sito_001");
    assertThat(d.model()).isEqualTo("monstro");
    assertThat(d.serialNumber()).isEqualTo("TEST123");
    assertThat(d.online()).isTrue();
    assertThat(d.lastSeen()).isEqualTo(clock.instant());
    assertThat(d.attributes()).containsEntry("type", "monstro").containsEntry("topic_id", "1")
        .containsEntry("firmware", "2.4").containsEntry("signal", "-67");
    assertThat(counters.discoveredCount()).isEqualTo(1);
    events.awaitDrained(Duration.ofSeconds(2));
    assertThat(gotEvents).extracting(Event::type).contains(EventType.DEVICE_DISCOVERED, EventType.DEVICE_ONLINE);
  }

  @Test
  void heartbeat_knownSerialWithNewTopicId_updatesAttributesAndLastSeen() {
    send("s/datalogger/monstro/1/heartbeat", "{\"serial_number\":\"SN\"}");
    clock.advance(Duration.ofSeconds(10));
    send("s/datalogger/monstro/9/heartbeat", "{\"serial_number\":\"SN\",\"firmware\":\"3.0\"}");
    Device d = registry.get("SN").orElseThrow();
    assertThat(d.attributes()).containsEntry("topic_id", "9").containsEntry("firmware", "3.0");
    assertThat(d.lastSeen()).isEqualTo(clock.instant());
    assertThat(counters.discoveredCount()).isEqualTo(1);
  }

  @Test
  void sweep_after30sSilence_marksOfflineAndKeepsRecord() {
    send("s/gateway/1/heartbeat", "{\"serial_number\":\"GW1\"}");
    clock.advance(Duration.ofSeconds(29));
    assertThat(presence.sweep(clock.instant())).isEmpty();
    assertThat(registry.get("GW1").orElseThrow().online()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(presence.sweep(clock.instant())).containsExactly("GW1");
    Device d = registry.get("GW1").orElseThrow();
    assertThat(d.online()).isFalse();
    assertThat(d.error()).isNull();
    send("s/gateway/1/heartbeat", "{\"serial_number\":\"GW1\"}");
    assertThat(registry.get("GW1").orElseThrow().online()).isTrue();
  }

  @Test
  void retainedHeartbeat_registersButDoesNotMarkOnline() {
    ingest.accept(new InboundMessage("s/gateway/1/heartbeat", "{\"serial_number\":\"OLD\"}".getBytes(), 1, true));
    assertThat(registry.get("OLD").orElseThrow().online()).isFalse();
  }

  @Test
  void input_knownDevice_publishesReadingWithPayloadTimestamp() throws Exception {
    send("s/datalogger/adaq/2/heartbeat", "{\"serial_number\":\"SN2\"}");
    send("s/datalogger/adaq/2/input",
        "{\"serial_number\":\"SN2\",\"timestamp\":\"2025-10-17T09:59:58Z\",\"battery_voltage\":24.5,\"relay\":{\"1\":true},\"note\":\"x\"}");
    readings.awaitDrained(Duration.ofSeconds(2));
    assertThat(got).hasSize(1);
    Reading r = got.get(0);
    assertThat(r.deviceId()).isEqualTo("SN2");
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2025-10-17T09:59:58Z"));
    assertThat(r.receivedAt()).isEqualTo(clock.instant());
    assertThat(r.values()).containsOnlyKeys("battery_voltage", "relay_1").containsEntry("relay_1", Value.TRUE);
    assertThat(catalog.find("SN2", "battery_voltage").orElseThrow().unit()).isEqualTo("V");
  }

  @Test
  void input_unknownSerial_isCountedNotPublished() throws Exception {
    send("s/gateway/1/input", "{\"serial_number\":\"NOBODY\",\"v\":1}");
    readings.awaitDrained(Duration.ofSeconds(2));
    assertThat(got).isEmpty();
    assertThat(counters.rejectedCount(RejectReason.UNKNOWN_DEVICE)).isEqualTo(1);
  }

  @Test
  void badInputs_areCountedPerKindAndHarmless() {
    send("s/datalogger/heartbeat", "{\"serial_number\":\"X\"}");
    send("s/gateway/1/heartbeat", "garbage");
    send("s/gateway/1/heartbeat", "{\"firmware\":\"1\"}");
    send("s/gateway/1/heartbeat", "{\"serial_number\":\"X\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
    send("s/gateway/1/heartbeat", "{\"serial_number\":\"X\",\"a\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41));
    ingest.accept(new InboundMessage("s/gateway/1/heartbeat", new byte[] {(byte) 0xff, (byte) 0xfe, 0}, 0, false));
    assertThat(counters.rejectedByReason()).containsEntry("malformed_topic", 1L).containsEntry("not_json", 2L)
        .containsEntry("no_serial", 1L).containsEntry("oversize", 1L).containsEntry("too_deep", 1L);
    assertThat(registry.size()).isZero();
    send("s/gateway/1/heartbeat", "{\"serial_number\":\"FINE\"}");
    assertThat(registry.get("FINE")).isPresent();
  }

  /**
   * A datalogger inventing new names message after message is held at the bound: its first 4,096
   * names pass, later new ones are dropped and counted, its other values still published.
   */
  @Test
  void data_newNamesPastTheDevicesBound_droppedCountedRestPublished() throws Exception {
    send("s/datalogger/monstro/1/heartbeat", "{\"serial_number\":\"INV\"}");
    for (int msg = 0; msg < 9; msg++) { // 500 names a message: under the parser's bound of values per message
      StringBuilder json = new StringBuilder("{\"serial_number\":\"INV\"");
      for (int k = 0; k < 500; k++) json.append(",\"m").append(msg * 500 + k).append("\":1");
      send("s/datalogger/monstro/1/input", json.append('}').toString());
    }
    send("s/datalogger/monstro/1/input", "{\"serial_number\":\"INV\",\"m1\":2,\"" + "x".repeat(201) + "\":3}");
    readings.awaitDrained(Duration.ofSeconds(2));

    assertThat(got).extracting(r -> r.values().size()).containsExactly(500, 500, 500, 500, 500, 500, 500, 500, 96, 1);
    assertThat(got.get(8).values()).containsKey("m4095").doesNotContainKey("m4096");
    assertThat(got.get(9).values()).containsOnlyKeys("m1");
    assertThat(catalog.metrics("INV")).hasSize(4_096);
    assertThat(counters.rejectedCount(RejectReason.TOO_MANY_METRICS)).isEqualTo(2);

    registry.remove("INV"); // an operator removed it: the same serial starts afresh
    send("s/datalogger/monstro/1/heartbeat", "{\"serial_number\":\"INV\"}");
    send("s/datalogger/monstro/1/input", "{\"serial_number\":\"INV\",\"fresh\":1}");
    readings.awaitDrained(Duration.ofSeconds(2));
    assertThat(got.getLast().values()).containsOnlyKeys("fresh");
  }
}
