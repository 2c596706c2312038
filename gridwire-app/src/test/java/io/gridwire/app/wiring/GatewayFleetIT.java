package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.demo.WsDeviceSimulator;
import io.gridwire.core.user.Role;
import io.gridwire.testkit.RealServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway nodes configured as a fleet (shared PostgreSQL and Redis, the real servers): a
 * device on node A gets a command posted to node B, and its readings reach a live subscriber on B.
 */
class GatewayFleetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void twoNodes_shareSessionsCommandsAndReadings() throws Exception {
    RealServices.require("PostgreSQL", RealServices.POSTGRES);
    RealServices.require("Redis", RealServices.REDIS);
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String schema = "gw_fleet_" + run;
    String prefix = "gwtest:" + run + ":";
    try (Gateway a = node("node-a", schema, prefix); Gateway b = node("node-b", schema, prefix)) {
      a.setPassword("ops@example.com", "fleet-admin-pw", Role.ADMIN);
      var owner = a.storage().users().findByEmail("ops@example.com").orElseThrow();
      String deviceToken = a.web().authenticator().issueDeviceToken("ws-fleet-1", owner, Duration.ofHours(1)).token();

      try (WsDeviceSimulator device = new WsDeviceSimulator("ws://127.0.0.1:" + a.httpPort(), "ws-fleet-1",
          Map.of("token", deviceToken), Duration.ofMillis(200))) {
        Thread.ofVirtual().start(device::run);
        String bBase = "http://127.0.0.1:" + b.httpPort();
        String token = login(bBase, "ops@example.com", "fleet-admin-pw");

        // Session lists on B cover A's device.
        await().atMost(Duration.ofSeconds(20)).until(() -> get(bBase + "/api/sessions", token).contains("ws-fleet-1"));

        // A reading made on A reaches a /ws/metrics subscriber on B.
        List<String> live = new CopyOnWriteArrayList<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(
            URI.create("ws://127.0.0.1:" + b.httpPort() + "/ws/metrics?devices=ws-fleet-1&token=" + token),
            new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                live.add(data.toString());
                w.request(1);
                return null;
              }
            }).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> live.stream()
            .anyMatch(m -> m.contains("\"type\":\"reading\"") && m.contains("battery_voltage")));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

        // A command posted to B reaches the device connected to A.
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(bBase + "/api/sessions/ws-fleet-1/messages"))
            .header("Authorization", "Bearer " + token).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"set_grid_feed\",\"power\":5000}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 299);
        await().atMost(Duration.ofSeconds(10)).until(() -> device.received().stream().anyMatch(m -> m.contains("set_grid_feed")));
      }
    } finally {
      try (var c = DriverManager.getConnection(PG, "postgres", null); var s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
      try (var conn = client.connect()) {
        ScanIterator<String> keys = ScanIterator.scan(conn.sync(), ScanArgs.Builder.matches(prefix + "*").limit(500));
        while (keys.hasNext()) conn.sync().del(keys.next());
      } finally {
        client.shutdown();
      }
    }
  }

  private Gateway node(String id, String schema, String prefix) {
    return Gateway.start(new ConfigLoader().load(null, Map.ofEntries(
        Map.entry("GRIDWIRE_NODE_ID", id),
        Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.resolve(id).toString()),
        Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_HTTP_PORT", "0"),
        Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
        Map.entry("GRIDWIRE_STORAGE_KIND", "postgres"),
        Map.entry("GRIDWIRE_STORAGE_POSTGRES_URL", PG),
        Map.entry("GRIDWIRE_STORAGE_POSTGRES_USER", "postgres"),
        Map.entry("GRIDWIRE_STORAGE_POSTGRES_SCHEMA", schema),
        Map.entry("GRIDWIRE_REDIS_ENABLED", "true"),
        Map.entry("GRIDWIRE_REDIS_URI", "redis://127.0.0.1:6379"),
        Map.entry("GRIDWIRE_REDIS_KEY_PREFIX", prefix))), Clock.systemUTC());
  }

  private String login(String base, String email, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  private String get(String url, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
