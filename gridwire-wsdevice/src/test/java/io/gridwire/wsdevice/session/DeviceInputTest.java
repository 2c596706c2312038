package io.gridwire.wsdevice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.reading.Reading;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.web.TestGateway;
import io.gridwire.wsdevice.DeviceClient;
import io.gridwire.wsdevice.DeviceGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceInputTest {
  final DeviceGateway gw = new DeviceGateway();
  final List<Reading> readings = new CopyOnWriteArrayList<>();

  DeviceInputTest() {
    gw.readings.subscribe("test", SubscriberOptions.live(), readings::add);
    gw.start(c -> c, DeviceConfig.defaults(), null);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void telemetry_impossibleTimestamp_receiveTimeUsedWarnedAndCounted() throws Exception {
    DeviceClient d = DeviceClient.authenticated(gw.http, gw.wsBase(), "clock-1", TestGateway.VIEWER, TestGateway.PASSWORD);
    d.send("{\"power\": 10, \"timestamp\": \"99999-99-99\"}");
    JsonNode notice = d.nextJson();
    assertThat(notice.get("status").asText()).isEqualTo("warning");
    assertThat(notice.get("error").asText()).isEqualTo("bad_timestamp");
    d.send("{\"power\": 11, \"timestamp\": 1e30}");
    await().atMost(Duration.ofSeconds(5)).until(() -> readings.size() == 2);
    assertThat(readings).extracting(Reading::timestamp).containsOnly(gw.clock.instant());
    assertThat(gw.scrape()).contains("gridwire_ws_devices_bad_timestamps_total 2.0");
  }

  /** A name past the device's bound is dropped with a warning; the message's other values are published. */
  @Test
  void telemetry_overlongMetricName_droppedWarnedCountedRestPublished() throws Exception {
    DeviceClient d = DeviceClient.authenticated(gw.http, gw.wsBase(), "names-1", TestGateway.VIEWER, TestGateway.PASSWORD);
    d.send("{\"power\": 10, \"" + "n".repeat(201) + "\": 1}");
    JsonNode notice = d.nextJson();
    assertThat(notice.get("status").asText()).isEqualTo("warning");
    assertThat(notice.get("error").asText()).isEqualTo("too_many_metrics");
    await().atMost(Duration.ofSeconds(5)).until(() -> readings.size() == 1);
    assertThat(readings.getFirst().values()).containsOnlyKeys("power");
    assertThat(gw.scrape()).contains("gridwire_ws_devices_rejected_total{reason=\"too_many_metrics\"} 1.0");
  }

  @Test
  void broadcast_hexOf200KB_invalidHexNotMalformedJson() {
    String admin = gw.login(TestGateway.ADMIN);
    String body = "{\"hex_command\":\"" + "ab".repeat(100_000) + "\"}";
    assertThat(TestGateway.error(gw.post("/api/modbus/broadcast", admin, body), 400, "invalid_hex"))
        .contains("longer than 512 bytes");
    String medium = "{\"hex_command\":\"" + "ab".repeat(1000) + "\"}";
    TestGateway.error(gw.post("/api/modbus/broadcast", admin, medium), 400, "invalid_hex");
  }
}
