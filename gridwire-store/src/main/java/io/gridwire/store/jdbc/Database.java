package io.gridwire.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections to one store, with the vendor differences the stores need. Thread-safe.
 *
 * <p>{@link #write} runs work in one transaction (commit on return, rollback on exception); for
 * SQLite every write goes through the single writer connection, one at a time. {@link #read}
 * borrows a pooled connection in auto-commit mode.
 */
public abstract class Database implements AutoCloseable {

  /** Runs {@code work} in one transaction. Blocking. */
  public final <T> T write(String what, SqlWork<T> work) {
    try {
      return inTransaction(work);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** Runs read-only {@code work}. Blocking. */
  public final <T> T read(String what, SqlWork<T> work) {
    try (Connection c = readDataSource().getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  protected abstract <T> T inTransaction(SqlWork<T> work) throws SQLException;

  protected abstract DataSource readDataSource();

  /** True for PostgreSQL: row locks ({@code FOR UPDATE}) and array parameters exist. */
  public abstract boolean postgres();

  /** Runs work on {@code c} as one transaction, restoring auto-commit. */
  protected static <T> T transaction(Connection c, SqlWork<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is broken; the pool or the next write finds out
      }
    }
  }

  @Override
  public abstract void close();
}
