package io.gridwire.mqtt.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.device.Device;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.io.BufferedReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Discovery, presence, readings, Home Assistant publishing against a real broker, checked with mosquitto_sub. */
class MqttGatewayIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void heartbeatThenInput_discoversDeviceAndPublishesReadingStateAndConfigs(TestBroker.Kind kind) throws Exception {
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      h.start();
      h.pub(h.topic("monstro", "1", "heartbeat"), "{\"serial_number\":\"MON-1\",\"firmware\":\"2.4.1\",\"signal\":-61}");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.registry.get("MON-1").map(Device::online).orElse(false));
      Device d = h.registry.get("MON-1").orElseThrow();
      assertThat(d.kind()).isEqualTo("datalogger");
      assertThat(d.attributes()).containsEntry("type", "monstro").containsEntry("topic_id", "1")
          .containsEntry("site", h.site).containsEntry("firmware", "2.4.1");

      h.pub(h.topic("monstro", "1", "input"),
          "{\"serial_number\":\"MON-1\",\"timestamp\":\"2025-10-17T09:59:59Z\",\"battery_voltage\":24.5,\"relay\":{\"1\":true}}");
      await().atMost(Duration.ofSeconds(10)).until(() -> !h.got.isEmpty());
      Reading r = h.got.get(0);
      assertThat(r.timestamp()).isEqualTo(Instant.parse("2025-10-17T09:59:59Z"));
      assertThat(r.values()).containsEntry("battery_voltage", Value.of(24.5)).containsEntry("relay_1", Value.TRUE);

      String configTopic = h.discoveryPrefix + "/sensor/gridwire_mon_1_battery_voltage/config";
      List<String> config = Cli.sub(broker.port(), configTopic, 1, 10);
      assertThat(config).hasSize(1);
      JsonNode c = JSON.readTree(config.get(0).substring(configTopic.length() + 1));
      assertThat(c.get("unique_id").asText()).isEqualTo("gridwire_mon_1_battery_voltage");
      assertThat(c.get("default_entity_id").asText()).isEqualTo("sensor.gridwire_mon_1_battery_voltage");
      assertThat(c.get("unit_of_measurement").asText()).isEqualTo("V");
      assertThat(c.get("device_class").asText()).isEqualTo("voltage");
      assertThat(c.get("state_class").asText()).isEqualTo("measurement");
      assertThat(c.get("device").get("sw_version").asText()).isEqualTo("2.4.1");
      assertThat(c.get("availability").toString()).contains(h.statePrefix + "/MON-1/availability");
      assertThat(Cli.sub(broker.port(), h.discoveryPrefix + "/binary_sensor/gridwire_mon_1_relay_1/config", 1, 10))
          .hasSize(1);

      List<String> state = Cli.sub(broker.port(), h.statePrefix + "/MON-1/state", 1, 10);
      assertThat(state.get(0)).contains("\"battery_voltage\":24.5", "\"relay_1\":true");
      assertThat(Cli.sub(broker.port(), h.statePrefix + "/MON-1/availability", 1, 10))
          .containsExactly(h.statePrefix + "/MON-1/availability online");
      assertThat(Cli.sub(broker.port(), h.statePrefix + "/status", 1, 10)).containsExactly(h.statePrefix + "/status online");
    }
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void silence30s_marksOfflineAndPublishesAvailability_heartbeatBringsItBack(TestBroker.Kind kind) {
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      h.start();
      h.pub(h.topic(null, "1", "heartbeat"), "{\"serial_number\":\"GW-1\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.registry.get("GW-1").map(Device::online).orElse(false));
      h.clock.advance(Duration.ofSeconds(29));
      assertThat(h.gateway.sweepPresence()).isEmpty();
      h.clock.advance(Duration.ofSeconds(1));
      assertThat(h.gateway.sweepPresence()).containsExactly("GW-1");
      assertThat(h.registry.get("GW-1").orElseThrow().online()).isFalse();
      assertThat(h.gateway.health().ok()).as("a silent device never touches the connection").isTrue();
      String avail = h.statePrefix + "/GW-1/availability";
      await().atMost(Duration.ofSeconds(10)).until(() -> Cli.sub(broker.port(), avail, 1, 3).contains(avail + " offline"));

      h.pub(h.topic(null, "1", "heartbeat"), "{\"serial_number\":\"GW-1\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.registry.get("GW-1").orElseThrow().online());
      await().atMost(Duration.ofSeconds(10)).until(() -> Cli.sub(broker.port(), avail, 1, 3).contains(avail + " online"));
    }
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void homeAssistantBirth_republishesRetainedConfigs(TestBroker.Kind kind) throws Exception {
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      h.start();
      h.pub(h.topic("adaq", "2", "heartbeat"), "{\"serial_number\":\"ADQ-2\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.registry.get("ADQ-2").isPresent());
      h.pub(h.topic("adaq", "2", "input"), "{\"serial_number\":\"ADQ-2\",\"temperature\":31.5}");
      String topic = h.discoveryPrefix + "/sensor/gridwire_adq_2_temperature/config";
      assertThat(Cli.sub(broker.port(), topic, 1, 10)).as("retained").hasSize(1);

      Process sub = Cli.subscriber(broker.port(), topic);
      try {
        BufferedReader out = Cli.reader(sub);
        assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(10, TimeUnit.SECONDS)).startsWith(topic);
        Cli.pub(broker.port(), h.discoveryPrefix + "/status", "online", 1, false);
        String again = CompletableFuture.supplyAsync(() -> readLine(out)).get(10, TimeUnit.SECONDS);
        assertThat(again).startsWith(topic).contains("\"device_class\":\"temperature\"");
      } finally {
        sub.destroyForcibly();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestBroker.Kind.class)
  void badInputs_areCountedAndIngestKeepsWorking(TestBroker.Kind kind) {
    try (TestBroker broker = TestBroker.shared(kind); Harness h = new Harness(broker)) {
      h.start();
      h.pub(h.topic(null, "1", "heartbeat"), "not json at all");
      h.pub(h.topic(null, "1", "heartbeat"), "{\"firmware\":\"1.0\"}");
      h.pub(h.topic(null, "1", "heartbeat"), "{\"serial_number\":\"BIG\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
      h.pub(h.topic(null, "1", "heartbeat"), "{\"serial_number\":\"DEEP\",\"a\":" + "{\"a\":".repeat(30) + "1" + "}".repeat(31));
      h.pub(h.site + "/datalogger/x/heartbeat/extra", "{\"serial_number\":\"T\"}");
      h.pub(h.topic(null, "1", "heartbeat"), "{\"serial_number\":\"GOOD\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> h.registry.get("GOOD").isPresent());
      Map<String, Long> rejected = h.gateway.ingest().counters().rejectedByReason();
      assertThat(rejected).containsEntry("not_json", 1L).containsEntry("no_serial", 1L)
          .containsEntry("oversize", 1L).containsEntry("too_deep", 1L);
      assertThat(h.registry.get("BIG")).isEmpty();
      assertThat(h.registry.get("DEEP")).isEmpty();
      assertThat(h.gateway.health().ok()).isTrue();
    }
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
