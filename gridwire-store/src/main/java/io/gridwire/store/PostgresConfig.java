package io.gridwire.store;

import io.gridwire.core.config.Doc;
import java.util.Locale;

/** The {@code storage.postgres} section: the PostgreSQL connection, used when {@code storage.kind} is {@code postgres}. */
public record PostgresConfig(
    @Doc("JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/gridwire.") String url,
    @Doc("Database user.") String user,
    @Doc("Database password (prefer env GRIDWIRE_STORAGE_POSTGRES_PASSWORD).") String password,
    @Doc("Schema holding Gridwire's tables (created when missing).") String schema,
    @Doc("History transactions commit with synchronous_commit=off: a crash of PostgreSQL can lose the last few "
        + "hundred ms of history writes already acknowledged to the batch writer (at most 3 x wal_writer_delay); "
        + "never corrupts the database; other tables keep the server's setting.") boolean asyncCommit,
    @Doc("auto: when the server offers TimescaleDB, create the extension if permitted and make raw history a "
        + "hypertable (1-day chunks), else plain tables (the choice is logged and shown in /health); off: never "
        + "touch TimescaleDB.") String timescale) {

  public PostgresConfig {
    timescale = timescale == null ? "auto" : timescale.trim().toLowerCase(Locale.ROOT);
    if (!timescale.equals("auto") && !timescale.equals("off")) {
      throw new IllegalArgumentException("storage.postgres.timescale must be auto or off: " + timescale);
    }
    schema = schema == null || schema.isBlank() ? "gridwire" : schema;
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("storage.postgres.schema must be a plain SQL identifier: " + schema);
    }
  }

  /** 127.0.0.1:5432, database, user and schema gridwire; no password; TimescaleDB when offered. */
  public static PostgresConfig defaults() {
    return new PostgresConfig("jdbc:postgresql://127.0.0.1:5432/gridwire", "gridwire", null, "gridwire", false, "auto");
  }

  @Override
  public String toString() {
    return "PostgresConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? "unset" : "***")
        + ", schema=" + schema + ", asyncCommit=" + asyncCommit + ", timescale=" + timescale + "]";
  }
}
