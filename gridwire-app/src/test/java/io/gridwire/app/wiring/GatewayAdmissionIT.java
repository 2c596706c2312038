package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.oig.sim.OigBoxSimulator;
import io.gridwire.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device admission end to end: OIG boxes through the proxy, decisions through the REST API, restarts. */
class GatewayAdmissionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId ZONE = ZoneId.of("Europe/Prague");
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private GridwireConfig config(String... extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_AUTH_BCRYPT_COST", "4",
        "GRIDWIRE_OIG_ENABLED", "true",
        "GRIDWIRE_OIG_LISTEN_HOST", "127.0.0.1",
        "GRIDWIRE_OIG_LISTEN_PORT", "0",
        "GRIDWIRE_OIG_CLOUD_HOST", "127.0.0.1",
        "GRIDWIRE_OIG_CLOUD_PORT", Integer.toString(FreePorts.next()))); // nothing listens: answered locally
    for (int i = 0; i < extra.length; i += 2) env.put(extra[i], extra[i + 1]);
    return new ConfigLoader().load(null, env);
  }

  private static void boxSends(Gateway g, String id) throws Exception {
    try (OigBoxSimulator box = new OigBoxSimulator("127.0.0.1", g.oig().port(), id, ZONE, Clock.systemUTC(), Duration.ofSeconds(5))) {
      box.connect();
      assertThat(box.exchange(box.frames().actual(Instant.now()))).as("answered").isNotNull();
    }
  }

  @Test
  void pending_listedApprovedRejectedThroughTheApi_andSurvivesRestart() throws Exception {
    GridwireConfig cfg = config("GRIDWIRE_OIG_ADMISSION_POLICY", "pending");
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
      Api api = new Api(g);
      List<String> readings = readingsOf(g);
      boxSends(g, "2206237016");
      boxSends(g, "1111111111");
      assertThat(api.get("/api/devices").toString()).doesNotContain("2206237016");
      JsonNode pending = api.get("/api/devices/pending");
      assertThat(pending).hasSize(2);
      assertThat(pending.get(0).get("state").asText()).isEqualTo("pending");
      assertThat(pending.get(0).get("source").asText()).isEqualTo("oig");
      assertThat(api.status("GET", "/api/devices/pending", false)).as("admin only").isEqualTo(401);
      assertThat(g.readings().awaitDrained(Duration.ofSeconds(5))).isTrue();
      assertThat(readings).as("a pending box publishes nothing").isEmpty();
    }
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      Api api = new Api(g);
      List<String> readings = readingsOf(g);
      assertThat(api.get("/api/devices/pending")).as("pending survives a restart").hasSize(2);
      assertThat(api.status("POST", "/api/devices/2206237016/approve", true)).isEqualTo(200);
      assertThat(api.status("POST", "/api/devices/1111111111/reject", true)).isEqualTo(200);
      assertThat(api.status("POST", "/api/devices/nope/approve", true)).isEqualTo(404);
      assertThat(api.get("/api/devices/2206237016").get("source").asText()).isEqualTo("oig");
      boxSends(g, "2206237016");
      boxSends(g, "1111111111");
      await().atMost(Duration.ofSeconds(5)).until(() -> readings.contains("2206237016"));
      assertThat(readings).doesNotContain("1111111111");
      assertThat(api.get("/api/devices/pending")).singleElement()
          .satisfies(p -> assertThat(p.get("state").asText()).isEqualTo("rejected"));
      assertThat(api.get("/api/devices/admission").toString()).contains("\"rejected\":1");
    }
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      Api api = new Api(g);
      assertThat(api.get("/api/devices").toString()).contains("2206237016").doesNotContain("1111111111");
      assertThat(api.get("/api/devices/pending")).singleElement()
          .satisfies(p -> assertThat(p.get("state").asText()).isEqualTo("rejected"));
    }
  }

  @Test
  void allowlist_onlyListedBoxBecomesADevice_refusalCountedInApiHealthAndMetrics() throws Exception {
    GridwireConfig cfg = config("GRIDWIRE_OIG_ADMISSION_POLICY", "allowlist", "GRIDWIRE_OIG_ADMISSION_ALLOWLIST_0", "2206237016");
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
      Api api = new Api(g);
      boxSends(g, "2206237016");
      boxSends(g, "1111111111");
      JsonNode devices = api.get("/api/devices");
      assertThat(devices.toString()).contains("2206237016").doesNotContain("1111111111");
      assertThat(api.get("/api/oig/hygiene").get("admission").get("refused").get("not_listed").asLong()).isEqualTo(1);
      assertThat(api.get("/health").toString()).contains("oig allowlist: 1/1000 devices, 0 pending, 1 refused");
      assertThat(api.text("/metrics")).contains("gridwire_admission_refused_total{reason=\"not_listed\",source=\"oig\"} 1.0");
    }
  }

  private static List<String> readingsOf(Gateway g) {
    List<String> ids = new CopyOnWriteArrayList<>();
    g.readings().subscribe("test-" + System.nanoTime(), SubscriberOptions.durable(10_000), r -> ids.add(r.deviceId()));
    return ids;
  }

  /** An admin's HTTP client of one gateway. */
  private final class Api {
    private final String base;
    private final String token;

    Api(Gateway g) throws Exception {
      base = "http://127.0.0.1:" + g.httpPort();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ops@example.com\",\"password\":\"correct-horse-battery\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      token = JSON.readTree(r.body()).get("token").asText();
    }

    JsonNode get(String path) throws Exception {
      HttpResponse<String> r = send("GET", path, true);
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }

    String text(String path) throws Exception {
      return send("GET", path, true).body();
    }

    int status(String method, String path, boolean withToken) throws Exception {
      return send(method, path, withToken).statusCode();
    }

    private HttpResponse<String> send(String method, String path, boolean withToken) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(""));
      if (withToken) b.header("Authorization", "Bearer " + token);
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
