package io.gridwire.web;

import static io.gridwire.web.TestGateway.error;
import static io.gridwire.web.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT} and {@code DELETE /api/devices/{id}}: admin-only, bounded, refused where they would not hold. */
class DeviceAdminTest {
  private static final Instant T0 = Instant.parse("2025-06-01T11:00:00Z");
  private TestGateway gw;
  private String admin;
  private String viewer;

  @BeforeEach
  void start() {
    gw = new TestGateway();
    gw.registry.register(Device.of("gen-1", "plant-a", "generator", Source.MODBUS));
    gw.registry.register(Device.of("dl-1", "plant-a", "datalogger", Source.MQTT));
    gw.registry.register(Device.of("inv-7", "", "device", Source.WS));
    gw.catalog.declare("dl-1", List.of(MetricInfo.of("temp", "Temperature", "°C")));
    gw.latest.update(Reading.builder("dl-1", T0, T0).put("temp", 21.5).build());
    gw.start();
    admin = gw.login(TestGateway.ADMIN);
    viewer = gw.login(TestGateway.VIEWER);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  private HttpResponse<String> put(String path, String token, String body) {
    return gw.send(HttpRequest.newBuilder(URI.create(gw.base() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> delete(String path, String token) {
    return gw.send(HttpRequest.newBuilder(URI.create(gw.base() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).DELETE().build());
  }

  @Test
  void put_wsDevice_setsGivenFieldsKeepsOthersAndPresence() {
    gw.registry.seen("inv-7");
    HttpResponse<String> r = put("/api/devices/inv-7", admin, "{\"name\":\"Roof inverter\",\"kind\":\"inverter\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode d = json(gw.get("/api/devices/inv-7", viewer));
    assertThat(d.get("name").asText()).isEqualTo("Roof inverter");
    assertThat(d.get("kind").asText()).isEqualTo("inverter");
    assertThat(d.get("online").asBoolean()).as("presence untouched").isTrue();
    assertThat(gw.registry.get("inv-7").orElseThrow().source()).isEqualTo(Source.WS);
  }

  @Test
  void put_unknownId_preRegistersAWebSocketDevice() {
    assertThat(put("/api/devices/meter-9", admin, "{\"name\":\"Main meter\",\"site\":\"plant-b\"}").statusCode()).isEqualTo(200);
    Device d = gw.registry.get("meter-9").orElseThrow();
    assertThat(d.source()).isEqualTo(Source.WS);
    assertThat(d.name()).isEqualTo("Main meter");
    assertThat(d.site()).isEqualTo("plant-b");
    assertThat(d.online()).isFalse();
  }

  @Test
  void put_badInput_400NamingTheProblem() {
    assertThat(error(put("/api/devices/inv-7", admin, "{\"online\":true}"), 400, "bad_request")).contains("'online'");
    assertThat(error(put("/api/devices/inv-7", admin, "{\"name\":5}"), 400, "bad_request")).contains("'name'");
    assertThat(error(put("/api/devices/inv-7", admin, "{\"name\":\"" + "x".repeat(201) + "\"}"), 400, "bad_request")).contains("200");
    assertThat(error(put("/api/devices/inv-7", admin, "[1]"), 400, "bad_request")).contains("JSON object");
    error(put("/api/devices/inv-7", admin, "{nope"), 400, "malformed_json");
    assertThat(error(put("/api/devices/bad%20id%21", admin, "{}"), 400, "bad_request")).contains("device id");
  }

  @Test
  void put_deviceOfAnotherSource_409SaysWhereItsNameComesFrom() {
    assertThat(error(put("/api/devices/gen-1", admin, "{\"name\":\"x\"}"), 409, "conflict")).contains("gridwire.yaml");
    assertThat(error(put("/api/devices/dl-1", admin, "{\"name\":\"x\"}"), 409, "conflict")).contains("heartbeat");
    assertThat(gw.registry.get("dl-1").orElseThrow().name()).isEqualTo("dl-1");
  }

  @Test
  void putAndDelete_viewer_403() {
    assertThat(put("/api/devices/inv-7", viewer, "{\"name\":\"x\"}").statusCode()).isEqualTo(403);
    assertThat(delete("/api/devices/dl-1", viewer).statusCode()).isEqualTo(403);
    assertThat(gw.registry.get("dl-1")).isPresent();
  }

  @Test
  void delete_offlineDevice_goneFromListLatestAndCatalogWithEvent() {
    HttpResponse<String> r = delete("/api/devices/dl-1", admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("removed").asText()).isEqualTo("dl-1");
    assertThat(gw.registry.get("dl-1")).isEmpty();
    assertThat(gw.latest.latest("dl-1")).isEmpty();
    assertThat(gw.catalog.metrics("dl-1")).isEmpty();
    error(gw.get("/api/devices/dl-1", viewer), 404, "not_found");
    assertThat(json(gw.get("/api/devices", viewer))).extracting(n -> n.get("id").asText()).doesNotContain("dl-1");
    assertThat(gw.registry.drainDirty().removed()).as("the store deletes it on the next drain").contains("dl-1");
    error(delete("/api/devices/dl-1", admin), 404, "not_found");
  }

  @Test
  void delete_onlineOrModbusDevice_409AndKept() {
    gw.registry.seen("dl-1");
    assertThat(error(delete("/api/devices/dl-1", admin), 409, "conflict")).contains("online");
    assertThat(error(delete("/api/devices/gen-1", admin), 409, "conflict")).contains("gridwire.yaml");
    assertThat(gw.registry.get("dl-1")).isPresent();
    assertThat(gw.registry.get("gen-1")).isPresent();
  }
}
