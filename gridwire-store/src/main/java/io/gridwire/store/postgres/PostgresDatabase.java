package io.gridwire.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gridwire.store.jdbc.Database;
import io.gridwire.store.jdbc.SqlWork;
import io.gridwire.store.jdbc.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** PostgreSQL through a HikariCP pool, every connection on one schema. */
public final class PostgresDatabase extends Database {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PostgresDatabase.class);
  /** Serialises the TimescaleDB step of nodes starting together on one database ("gwtsdb"). */
  private static final long TIMESCALE_LOCK = 0x67_77_74_73_64_62L;

  private final HikariDataSource pool;
  private final HistoryLayout historyLayout;

  private PostgresDatabase(HikariDataSource pool, HistoryLayout historyLayout) {
    this.pool = pool;
    this.historyLayout = historyLayout;
  }

  /**
   * Connects, creates {@code schema} when missing, runs the migrations, then (a separate,
   * idempotent step) makes raw history a TimescaleDB hypertable when {@code timescale} allows it
   * and the server offers the extension (see {@link TimescaleSetup}). Blocking.
   *
   * @param password null for trust or peer authentication
   * @throws RuntimeException when the database cannot be reached, migrated or inspected
   */
  public static PostgresDatabase open(String jdbcUrl, String user, String password, String schema,
      TimescaleMode timescale) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setUsername(user);
    if (password != null) hc.setPassword(password);
    hc.setSchema(schema);
    hc.setPoolName("gridwire-postgres");
    hc.setMaximumPoolSize(6);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(5_000);
    hc.setInitializationFailTimeout(5_000);
    hc.addDataSourceProperty("ApplicationName", "gridwire");
    HikariDataSource pool = new HikariDataSource(hc);
    try {
      Flyway.configure().dataSource(pool).schemas(schema).defaultSchema(schema).createSchemas(true)
          .locations("classpath:db/migration/postgres").load().migrate();
      return new PostgresDatabase(pool, timescale(pool, schema, timescale));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static HistoryLayout timescale(DataSource pool, String schema, TimescaleMode mode) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      advisoryLock(c, "pg_advisory_lock");
      try {
        return TimescaleSetup.apply(mode, new JdbcTimescaleCatalog(c, schema));
      } finally {
        try {
          advisoryLock(c, "pg_advisory_unlock");
        } catch (SQLException e) {
          // the server ended the session (it frees the lock then); the decision above stands
          log.warn("TimescaleDB step: could not release its advisory lock ({}); PostgreSQL frees it with the session", e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw new StoreException("TimescaleDB detection failed: " + e.getMessage(), e);
    }
  }

  private static void advisoryLock(Connection c, String function) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT " + function + "(?)")) {
      st.setLong(1, TIMESCALE_LOCK);
      st.execute();
    }
  }

  /** How raw history is kept: a plain table or a TimescaleDB hypertable, and why. */
  public HistoryLayout historyLayout() {
    return historyLayout;
  }

  @Override
  protected <T> T inTransaction(SqlWork<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      return transaction(c, work);
    }
  }

  @Override
  protected DataSource readDataSource() {
    return pool;
  }

  @Override
  public boolean postgres() {
    return true;
  }

  @Override
  public void close() {
    pool.close();
  }
}
