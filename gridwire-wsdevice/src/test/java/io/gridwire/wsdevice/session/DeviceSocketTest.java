package io.gridwire.wsdevice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.admission.AdmissionConfig;
import io.gridwire.core.admission.AdmissionPolicy;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.web.TestGateway;
import io.gridwire.wsdevice.DeviceClient;
import io.gridwire.wsdevice.DeviceGateway;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceSocketTest {
  DeviceGateway gw = new DeviceGateway();
  final List<Reading> readings = new CopyOnWriteArrayList<>();
  final List<Event> events = new CopyOnWriteArrayList<>();

  void start(DeviceConfig cfg) {
    gw.readings.subscribe("test", SubscriberOptions.live(), readings::add);
    gw.events.subscribe("test", SubscriberOptions.live(), events::add);
    gw.start(c -> c, cfg, null);
  }

  DeviceClient device(String id) throws Exception {
    return DeviceClient.authenticated(gw.http, gw.wsBase(), id, TestGateway.VIEWER, TestGateway.PASSWORD);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void telemetry_wsDeviceServerDevice_becomesReadingOfSessionWithUtcTimestamp() throws Exception {
    start(DeviceConfig.defaults());
    DeviceClient d = device("cerbo-1");
    d.send("{\"type\":\"hello\",\"kind\":\"inverter\",\"name\":\"Roof PV\"}");
    d.send("{\"battery_voltage\": 24.5, \"solar_power\": 1500, \"grid\": {\"on\": true, \"l1\": {\"v\": 230}},"
        + " \"mode\": \"eco\", \"timestamp\": \"2025-06-01T11:59:00\"}");
    await().atMost(Duration.ofSeconds(5)).until(() -> !readings.isEmpty());
    Reading r = readings.get(0);
    assertThat(r.deviceId()).isEqualTo("cerbo-1");
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2025-06-01T11:59:00Z"));
    assertThat(r.values()).containsEntry("battery_voltage", Value.of(24.5)).containsEntry("solar_power", Value.of(1500))
        .containsEntry("grid_on", Value.TRUE).containsEntry("grid_l1_v", Value.of(230)).containsEntry("mode", Value.of("eco"))
        .doesNotContainKey("timestamp");
    Device dev = gw.registry.get("cerbo-1").orElseThrow();
    assertThat(dev.online()).isTrue();
    assertThat(dev.kind()).isEqualTo("inverter");
    assertThat(dev.name()).isEqualTo("Roof PV");
    assertThat(dev.attributes()).containsEntry("owner", TestGateway.VIEWER).containsEntry("auth", "password");
  }

  @Test
  void auth_wrongPasswordOrUnknownUser_sameErrorThenClose1008() throws Exception {
    start(DeviceConfig.defaults());
    DeviceClient a = DeviceClient.connect(gw.http, gw.wsBase(), "d1");
    a.send("{\"email\":\"" + TestGateway.VIEWER + "\",\"password\":\"wrong\"}");
    JsonNode wrong = a.nextJson();
    assertThat(a.awaitClose()).startsWith("1008");
    DeviceClient b = DeviceClient.connect(gw.http, gw.wsBase(), "d2");
    b.send("{\"email\":\"nobody@example.com\",\"password\":\"wrong\"}");
    JsonNode unknown = b.nextJson();
    assertThat(b.awaitClose()).startsWith("1008");
    assertThat(wrong.get("status").asText()).isEqualTo("error");
    assertThat(wrong).isEqualTo(unknown);
    assertThat(gw.registry.get("d1")).isEmpty();
  }

  @Test
  void auth_repeatedFailuresOfOneAccountFromOneAddress_delayed() throws Exception {
    start(DeviceConfig.defaults());
    for (int i = 0; i < 3; i++) {
      DeviceClient c = DeviceClient.connect(gw.http, gw.wsBase(), "d" + i);
      c.send("{\"email\":\"" + TestGateway.ADMIN + "\",\"password\":\"guess" + i + "\"}");
      assertThat(c.nextJson().get("error").asText()).isEqualTo("invalid_credentials");
    }
    DeviceClient c = DeviceClient.connect(gw.http, gw.wsBase(), "d9");
    c.send("{\"email\":\"" + TestGateway.ADMIN + "\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    assertThat(c.nextJson().get("error").asText()).isEqualTo("too_many_attempts");
    assertThat(c.awaitClose()).startsWith("1008");
  }

  @Test
  void auth_failuresAcrossAccountsFromOneAddress_addressLimited() throws Exception {
    start(new DeviceConfig(Duration.ofSeconds(10), 64 * 1024, 8, 20, 100, Duration.ofSeconds(5), 3, 100,
        Duration.ofSeconds(20), true));
    String[] tries = {"{\"email\":\"a@example.com\",\"password\":\"x\"}", "{\"email\":\"b@example.com\",\"password\":\"x\"}",
        "{\"token\":\"not-a-token\"}"};
    for (int i = 0; i < tries.length; i++) {
      DeviceClient c = DeviceClient.connect(gw.http, gw.wsBase(), "d" + i);
      c.send(tries[i]);
      assertThat(c.nextJson().get("error").asText()).isIn("invalid_credentials", "invalid_token");
    }
    // right credentials of an account that never failed: the address is what is limited now
    DeviceClient c = DeviceClient.connect(gw.http, gw.wsBase(), "d9");
    c.send("{\"email\":\"" + TestGateway.VIEWER + "\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    assertThat(c.nextJson().get("error").asText()).isEqualTo("too_many_attempts");
    assertThat(c.awaitClose()).startsWith("1008");
    assertThat(gw.registry.get("d9")).isEmpty();
  }

  @Test
  void auth_noMessageWithinTimeout_closed1008() throws Exception {
    start(DeviceConfig.defaults().withAuthTimeout(Duration.ofMillis(300)));
    DeviceClient c = DeviceClient.connect(gw.http, gw.wsBase(), "silent");
    assertThat(c.nextJson().get("error").asText()).isEqualTo("auth_timeout");
    assertThat(c.awaitClose()).startsWith("1008");
  }

  @Test
  void auth_deviceToken_authenticatesOnlyItsSession() throws Exception {
    start(DeviceConfig.defaults());
    String admin = gw.login(TestGateway.ADMIN);
    String token = TestGateway.json(gw.post("/api/tokens", admin, "{\"device_id\":\"pv-7\"}")).get("token").asText();
    DeviceClient ok = DeviceClient.withToken(gw.http, gw.wsBase(), "pv-7", token);
    assertThat(gw.registry.get("pv-7").orElseThrow().attributes()).containsEntry("auth", "token")
        .containsEntry("owner", TestGateway.ADMIN);
    DeviceClient other = DeviceClient.connect(gw.http, gw.wsBase(), "pv-8");
    other.send("{\"token\":\"" + token + "\"}");
    assertThat(other.nextJson().get("status").asText()).isEqualTo("error");
    assertThat(other.awaitClose()).startsWith("1008");
    ok.abort();
  }

  @Test
  void upgrade_missingSessionId_400() {
    start(DeviceConfig.defaults());
    var f = gw.http.newWebSocketBuilder().buildAsync(java.net.URI.create(gw.wsBase() + "/ws/devices?session_id=bad%20id"),
        new java.net.http.WebSocket.Listener() {});
    org.assertj.core.api.Assertions.assertThatThrownBy(f::join).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(400));
  }

  @Test
  void telemetry_garbageOversizeAndDeep_errorMessagesSessionStaysOpen() throws Exception {
    start(new DeviceConfig(Duration.ofSeconds(10), 1024, 4, 20, 100, Duration.ofSeconds(5), 10, 5, Duration.ofSeconds(20), true));
    DeviceClient d = device("noisy");
    d.send("not json at all");
    assertThat(d.nextJson().get("error").asText()).isEqualTo("not_json");
    d.send("{\"big\":\"" + "x".repeat(2000) + "\"}");
    assertThat(d.nextJson().get("error").asText()).isEqualTo("too_large");
    d.send("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}");
    assertThat(d.nextJson().get("error").asText()).isEqualTo("too_deep");
    d.send("[1,2]");
    assertThat(d.nextJson().get("error").asText()).isEqualTo("not_object");
    d.send("{\"n\":" + "9".repeat(101) + "}");
    assertThat(d.nextJson().get("error").asText()).as("a 101-digit number is not a nesting problem").isEqualTo("value_too_long");
    d.send("{\"ok\":1}");
    await().atMost(Duration.ofSeconds(5)).until(() -> readings.size() == 1);
    assertThat(gw.devices.sessions().get("noisy").orElseThrow().messagesRejected()).isEqualTo(5);
    String scrape = gw.scrape();
    assertThat(scrape).contains("gridwire_ws_devices_rejected_total{reason=\"too_deep\"} 1.0");
  }

  @Test
  void telemetry_flood_throttledAtBurstWithNotice() throws Exception {
    start(DeviceConfig.defaults().withRate(1, 5)); // the manual clock never refills the bucket
    DeviceClient flood = device("flood");
    for (int i = 0; i < 30; i++) flood.send("{\"n\":" + i + "}");
    assertThat(flood.nextJson().get("error").asText()).isEqualTo("throttled");
    DeviceClient calm = device("calm");
    calm.send("{\"n\":1}");
    await().atMost(Duration.ofSeconds(5)).until(() -> readings.stream().anyMatch(r -> r.deviceId().equals("calm")));
    await().atMost(Duration.ofSeconds(5)).until(() -> gw.devices.sessions().get("flood").orElseThrow().messagesThrottled() == 25);
    assertThat(readings.stream().filter(r -> r.deviceId().equals("flood"))).hasSize(5);
  }

  @Test
  void session_duplicateId_oldClosedWithReasonNewKeepsDeviceOnline() throws Exception {
    start(DeviceConfig.defaults());
    DeviceClient first = device("dup");
    DeviceClient second = device("dup");
    assertThat(first.awaitClose()).startsWith("1000").contains("replaced");
    Thread.sleep(100); // let the old connection's close handler run before asserting it changed nothing
    assertThat(gw.registry.get("dup").orElseThrow().online()).isTrue();
    String admin = gw.login(TestGateway.ADMIN);
    assertThat(gw.post("/api/sessions/dup/messages", admin, "{\"cmd\":\"x\"}").statusCode()).isEqualTo(200);
    assertThat(second.nextJson().get("cmd").asText()).isEqualTo("x");
  }

  @Test
  void session_peerVanishesWithoutClose_deviceOffline() throws Exception {
    start(DeviceConfig.defaults());
    try (Socket raw = new Socket("127.0.0.1", gw.server.port())) {
      OutputStream out = raw.getOutputStream();
      InputStream in = raw.getInputStream();
      String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
      out.write(("GET /ws/devices?session_id=ghost HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(io.gridwire.web.ws.RawHttpAccess.status(in)).isEqualTo(101);
      out.write(maskedText("{\"email\":\"" + TestGateway.VIEWER + "\",\"password\":\"" + TestGateway.PASSWORD + "\"}"));
      out.flush();
      await().atMost(Duration.ofSeconds(5)).until(() -> gw.registry.get("ghost").map(Device::online).orElse(false));
      raw.setSoLinger(true, 0); // RST, no close frame
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !gw.registry.get("ghost").orElseThrow().online());
    assertThat(gw.devices.sessions().get("ghost")).isEmpty();
  }

  static byte[] maskedText(String text) {
    byte[] p = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {1, 2, 3, 4};
    java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
    f.write(0x81);
    if (p.length < 126) {
      f.write(0x80 | p.length);
    } else {
      f.write(0x80 | 126);
      f.write(p.length >> 8);
      f.write(p.length & 0xff);
    }
    f.writeBytes(mask);
    for (int i = 0; i < p.length; i++) f.write(p[i] ^ mask[i % 4]);
    return f.toByteArray();
  }

  @Test
  void command_toDevice_deliveredWithIdAndReplyLinked() throws Exception {
    start(DeviceConfig.defaults());
    DeviceClient d = device("cerbo-2");
    String admin = gw.login(TestGateway.ADMIN);
    var r = gw.post("/api/sessions/cerbo-2/messages", admin, "{\"command\":\"set_grid_feed\",\"power\":5000}");
    assertThat(r.statusCode()).isEqualTo(200);
    String id = TestGateway.json(r).get("command_id").asText();
    JsonNode got = d.nextJson();
    assertThat(got.get("command").asText()).isEqualTo("set_grid_feed");
    assertThat(got.get("command_id").asText()).isEqualTo(id);
    d.send("{\"command_id\":\"" + id + "\",\"result\":\"ok\"}");
    await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e.type() == EventType.COMMAND_ANSWERED));
    Event answered = events.stream().filter(e -> e.type() == EventType.COMMAND_ANSWERED).findFirst().orElseThrow();
    assertThat(answered.data()).containsEntry("command_id", id).containsEntry("linked", "true");
    Event sent = events.stream().filter(e -> e.type() == EventType.COMMAND_SENT).findFirst().orElseThrow();
    assertThat(sent.data()).containsEntry("command_id", id).containsEntry("outcome", "delivered").containsEntry("by", TestGateway.ADMIN);
    assertThat(readings).isEmpty();
  }

  @Test
  void command_viewerOrUnknownSession_refused() throws Exception {
    start(DeviceConfig.defaults());
    device("cerbo-3");
    String viewer = gw.login(TestGateway.VIEWER);
    String admin = gw.login(TestGateway.ADMIN);
    TestGateway.error(gw.post("/api/sessions/cerbo-3/messages", viewer, "{}"), 403, "forbidden");
    TestGateway.error(gw.post("/api/sessions/nope/messages", admin, "{}"), 404, "not_connected");
    TestGateway.error(gw.post("/api/sessions/cerbo-3/messages", null, "{}"), 401, "unauthorized");
    TestGateway.error(gw.post("/send_message", viewer, "{\"session_token\":\"cerbo-3\",\"data\":{}}"), 403, "forbidden");
  }

  @Test
  void broadcast_twoDevices_deviceServerAnswerAndBinaryFrames() throws Exception {
    start(DeviceConfig.defaults());
    DeviceClient a = device("a");
    DeviceClient b = device("b");
    String admin = gw.login(TestGateway.ADMIN);
    var r = gw.post("/api/modbus/broadcast", admin, "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"detail\":\"Modbus command broadcast complete\",\"total_devices\":2,"
        + "\"sent_successfully\":2,\"failed\":0,\"hex_command\":\"09 03 00 00 00 0a c4 85\"}");
    byte[] expected = {9, 3, 0, 0, 0, 0x0a, (byte) 0xc4, (byte) 0x85};
    assertThat(a.nextBinary()).isEqualTo(expected);
    assertThat(b.nextBinary()).isEqualTo(expected);
    var answer = gw.post("/broadcast_modbus_command?hex_data=01%2003%2000%2000%2000%200a%20c5%20cd", admin, "");
    assertThat(TestGateway.json(answer).get("hex_command").asText()).isEqualTo("01 03 00 00 00 0a c5 cd");
    assertThat(a.nextBinary()).hasSize(8);
    var compact = gw.post("/api/modbus/broadcast", admin, "{\"hex_command\":\"0103000000\"}");
    assertThat(TestGateway.json(compact).get("hex_command").asText()).isEqualTo("01 03 00 00 00");
    assertThat(TestGateway.error(gw.post("/api/modbus/broadcast", admin, "{\"hex_command\":\"01 0G\"}"), 400, "invalid_hex"))
        .contains("'G'");
    TestGateway.error(gw.post("/api/modbus/broadcast", admin, "{\"hex_command\":\"012\"}"), 400, "invalid_hex");
  }

  @Test
  void deviceServerPaths_sendConnectedStatusHealth() throws Exception {
    start(DeviceConfig.defaults());
    DeviceClient d = device("seed-1");
    String admin = gw.login(TestGateway.ADMIN);
    var sent = gw.post("/send_message", admin, "{\"session_token\":\"seed-1\",\"data\":{\"command\":\"set_grid_feed\",\"power\":5000}}");
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(d.nextJson().get("power").asInt()).isEqualTo(5000);
    var viaQuery = gw.post("/send_message?session_token=seed-1", admin, "{\"command\":\"stop\"}");
    assertThat(viaQuery.statusCode()).isEqualTo(200);
    assertThat(d.nextJson().get("command").asText()).isEqualTo("stop");
    assertThat(TestGateway.json(gw.get("/devices/connected", admin)).get("connected_devices").get(0).asText()).isEqualTo("seed-1");
    assertThat(TestGateway.json(gw.get("/devices/seed-1/status", admin)).get("connected").asBoolean()).isTrue();
    assertThat(TestGateway.json(gw.get("/devices/other/status", admin)).get("connected").asBoolean()).isFalse();
    assertThat(gw.get("/devices/health", null).body())
        .isEqualTo("{\"status\":\"healthy\",\"service\":\"energetic_devices_websocket_server\",\"connected_devices\":1}");
    JsonNode list = TestGateway.json(gw.get("/api/sessions", admin));
    assertThat(list.get("total").asInt()).isEqualTo(1);
    assertThat(list.get("sessions").get(0).get("owner").asText()).isEqualTo(TestGateway.VIEWER);
    assertThat(TestGateway.json(gw.get("/api/sessions/seed-1", admin)).get("local").asBoolean()).isTrue();
    TestGateway.error(gw.get("/api/sessions/none", admin), 404, "not_connected");
  }

  @Test
  void admission_maxDevicesOfSourceWs_newSessionOverTheCapRefusedThenClosed_knownOnesStillAdmitted() throws Exception {
    gw.admission.configure(Source.WS, new AdmissionConfig(AdmissionPolicy.ACCEPT, 2, 60, java.util.Set.of()));
    start(DeviceConfig.defaults());
    DeviceClient first = device("meter@site-1"); // the session_id grammar ('@', up to 128 characters) is kept
    device("meter@site-2");
    DeviceClient over = DeviceClient.connect(gw.http, gw.wsBase(), "meter@site-3");
    over.send("{\"email\":\"" + TestGateway.VIEWER + "\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    JsonNode refused = over.nextJson();
    assertThat(refused.get("error").asText()).isEqualTo("not_admitted");
    assertThat(refused.get("detail").asText()).startsWith("device_limit");
    assertThat(over.awaitClose()).startsWith("1008");
    assertThat(gw.registry.count(Source.WS)).isEqualTo(2);
    assertThat(gw.registry.get("meter@site-3")).isEmpty();
    assertThat(gw.admission.counts(Source.WS).refused()).containsEntry("device_limit", 1L);
    first.abort();
    assertThat(device("meter@site-1")).as("a known device reconnects").isNotNull();
  }

  @Test
  void admission_sessionIdOfAModbusDevice_refusedAsIdConflict() throws Exception {
    gw.registry.register(Device.of("gen-1", "site", "genset", Source.MODBUS));
    start(DeviceConfig.defaults());
    DeviceClient d = DeviceClient.connect(gw.http, gw.wsBase(), "gen-1");
    d.send("{\"email\":\"" + TestGateway.VIEWER + "\",\"password\":\"" + TestGateway.PASSWORD + "\"}");
    assertThat(d.nextJson().get("detail").asText()).startsWith("id_conflict");
    assertThat(d.awaitClose()).startsWith("1008");
    assertThat(gw.registry.get("gen-1")).hasValueSatisfying(x -> assertThat(x.source()).isEqualTo(Source.MODBUS));
  }
}
