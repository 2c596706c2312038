package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.demo.SyntheticDevice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.store.postgres.HistoryLayout;
import io.gridwire.testkit.RealServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway configured for PostgreSQL (the fleet's store) writes history there. */
class GatewayPostgresIT {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  @TempDir Path dir;

  @Test
  void postgresStorage_fromConfig_keepsHistory() throws Exception {
    RealServices.require("PostgreSQL", RealServices.POSTGRES);
    String schema = "gw_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> env = new HashMap<>(Map.of(
        "GRIDWIRE_STORAGE_POSTGRES_ASYNC_COMMIT", "true",
        "GRIDWIRE_STORAGE_POSTGRES_TIMESCALE", "off"));
    env.putAll(Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_STORAGE_KIND", "postgres",
        "GRIDWIRE_STORAGE_POSTGRES_URL", URL,
        "GRIDWIRE_STORAGE_POSTGRES_USER", "postgres",
        "GRIDWIRE_STORAGE_POSTGRES_SCHEMA", schema,
        "GRIDWIRE_DEMO_SYNTHETIC", "true",
        "GRIDWIRE_DEMO_SYNTHETIC_INTERVAL", "100ms"));
    GridwireConfig cfg = new ConfigLoader().load(null, env);
    Instant start = Instant.now().minusSeconds(5);
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> g.storage().history().query(new HistoryQuery(SyntheticDevice.ID,
          "gen_uab", start, Instant.now().plusSeconds(5), null, 1000)).points().size() >= 5);
      assertThat(g.storage().historyLayout()).contains(new HistoryLayout(false, "storage.postgres.timescale is off"));
      assertThat(storageHealth(g.httpPort())).isEqualTo("PostgreSQL, history in plain PostgreSQL tables "
          + "(storage.postgres.timescale is off), history commits asynchronous (synchronous_commit off)");
    } finally {
      try (var c = DriverManager.getConnection(URL, "postgres", null); var s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /** The detail of the {@code storage} entry of the open {@code GET /health}. */
  private static String storageHealth(int port) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode check : new ObjectMapper().readTree(r.body()).get("checks")) {
      if (check.get("name").asText().equals("storage")) return check.get("detail").asText();
    }
    throw new AssertionError("no storage check in " + r.body());
  }
}
