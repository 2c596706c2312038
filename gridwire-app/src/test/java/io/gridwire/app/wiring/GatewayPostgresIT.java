package io.gridwire.app.wiring;

import static org.awaitility.Awaitility.await;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.demo.SyntheticDevice;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.testkit.RealServices;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    GridwireConfig cfg = new ConfigLoader().load(null, Map.of(
        "GRIDWIRE_NODE_DATA_DIR", dir.toString(),
        "GRIDWIRE_HTTP_HOST", "127.0.0.1",
        "GRIDWIRE_HTTP_PORT", "0",
        "GRIDWIRE_STORAGE_KIND", "postgres",
        "GRIDWIRE_STORAGE_POSTGRES_URL", URL,
        "GRIDWIRE_STORAGE_POSTGRES_USER", "postgres",
        "GRIDWIRE_STORAGE_POSTGRES_SCHEMA", schema,
        "GRIDWIRE_DEMO_SYNTHETIC", "true",
        "GRIDWIRE_DEMO_SYNTHETIC_INTERVAL", "100ms"));
    Instant start = Instant.now().minusSeconds(5);
    try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> g.storage().history().query(new HistoryQuery(SyntheticDevice.ID,
          "gen_uab", start, Instant.now().plusSeconds(5), null, 1000)).points().size() >= 5);
    } finally {
      try (var c = DriverManager.getConnection(URL, "postgres", null); var s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
