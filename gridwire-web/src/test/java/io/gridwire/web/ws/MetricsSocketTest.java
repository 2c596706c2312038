package io.gridwire.web.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.reading.MetricInfo;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.web.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsSocketTest {
  static final Instant T0 = Instant.parse("2025-06-01T11:00:00Z");
  TestGateway gw;
  String token;

  @BeforeEach
  void start() {
    gw = new TestGateway();
    gw.registry.register(Device.of("gen-1", "a", "generator", Source.MODBUS));
    gw.registry.register(Device.of("box-1", "a", "battery-box", Source.OIG));
    gw.catalog.declare("gen-1", List.of(MetricInfo.of("gen_uab", "Voltage", "V")));
    gw.latest.update(Reading.builder("gen-1", T0, T0).put("gen_uab", 400).put("oil", Value.SENTINEL).build());
    gw.latest.update(Reading.builder("box-1", T0, T0).put("batt_soc", 50).build());
    gw.start();
    token = gw.login(TestGateway.VIEWER);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void connect_filtered_snapshotThenOnlyThatDevicesReadings() throws Exception {
    WsProbe ws = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?devices=gen-1&token=" + token);
    JsonNode snap = ws.nextJson();
    assertThat(snap.get("type").asText()).isEqualTo("snapshot");
    assertThat(snap.get("data")).hasSize(1);
    assertThat(snap.get("data").get(0).get("device_id").asText()).isEqualTo("gen-1");
    assertThat(snap.get("data").get(0).get("no_data").get("oil").asText()).isEqualTo("sentinel");
    assertThat(snap.get("data").get(0).get("units").get("gen_uab").asText()).isEqualTo("V");

    gw.readings.publish(Reading.builder("box-1", T0.plusSeconds(1), T0.plusSeconds(1)).put("batt_soc", 51).build());
    gw.readings.publish(Reading.builder("gen-1", T0.plusSeconds(2), T0.plusSeconds(2)).put("gen_uab", 401).build());
    JsonNode live = ws.nextJson();
    assertThat(live.get("type").asText()).isEqualTo("reading");
    assertThat(live.get("data").get("device_id").asText()).isEqualTo("gen-1");
    assertThat(live.get("data").get("values").get("gen_uab").asDouble()).isEqualTo(401);
    assertThat(live.get("data").get("timestamp").asText()).isEqualTo("2025-06-01T11:00:02Z");
    ws.close();
  }

  @Test
  void connect_noFilter_allDevicesAndEvents() throws Exception {
    WsProbe ws = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?token=" + token);
    assertThat(ws.nextJson().get("data")).hasSize(2);
    gw.readings.publish(Reading.builder("box-1", T0, T0).put("batt_soc", 52).build());
    assertThat(ws.nextJson().get("data").get("device_id").asText()).isEqualTo("box-1");
    gw.registry.offline("box-1", "connection refused");
    JsonNode event = ws.nextJson();
    assertThat(event.get("type").asText()).isEqualTo("event");
    assertThat(event.get("data").get("device_id").asText()).isEqualTo("box-1");
    assertThat(event.get("data").get("type").asText()).isEqualTo("connection_error");
    ws.close();
  }

  @Test
  void connect_alarmRaisedEvent_arrivesAsAlarmMessage() throws Exception {
    WsProbe ws = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?devices=gen-1&token=" + token);
    assertThat(ws.nextJson().get("type").asText()).isEqualTo("snapshot");
    gw.events.publish(new io.gridwire.core.event.Event(T0, "gen-1", io.gridwire.core.event.EventType.ALARM_RAISED,
        "gen-1: Low oil pressure (critical) raised", java.util.Map.of("alarm_id", "shutdown_low_oil_pressure",
            "severity", "critical")));
    JsonNode alarm = ws.nextJson();
    assertThat(alarm.get("type").asText()).isEqualTo("alarm");
    assertThat(alarm.get("data").get("type").asText()).isEqualTo("alarm_raised");
    assertThat(alarm.get("data").get("data").get("alarm_id").asText()).isEqualTo("shutdown_low_oil_pressure");
    ws.close();
  }

  @Test
  void connect_batch_everyReadingArrivesInOrder_singleOrInReadingsFrames() throws Exception {
    WsProbe ws = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?devices=gen-1&batch=true&token=" + token);
    assertThat(ws.nextJson().get("type").asText()).isEqualTo("snapshot");
    assertThat(MetricsHub.readingMessage(Reading.builder("gen-1", T0, T0).put("gen_uab", 1).build(), gw.catalog, null))
        .startsWith(MetricsHub.READING_PREFIX);
    for (int i = 0; i < 200; i++) {
      gw.readings.publish(Reading.builder("gen-1", T0.plusSeconds(i), T0.plusSeconds(i)).put("gen_uab", i).build());
    }
    List<Integer> seen = new java.util.ArrayList<>();
    while (seen.isEmpty() || seen.get(seen.size() - 1) != 199) {
      JsonNode m = ws.nextJson();
      String type = m.get("type").asText();
      assertThat(type).isIn("reading", "readings");
      if (type.equals("reading")) seen.add(m.get("data").get("values").get("gen_uab").asInt());
      else m.get("data").forEach(r -> seen.add(r.get("values").get("gen_uab").asInt()));
    }
    // the bus may coalesce a lagging subscriber per device, so some may be skipped, never reordered
    assertThat(seen).isSorted().doesNotHaveDuplicates().endsWith(199);
    ws.close();
  }

  @Test
  void connect_badBatch_refused400NamingIt() {
    HttpResponse<String> r = upgrade("/ws/metrics?token=" + token + "&batch=yes");
    assertThat(TestGateway.error(r, 400, "bad_request")).contains("'batch'");
  }

  @Test
  void ping_getsPong() throws Exception {
    WsProbe ws = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?devices=gen-1&token=" + token);
    ws.next();
    ws.send("ping");
    assertThat(ws.next()).isEqualTo("pong");
    ws.close();
  }

  @Test
  void connect_withoutToken_refused401() {
    assertThatThrownBy(() -> WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics"))
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void connect_tooManyDevices_refused400WithReason_serviceKeepsRunning() {
    String ids = IntStream.range(0, 1001).mapToObj(i -> "d" + i).collect(Collectors.joining(","));
    HttpResponse<String> r = upgrade("/ws/metrics?token=" + token + "&devices=" + ids);
    assertThat(r.statusCode()).as(r.headers() + r.body()).isEqualTo(400);
    assertThat(TestGateway.error(r, 400, "bad_request")).contains("'devices'").contains("1000");
    // Beyond the request-line bound Jetty itself refuses (414 URI Too Long), still without harm.
    assertThat(upgrade("/ws/metrics?token=" + token + "&devices=" + "x,".repeat(40_000)).statusCode()).isEqualTo(414);
    assertThat(gw.get("/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void clientMessage_overBound_closedWith1009() throws Exception {
    WsProbe ws = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?devices=gen-1&token=" + token);
    ws.next();
    ws.socket.sendText("x".repeat(65 * 1024), true);
    assertThat(ws.closed.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1009);
  }

  @Test
  void close_clientForgotten() throws Exception {
    WsProbe ws = WsProbe.connect(gw.http, gw.wsBase() + "/ws/metrics?token=" + token);
    ws.next();
    assertThat(gw.server.hub().connections()).isEqualTo(1);
    ws.socket.sendClose(1000, "bye").join();
    await().atMost(Duration.ofSeconds(5)).until(() -> gw.server.hub().connections() == 0);
  }

  /** A plain HTTP GET with upgrade headers, to see the refusal status and body. */
  private HttpResponse<String> upgrade(String path) {
    try (var socket = new java.net.Socket("127.0.0.1", gw.server.port())) {
      socket.setSoTimeout(5000);
      String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
      socket.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return RawHttp.read(socket.getInputStream());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static HttpRequest.Builder request(String uri) {
    return HttpRequest.newBuilder(URI.create(uri));
  }
}
