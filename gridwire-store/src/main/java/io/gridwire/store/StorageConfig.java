package io.gridwire.store;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;
import io.gridwire.store.postgres.TimescaleMode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code storage} section: history, events, registry and users. Each component is one key;
 * {@link #settings} adds the data directory ({@code node.data_dir}) and what is no key.
 */
public record StorageConfig(
    @Doc("sqlite (embedded file in node.data_dir) or postgres.") String kind,
    @Doc("PostgreSQL connection.") PostgresConfig postgres,
    @Doc("History write-behind: flush at least this often (bounds what a crash can lose).") Duration flushInterval,
    @Doc("History write-behind: flush when this many values are pending.") int flushMaxValues,
    @Doc("Readings queued for the history writer; behind them it holds up to 120 × this many values, "
        + "packed (about 13 bytes each for a genset's readings, more for readings of one value), and at most 128 MiB, "
        + "before it drops the oldest (counted, with an event).") int writerQueue,
    @Doc("How often roll-ups and retention run. Each run costs about one index lookup per stored series "
        + "(640,000 for 1,000 gensets), so it runs rarely; charts of the minutes since the last run read raw "
        + "rows.") Duration maintenanceInterval,
    @Doc("Retention per kind of data.") RetentionConfig retention) {

  public StorageConfig {
    if (!StoreSettings.SQLITE.equals(kind) && !StoreSettings.POSTGRES.equals(kind)) {
      throw new IllegalArgumentException("storage.kind must be sqlite or postgres: " + kind);
    }
    postgres = Check.orDefault(postgres, PostgresConfig.defaults());
    retention = Check.orDefault(retention, RetentionConfig.defaults());
    within("storage.flush_interval", flushInterval, Duration.ofMillis(10), Duration.ofHours(1));
    Check.range("storage.flush_max_values", flushMaxValues, 1, 1_000_000);
    Check.range("storage.writer_queue", writerQueue, 16, 10_000_000);
    within("storage.maintenance_interval", maintenanceInterval, Duration.ofSeconds(1), Duration.ofDays(1));
    boolean pg = StoreSettings.POSTGRES.equals(kind);
    if (pg && (postgres.url() == null || postgres.url().isBlank())) {
      throw new IllegalArgumentException("storage.postgres.url is required when storage.kind is postgres");
    }
    if (pg && !postgres.url().startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("storage.postgres.url must be a jdbc:postgresql: URL when storage.kind is postgres: "
          + postgres.url());
    }
  }

  /** SQLite; flush every second or 10,000 values; maintenance every 5 minutes. */
  public static StorageConfig defaults() {
    return new StorageConfig(StoreSettings.SQLITE, PostgresConfig.defaults(), Duration.ofSeconds(1), 10_000, 65_536,
        Duration.ofMinutes(5), RetentionConfig.defaults());
  }

  /** The store these keys describe, its SQLite file (and nothing else) under {@code dataDir}. */
  public StoreSettings settings(Path dataDir) {
    PostgresConfig pg = postgres;
    return new StoreSettings(kind, dataDir, pg.url(), pg.user(), pg.password(), pg.schema(), flushInterval, flushMaxValues,
        writerQueue, maintenanceInterval, null, retention.toRetention(), pg.asyncCommit(),
        TimescaleMode.parse("storage.postgres.timescale", pg.timescale()));
  }

  private static void within(String key, Duration d, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(key + " must be " + io.gridwire.core.config.Durations.format(min) + ".."
          + io.gridwire.core.config.Durations.format(max) + ": " + (d == null ? "unset" : io.gridwire.core.config.Durations.format(d)));
    }
  }
}
