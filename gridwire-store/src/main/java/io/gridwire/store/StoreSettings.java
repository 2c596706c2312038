package io.gridwire.store;

import io.gridwire.core.port.Retention;
import io.gridwire.store.postgres.TimescaleMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the store opens with: the user's {@link StorageConfig} keys
 * ({@link StorageConfig#settings}) plus the data directory and the registry's sync cadence.
 * Immutable; validated on construction.
 *
 * @param kind {@code sqlite} (default) or {@code postgres}
 * @param dataDir directory of the SQLite file {@code gridwire.db} (default {@code ./data});
 *     created when missing
 * @param jdbcUrl PostgreSQL JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/gridwire};
 *     required for {@code postgres}
 * @param user PostgreSQL user (default {@code postgres})
 * @param password PostgreSQL password from configuration or environment, or null for trust/peer
 *     auth; never logged
 * @param schema PostgreSQL schema, created when missing (default {@code gridwire})
 * @param flushInterval history and event write-behind: longest time a value waits before it is
 *     written (default 1 s; 10 ms..1 h); also the most a crash can lose
 * @param flushMaxValues write as soon as this many values wait (default 10,000; 1..1,000,000)
 * @param writerQueueCapacity readings queued on the bus for the history writer before the bus
 *     drops (counted) (default 65,536; ≥ 16); the writer also keeps at most 10 × this many
 *     values buffered while the database fails
 * @param maintenanceInterval roll-up and retention cadence (default 5 min; ≥ 1 s)
 * @param deviceSyncInterval device registry persistence cadence (default 5 s; ≥ 100 ms)
 * @param retention how long each kind of data is kept (default {@link Retention#defaults()})
 * @param asyncCommit PostgreSQL only: history transactions commit with {@code synchronous_commit =
 *     off} (default false). A crash of the PostgreSQL server can then lose the last few hundred
 *     milliseconds of history writes already acknowledged to the batch writer (at most 3 ×
 *     {@code wal_writer_delay}); it never corrupts the database. Other tables are unaffected.
 * @param timescale PostgreSQL only: {@link TimescaleMode#AUTO} (default) makes raw history a
 *     TimescaleDB hypertable when the server offers the extension; {@link TimescaleMode#OFF} never
 *     touches it
 */
public record StoreSettings(
    String kind,
    Path dataDir,
    String jdbcUrl,
    String user,
    String password,
    String schema,
    Duration flushInterval,
    int flushMaxValues,
    int writerQueueCapacity,
    Duration maintenanceInterval,
    Duration deviceSyncInterval,
    Retention retention,
    boolean asyncCommit,
    TimescaleMode timescale) {

  public static final String SQLITE = "sqlite";
  public static final String POSTGRES = "postgres";

  public StoreSettings {
    kind = kind == null ? SQLITE : kind.trim().toLowerCase(java.util.Locale.ROOT);
    if (!kind.equals(SQLITE) && !kind.equals(POSTGRES)) {
      throw new IllegalArgumentException("store.kind must be sqlite or postgres: " + kind);
    }
    dataDir = dataDir == null ? Path.of("data") : dataDir;
    user = user == null || user.isBlank() ? "postgres" : user;
    schema = schema == null || schema.isBlank() ? "gridwire" : schema;
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("store.schema must be a plain SQL identifier: " + schema);
    }
    if (kind.equals(POSTGRES) && (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:"))) {
      throw new IllegalArgumentException("store.jdbc-url must be a jdbc:postgresql: URL when store.kind is postgres: " + jdbcUrl);
    }
    flushInterval = flushInterval == null ? Duration.ofSeconds(1) : flushInterval;
    within("store.flush-interval", flushInterval, Duration.ofMillis(10), Duration.ofHours(1));
    if (flushMaxValues < 1 || flushMaxValues > 1_000_000) {
      throw new IllegalArgumentException("store.flush-max-values must be 1..1000000: " + flushMaxValues);
    }
    if (writerQueueCapacity < 16) {
      throw new IllegalArgumentException("store.writer-queue-capacity must be ≥ 16: " + writerQueueCapacity);
    }
    maintenanceInterval = maintenanceInterval == null ? Duration.ofMinutes(5) : maintenanceInterval;
    within("store.maintenance-interval", maintenanceInterval, Duration.ofSeconds(1), Duration.ofDays(1));
    deviceSyncInterval = deviceSyncInterval == null ? Duration.ofSeconds(5) : deviceSyncInterval;
    within("store.device-sync-interval", deviceSyncInterval, Duration.ofMillis(100), Duration.ofHours(1));
    retention = retention == null ? Retention.defaults() : retention;
    positive("store.retention.raw", retention.raw());
    positive("store.retention.rollup-1m", retention.rollup1m());
    positive("store.retention.rollup-1h", retention.rollup1h());
    positive("store.retention.events", retention.events());
    timescale = timescale == null ? TimescaleMode.AUTO : timescale;
  }

  /** SQLite under {@code dataDir} with every other key at its default. */
  public static StoreSettings sqlite(Path dataDir) {
    return new StoreSettings(SQLITE, dataDir, null, null, null, null, null, 10_000, 65_536, null, null, null, false, null);
  }

  /** PostgreSQL with every other key at its default. */
  public static StoreSettings postgres(String jdbcUrl, String user, String password, String schema) {
    return new StoreSettings(POSTGRES, null, jdbcUrl, user, password, schema, null, 10_000, 65_536, null, null, null, false,
        null);
  }

  public StoreSettings withFlush(Duration interval, int maxValues) {
    return new StoreSettings(kind, dataDir, jdbcUrl, user, password, schema, interval, maxValues, writerQueueCapacity,
        maintenanceInterval, deviceSyncInterval, retention, asyncCommit, timescale);
  }

  public StoreSettings withRetention(Retention r) {
    return new StoreSettings(kind, dataDir, jdbcUrl, user, password, schema, flushInterval, flushMaxValues,
        writerQueueCapacity, maintenanceInterval, deviceSyncInterval, r, asyncCommit, timescale);
  }

  public StoreSettings withWriterQueueCapacity(int capacity) {
    return new StoreSettings(kind, dataDir, jdbcUrl, user, password, schema, flushInterval, flushMaxValues, capacity,
        maintenanceInterval, deviceSyncInterval, retention, asyncCommit, timescale);
  }

  public StoreSettings withMaintenanceInterval(Duration interval) {
    return new StoreSettings(kind, dataDir, jdbcUrl, user, password, schema, flushInterval, flushMaxValues,
        writerQueueCapacity, interval, deviceSyncInterval, retention, asyncCommit, timescale);
  }

  /** The same configuration with the PostgreSQL history options {@code asyncCommit} and {@code timescale}. */
  public StoreSettings withPostgresHistory(boolean async, TimescaleMode mode) {
    return new StoreSettings(kind, dataDir, jdbcUrl, user, password, schema, flushInterval, flushMaxValues,
        writerQueueCapacity, maintenanceInterval, deviceSyncInterval, retention, async, mode);
  }

  /** The SQLite database file. */
  public Path sqliteFile() {
    return dataDir.resolve("gridwire.db");
  }

  @Override
  public String toString() {
    return "StoreSettings[kind=" + kind + ", dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", user=" + user
        + ", password=" + (password == null ? "none" : "***") + ", schema=" + schema + ", flushInterval="
        + flushInterval + ", flushMaxValues=" + flushMaxValues + ", writerQueueCapacity=" + writerQueueCapacity
        + ", maintenanceInterval=" + maintenanceInterval + ", deviceSyncInterval=" + deviceSyncInterval
        + ", retention=" + retention + ", asyncCommit=" + asyncCommit + ", timescale=" + timescale.wire() + "]";
  }

  private static void within(String key, Duration d, Duration min, Duration max) {
    Objects.requireNonNull(d, key);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(key + " must be " + min + ".." + max + ": " + d);
    }
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive: " + d);
  }
}
