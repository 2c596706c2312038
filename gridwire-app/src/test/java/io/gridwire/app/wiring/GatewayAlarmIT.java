package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.ProfileSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.testkit.RealServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated HGM9520N polled by the whole gateway goes through low oil pressure (warning) →
 * shutdown → alarm reset: raised/cleared events with the oil pressure, {@code /api/alarms},
 * acknowledgement, the retained MQTT alarms topic on the machine's Mosquitto, and a gateway
 * restart in the middle that neither forgets nor re-raises.
 */
class GatewayAlarmIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OIL_WARNING = "gen-1:warning_low_oil_pressure";
  private static final String OIL_SHUTDOWN = "gen-1:shutdown_low_oil_pressure";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void genset_lowOilPressureShutdownReset_eventsApiAckMqttAndRestart() throws Exception {
    RealServices.require("Mosquitto", RealServices.MOSQUITTO);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String states = "gw-" + run;
    try (ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP,
        "127.0.0.1", 0, 1, Duration.ofMillis(200)))) {
      GridwireConfig cfg = config(sim.port(), run);
      ProfileSimulator genset = sim.values();
      genset.setValue("oil_pressure", 420);
      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
        Api api = new Api("http://127.0.0.1:" + g.httpPort());
        genset.setValue("oil_pressure", 95);
        genset.setFlag("warning_low_oil_pressure", true);
        await().atMost(Duration.ofSeconds(15)).until(() -> ids(api.get("/api/alarms")).contains(OIL_WARNING));
        genset.setValue("oil_pressure", 60);
        genset.setFlag("shutdown_low_oil_pressure", true);
        await().atMost(Duration.ofSeconds(15)).until(() -> ids(api.get("/api/alarms")).contains(OIL_SHUTDOWN));

        JsonNode active = api.get("/api/alarms?device_id=gen-1");
        assertThat(active.get(0).get("id").asText()).isEqualTo(OIL_SHUTDOWN); // critical first
        assertThat(active.get(0).get("name").asText()).isEqualTo("Low oil pressure");
        assertThat(active.get(0).get("values").get("oil_pressure").asDouble()).isEqualTo(60);
        assertThat(api.get("/api/alarms?severity=warning").size()).isEqualTo(1);
        JsonNode acked = api.post("/api/alarms/" + OIL_SHUTDOWN + "/ack");
        assertThat(acked.get("acked_by").asText()).isEqualTo("ops@example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> retained(states + "/gen-1/alarms").contains("\"count\":2"));
        assertThat(retained("ha-" + run + "/binary_sensor/gridwire_gen_1_problem/config")).contains("\"device_class\":\"problem\"");
        assertThat(retained("ha-" + run + "/event/gridwire_gen_1_alarm_event/config"))
            .contains("\"event_types\":[\"raised\",\"cleared\"]");
        await().atMost(Duration.ofSeconds(10)).until(() -> raised(api).size() == 2);
        assertThat(g.alarms().flush(Duration.ofSeconds(5))).isTrue();
      }

      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        Api api = new Api("http://127.0.0.1:" + g.httpPort());
        JsonNode kept = api.get("/api/alarms");
        assertThat(ids(kept)).containsExactlyInAnyOrder(OIL_SHUTDOWN, OIL_WARNING);
        assertThat(kept.get(0).get("acked_by").asText()).isEqualTo("ops@example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> g.registry().get("gen-1").orElseThrow().online());
        Thread.sleep(1500); // a few polls of the alarm groups after the restart
        assertThat(raised(api)).hasSize(2);

        genset.setValue("oil_pressure", 410);
        genset.resetAlarms();
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/alarms").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/events?type=alarm_cleared").size() == 2);
        JsonNode cleared = api.get("/api/events?type=alarm_cleared&device_id=gen-1");
        assertThat(cleared.get(0).get("data").get("value.oil_pressure").asText()).isEqualTo("410.0");
        await().atMost(Duration.ofSeconds(10)).until(() -> retained(states + "/gen-1/alarms").contains("\"count\":0"));
      }
    } finally {
      clear("ha-" + run + "/#");
      clear(states + "/#");
    }
  }

  private GridwireConfig config(int port, String run) throws Exception {
    Files.writeString(dir.resolve("gridwire.yaml"), """
        modbus:
          devices:
            - {id: gen-1, site: plant-a, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, unit_id: 1, interval: 200ms}
        alarms:
          clear_hold: 600ms
        """.formatted(port));
    return new ConfigLoader().load(dir.resolve("gridwire.yaml"), Map.ofEntries(
        Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.toString()),
        Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_HTTP_PORT", "0"),
        Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
        Map.entry("GRIDWIRE_MQTT_ENABLED", "true"),
        Map.entry("GRIDWIRE_MQTT_INGEST", "false"),
        Map.entry("GRIDWIRE_MQTT_BROKER_URL", "mqtt://127.0.0.1:1883"),
        Map.entry("GRIDWIRE_MQTT_CLIENT_ID", "gridwire-alarm-it-" + run),
        Map.entry("GRIDWIRE_MQTT_DISCOVERY_PREFIX", "ha-" + run),
        Map.entry("GRIDWIRE_MQTT_STATE_PREFIX", "gw-" + run)));
  }

  private static java.util.List<String> ids(JsonNode alarms) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode a : alarms) out.add(a.get("id").asText());
    return out;
  }

  private static java.util.List<JsonNode> raised(Api api) throws Exception {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode e : api.get("/api/events?type=alarm_raised&device_id=gen-1")) out.add(e);
    return out;
  }

  /** A signed-in admin's view of the REST API. */
  private final class Api {
    private final String base;
    private final String token;

    Api(String base) throws Exception {
      this.base = base;
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ops@example.com\",\"password\":\"correct-horse-battery\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      this.token = JSON.readTree(r.body()).get("token").asText();
    }

    JsonNode get(String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    JsonNode post(String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder b) throws Exception {
      HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }
  }

  private static String retained(String topic) {
    return run("mosquitto_sub", "-h", "127.0.0.1", "-p", "1883", "-v", "-t", topic, "--retained-only", "-W", "1");
  }

  private static void clear(String filter) {
    run("mosquitto_sub", "-h", "127.0.0.1", "-p", "1883", "-t", filter, "--remove-retained", "--retained-only", "-W", "1");
  }

  private static String run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot run " + cmd[0] + " (apt-get install -y mosquitto-clients)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
