package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.ProfileSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.testkit.AiosmtpdServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The low oil pressure → shutdown → reset run of {@link GatewayAlarmIT}, with notifications and a
 * rule configured in the gateway's YAML: a webhook receiver on 127.0.0.1 gets every raised and
 * cleared alarm, a real SMTP server (aiosmtpd) gets a digest naming the alarm, and a threshold rule
 * on the oil pressure shows in {@code /api/alarms} beside the device's own alarms.
 */
class GatewayAlarmNotifyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULE = "gen-1:rule_oil_pressure_low";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void genset_lowOilPressureShutdownReset_webhookMailAndRuleAlarm() throws Exception {
    List<JsonNode> posted = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", ex -> {
      posted.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hook.start();
    try (AiosmtpdServer smtp = new AiosmtpdServer(dir);
        ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP,
            "127.0.0.1", 0, 1, Duration.ofMillis(200)))) {
      ProfileSimulator genset = sim.values();
      genset.setValue("oil_pressure", 420);
      GridwireConfig cfg = config(sim.port(), hook.getAddress().getPort(), smtp.port);
      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
        String token = login("http://127.0.0.1:" + g.httpPort());
        String alarms = "http://127.0.0.1:" + g.httpPort() + "/api/alarms";
        assertThat(ids(get(alarms, token))).isEmpty();

        genset.setValue("oil_pressure", 95);
        genset.setFlag("warning_low_oil_pressure", true);
        await().atMost(Duration.ofSeconds(15)).until(() -> ids(get(alarms, token)).contains(RULE));
        JsonNode rule = find(get(alarms, token), RULE);
        assertThat(rule.get("name").asText()).isEqualTo("Oil pressure below 100");
        assertThat(rule.get("severity").asText()).isEqualTo("info");
        genset.setValue("oil_pressure", 60);
        genset.setFlag("shutdown_low_oil_pressure", true);
        await().atMost(Duration.ofSeconds(15)).until(() -> hooked(posted, "alarm_raised").containsAll(
            List.of("warning_low_oil_pressure", "shutdown_low_oil_pressure", "rule_oil_pressure_low")));
        JsonNode shutdown = posted.stream().filter(p -> p.get("alarm_id").asText().equals("shutdown_low_oil_pressure"))
            .findFirst().orElseThrow();
        assertThat(shutdown.get("device_id").asText()).isEqualTo("gen-1");
        assertThat(shutdown.get("severity").asText()).isEqualTo("critical");
        assertThat(shutdown.get("name").asText()).isEqualTo("Low oil pressure");
        await().atMost(Duration.ofSeconds(20)).until(() -> String.join("\n", smtp.messages())
            .contains("shutdown_low_oil_pressure") || String.join("\n", smtp.messages()).contains("Low oil pressure"));
        String mail = String.join("\n", smtp.messages());
        assertThat(mail).contains("To: ops@example.org").contains("RAISED   critical  gen-1 (plant-a)  Low oil pressure")
            .doesNotContain("Oil pressure below 100"); // the mail group takes critical and warning only

        genset.setValue("oil_pressure", 410);
        genset.resetAlarms();
        await().atMost(Duration.ofSeconds(15)).until(() -> get(alarms, token).isEmpty());
        await().atMost(Duration.ofSeconds(15)).until(() -> hooked(posted, "alarm_cleared").containsAll(
            List.of("warning_low_oil_pressure", "shutdown_low_oil_pressure", "rule_oil_pressure_low")));
        await().atMost(Duration.ofSeconds(20)).until(() -> String.join("\n", smtp.messages())
            .contains("CLEARED  critical  gen-1 (plant-a)  Low oil pressure"));
      }
    } finally {
      hook.stop(0);
    }
  }

  private GridwireConfig config(int modbusPort, int hookPort, int smtpPort) throws Exception {
    Files.writeString(dir.resolve("gridwire.yaml"), """
        modbus:
          devices:
            - {id: gen-1, site: plant-a, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, unit_id: 1, interval: 200ms}
        alarms:
          clear_hold: 600ms
          rules_tick: 200ms
          rules:
            - {id: oil_pressure_low, name: Oil pressure below 100, severity: info, type: threshold, metric: oil_pressure, below: 100, devices: [gen-1]}
        notifications:
          webhooks:
            - {name: ops, url: "http://127.0.0.1:%d/hook", timeout: 5s}
          emails:
            - {name: oncall, to: [ops@example.org], severities: [critical, warning], digest_window: 1s}
          smtp: {host: 127.0.0.1, port: %d, from: gridwire@example.org, timeout: 5s}
        """.formatted(modbusPort, hookPort, smtpPort));
    return new ConfigLoader().load(dir.resolve("gridwire.yaml"), Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_AUTH_BCRYPT_COST", "4"));
  }

  private static List<String> hooked(List<JsonNode> posted, String type) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : posted) if (p.get("type").asText().equals(type)) out.add(p.get("alarm_id").asText());
    return out;
  }

  private static List<String> ids(JsonNode alarms) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : alarms) out.add(a.get("id").asText());
    return out;
  }

  private static JsonNode find(JsonNode alarms, String id) {
    for (JsonNode a : alarms) if (a.get("id").asText().equals(id)) return a;
    throw new AssertionError("no alarm " + id + " in " + alarms);
  }

  private String login(String base) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ops@example.com\",\"password\":\"correct-horse-battery\"}"))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return JSON.readTree(r.body()).get("token").asText();
  }

  private JsonNode get(String url, String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
