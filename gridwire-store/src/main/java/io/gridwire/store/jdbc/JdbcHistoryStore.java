package io.gridwire.store.jdbc;

import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.port.Retention;
import io.gridwire.core.reading.Reading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * History on a JDBC database: a {@code series} dictionary, narrow raw rows keyed by (series,
 * time), gap marks per device ({@code history_marks}: the device went offline or the gateway
 * stopped), and 1-minute / 1-hour roll-ups. Vendors differ only in how a batch of rows is inserted
 * ({@link #insert}). Thread-safe; blocking.
 */
public abstract class JdbcHistoryStore implements HistoryStore {
  protected final Database db;
  /** Rows written but not yet in the history table (empty where rows go straight there). */
  protected final RecentRows recent;
  private final SeriesIds series;
  private final Rollups rollups;
  private final HistoryReader reader;

  protected JdbcHistoryStore(Database db) {
    this(db, Clock.systemUTC());
  }

  /** @param clock "now": a stored value is not carried past it in bucketed answers */
  protected JdbcHistoryStore(Database db, Clock clock) {
    this(db, clock, new RecentRows());
  }

  /**
   * @param recent rows {@link #insert} puts somewhere else than the history table (a journal)
   *     until a fold: readers answer as if they were in the table
   */
  protected JdbcHistoryStore(Database db, Clock clock, RecentRows recent) {
    this.db = db;
    this.recent = recent;
    this.series = new SeriesIds(db);
    this.rollups = new Rollups(db, this::unfoldedFrom);
    this.reader = new HistoryReader(db, series, clock, recent);
  }

  /**
   * Inserts rows in the caller's transaction, skipping any (series, ts) already stored or
   * repeated within the batch (or, for a store with a journal, appends them to the journal: a
   * fold inserts them so).
   */
  protected abstract void insert(Connection c, HistoryRows rows) throws SQLException;

  /** Called after the transaction of {@link #insert} committed, on the writing thread. */
  protected void committed(HistoryRows rows) {}

  /**
   * Oldest time (epoch ms) of a row not yet in the history table, read in the writer's
   * transaction: roll-ups stop before its minute. {@link Long#MAX_VALUE} when none.
   */
  protected long unfoldedFrom() {
    return Long.MAX_VALUE;
  }

  /** Moves journaled rows into the history table; nothing where rows go straight there. Blocking. */
  public void fold() {}

  /**
   * Stores values as rows and a {@link Reading#gap} as one mark of its device ({@code
   * history_marks}), not one no-data row per held value: the reader answers the same from both.
   */
  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) return;
    write(pack(readings, Integer.MAX_VALUE));
  }

  /** Packs readings for {@link #write} in blocks of at most {@code maxUnits}: the history writer's compact backlog. */
  public List<ReadingBlock> pack(List<Reading> readings, int maxUnits) {
    return ReadingBlock.pack(readings, series.metrics(), maxUnits);
  }

  /** {@link #append} of readings packed by {@link #pack}, in one transaction. */
  public void write(List<ReadingBlock> blocks) {
    if (blocks.isEmpty()) return;
    series.resolveFor(blocks);
    HistoryRows rows = HistoryRows.of(blocks, series);
    boolean marks = false;
    for (ReadingBlock b : blocks) {
      for (String g : b.gapReason) marks |= g != null;
    }
    if (rows.size == 0 && !marks) return;
    boolean anyMarks = marks;
    db.write("append history", c -> {
      if (rows.size > 0) {
        insert(c, rows);
        Rollups.rewind(c, rows.minTs);
      }
      if (anyMarks) insertMarks(c, blocks);
      return null;
    });
    if (rows.size > 0) committed(rows);
  }

  /** One mark per gap: its device, time, and the reason of its no-data values. */
  private static void insertMarks(Connection c, List<ReadingBlock> blocks) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO history_marks (device_id, ts, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (ReadingBlock b : blocks) {
        for (int r = 0; r < b.readings; r++) {
          if (b.gapReason[r] == null) continue;
          st.setString(1, b.device[r]);
          st.setLong(2, b.ts[r]);
          st.setString(3, b.gapReason[r]);
          st.addBatch();
        }
      }
      st.executeBatch();
    }
  }

  @Override
  public HistoryResult query(HistoryQuery query) {
    return reader.query(query, rollups.watermarks());
  }

  @Override
  public void rollUp(Instant upTo) {
    rollups.rollUp(upTo.toEpochMilli());
  }

  @Override
  public long purge(Retention retention, Instant now) {
    long deleted = 0;
    long t = now.toEpochMilli();
    List<Integer> ids = series.all();
    deleted += purgeBySeries("history", "ts", ids, t - retention.raw().toMillis());
    deleted += purgeBySeries("rollup_1m", "bucket", ids, t - retention.rollup1m().toMillis());
    deleted += purgeBySeries("rollup_1h", "bucket", ids, t - retention.rollup1h().toMillis());
    long rawBefore = t - retention.raw().toMillis();
    deleted += db.write("purge history_marks", c -> {
      // a mark is a device's no-data rows in one: it goes with the raw rows of its time
      try (PreparedStatement st = c.prepareStatement("DELETE FROM history_marks WHERE ts < ?")) {
        st.setLong(1, rawBefore);
        return (long) st.executeUpdate();
      }
    });
    return deleted;
  }

  /** Deletes per series, so every delete is a range on the primary key, in short transactions. */
  private long purgeBySeries(String table, String column, List<Integer> ids, long before) {
    long deleted = 0;
    String sql = "DELETE FROM " + table + " WHERE series_id = ? AND " + column + " < ?";
    for (int from = 0; from < ids.size(); from += 200) {
      List<Integer> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
      deleted += db.write("purge " + table, c -> {
        long n = 0;
        try (PreparedStatement st = c.prepareStatement(sql)) {
          for (int id : chunk) {
            st.setInt(1, id);
            st.setLong(2, before);
            n += st.executeUpdate();
          }
        }
        return n;
      });
    }
    return deleted;
  }
}
