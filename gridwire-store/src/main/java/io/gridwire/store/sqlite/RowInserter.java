package io.gridwire.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;

/**
 * History rows into one table, in the caller's transaction: numbers {@value #ROWS_PER_STATEMENT}
 * to a prepared multi-row insert (one statement step per {@value #ROWS_PER_STATEMENT} rows
 * instead of one per row), the tail and rows with a text or a no-data reason row by row in a
 * JDBC batch. Call {@link #finish} before closing. Not thread-safe.
 */
final class RowInserter implements AutoCloseable {
  static final int ROWS_PER_STATEMENT = 100;

  private final PreparedStatement many;
  private final PreparedStatement num;
  private final PreparedStatement other;
  private final int[] series = new int[ROWS_PER_STATEMENT];
  private final long[] ts = new long[ROWS_PER_STATEMENT];
  private final double[] values = new double[ROWS_PER_STATEMENT];
  private int waiting;
  private int others;

  /** @param insert {@code INSERT} or {@code INSERT OR IGNORE} */
  RowInserter(Connection c, String insert, String table) throws SQLException {
    String into = insert + " INTO " + table;
    this.many = c.prepareStatement(into + " (series_id, ts, value_num) VALUES "
        + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT, "(?, ?, ?)")));
    this.num = c.prepareStatement(into + " (series_id, ts, value_num) VALUES (?, ?, ?)");
    this.other = c.prepareStatement(into + " (series_id, ts, value_num, value_text, reason) VALUES (?, ?, ?, ?, ?)");
  }

  void number(int id, long t, double v) throws SQLException {
    series[waiting] = id;
    ts[waiting] = t;
    values[waiting++] = v;
    if (waiting < ROWS_PER_STATEMENT) return;
    for (int k = 0; k < waiting; k++) bind(many, 3 * k, k);
    many.executeUpdate();
    waiting = 0;
  }

  /** A text value, or no-data with its reason (one of them set). */
  void other(int id, long t, String text, String reason) throws SQLException {
    other.setInt(1, id);
    other.setLong(2, t);
    other.setNull(3, Types.DOUBLE);
    other.setString(4, text);
    other.setString(5, reason);
    other.addBatch();
    others++;
  }

  /** Writes the rows still waiting. */
  void finish() throws SQLException {
    for (int k = 0; k < waiting; k++) {
      bind(num, 0, k);
      num.addBatch();
    }
    if (waiting > 0) num.executeBatch();
    if (others > 0) other.executeBatch();
    waiting = 0;
    others = 0;
  }

  private void bind(PreparedStatement st, int offset, int k) throws SQLException {
    st.setInt(offset + 1, series[k]);
    st.setLong(offset + 2, ts[k]);
    st.setDouble(offset + 3, values[k]);
  }

  @Override
  public void close() throws SQLException {
    try (many; num; other) {
      // closes all three
    }
  }
}
