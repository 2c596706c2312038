package io.gridwire.web;

import static io.gridwire.web.TestGateway.error;
import static io.gridwire.web.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.api.HealthCheck;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.core.user.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RestApiTest {
  static TestGateway gw;
  static String viewer;
  static String admin;
  static final Instant T0 = Instant.parse("2025-06-01T11:00:00Z");

  @BeforeAll
  static void start() {
    gw = new TestGateway();
    gw.health.add(() -> new HealthCheck.Status("store", true, "fine"));
    gw.routes.add(ApiRoute.get("/api/test/echo/{name}", req -> ApiResponse.ok(Map.of("name", req.path("name"),
        "q", String.valueOf(req.query("q")), "user", req.userEmail()))));
    gw.routes.add(ApiRoute.post("/api/test/command", Role.ADMIN, req -> ApiResponse.accepted(Map.of("got", req.bodyText()))));
    gw.routes.add(ApiRoute.get("/api/test/refused", req -> {
      throw new ApiException(409, "conflict", "device busy");
    }));
    gw.routes.add(ApiRoute.get("/api/test/boom", req -> {
      throw new IllegalStateException("secret internals");
    }));
    gw.registry.register(Device.of("gen-1", "plant-a", "generator", Source.MODBUS));
    gw.registry.register(Device.of("box-1", "plant-b", "battery-box", Source.OIG));
    gw.registry.register(Device.of("dl-1", "plant-a", "datalogger", Source.MQTT));
    gw.registry.seen("gen-1");
    gw.catalog.declare("gen-1", List.of(MetricInfo.of("gen_uab", "Voltage A-B", "V"),
        MetricInfo.of("coolant_temp", "Coolant temperature", "°C")));
    gw.latest.update(Reading.builder("gen-1", T0, T0.plusMillis(150)).put("gen_uab", 400.5)
        .put("coolant_temp", Value.SENTINEL).put("running", true).put("status", "Standby").build());
    gw.latest.update(Reading.builder("box-1", T0, T0).put("batt_soc", 87).build());
    gw.start();
    viewer = gw.login(TestGateway.VIEWER);
    admin = gw.login(TestGateway.ADMIN);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void health_open_reportsChecks() {
    HttpResponse<String> r = gw.get("/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode n = json(r);
    assertThat(n.get("status").asText()).isEqualTo("ok");
    assertThat(n.get("checks").get(0).get("name").asText()).isEqualTo("store");
  }

  @Test
  void devices_noFilter_listsAllSorted() {
    JsonNode n = json(gw.get("/api/devices", viewer));
    assertThat(n).hasSize(3);
    assertThat(n.get(0).get("id").asText()).isEqualTo("dl-1");
    assertThat(n.get(0).get("source").asText()).isEqualTo("mqtt");
    assertThat(n.get(0).has("last_seen")).isTrue();
  }

  @Test
  void devices_filters_combine() {
    assertThat(ids(gw.get("/api/devices?site=plant-a", viewer))).containsExactly("dl-1", "gen-1");
    assertThat(ids(gw.get("/api/devices?source=oig", viewer))).containsExactly("box-1");
    assertThat(ids(gw.get("/api/devices?online=true", viewer))).containsExactly("gen-1");
    assertThat(ids(gw.get("/api/devices?site=plant-a&online=false", viewer))).containsExactly("dl-1");
  }

  @Test
  void devices_badFilterValues_400NamingParameter() {
    assertThat(error(gw.get("/api/devices?source=zigbee", viewer), 400, "bad_request")).contains("'source'");
    assertThat(error(gw.get("/api/devices?online=maybe", viewer), 400, "bad_request")).contains("'online'");
    assertThat(error(gw.get("/api/devices?sit=plant-a", viewer), 400, "bad_request")).contains("unknown parameter 'sit'");
  }

  @Test
  void device_known_returnsIt_unknown_404() {
    JsonNode n = json(gw.get("/api/devices/gen-1", viewer));
    assertThat(n.get("online").asBoolean()).isTrue();
    assertThat(n.get("kind").asText()).isEqualTo("generator");
    assertThat(error(gw.get("/api/devices/nope", viewer), 404, "not_found")).contains("nope");
  }

  @Test
  void metrics_all_entriesCarryNullNoDataReasonsAndUnits() {
    JsonNode n = json(gw.get("/api/metrics", viewer));
    assertThat(n).hasSize(2);
    JsonNode gen = n.get(1);
    assertThat(gen.get("device_id").asText()).isEqualTo("gen-1");
    assertThat(gen.get("timestamp").asText()).isEqualTo("2025-06-01T11:00:00Z");
    assertThat(gen.get("received_at").asText()).isEqualTo("2025-06-01T11:00:00.150Z");
    assertThat(gen.get("values").get("gen_uab").asDouble()).isEqualTo(400.5);
    assertThat(gen.get("values").get("coolant_temp").isNull()).isTrue();
    assertThat(gen.get("values").get("running").asBoolean()).isTrue();
    assertThat(gen.get("values").get("status").asText()).isEqualTo("Standby");
    assertThat(gen.get("no_data").get("coolant_temp").asText()).isEqualTo("sentinel");
    assertThat(gen.get("units").get("gen_uab").asText()).isEqualTo("V");
    assertThat(gen.get("units").get("coolant_temp").asText()).isEqualTo("°C");
  }

  @Test
  void metrics_byDeviceAndSite_filter_unknownDevice404() {
    assertThat(json(gw.get("/api/metrics?device_id=box-1", viewer))).hasSize(1);
    JsonNode site = json(gw.get("/api/metrics?site=plant-a", viewer));
    assertThat(site).hasSize(1);
    assertThat(site.get(0).get("device_id").asText()).isEqualTo("gen-1");
    assertThat(json(gw.get("/api/metrics?device_id=dl-1", viewer))).isEmpty();
    error(gw.get("/api/metrics?device_id=ghost", viewer), 404, "not_found");
  }

  @Test
  void lastKnown_deviceWentOffline_keepsItsValues_unknown404_missingParameter400() {
    gw.registry.register(Device.of("ups-1", "plant-c", "ups", Source.MODBUS));
    try {
      lastKnownOf("ups-1");
    } finally {
      gw.registry.remove("ups-1");
      gw.latest.remove("ups-1");
    }
  }

  private void lastKnownOf(String id) {
    gw.latest.update(Reading.builder(id, T0, T0).put("load", 41.5).put("mode", "online").build());
    assertThat(json(gw.get("/api/metrics/last_known?device_id=" + id, viewer))).isEmpty();
    gw.latest.update(Reading.builder(id, T0.plusSeconds(30), T0.plusSeconds(30)).put("load", Value.COMM_LOST)
        .put("mode", Value.COMM_LOST).build());
    JsonNode kept = json(gw.get("/api/metrics/last_known?device_id=" + id, viewer)).get(0);
    assertThat(kept.get("values").get("load").asDouble()).isEqualTo(41.5);
    assertThat(kept.get("values").get("mode").asText()).isEqualTo("online");
    assertThat(kept.get("timestamp").asText()).isEqualTo(T0.toString());
    assertThat(json(gw.get("/api/metrics?device_id=" + id, viewer)).get(0).get("no_data").get("load").asText()).isEqualTo("comm_lost");
    error(gw.get("/api/metrics/last_known?device_id=ghost", viewer), 404, "not_found");
    error(gw.get("/api/metrics/last_known", viewer), 400, "bad_request");
  }

  @Test
  void catalog_device_listsMetrics_unknown404() {
    JsonNode n = json(gw.get("/api/metrics/catalog?device_id=gen-1", viewer));
    assertThat(n.get(0).get("name").asText()).isEqualTo("gen_uab");
    assertThat(n.get(0).get("unit").asText()).isEqualTo("V");
    assertThat(n.get(0).get("state_class").asText()).isEqualTo("measurement");
    assertThat(n.get(0).get("section").isNull()).isTrue();
    assertThat(n.get(0).get("primary").asBoolean(true)).isFalse();
    assertThat(json(gw.get("/api/metrics/catalog", viewer)).get("gen-1")).hasSize(2);
    error(gw.get("/api/metrics/catalog?device_id=ghost", viewer), 404, "not_found");
  }

  @Test
  void history_rawAndBucketed_fromStore() {
    for (int i = 0; i < 120; i++) {
      Instant t = T0.plusSeconds(i * 30L);
      gw.history.append(List.of(Reading.builder("gen-1", t, t).put("gen_uab", 400 + (i % 2)).build()));
    }
    JsonNode raw = json(gw.get("/api/metrics/history?device_id=gen-1&metric=gen_uab&from=2025-06-01T11:00:00Z&to=2025-06-01T11:05:00Z", viewer));
    assertThat(raw.get("resolution").asText()).isEqualTo("raw");
    assertThat(raw.get("unit").asText()).isEqualTo("V");
    assertThat(raw.get("points")).hasSize(10);
    assertThat(raw.get("points").get(0).get("time").asText()).isEqualTo("2025-06-01T11:00:00Z");
    assertThat(raw.get("points").get(1).get("value").asDouble()).isEqualTo(401);

    JsonNode b = json(gw.get("/api/metrics/history?device_id=gen-1&metric=gen_uab&from=-1h&step=5m", viewer));
    assertThat(b.get("step").asText()).isEqualTo("300s");
    assertThat(b.get("points")).hasSize(12);
    JsonNode p = b.get("points").get(0);
    assertThat(p.get("avg").asDouble()).isEqualTo(400.5);
    assertThat(p.get("min").asDouble()).isEqualTo(400);
    assertThat(p.get("max").asDouble()).isEqualTo(401);
    assertThat(p.get("count").asLong()).isEqualTo(10);
    assertThat(gw.history.queries().getLast().step()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void history_badParameters_400NamingEach() {
    String base = "/api/metrics/history?device_id=gen-1&metric=gen_uab";
    assertThat(error(gw.get("/api/metrics/history?device_id=gen-1", viewer), 400, "bad_request")).contains("'metric'");
    assertThat(error(gw.get(base + "&from=yesterday", viewer), 400, "bad_request")).contains("'from'");
    assertThat(error(gw.get(base + "&step=5x", viewer), 400, "bad_request")).contains("'step'");
    assertThat(error(gw.get(base + "&step=0s", viewer), 400, "bad_request")).contains("'step'");
    assertThat(error(gw.get(base + "&from=-30d&step=1s", viewer), 400, "bad_request")).contains("'step'");
    assertThat(error(gw.get(base + "&from=-1h&to=-2h", viewer), 400, "bad_request")).contains("'to'");
    assertThat(error(gw.get(base + "&limit=0", viewer), 400, "bad_request")).contains("'limit'");
    error(gw.get("/api/metrics/history?device_id=ghost&metric=x", viewer), 404, "not_found");
  }

  @Test
  void history_stepOverBillionYearRange_400NotOverflow() {
    // Year 1 to the last instant in 1 ms steps: more buckets than a long holds (used to be a 500).
    String q = "/api/metrics/history?device_id=gen-1&metric=gen_uab&from=0001-01-01T00:00:00Z"
        + "&to=%2B1000000000-12-31T23:59:59Z&step=1ms";
    assertThat(error(gw.get(q, viewer), 400, "bad_request")).contains("'step'");
    assertThat(gw.history.queries()).isEmpty();
  }

  @Test
  void events_filters_newestFirst_badType400() {
    gw.eventStore.append(List.of(
        Event.of(T0, "gen-1", EventType.DEVICE_ONLINE, "gen-1 is online"),
        Event.of(T0.plusSeconds(60), "gen-1", EventType.ALARM_RAISED, "low fuel"),
        Event.of(T0.plusSeconds(120), "box-1", EventType.DEVICE_OFFLINE, "box-1 is offline")));
    JsonNode all = json(gw.get("/api/events?limit=2", viewer));
    assertThat(all).hasSize(2);
    assertThat(all.get(0).get("device_id").asText()).isEqualTo("box-1");
    assertThat(all.get(0).get("type").asText()).isEqualTo("device_offline");
    JsonNode alarms = json(gw.get("/api/events?device_id=gen-1&type=alarm_raised", viewer));
    assertThat(alarms).hasSize(1);
    assertThat(alarms.get(0).get("message").asText()).isEqualTo("low fuel");
    assertThat(json(gw.get("/api/events?type=alarm_raised,device_offline", viewer))).hasSize(2);
    assertThat(json(gw.get("/api/events?from=2025-06-01T11:01:30Z", viewer))).hasSize(1);
    assertThat(error(gw.get("/api/events?type=explosion", viewer), 400, "bad_request")).contains("'type'");
    assertThat(error(gw.get("/api/events?type=alarm_raised,explosion", viewer), 400, "bad_request")).contains("explosion");
    assertThat(error(gw.get("/api/events?limit=10001", viewer), 400, "bad_request")).contains("'limit'");
  }

  @Test
  void extraRoutes_mountedWithAuthAndRole() {
    JsonNode echo = json(gw.get("/api/test/echo/abc?q=1", viewer));
    assertThat(echo.get("name").asText()).isEqualTo("abc");
    assertThat(echo.get("q").asText()).isEqualTo("1");
    assertThat(echo.get("user").asText()).isEqualTo(TestGateway.VIEWER);
    error(gw.get("/api/test/echo/abc", null), 401, "unauthorized");
    error(gw.post("/api/test/command", viewer, "{}"), 403, "forbidden");
    HttpResponse<String> ok = gw.post("/api/test/command", admin, "{\"x\":1}");
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(json(ok).get("got").asText()).isEqualTo("{\"x\":1}");
  }

  @Test
  void extraRoutes_errors_renderedAsJson_internalsHidden() {
    assertThat(error(gw.get("/api/test/refused", viewer), 409, "conflict")).isEqualTo("device busy");
    HttpResponse<String> boom = gw.get("/api/test/boom", viewer);
    error(boom, 500, "internal_error");
    assertThat(boom.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
  }

  @Test
  void unknownRoute_404Json() {
    error(gw.get("/api/nothing-here", viewer), 404, "not_found");
  }

  @Test
  void oversizedBody_413_serviceKeepsRunning() {
    String big = "{\"email\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"password\":\"p\"}";
    HttpResponse<String> r = gw.post("/api/auth/login", null, big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(gw.get("/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJson_400WithWhere() {
    String d = error(gw.post("/api/auth/login", null, "{\"email\": \"a@b\", "), 400, "malformed_json");
    assertThat(d).contains("not valid JSON");
    error(gw.post("/api/auth/login", null, ""), 400, "malformed_json");
    error(gw.post("/api/auth/login", null, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]"), 400,
        "malformed_json");
  }

  /** A made-up method in the request line is counted as "other": it cannot add a timer per request. */
  @Test
  void prometheus_madeUpHttpMethods_countedAsOther() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gw.port())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("MADEUP" + i + " /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
            .startsWith("HTTP/1.1 ");
      }
    }
    String scrape = gw.get("/metrics", TestGateway.SCRAPE_TOKEN).body();
    assertThat(scrape).doesNotContain("MADEUP").contains("gridwire_http_requests_seconds_count{method=\"other\"");
  }

  @Test
  void prometheus_exposesBusHttpWsAndAuthMeters() {
    gw.get("/api/devices", viewer);
    HttpResponse<String> r = gw.get("/metrics", TestGateway.SCRAPE_TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("gridwire_bus_queued{bus=\"readings\",subscriber=\"readings/ws-hub\"}")
        .contains("gridwire_bus_queued_bytes{bus=\"readings\",subscriber=\"readings/ws-hub\"}")
        .contains("gridwire_bus_dropped_total")
        .contains("gridwire_bus_coalesced_total")
        .contains("gridwire_http_requests_seconds_count{method=\"GET\",route=\"/api/devices\",status=\"200\"}")
        .contains("gridwire_ws_connections")
        .contains("gridwire_ws_dropped_total")
        .contains("gridwire_auth_login_failures_total");
  }

  private static List<String> ids(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).findValuesAsText("id");
  }
}
