package io.gridwire.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gridwire.store.jdbc.Database;
import io.gridwire.store.jdbc.SqlWork;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** PostgreSQL through a HikariCP pool, every connection on one schema. */
public final class PostgresDatabase extends Database {
  private final HikariDataSource pool;

  private PostgresDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Connects, creates {@code schema} when missing and runs the migrations. Blocking.
   *
   * @param password null for trust or peer authentication
   */
  public static PostgresDatabase open(String jdbcUrl, String user, String password, String schema) {
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
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new PostgresDatabase(pool);
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
