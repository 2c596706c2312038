package io.gridwire.store.sqlite;

import io.gridwire.core.port.Retention;
import io.gridwire.store.jdbc.HistoryRows;
import io.gridwire.store.jdbc.JdbcHistoryStore;
import io.gridwire.store.jdbc.ReadingBlock;
import io.gridwire.store.jdbc.RecentRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * History on SQLite, written through a journal. A commit appends its rows to {@code
 * history_journal} (a rowid table without index: a few sequential pages) and, once committed,
 * to {@link RecentRows} in memory, where readers find them. A fold moves the journal into {@code
 * history} in key order in one transaction and empties it, so each series' tail page of the
 * history b-tree is written once per fold rather than once per row:
 *
 * <pre>
 *   append ──▶ history_journal (disk) + RecentRows (memory) ──fold──▶ history
 *                                          readers: history ∪ RecentRows
 * </pre>
 *
 * A fold runs when {@link #FOLD_EVERY} passed or {@link #FOLD_ROWS} rows wait (before the next
 * append, on the writer's thread), before every roll-up and retention run, at open (what a crash
 * or a stop left) and at a clean stop. A crash loses what it always lost, the commit in flight: the journal is
 * in the same file and transactions. Numbers-only rows go {@value #ROWS_PER_STATEMENT} to a
 * prepared multi-row insert; the tail and rows with text or a no-data reason row by row in a
 * JDBC batch. Thread-safe.
 */
public final class SqliteHistoryStore extends JdbcHistoryStore {
  static final int ROWS_PER_STATEMENT = 100;
  /**
   * Longest time between folds. Rows per series per fold set the write cost: at 2 s polls a busy
   * series gets 15 rows in 30 s and 30 in 60 s, and each fold writes its tail page once.
   */
  public static final Duration FOLD_EVERY = Duration.ofSeconds(60);
  /** Rows that start a fold before {@link #FOLD_EVERY} (about 30 MB held in memory). */
  public static final int FOLD_ROWS = 1_500_000;
  private static final String INSERT =
      "INSERT INTO history_journal (series_id, ts, value_num, value_text, reason) VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_NUM = "INSERT INTO history_journal (series_id, ts, value_num) VALUES (?, ?, ?)";
  private static final String INSERT_NUM_MANY = "INSERT INTO history_journal (series_id, ts, value_num) VALUES "
      + String.join(", ", java.util.Collections.nCopies(ROWS_PER_STATEMENT, "(?, ?, ?)"));
  // rowid breaks ties: the first arrival of a repeated (series, ts) is the one kept
  private static final String FOLD = """
      INSERT OR IGNORE INTO history (series_id, ts, value_num, value_text, reason)
      SELECT series_id, ts, value_num, value_text, reason FROM history_journal ORDER BY series_id, ts, rowid""";

  private final Clock clock;
  private final Duration foldEvery;
  private final int foldRows;
  /** Appends and folds one at a time, so a fold empties exactly what memory holds. */
  private final ReentrantLock appendOrFold = new ReentrantLock();
  private volatile long unfoldedFrom = Long.MAX_VALUE;
  private Instant lastFold;

  public SqliteHistoryStore(SqliteDatabase db) {
    this(db, Clock.systemUTC());
  }

  /** @param clock "now" for bucketed answers (a value is not carried past it) and for {@link #FOLD_EVERY} */
  public SqliteHistoryStore(SqliteDatabase db, Clock clock) {
    this(db, clock, FOLD_EVERY, FOLD_ROWS);
  }

  /** Folds what the journal holds before returning: nothing reads before that. Blocking. */
  SqliteHistoryStore(SqliteDatabase db, Clock clock, Duration foldEvery, int foldRows) {
    super(db, clock, new RecentRows());
    this.clock = clock;
    this.foldEvery = foldEvery;
    this.foldRows = foldRows;
    fold();
  }

  @Override
  public void write(List<ReadingBlock> blocks) {
    appendOrFold.lock();
    try {
      if (recent.size() >= foldRows || !clock.instant().isBefore(lastFold.plus(foldEvery))) foldNow();
      super.write(blocks);
    } finally {
      appendOrFold.unlock();
    }
  }

  /** Rows in the journal (and memory) now. */
  int recentRows() {
    return recent.size();
  }

  @Override
  public void fold() {
    appendOrFold.lock();
    try {
      foldNow();
    } finally {
      appendOrFold.unlock();
    }
  }

  private void foldNow() {
    db.write("fold history journal into history", c -> {
      try (Statement st = c.createStatement()) {
        st.executeUpdate(FOLD);
        st.executeUpdate("DELETE FROM history_journal"); // no WHERE: SQLite frees the pages at once
      }
      return null;
    });
    recent.clear();
    unfoldedFrom = Long.MAX_VALUE;
    lastFold = clock.instant();
  }

  @Override
  public void rollUp(Instant upTo) {
    fold();
    super.rollUp(upTo);
  }

  /** Folds first, so the journal's rows are purged as the table's are. */
  @Override
  public long purge(Retention retention, Instant now) {
    fold();
    return super.purge(retention, now);
  }

  @Override
  protected long unfoldedFrom() {
    return unfoldedFrom;
  }

  @Override
  protected void committed(HistoryRows rows) {
    recent.add(rows);
  }

  @Override
  protected void insert(Connection c, HistoryRows rows) throws SQLException {
    unfoldedFrom = Math.min(unfoldedFrom, rows.minTs); // in the transaction: before any roll-up can see the rows
    try (PreparedStatement many = c.prepareStatement(INSERT_NUM_MANY);
        PreparedStatement num = c.prepareStatement(INSERT_NUM);
        PreparedStatement other = c.prepareStatement(INSERT)) {
      int[] pending = new int[ROWS_PER_STATEMENT];
      int waiting = 0;
      int singles = 0;
      int others = 0;
      for (int i = 0; i < rows.size; i++) {
        if (rows.num[i] != null) {
          pending[waiting++] = i;
          if (waiting == ROWS_PER_STATEMENT) {
            for (int k = 0; k < waiting; k++) bindNum(many, 3 * k, rows, pending[k]);
            many.executeUpdate();
            waiting = 0;
          }
          continue;
        }
        other.setInt(1, rows.series[i]);
        other.setLong(2, rows.ts[i]);
        other.setNull(3, Types.DOUBLE);
        other.setString(4, rows.text[i]);
        other.setString(5, rows.reason[i]);
        other.addBatch();
        others++;
      }
      for (int k = 0; k < waiting; k++) {
        bindNum(num, 0, rows, pending[k]);
        num.addBatch();
        singles++;
      }
      if (singles > 0) num.executeBatch();
      if (others > 0) other.executeBatch();
    }
  }

  private static void bindNum(PreparedStatement st, int offset, HistoryRows rows, int i) throws SQLException {
    st.setInt(offset + 1, rows.series[i]);
    st.setLong(offset + 2, rows.ts[i]);
    st.setDouble(offset + 3, rows.num[i]);
  }
}
