package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.core.user.Role;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command ledger end to end: REST, roles, an OIG box simulator behind the proxy, a restart. */
class GatewayCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOX = "2206237016";
  private static final String MODE_3 =
      "{\"device_id\":\"" + BOX + "\",\"kind\":\"oig_setting\",\"target\":\"tbl_box_prms/MODE\",\"value\":\"Home UPS\"}";
  @TempDir Path dir;

  private GridwireConfig config() {
    return new ConfigLoader().load(null, Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_AUTH_BCRYPT_COST", "4",
        "GRIDWIRE_OIG_ENABLED", "true",
        "GRIDWIRE_OIG_LISTEN_HOST", "127.0.0.1",
        "GRIDWIRE_OIG_LISTEN_PORT", "0",
        "GRIDWIRE_OIG_CLOUD_HOST", "127.0.0.1",
        "GRIDWIRE_OIG_CLOUD_PORT", Integer.toString(FreePorts.next()))); // nothing listens: the cloud is down
  }

  private static OigBoxSimulator box(Gateway g) throws Exception {
    OigBoxSimulator box = new OigBoxSimulator("127.0.0.1", g.oig().port(), BOX, ZoneId.of("Europe/Prague"), Clock.systemUTC(),
        Duration.ofSeconds(5));
    box.connect();
    box.exchange(box.frames().actual(Instant.now()));
    return box;
  }

  @Test
  void oigMode_askedOverRest_appliedWithEvidence_refusalsAndRolesEnforced() throws Exception {
    try (Gateway g = Gateway.start(config(), Clock.systemUTC()); OigBoxSimulator box = box(g)) {
      g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
      g.setPassword("view@example.com", "correct-horse-battery", Role.VIEWER);
      RestClient admin = new RestClient(g, "ops@example.com", "correct-horse-battery");
      RestClient viewer = new RestClient(g, "view@example.com", "correct-horse-battery");

      RestClient.Answer bad = admin.send("POST", "/api/commands", MODE_3.replace("Home UPS", "9"));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body()).contains("tbl_box_prms/MODE").contains("allowed 0..5");
      assertThat(admin.send("POST", "/api/commands", MODE_3.replace("MODE", "IP")).body()).contains("not a settable OIG item");
      assertThat(viewer.send("POST", "/api/commands", MODE_3).status()).as("viewers do not command").isEqualTo(403);

      RestClient.Answer asked = admin.send("POST", "/api/commands", MODE_3);
      assertThat(asked.status()).as(asked.body()).isEqualTo(202);
      JsonNode c = JSON.readTree(asked.body());
      assertThat(c.get("state").asText()).isEqualTo("queued");
      assertThat(c.get("value").asText()).isEqualTo("3");
      assertThat(c.get("requested_by").asText()).isEqualTo("ops@example.com");
      box.poll();
      String path = "/api/commands/" + c.get("id").asLong();
      await().atMost(Duration.ofSeconds(10)).until(() -> viewer.get(path).get("state").asText().equals("applied"));
      JsonNode done = viewer.get(path);
      assertThat(done.get("steps")).extracting(s -> s.get("state").asText())
          .containsExactly("queued", "sent", "acknowledged", "applied");
      assertThat(done.get("steps").get(3).get("evidence").asText()).contains("Remotely : tbl_box_prms / MODE: [0]->[3]");
      assertThat(viewer.get("/api/commands?device_id=" + BOX).get("commands")).hasSize(1);
      await("command events are stored like other events").atMost(Duration.ofSeconds(10))
          .until(() -> viewer.get("/api/events?type=command").toString().contains("applied"));
      String metrics = admin.send("GET", "/metrics", null).body();
      assertThat(metrics).contains("gridwire_commands_refused_total{status=\"400\"} 2.0")
          .contains("gridwire_commands_total{kind=\"oig_setting\",state=\"applied\"} 1.0");
    }
  }

  @Test
  void queuedCommand_survivesRestart_thenDelivered_orCancelled() throws Exception {
    long keep;
    long cancel;
    try (Gateway g = Gateway.start(config(), Clock.systemUTC())) {
      g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
      RestClient admin = new RestClient(g, "ops@example.com", "correct-horse-battery");
      keep = JSON.readTree(admin.send("POST", "/api/commands", MODE_3).body()).get("id").asLong();
      cancel = JSON.readTree(admin.send("POST", "/api/commands", MODE_3.replace("Home UPS", "0")).body()).get("id").asLong();
    }
    try (Gateway g = Gateway.start(config(), Clock.systemUTC())) {
      RestClient admin = new RestClient(g, "ops@example.com", "correct-horse-battery");
      assertThat(admin.get("/api/commands/" + keep).get("state").asText()).isEqualTo("queued");
      assertThat(admin.send("POST", "/api/commands/" + cancel + "/cancel", "").status()).isEqualTo(200);
      assertThat(admin.get("/api/commands/" + cancel).get("state").asText()).isEqualTo("cancelled");
      try (OigBoxSimulator box = box(g)) {
        box.poll();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/commands/" + keep).get("state").asText().equals("applied"));
        box.poll();
        assertThat(box.settingsReceived()).hasSize(1);
      }
      assertThat(admin.send("POST", "/api/commands/" + keep + "/cancel", "").status()).as("ended").isEqualTo(409);
      assertThat(admin.send("GET", "/api/commands/999999", null).status()).isEqualTo(404);
    }
  }

  @Test
  void gensetStart_askedOverRest_confirmedByStatusRegisters_shutdownAlarmRefuses() throws Exception {
    try (ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP,
        "127.0.0.1", 0, 1, Duration.ofMillis(100)))) {
      sim.values().setLabel("gen_status_name", "standby");
      Files.writeString(dir.resolve("gridwire.yaml"), """
          modbus:
            devices:
              - {id: gen-1, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, unit_id: 1, interval: 200ms}
          """.formatted(sim.port()));
      GridwireConfig cfg = new ConfigLoader().load(dir.resolve("gridwire.yaml"), Map.of(
          "GRIDWIRE_NODE_DATA_DIR", dir.toString(), "GRIDWIRE_HTTP_HOST", "127.0.0.1", "GRIDWIRE_HTTP_PORT", "0",
          "GRIDWIRE_AUTH_BCRYPT_COST", "4"));
      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
        RestClient admin = new RestClient(g, "ops@example.com", "correct-horse-battery");
        await().atMost(Duration.ofSeconds(10)).until(() -> g.registry().get("gen-1").map(d -> d.online()).orElse(false));
        String start = "{\"device_id\":\"gen-1\",\"kind\":\"genset\",\"target\":\"start\"}";
        RestClient.Answer asked = admin.send("POST", "/api/commands", start);
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        String path = "/api/commands/" + JSON.readTree(asked.body()).get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get(path).get("state").asText().equals("applied"));
        assertThat(admin.get(path).get("steps").get(3).get("evidence").asText()).contains("gen_status_name=running");

        sim.values().setFlag("alarm_shutdown", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.send("POST", "/api/commands", start).status() == 409);
        assertThat(admin.send("POST", "/api/commands", start).body()).contains("shutdown alarm is active");
      }
    }
  }

}
