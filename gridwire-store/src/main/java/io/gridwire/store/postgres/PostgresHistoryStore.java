package io.gridwire.store.postgres;

import io.gridwire.store.jdbc.HistoryRows;
import io.gridwire.store.jdbc.JdbcHistoryStore;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History on PostgreSQL through binary {@code COPY} (no SQL text or array parsing per row).
 *
 * <ul>
 *   <li>Fast path: {@code COPY history FROM STDIN (FORMAT binary)} straight into the table inside
 *       a savepoint. The batch is already free of repeated keys ({@link HistoryRows}), so this
 *       only fails when a row is already stored (a replay).
 *   <li>On a unique violation the savepoint is rolled back and the batch goes through a
 *       session-private staging table: {@code COPY} into {@code pg_temp.gw_history_stage}
 *       (temporary: not WAL-logged, emptied at commit), then one {@code INSERT ... SELECT ... ON
 *       CONFLICT DO NOTHING}. After such a conflict the next {@value #STAGED_AFTER_CONFLICT}
 *       batches go staged straight away, so a source that keeps replaying does not pay twice.
 * </ul>
 *
 * <p>With {@code asyncCommit} every history transaction runs with {@code SET LOCAL
 * synchronous_commit = off}: the commit returns before its WAL reaches the disk. A server crash
 * can then lose the last few hundred milliseconds of acknowledged history commits (at most
 * 3 × {@code wal_writer_delay}, 600 ms by default) but never corrupts the database or applies a
 * transaction partly; other tables are unaffected. That is within the history contract (a crash
 * loses at most about the last flush window). Thread-safe; blocking.
 */
public final class PostgresHistoryStore extends JdbcHistoryStore {
  private static final Logger log = LoggerFactory.getLogger(PostgresHistoryStore.class);
  static final int STAGED_AFTER_CONFLICT = 20;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int CHUNK_BYTES = 256 * 1024;
  private static final String COLUMNS = "(series_id, ts, value_num, value_text, reason)";

  private final boolean asyncCommit;
  private final AtomicInteger stagedLeft = new AtomicInteger();

  /** The server's {@code synchronous_commit} applies. */
  public PostgresHistoryStore(PostgresDatabase db) {
    this(db, false);
  }

  /**
   * @param asyncCommit true: history commits with {@code synchronous_commit = off} (see the class
   *     doc); false: the server's {@code synchronous_commit} setting applies
   */
  public PostgresHistoryStore(PostgresDatabase db, boolean asyncCommit) {
    this(db, asyncCommit, java.time.Clock.systemUTC());
  }

  /** @param clock "now" for bucketed answers (a value is not carried past it) */
  public PostgresHistoryStore(PostgresDatabase db, boolean asyncCommit, java.time.Clock clock) {
    super(db, clock);
    this.asyncCommit = asyncCommit;
  }

  @Override
  protected void insert(Connection c, HistoryRows rows) throws SQLException {
    if (asyncCommit) {
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL synchronous_commit = off");
      }
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    if (stagedLeft.get() <= 0 && copiedDirectly(c, copy, rows)) return;
    staged(c, copy, rows);
  }

  private boolean copiedDirectly(Connection c, CopyManager copy, HistoryRows rows) throws SQLException {
    Savepoint sp = c.setSavepoint();
    try {
      copy(copy, "COPY history " + COLUMNS + " FROM STDIN (FORMAT binary)", rows);
      c.releaseSavepoint(sp);
      return true;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) throw e;
      c.rollback(sp);
      stagedLeft.set(STAGED_AFTER_CONFLICT);
      log.debug("history batch of {} rows has stored keys (replay); inserting through staging", rows.size);
      return false;
    }
  }

  private void staged(Connection c, CopyManager copy, HistoryRows rows) throws SQLException {
    stagedLeft.decrementAndGet();
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TEMPORARY TABLE IF NOT EXISTS gw_history_stage "
          + "(series_id int4, ts int8, value_num float8, value_text text, reason text) ON COMMIT DELETE ROWS");
      copy(copy, "COPY pg_temp.gw_history_stage FROM STDIN (FORMAT binary)", rows);
      st.executeUpdate("INSERT INTO history " + COLUMNS + " SELECT * FROM pg_temp.gw_history_stage "
          + "ON CONFLICT DO NOTHING");
    }
  }

  private static void copy(CopyManager copy, String sql, HistoryRows rows) throws SQLException {
    CopyIn in = copy.copyIn(sql);
    try {
      CopyBinary encoder = new CopyBinary(rows, CHUNK_BYTES);
      for (ByteBuffer b = encoder.nextChunk(); b != null; b = encoder.nextChunk()) {
        in.writeToCopy(b.array(), b.arrayOffset() + b.position(), b.remaining());
      }
      in.endCopy();
    } finally {
      if (in.isActive()) in.cancelCopy();
    }
  }
}
