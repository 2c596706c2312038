package io.gridwire.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link TimescaleCatalog} over one auto-commit connection, for the raw history table of one
 * schema. Each action is its own statement, so a refused {@code CREATE EXTENSION} leaves nothing
 * half done and the connection usable.
 */
final class JdbcTimescaleCatalog implements TimescaleCatalog {
  static final String EXTENSION = "timescaledb";
  /** Chunk width of the hypertable: one day of the {@code ts} column (epoch milliseconds). */
  static final long CHUNK_MILLIS = 86_400_000L;

  private final Connection c;
  private final String schema;

  JdbcTimescaleCatalog(Connection c, String schema) {
    this.c = c;
    this.schema = schema;
  }

  @Override
  public Extension installed() throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT n.nspname, e.extversion FROM pg_extension e "
        + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ?")) {
      st.setString(1, EXTENSION);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? new Extension(rs.getString(1), rs.getString(2)) : null;
      }
    }
  }

  @Override
  public boolean available() throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = ?)")) {
      st.setString(1, EXTENSION);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  @Override
  public Extension createExtension() throws SQLException {
    // Without the preload, CREATE EXTENSION ends the session with FATAL: ask first.
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('shared_preload_libraries')")) {
      rs.next();
      String preload = rs.getString(1);
      if (preload == null || !preload.contains(EXTENSION)) {
        throw new SQLException(EXTENSION + " is not in the server's shared_preload_libraries ('" + (preload == null ? "" : preload)
            + "'): add it to postgresql.conf and restart PostgreSQL to use TimescaleDB");
      }
    }
    // Database-wide, so it goes where TimescaleDB's own guides put it, not into Gridwire's schema.
    try (Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS " + EXTENSION + " WITH SCHEMA public");
    }
    Extension ext = installed();
    if (ext == null) throw new SQLException("CREATE EXTENSION " + EXTENSION + " returned but the extension is not installed");
    return ext;
  }

  @Override
  public boolean historyIsHypertable(Extension ext) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables "
        + "WHERE hypertable_schema = ? AND hypertable_name = 'history')")) {
      st.setString(1, schema);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  @Override
  public void convertHistory(Extension ext) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(createHypertableSql(schema, ext));
    }
  }

  /**
   * The {@code create_hypertable} call for the installed version: the dimension form from 2.13
   * (where the older signature is deprecated), the older signature before. No default index on
   * {@code ts}: every history query and delete is a range of the (series_id, ts) primary key.
   */
  static String createHypertableSql(String schema, Extension ext) {
    String fn = ident(ext.schema()) + ".";
    String table = "'" + (ident(schema) + ".history").replace("'", "''") + "'::regclass";
    boolean dimensionApi = TimescaleSetup.major(ext.version()) > 2
        || (TimescaleSetup.major(ext.version()) == 2 && TimescaleSetup.minor(ext.version()) >= 13);
    String partitioning = dimensionApi
        ? fn + "by_range('ts', " + CHUNK_MILLIS + "::bigint)"
        : "'ts', chunk_time_interval => " + CHUNK_MILLIS + "::bigint";
    return "SELECT " + fn + "create_hypertable(" + table + ", " + partitioning
        + ", create_default_indexes => false, if_not_exists => true, migrate_data => true)";
  }

  /** A double-quoted SQL identifier. */
  static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
