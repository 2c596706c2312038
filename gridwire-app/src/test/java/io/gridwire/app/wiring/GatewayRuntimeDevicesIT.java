package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.demo.WsDeviceSimulator;
import io.gridwire.core.user.Role;
import io.gridwire.modbus.poll.PollStats;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modbus devices and profiles through the API on a running gateway: added, edited and removed
 * while a WebSocket device and a Modbus device from the file keep going undisturbed; file devices
 * read-only; validation the same as the file's; runtime devices and profiles back after a restart.
 */
class GatewayRuntimeDevicesIT {
  private static final String ADMIN = "ops@example.com";
  private static final String PASSWORD = "runtime-admin-pw";
  @TempDir Path dir;

  @Test
  void runtimeDevice_addEditRemove_otherConnectionsUndisturbedAndBackAfterRestart() throws Exception {
    try (ModbusSimulator fileSim = sim(1); ModbusSimulator apiSim = sim(0)) {
      Path cfg = config(fileSim.port());
      Map<String, Instant> lastReading = new ConcurrentHashMap<>();
      List<String> gaps = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (Gateway g = Gateway.start(new ConfigLoader().load(cfg, Map.of()), Clock.systemUTC())) {
        g.setPassword(ADMIN, PASSWORD, Role.ADMIN);
        watchGaps(g, lastReading, gaps);
        RestClient api = new RestClient("http://127.0.0.1:" + g.httpPort(), ADMIN, PASSWORD);
        var owner = g.storage().users().findByEmail(ADMIN).orElseThrow();
        String wsToken = g.web().authenticator().issueDeviceToken("ws-1", owner, Duration.ofHours(1)).token();
        try (WsDeviceSimulator ws = new WsDeviceSimulator("ws://127.0.0.1:" + g.httpPort(), "ws-1", Map.of("token", wsToken),
            Duration.ofMillis(200))) {
          Thread.ofVirtual().start(ws::run);
          await().atMost(Duration.ofSeconds(20)).until(() -> online(api, "ws-1") && online(api, "gen-file"));
          Instant wsConnectedAt = g.wsDevices().sessions().get("ws-1").orElseThrow().connectedAt();
          PollStats.Snapshot fileBefore = g.modbus().stats("gen-file").orElseThrow().snapshot();

          // add
          String body = "{\"source\":\"modbus\",\"id\":\"gen-api\",\"name\":\"Genset by API\",\"site\":\"north\","
              + "\"profile\":\"smartgen-hgm9520n\",\"host\":\"127.0.0.1\",\"port\":" + apiSim.port()
              + ",\"unit_id\":1,\"interval\":\"300ms\"}";
          RestClient.Answer added = api.send("POST", "/api/devices", body);
          assertThat(added.status()).as(added.body()).isEqualTo(201);
          assertThat(added.json().path("attributes").path("origin").asText()).isEqualTo("api");
          await().atMost(Duration.ofSeconds(15)).until(() -> online(api, "gen-api"));
          assertThat(api.send("POST", "/api/devices", body).status()).isEqualTo(409);

          // edit: another unit id and name
          RestClient.Answer edited = api.send("PUT", "/api/devices/gen-api", body.replace("\"unit_id\":1", "\"unit_id\":7")
              .replace("Genset by API", "Genset 7"));
          assertThat(edited.status()).as(edited.body()).isEqualTo(200);
          assertThat(edited.json().path("name").asText()).isEqualTo("Genset 7");
          assertThat(edited.json().path("attributes").path("unit_id").asText()).isEqualTo("7");
          long pollsAfterEdit = g.modbus().stats("gen-api").orElseThrow().polls();
          await().atMost(Duration.ofSeconds(15)).until(() -> g.modbus().stats("gen-api").orElseThrow().polls() > pollsAfterEdit + 2);

          // file devices are read-only through the API
          RestClient.Answer put = api.send("PUT", "/api/devices/gen-file", body.replace("gen-api", "gen-file"));
          assertThat(put.status()).isEqualTo(409);
          assertThat(put.body()).contains("configuration file").contains("read-only through the API");
          assertThat(api.send("DELETE", "/api/devices/gen-file", null).status()).isEqualTo(409);
          assertThat(api.device("gen-file").path("attributes").path("origin").asText()).isEqualTo("file");

          // remove it, then add it again so it is there for the restart
          assertThat(api.send("DELETE", "/api/devices/gen-api", null).status()).isEqualTo(200);
          assertThat(api.device("gen-api")).isNull();
          assertThat(g.modbus().device("gen-api")).isEmpty();
          assertThat(api.send("POST", "/api/devices", body).status()).isEqualTo(201);

          // the others went on as if nothing happened
          Thread.sleep(1_000);
          assertThat(gaps).as("readings of ws-1 and gen-file kept coming").isEmpty();
          assertThat(g.wsDevices().sessions().get("ws-1").orElseThrow().connectedAt()).isEqualTo(wsConnectedAt);
          PollStats.Snapshot fileAfter = g.modbus().stats("gen-file").orElseThrow().snapshot();
          assertThat(fileAfter.failedPolls()).isEqualTo(fileBefore.failedPolls());
          assertThat(fileAfter.errors().values().stream().mapToLong(Long::longValue).sum())
              .isEqualTo(fileBefore.errors().values().stream().mapToLong(Long::longValue).sum());
          assertThat(fileAfter.polls()).isGreaterThan(fileBefore.polls());
        }
      }
      // a restart brings the runtime device back, polling
      try (Gateway g = Gateway.start(new ConfigLoader().load(cfg, Map.of()), Clock.systemUTC())) {
        RestClient api = new RestClient("http://127.0.0.1:" + g.httpPort(), ADMIN, PASSWORD);
        assertThat(g.modbus().origin("gen-api")).isEqualTo("api");
        await().atMost(Duration.ofSeconds(15)).until(() -> online(api, "gen-api"));
        assertThat(api.device("gen-api").path("name").asText()).isEqualTo("Genset by API");
      }
    }
  }

  /** The same bad devices give the same errors, with the same keys, from the file and from the API. */
  @Test
  void badDevice_apiAndFile_sameErrorsWithKeys() throws Exception {
    try (Gateway g = Gateway.start(new ConfigLoader().load(config(0), Map.of()), Clock.systemUTC())) {
      g.setPassword(ADMIN, PASSWORD, Role.ADMIN);
      RestClient api = new RestClient("http://127.0.0.1:" + g.httpPort(), ADMIN, PASSWORD);
      for (BadModbusDevices.Case c : BadModbusDevices.CASES) {
        RestClient.Answer a = api.send("POST", "/api/devices", c.json("gen-bad"));
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        List<String> apiErrors = new ArrayList<>();
        a.json().path("detail").forEach(e -> apiErrors.add(e.asText()));

        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "modbus:\n  devices:\n" + c.yamlElement("gen-bad"));
        List<String> fileErrors = ConfigCheck.problems(new ConfigLoader().load(file, Map.of())).stream()
            .map(p -> p.replace("modbus.devices[0].", "")).toList();
        assertThat(apiErrors).as(c.fields().toString()).isEqualTo(fileErrors).isEqualTo(c.errors());
      }
      RestClient.Answer unknownKey = api.send("POST", "/api/devices", "{\"id\":\"x\",\"profile\":\"smartgen-hgm9520n\","
          + "\"host\":\"h\",\"colour\":\"red\"}");
      assertThat(unknownKey.status()).isEqualTo(400);
      assertThat(unknownKey.json().path("detail").get(0).asText()).isEqualTo("colour: unknown key 'colour'");
      assertThat(api.get("/api/devices").toString()).doesNotContain("gen-bad");
    }
  }

  @Test
  void profiles_postedProfile_usableAtOnceAndBackAfterRestart() throws Exception {
    String profile = "{\"name\":\"meter-x\",\"label\":\"Meter X\",\"kind\":\"meter\",\"blocks\":[{\"name\":\"power\","
        + "\"function\":3,\"start\":0,\"count\":2,\"fields\":[{\"name\":\"active_power\",\"offset\":0,\"type\":\"u16\","
        + "\"unit\":\"W\"}]}]}";
    try (ModbusSimulator sim = sim(0)) {
      Path cfg = config(0);
      try (Gateway g = Gateway.start(new ConfigLoader().load(cfg, Map.of()), Clock.systemUTC())) {
        g.setPassword(ADMIN, PASSWORD, Role.ADMIN);
        RestClient api = new RestClient("http://127.0.0.1:" + g.httpPort(), ADMIN, PASSWORD);
        RestClient.Answer bad = api.send("POST", "/api/profiles", profile.replace("\"offset\":0", "\"offset\":5"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asText()).contains("block 'power'").contains("field 'active_power'");
        RestClient.Answer builtIn = api.send("POST", "/api/profiles", profile.replace("meter-x", "smartgen-hgm9560"));
        assertThat(builtIn.status()).isEqualTo(409);
        RestClient.Answer ok = api.send("POST", "/api/profiles", profile);
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        JsonNode listed = api.get("/api/profiles");
        assertThat(listed.toString()).contains("\"name\":\"meter-x\"").contains("\"origin\":\"api\"")
            .contains("\"origin\":\"built-in\"");
        RestClient.Answer dev = api.send("POST", "/api/devices", "{\"id\":\"meter-1\",\"profile\":\"meter-x\",\"host\":\"127.0.0.1\","
            + "\"port\":" + sim.port() + ",\"unit_id\":3}");
        assertThat(dev.status()).as(dev.body()).isEqualTo(201);
        assertThat(dev.json().path("kind").asText()).isEqualTo("meter");
      }
      try (Gateway g = Gateway.start(new ConfigLoader().load(cfg, Map.of()), Clock.systemUTC())) {
        RestClient api = new RestClient("http://127.0.0.1:" + g.httpPort(), ADMIN, PASSWORD);
        assertThat(api.get("/api/profiles").toString()).contains("\"name\":\"meter-x\"");
        assertThat(g.modbus().device("meter-1")).isPresent();
      }
    }
  }

  private static boolean online(RestClient api, String id) throws Exception {
    JsonNode d = api.device(id);
    return d != null && d.path("online").asBoolean();
  }

  /** Records any gap over 2 s between two readings of ws-1 or gen-file (they come every 200 ms). */
  private static void watchGaps(Gateway g, Map<String, Instant> last, List<String> gaps) {
    g.readings().subscribe("test-gaps", io.gridwire.core.bus.SubscriberOptions.live(), r -> {
      if (!r.deviceId().equals("ws-1") && !r.deviceId().equals("gen-file")) return;
      Instant now = Instant.now();
      Instant before = last.put(r.deviceId(), now);
      if (before != null && Duration.between(before, now).compareTo(Duration.ofSeconds(2)) > 0) {
        gaps.add(r.deviceId() + " silent for " + Duration.between(before, now));
      }
    });
  }

  private static ModbusSimulator sim(int unitId) throws Exception {
    return ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP, "127.0.0.1", 0, unitId,
        Duration.ofMillis(200)));
  }

  private Path config(int fileSimPort) throws Exception {
    Path f = dir.resolve("gridwire.yaml");
    String devices = fileSimPort == 0 ? "  devices: []\n" : "  devices:\n    - {id: gen-file, profile: smartgen-hgm9520n, "
        + "host: 127.0.0.1, port: " + fileSimPort + ", unit_id: 1, interval: 200ms}\n";
    Files.writeString(f, "node:\n  data_dir: " + dir + "\nhttp:\n  host: 127.0.0.1\n  port: 0\nauth:\n  bcrypt_cost: 4\n"
        + "modbus:\n" + devices);
    return f;
  }
}
