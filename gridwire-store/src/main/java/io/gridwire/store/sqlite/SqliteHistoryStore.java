package io.gridwire.store.sqlite;

import io.gridwire.core.port.Retention;
import io.gridwire.store.jdbc.HistoryRows;
import io.gridwire.store.jdbc.JdbcHistoryStore;
import io.gridwire.store.jdbc.ReadingBlock;
import io.gridwire.store.jdbc.RecentRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * A fold runs when {@link #FOLD_EVERY} passed, {@link #FOLD_ROWS} rows wait or they hold {@link
 * #FOLD_BYTES} (before the next append, on the writer's thread), before every roll-up and
 * retention run, at open (what a crash or a stop left) and at a clean stop. It inserts from
 * memory in key order ({@link RecentRows#forEachInKeyOrder}), and sorts the journal in SQL only
 * when memory does not hold exactly the journal (at open). A crash loses what it always lost, the
 * commit in flight: the journal is in the same file and transactions. Rows go in through a
 * {@link RowInserter}.
 * Thread-safe.
 */
public final class SqliteHistoryStore extends JdbcHistoryStore {
  /**
   * Longest time between folds. Rows per series per fold set the write cost: at 2 s polls a busy
   * series gets 15 rows in 30 s and 30 in 60 s, and each fold writes its tail page once.
   */
  public static final Duration FOLD_EVERY = Duration.ofSeconds(60);
  /** Rows that start a fold before {@link #FOLD_EVERY}. */
  public static final int FOLD_ROWS = 1_000_000;
  /**
   * Memory that starts a fold before {@link #FOLD_EVERY} or {@link #FOLD_ROWS}: rows, their
   * series map and the texts of text rows. 1,000 gensets hold ~16 MB after a minute; a fleet's first poll (every row a new
   * series, 37 bytes a row with the map) folds every ~500,000 rows instead of 1 M (~55 MB).
   */
  public static final long FOLD_BYTES = 24L << 20;
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
      if (foldDue()) foldNow();
      super.write(blocks);
    } finally {
      appendOrFold.unlock();
    }
  }

  /** Rows in the journal (and memory) now. */
  int recentRows() {
    return recent.size();
  }

  private boolean foldDue() {
    return recent.size() >= foldRows || recent.bytes() >= FOLD_BYTES
        || !clock.instant().isBefore(lastFold.plus(foldEvery));
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
      long journal = journalRows(c);
      if (journal == 0) return null;
      if (journal == recent.size()) {
        try (RowInserter history = new RowInserter(c, "INSERT OR IGNORE", "history")) {
          recent.forEachInKeyOrder((id, t, v, text, reason) -> {
            if (text == null && reason == null) history.number(id, t, v);
            else history.other(id, t, text, reason);
          });
          history.finish();
        }
      } else {
        try (Statement st = c.createStatement()) {
          st.executeUpdate(FOLD); // at open (memory is empty), or memory missed a commit: the journal is the truth
        }
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM history_journal"); // no WHERE: SQLite frees the pages at once
      }
      return null;
    });
    recent.clear();
    unfoldedFrom = Long.MAX_VALUE;
    lastFold = clock.instant();
  }

  /**
   * Rows in the journal: its largest rowid, as rows are only ever appended and all deleted at
   * once (an empty table numbers from 1 again). One b-tree descent, not a count.
   */
  private static long journalRows(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(rowid) FROM history_journal")) {
      rs.next();
      return rs.getLong(1);
    }
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
    try (RowInserter journal = new RowInserter(c, "INSERT", "history_journal")) {
      for (int i = 0; i < rows.size; i++) {
        if (rows.num[i] != null) journal.number(rows.series[i], rows.ts[i], rows.num[i]);
        else journal.other(rows.series[i], rows.ts[i], rows.text[i], rows.reason[i]);
      }
      journal.finish();
    }
  }
}
