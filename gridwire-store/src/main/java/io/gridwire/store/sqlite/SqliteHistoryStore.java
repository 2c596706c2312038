package io.gridwire.store.sqlite;

import io.gridwire.store.jdbc.HistoryRows;
import io.gridwire.store.jdbc.JdbcHistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * History on SQLite. Numbers-only rows go {@value #ROWS_PER_STATEMENT} to a prepared multi-row
 * {@code INSERT OR IGNORE} (one statement step per {@value #ROWS_PER_STATEMENT} rows instead of
 * one per row); the tail and rows with text or a no-data reason go row by row in a JDBC batch.
 * Duplicates ignored.
 */
public final class SqliteHistoryStore extends JdbcHistoryStore {
  static final int ROWS_PER_STATEMENT = 100;
  private static final String INSERT =
      "INSERT OR IGNORE INTO history (series_id, ts, value_num, value_text, reason) VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_NUM = "INSERT OR IGNORE INTO history (series_id, ts, value_num) VALUES (?, ?, ?)";
  private static final String INSERT_NUM_MANY = "INSERT OR IGNORE INTO history (series_id, ts, value_num) VALUES "
      + String.join(", ", java.util.Collections.nCopies(ROWS_PER_STATEMENT, "(?, ?, ?)"));

  public SqliteHistoryStore(SqliteDatabase db) {
    super(db);
  }

  /** @param clock "now" for bucketed answers (a value is not carried past it) */
  public SqliteHistoryStore(SqliteDatabase db, java.time.Clock clock) {
    super(db, clock);
  }

  @Override
  protected void insert(Connection c, HistoryRows rows) throws SQLException {
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
