package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.demo.SyntheticDevice;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.store.Storage;
import io.gridwire.store.StoreSettings;
import io.gridwire.web.auth.FirstAdmin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole gateway on SQLite with the synthetic device, driven over HTTP and WebSocket. */
class GatewayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void gateway_servesLiveData_andCleanStopKeepsEveryReading() throws Exception {
    GridwireConfig cfg = new ConfigLoader().load(null, Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_AUTH_BCRYPT_COST", "4",
        "GRIDWIRE_DEMO_SYNTHETIC", "true",
        "GRIDWIRE_DEMO_SYNTHETIC_INTERVAL", "50ms"));
    // Distinct millisecond timestamps: the store keeps one row per (device, metric, ms).
    java.util.Set<Instant> published = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Instant started = Instant.now();
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      g.readings().subscribe("count", SubscriberOptions.durable(100_000), r -> {
        if (r.deviceId().equals(SyntheticDevice.ID)) published.add(r.timestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      });
      FirstAdmin admin = g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
      assertThat(admin).isInstanceOf(FirstAdmin.FromConfiguration.class);
      String base = "http://127.0.0.1:" + g.httpPort();

      assertThat(get(base + "/health", null).statusCode()).isEqualTo(200);
      assertThat(get(base + "/api/devices", null).statusCode()).isEqualTo(401);
      String token = login(base, "ops@example.com", "correct-horse-battery");

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonNode metrics = JSON.readTree(get(base + "/api/metrics?device_id=" + SyntheticDevice.ID, token).body());
        assertThat(metrics.toString()).contains("gen_uab").contains("coolant_temp");
      });
      JsonNode device = JSON.readTree(get(base + "/api/devices/" + SyntheticDevice.ID, token).body());
      assertThat(device.toString()).contains("\"online\":true");
      assertThat(get(base + "/api/devices/nope", token).statusCode()).isEqualTo(404);

      List<String> messages = new CopyOnWriteArrayList<>();
      WebSocket ws = http.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + g.httpPort() + "/ws/metrics?devices=" + SyntheticDevice.ID + "&token=" + token),
              new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                  messages.add(data.toString());
                  w.request(1);
                  return null;
                }
              })
          .get();
      await().atMost(Duration.ofSeconds(10)).until(() -> messages.size() >= 3);
      assertThat(messages.get(0)).contains("\"type\":\"snapshot\"");
      List<String> seen = List.copyOf(messages); // a COW subList fails while messages keep arriving
      assertThat(seen.subList(1, seen.size())).anyMatch(m -> m.contains("\"type\":\"reading\""));
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

      await().atMost(Duration.ofSeconds(5)).until(() -> published.size() >= 20);
    }
    // Reopen the store: a clean stop flushed every reading the bus carried.
    try (Storage s = Storage.open(StoreSettings.sqlite(dir), Clock.systemUTC(), new SimpleMeterRegistry())) {
      var result = s.history().query(new HistoryQuery(SyntheticDevice.ID, "gen_uab", started.minusSeconds(60),
          Instant.now().plusSeconds(60), null, 1_000_000));
      // Every reading the bus carried after the counter subscribed is stored (the synthetic device
      // starts inside Gateway.start, so the store may hold a few more from before).
      assertThat(result.points()).extracting(p -> p.time()).doesNotHaveDuplicates().containsAll(published);
      assertThat(s.devices().loadAll()).anyMatch(d -> d.id().equals(SyntheticDevice.ID));
    }
  }

  private String login(String base, String email, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
