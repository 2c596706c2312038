package io.gridwire.mqtt.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.alarm.ActiveAlarm;
import io.gridwire.core.alarm.AlarmBook;
import io.gridwire.core.alarm.AlarmDefinition;
import io.gridwire.core.alarm.AlarmSignal;
import io.gridwire.core.alarm.AlarmTable;
import io.gridwire.core.alarm.Severity;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.port.AlarmStore;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttAlarmPublishTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2025-10-17T10:00:00Z");
  private final ManualClock clock = ManualClock.at("2025-10-17T10:00:00Z");
  private final DeviceRegistry registry = new DeviceRegistry(null, clock);
  private final MetricCatalog catalog = new MetricCatalog();
  private final FakeTransport transport = new FakeTransport();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Bus<Event> events = new Bus<>("events", e -> "");
  private final AlarmBook book = new AlarmBook(events, new NoAlarmStore(), clock, Duration.ZERO, id -> "site");
  private final MqttPublisher publisher = new MqttPublisher(transport, registry, catalog,
      new DiscoveryCodec(new Topics("gw", "ha"), "gridwire", "0.1.0", Duration.ofMinutes(5)), 16, true, meters);

  MqttAlarmPublishTest() {
    registry.addListener(publisher::deviceChanged);
    publisher.publishAlarms(book, false);
    publisher.publishAlarmEvents(events);
    catalog.declareAlarms("gen-1", AlarmTable.of(List.of(new AlarmDefinition("shutdown_low_oil_pressure",
        "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL, "shutdown", List.of())), null));
  }

  @AfterEach
  void close() {
    publisher.close();
    book.close();
    events.close();
  }

  @Test
  void alarmRaised_publishesRetainedAlarmsTopicAndProblemEntities() throws Exception {
    registry.register(Device.of("gen-1", "site", "generator", Source.MODBUS));
    book.report(new AlarmSignal("gen-1", "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL, "shutdown",
        true, T, Map.of("oil_pressure", 80.0)));

    await().atMost(Duration.ofSeconds(5)).until(() -> transport.to("gw/gen-1/alarms").stream()
        .anyMatch(s -> !s.payload().isEmpty() && s.retain() && count(s) == 1));
    JsonNode alarms = JSON.readTree(transport.to("gw/gen-1/alarms").getLast().payload());
    assertThat(alarms.get("names").get(0).asText()).isEqualTo("Low oil pressure");
    assertThat(alarms.get("alarms").get(0).get("severity").asText()).isEqualTo("critical");
    JsonNode problem = JSON.readTree(transport.to("ha/binary_sensor/gridwire_gen_1_problem/config").getLast().payload());
    assertThat(problem.get("device_class").asText()).isEqualTo("problem");
    assertThat(problem.get("state_topic").asText()).isEqualTo("gw/gen-1/alarms");
    JsonNode count = JSON.readTree(transport.to("ha/sensor/gridwire_gen_1_active_alarms/config").getLast().payload());
    assertThat(count.get("json_attributes_topic").asText()).isEqualTo("gw/gen-1/alarms");

    book.report(new AlarmSignal("gen-1", "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL, "shutdown",
        false, T, Map.of()));
    await().atMost(Duration.ofSeconds(5)).until(() -> count(transport.to("gw/gen-1/alarms").getLast()) == 0);
  }

  @Test
  void alarmRaisedThenCleared_firesHaEventEntityWithEventTypes() throws Exception {
    registry.register(Device.of("gen-1", "site", "generator", Source.MODBUS));
    book.report(new AlarmSignal("gen-1", "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL, "shutdown",
        true, T, Map.of("oil_pressure", 80.0)));
    book.report(new AlarmSignal("gen-1", "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL, "shutdown",
        false, T.plusSeconds(5), Map.of()));

    await().atMost(Duration.ofSeconds(5)).until(() -> transport.to("gw/gen-1/alarm_event").size() == 2);
    JsonNode config = JSON.readTree(transport.to("ha/event/gridwire_gen_1_alarm_event/config").getLast().payload());
    assertThat(config.get("state_topic").asText()).isEqualTo("gw/gen-1/alarm_event");
    assertThat(config.get("event_types").toString()).isEqualTo("[\"raised\",\"cleared\"]");
    assertThat(config.get("device").get("identifiers").toString()).contains("gen_1");
    List<FakeTransport.Sent> sent = transport.to("gw/gen-1/alarm_event");
    JsonNode raised = JSON.readTree(sent.get(0).payload());
    assertThat(raised.get("event_type").asText()).isEqualTo("raised");
    assertThat(raised.get("alarm").asText()).isEqualTo("shutdown_low_oil_pressure");
    assertThat(raised.get("name").asText()).isEqualTo("Low oil pressure");
    assertThat(raised.get("severity").asText()).isEqualTo("critical");
    assertThat(raised.get("values").get("oil_pressure").asText()).isEqualTo("80.0");
    assertThat(sent.get(0).retain()).isFalse();
    assertThat(JSON.readTree(sent.get(1).payload()).get("event_type").asText()).isEqualTo("cleared");
  }

  /**
   * A broker that stops acknowledging holds the worker (each publish past the in-flight limit
   * waits for a permit): alarm events queued for it stop at the bound, the rest are counted as
   * skipped, nothing grows.
   */
  @Test
  void alarmEventFlood_brokerStalled_queueBoundedRestCountedSkipped() throws Exception {
    registry.register(Device.of("gen-1", "site", "generator", Source.MODBUS));
    transport.stalled = true;
    int flood = MqttPublisher.MAX_QUEUED_EVENTS + 2_000;
    for (int i = 0; i < flood; i++) {
      events.publish(new Event(T.plusSeconds(i), "gen-1", i % 2 == 0 ? EventType.ALARM_RAISED : EventType.ALARM_CLEARED,
          "flap", Map.of("alarm_id", "shutdown_low_oil_pressure")));
      if (i % 500 == 499) assertThat(events.awaitDrained(Duration.ofSeconds(10))).isTrue(); // within the bus's own queue
    }
    assertThat(events.awaitDrained(Duration.ofSeconds(10))).isTrue();
    double skipped = meters.get("gridwire.mqtt.publish.skipped").tag("reason", "backpressure").counter().count();
    assertThat(skipped).as("events past the worker's queue").isBetween(2_000.0 - 20, 2_000.0);

    long t0 = System.nanoTime(); // the stop's offline status does not wait the 10 s of other publishes
    assertThat(publisher.publishGatewayOffline()).isDone();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(MqttPublisher.STOP_PERMIT_WAIT.plusSeconds(1));
  }

  @Test
  void alarmEvent_unregisteredDevice_nothingPublished() throws Exception {
    book.report(new AlarmSignal("ghost", "low_fuel", "Low fuel", Severity.WARNING, "warning", true, T, Map.of()));
    assertThat(book.flush(Duration.ofSeconds(5))).isTrue();
    Thread.sleep(300);
    assertThat(transport.to("gw/ghost/alarm_event")).isEmpty();
  }

  @Test
  void reading_alarmBitMetric_notAnnouncedAsOwnEntityByDefault() {
    registry.register(Device.of("gen-1", "site", "generator", Source.MODBUS));
    publisher.onReadings(List.of(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", false)
        .put("oil_pressure", 410.0).build()));

    assertThat(transport.to("ha/binary_sensor/gridwire_gen_1_shutdown_low_oil_pressure/config")).isEmpty();
    assertThat(transport.to("ha/sensor/gridwire_gen_1_oil_pressure/config")).hasSize(1);
  }

  private static int count(FakeTransport.Sent s) {
    try {
      return s.payload().isEmpty() ? -1 : JSON.readTree(s.payload()).get("count").asInt();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final class NoAlarmStore implements AlarmStore {
    @Override
    public void upsert(ActiveAlarm alarm) {}

    @Override
    public void delete(String deviceId, String alarmId) {}

    @Override
    public List<ActiveAlarm> loadAll() {
      return List.of();
    }
  }
}
