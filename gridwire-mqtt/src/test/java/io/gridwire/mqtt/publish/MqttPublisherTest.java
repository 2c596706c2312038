package io.gridwire.mqtt.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttPublisherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ManualClock clock = ManualClock.at("2025-10-17T10:00:00Z");
  private final DeviceRegistry registry = new DeviceRegistry(null, clock);
  private final MetricCatalog catalog = new MetricCatalog();
  private final FakeTransport transport = new FakeTransport();
  private final Topics topics = new Topics("gw", "ha");
  private final MqttPublisher publisher = new MqttPublisher(transport, registry, catalog,
      new DiscoveryCodec(topics, "gridwire", "0.1.0", Duration.ofMinutes(5)), 16, true, new SimpleMeterRegistry());

  MqttPublisherTest() {
    registry.addListener(publisher::deviceChanged);
  }

  @AfterEach
  void close() {
    publisher.close();
  }

  private Reading reading(String id, Map<String, Object> values) {
    Reading.Builder b = Reading.builder(id, Instant.parse("2025-10-17T10:00:00Z"), clock.instant());
    values.forEach((k, v) -> {
      if (v instanceof Boolean x) b.put(k, x);
      else b.put(k, ((Number) v).doubleValue());
    });
    return b.build();
  }

  private static JsonNode json(FakeTransport.Sent s) throws Exception {
    return JSON.readTree(s.payload());
  }

  @Test
  void reading_declaredMetric_announcesSensorWithCatalogUnitAndState() throws Exception {
    registry.register(Device.of("gen-1", "site", "generator", Source.MODBUS).withModel("HGM9520N"));
    catalog.declare("gen-1", List.of(new MetricInfo("coolant_temp", "Coolant temperature", "°C", "temperature", "measurement")));
    publisher.onReadings(List.of(reading("gen-1", Map.of("coolant_temp", 81.0))));

    JsonNode c = json(transport.last("ha/sensor/gridwire_gen_1_coolant_temp/config"));
    assertThat(c.get("unique_id").asText()).isEqualTo("gridwire_gen_1_coolant_temp");
    assertThat(c.get("default_entity_id").asText()).isEqualTo("sensor.gridwire_gen_1_coolant_temp");
    assertThat(c.has("object_id")).as("object_id is deprecated since Home Assistant 2025.10").isFalse();
    assertThat(c.get("unit_of_measurement").asText()).isEqualTo("°C");
    assertThat(c.get("device_class").asText()).isEqualTo("temperature");
    assertThat(c.get("state_class").asText()).isEqualTo("measurement");
    assertThat(c.get("state_topic").asText()).isEqualTo("gw/gen-1/state");
    assertThat(c.get("expire_after").asInt()).isEqualTo(300);
    assertThat(c.get("availability").toString()).contains("gw/status", "gw/gen-1/availability");
    assertThat(c.get("device").get("identifiers").get(0).asText()).isEqualTo("gridwire_gen_1");
    assertThat(c.get("device").get("model").asText()).isEqualTo("HGM9520N");
    assertThat(transport.last("ha/sensor/gridwire_gen_1_coolant_temp/config").retain()).isTrue();
    FakeTransport.Sent state = transport.last("gw/gen-1/state");
    assertThat(json(state).get("coolant_temp").asInt()).isEqualTo(81);
    assertThat(state.retain()).isTrue();
  }

  @Test
  void reading_undeclaredBoolean_announcesBinarySensor() throws Exception {
    publisher.onReadings(List.of(reading("ws-1", Map.of("relay_1", true, "battery_voltage", 24.5))));
    JsonNode b = json(transport.last("ha/binary_sensor/gridwire_ws_1_relay_1/config"));
    assertThat(b.get("value_template").asText()).contains("value_json.get('relay_1')", "'ON'");
    JsonNode v = json(transport.last("ha/sensor/gridwire_ws_1_battery_voltage/config"));
    assertThat(v.get("unit_of_measurement").asText()).isEqualTo("V");
  }

  @Test
  void reading_sameMetricsAgain_doesNotReannounce() {
    publisher.onReadings(List.of(reading("d", Map.of("x", 1))));
    publisher.onReadings(List.of(reading("d", Map.of("x", 2))));
    assertThat(transport.to("ha/sensor/gridwire_d_x/config")).hasSize(1);
    assertThat(transport.to("gw/d/state")).hasSize(2);
  }

  @Test
  void partialReadings_stateCarriesMergedValues() throws Exception {
    publisher.onReadings(List.of(reading("d", Map.of("a", 1))));
    publisher.onReadings(List.of(reading("d", Map.of("b", 2))));
    JsonNode s = json(transport.last("gw/d/state"));
    assertThat(s.get("a").asInt()).isEqualTo(1);
    assertThat(s.get("b").asInt()).isEqualTo(2);
  }

  @Test
  void presenceChanges_publishRetainedAvailability() {
    registry.register(Device.of("dl", "s", "datalogger", Source.MQTT));
    registry.seen("dl");
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.last("gw/dl/availability") != null
        && transport.last("gw/dl/availability").payload().equals("online"));
    registry.offline("dl", null);
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.last("gw/dl/availability").payload().equals("offline"));
    assertThat(transport.last("gw/dl/availability").retain()).isTrue();
  }

  @Test
  void removedDevice_clearsRetainedConfigsStateAndAvailability() {
    registry.register(Device.of("dl", "s", "datalogger", Source.MQTT));
    publisher.onReadings(List.of(reading("dl", Map.of("x", 1, "on", true))));
    registry.remove("dl");
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.last("gw/dl/state").payload().isEmpty());
    assertThat(transport.last("ha/sensor/gridwire_dl_x/config").payload()).isEmpty();
    assertThat(transport.last("ha/binary_sensor/gridwire_dl_on/config").payload()).isEmpty();
    assertThat(transport.last("gw/dl/availability").payload()).isEmpty();
  }

  @Test
  void disconnected_skipsThenReconnectRepublishesEverything() {
    // Down before the device appears: its availability would otherwise be published while up.
    transport.up = false;
    registry.register(Device.of("dl", "s", "datalogger", Source.MQTT));
    publisher.onReadings(List.of(reading("dl", Map.of("x", 1))));
    assertThat(transport.sent).isEmpty();
    transport.up = true;
    publisher.onConnected();
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.last("gw/dl/state") != null);
    assertThat(transport.last("gw/status").payload()).isEqualTo("online");
    assertThat(transport.last("ha/sensor/gridwire_dl_x/config")).isNotNull();
    assertThat(transport.last("gw/dl/availability").payload()).isEqualTo("offline");
  }

  @Test
  void homeAssistantBirth_republishesConfigs() {
    publisher.onReadings(List.of(reading("d", Map.of("x", 1))));
    publisher.onHaStatus("offline".getBytes());
    publisher.onHaStatus("online".getBytes());
    await().atMost(Duration.ofSeconds(5)).until(() -> transport.to("ha/sensor/gridwire_d_x/config").size() == 2);
  }

  @Test
  void republishAll_completesWithMessageCount() throws Exception {
    catalog.declare("m", List.of(MetricInfo.of("a", "A", "V"), MetricInfo.of("b", "B", "A")));
    registry.register(Device.of("m", "s", "inverter", Source.MODBUS));
    int n = publisher.republishAll().get();
    assertThat(n).as("gateway device, availability, two configs, state").isEqualTo(5);
    assertThat(transport.last("ha/sensor/gridwire_m_b/config")).isNotNull();
    assertThat(transport.last("ha/binary_sensor/gridwire_gridwire_status/config").retain()).isTrue();
  }
}
