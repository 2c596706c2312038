package io.gridwire.mqtt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.admission.AdmissionConfig;
import io.gridwire.core.admission.AdmissionPolicy;
import io.gridwire.core.admission.DeviceAdmission;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.mqtt.client.InboundMessage;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Serial numbers pass device admission before they become devices. */
class MqttAdmissionTest {
  private final ManualClock clock = ManualClock.at("2026-12-06T10:00:00Z");
  private final Bus<Event> events = new Bus<>("events", e -> String.valueOf(e.deviceId()));
  private final Bus<Reading> readings = new Bus<>("readings", Reading::deviceId);
  private final DeviceRegistry registry = new DeviceRegistry(events, clock);
  private final DeviceAdmission admission = new DeviceAdmission(registry, null, clock);
  private final IngestCounters counters = new IngestCounters(new SimpleMeterRegistry());
  private final MqttIngest ingest = new MqttIngest(new PayloadParser(65_536, 16), readings, registry, new MetricCatalog(),
      new PresenceTracker(registry, Duration.ofSeconds(30)), clock, counters, admission);
  private final List<Reading> got = new CopyOnWriteArrayList<>();

  MqttAdmissionTest() {
    readings.subscribe("test", SubscriberOptions.durable(1000), got::add);
  }

  @AfterEach
  void close() {
    readings.close();
    events.close();
  }

  private void heartbeat(String serial) {
    send("site/datalogger/x200/1/heartbeat", "{\"serial_number\":\"" + serial + "\"}");
  }

  private void send(String topic, String json) {
    ingest.accept(new InboundMessage(topic, json.getBytes(StandardCharsets.UTF_8), 1, false));
  }

  @Test
  void heartbeats_100kDistinctSerials_devicesStayAtCap() {
    admission.configure(Source.MQTT, new AdmissionConfig(AdmissionPolicy.ACCEPT, 1000, 1_000_000, Set.of()));
    for (int i = 0; i < 100_000; i++) heartbeat("SN" + i);
    assertThat(registry.count(Source.MQTT)).isEqualTo(1000);
    assertThat(counters.rejectedCount(RejectReason.NOT_ADMITTED)).isEqualTo(99_000);
    assertThat(admission.counts(Source.MQTT).refused()).containsEntry("device_limit", 99_000L);
  }

  @Test
  void heartbeats_floodWithDefaults_60NewPerMinute() {
    for (int i = 0; i < 5_000; i++) heartbeat("SN" + i);
    assertThat(registry.count(Source.MQTT)).isEqualTo(60);
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 5_000; i++) heartbeat("SN" + i);
    assertThat(registry.count(Source.MQTT)).isEqualTo(120);
  }

  @Test
  void hostileSerials_refusedAndCounted() {
    for (String serial : List.of("../../etc/passwd", "S".repeat(1525), "SN>1", "SN\uFFFD1")) heartbeat(serial.replace("\"", ""));
    assertThat(registry.size()).isZero();
    assertThat(admission.counts(Source.MQTT).refused()).containsEntry("invalid_id", 4L);
    assertThat(counters.rejectedCount(RejectReason.NOT_ADMITTED)).isEqualTo(4);
  }

  @Test
  void allowlist_unlistedSerialIgnored_dataOfKnownButUnlistedDeviceDropped() throws Exception {
    heartbeat("OLD1");
    admission.configure(Source.MQTT, new AdmissionConfig(AdmissionPolicy.ALLOWLIST, 10, 10, Set.of("DL1")));
    heartbeat("DL1");
    heartbeat("STRANGER");
    send("site/datalogger/x200/1/input", "{\"serial_number\":\"OLD1\",\"p\":1}");
    send("site/datalogger/x200/1/input", "{\"serial_number\":\"DL1\",\"p\":2}");
    assertThat(registry.get("STRANGER")).isEmpty();
    assertThat(readings.awaitDrained(Duration.ofSeconds(2))).isTrue();
    assertThat(got).extracting(Reading::deviceId).containsExactly("DL1");
    assertThat(counters.rejectedCount(RejectReason.NOT_ADMITTED)).isEqualTo(2);
  }

  @Test
  void pending_heartbeatHeld_dataDroppedUntilApproved() throws Exception {
    admission.configure(Source.MQTT, new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of()));
    heartbeat("DL9");
    send("site/datalogger/x200/1/input", "{\"serial_number\":\"DL9\",\"p\":1}");
    assertThat(registry.get("DL9")).isEmpty();
    assertThat(admission.pending()).singleElement().satisfies(p -> assertThat(p.device().site()).isEqualTo("site"));
    admission.approve("DL9");
    heartbeat("DL9");
    send("site/datalogger/x200/1/input", "{\"serial_number\":\"DL9\",\"p\":2}");
    assertThat(readings.awaitDrained(Duration.ofSeconds(2))).isTrue();
    assertThat(got).singleElement().satisfies(r -> assertThat(r.values()).containsKey("p"));
    assertThat(registry.get("DL9")).hasValueSatisfying(d -> assertThat(d.online()).isTrue());
  }

  @Test
  void pending_heartbeatWithAModbusDeviceId_refusedAsIdConflict_dataNeverReachesIt() throws Exception {
    registry.register(Device.of("gen-1", "site", "genset", Source.MODBUS));
    admission.configure(Source.MQTT, new AdmissionConfig(AdmissionPolicy.PENDING, 10, 10, Set.of()));
    heartbeat("gen-1");
    send("site/datalogger/x200/1/input", "{\"serial_number\":\"gen-1\",\"p\":1}");
    assertThat(registry.get("gen-1")).hasValueSatisfying(d -> assertThat(d.source()).isEqualTo(Source.MODBUS));
    assertThat(registry.count(Source.MQTT)).isZero();
    assertThat(admission.pending()).isEmpty();
    assertThat(admission.counts(Source.MQTT).refused()).containsEntry("id_conflict", 2L);
    assertThat(readings.awaitDrained(Duration.ofSeconds(2))).isTrue();
    assertThat(got).isEmpty();
  }

  @Test
  void accept_heartbeatWithAnOigBoxId_refusedAsIdConflict() {
    registry.register(Device.of("2206237016", "", "battery-box", Source.OIG));
    heartbeat("2206237016");
    assertThat(registry.get("2206237016")).hasValueSatisfying(d -> assertThat(d.source()).isEqualTo(Source.OIG));
    assertThat(counters.rejectedCount(RejectReason.NOT_ADMITTED)).isEqualTo(1);
  }
}
