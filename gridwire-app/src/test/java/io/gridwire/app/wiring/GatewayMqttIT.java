package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.testkit.RealServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway on the machine's Mosquitto: a datalogger found by its heartbeat is announced to Home
 * Assistant (retained), goes offline when it falls silent, and {@code DELETE /api/devices/{id}}
 * clears what was retained for it — checked with Debian's mosquitto_pub / mosquitto_sub.
 */
class GatewayMqttIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void deleteDevice_silentDatalogger_retainedDiscoveryStateAndAvailabilityCleared() throws Exception {
    RealServices.require("Mosquitto", RealServices.MOSQUITTO);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String site = "site" + run;
    String discovery = "ha-" + run;
    String states = "gw-" + run;
    java.nio.file.Files.writeString(dir.resolve("gridwire.yaml"), "mqtt:\n  sites: [" + site + "]\n");
    GridwireConfig cfg = new ConfigLoader().load(dir.resolve("gridwire.yaml"), Map.ofEntries(
        Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.toString()),
        Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_HTTP_PORT", "0"),
        Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
        Map.entry("GRIDWIRE_MQTT_ENABLED", "true"),
        Map.entry("GRIDWIRE_MQTT_BROKER_URL", "mqtt://127.0.0.1:1883"),
        Map.entry("GRIDWIRE_MQTT_CLIENT_ID", "gridwire-it-" + run),
        Map.entry("GRIDWIRE_MQTT_DISCOVERY_PREFIX", discovery),
        Map.entry("GRIDWIRE_MQTT_STATE_PREFIX", states),
        Map.entry("GRIDWIRE_MQTT_HEARTBEAT_TIMEOUT", "1s"),
        Map.entry("GRIDWIRE_MQTT_SWEEP_INTERVAL", "200ms")));
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
      String base = "http://127.0.0.1:" + g.httpPort();
      String token = login(base);
      String serial = "SN" + run;
      String prefix = site + "/datalogger/th/" + run + "/";
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
        pub(prefix + "heartbeat", "{\"serial_number\":\"" + serial + "\",\"firmware\":\"1.2\"}");
        return get(base + "/api/devices/" + serial, token).statusCode() == 200;
      });
      pub(prefix + "input", "{\"serial_number\":\"" + serial + "\",\"temperature\":21.5,\"humidity\":40}");
      // The gateway publishes its own device (the via_device of every other) next to the datalogger's.
      String gatewayDevice = "gridwire_gridwire_it_" + run;
      await().atMost(Duration.ofSeconds(10)).until(() -> retained(discovery + "/#").stream().filter(l -> l.contains(serial)).count() >= 2);
      assertThat(retained(discovery + "/#")).allMatch(l -> l.contains(serial) || l.contains(gatewayDevice));
      await().atMost(Duration.ofSeconds(10)).until(() -> !retained(states + "/" + serial + "/#").isEmpty());

      await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get(base + "/api/devices/" + serial, token).body())
          .path("online").asBoolean(true) == false);
      HttpResponse<String> removed = delete(base + "/api/devices/" + serial, token);
      assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);

      await().atMost(Duration.ofSeconds(10)).until(() -> retained(discovery + "/#").stream().noneMatch(l -> l.contains(serial)));
      assertThat(retained(discovery + "/#")).as("the gateway's own device stays").anyMatch(l -> l.contains(gatewayDevice));
      await().atMost(Duration.ofSeconds(10)).until(() -> retained(states + "/" + serial + "/#").isEmpty());
      assertThat(get(base + "/api/devices/" + serial, token).statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(get(base + "/api/events?device_id=" + serial, token).body()).toString()).contains("device_removed");
    } finally {
      clearRetained(discovery + "/#");
      clearRetained(states + "/#");
    }
  }

  private static void pub(String topic, String payload) {
    run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-q", "1", "-t", topic, "-m", payload));
  }

  /** The retained messages under {@code filter}, as "topic payload" lines (empty payloads are not retained). */
  private static List<String> retained(String filter) {
    List<String> out = new ArrayList<>();
    for (String l : run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", "1883", "-v", "-t", filter, "--retained-only", "-W", "1"))
        .split("\n")) {
      if (!l.isBlank() && !l.startsWith("Timed out")) out.add(l);
    }
    return out;
  }

  private static void clearRetained(String filter) {
    run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", "1883", "-t", filter, "--remove-retained", "--retained-only", "-W", "1"));
  }

  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd.get(0) + " (apt-get install -y mosquitto-clients)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String login(String base) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ops@example.com\",\"password\":\"correct-horse-battery\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).get("token").asText();
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> delete(String url, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
