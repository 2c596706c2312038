package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import java.time.Duration;

/** History, events, registry and users. */
public record StorageConfig(
    @Doc("sqlite (embedded file in node.data_dir) or postgres.") String kind,
    @Doc("PostgreSQL connection.") PostgresConfig postgres,
    @Doc("History write-behind: flush at least this often (bounds what a crash can lose).") Duration flushInterval,
    @Doc("History write-behind: flush when this many values are pending.") int flushMaxValues,
    @Doc("Readings the history writer may hold before it drops (counted, with an event).") int writerQueue,
    @Doc("How often roll-ups and retention run.") Duration maintenanceInterval,
    @Doc("Retention per kind of data.") RetentionConfig retention) {
  public StorageConfig {
    if (!"sqlite".equals(kind) && !"postgres".equals(kind)) {
      throw new IllegalArgumentException("storage.kind must be sqlite or postgres: " + kind);
    }
    Check.positive("storage.flush_interval", flushInterval);
    Check.range("storage.flush_max_values", flushMaxValues, 1, 10_000_000);
    Check.range("storage.writer_queue", writerQueue, 16, 10_000_000);
    Check.positive("storage.maintenance_interval", maintenanceInterval);
    if ("postgres".equals(kind) && (postgres == null || postgres.url() == null || postgres.url().isBlank())) {
      throw new IllegalArgumentException("storage.postgres.url is required when storage.kind is postgres");
    }
  }

  public static StorageConfig defaults() {
    return new StorageConfig("sqlite", PostgresConfig.defaults(), Duration.ofSeconds(1), 10_000, 65_536,
        Duration.ofSeconds(60), RetentionConfig.defaults());
  }
}
