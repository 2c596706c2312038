package io.gridwire.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * Incremental roll-ups. {@code rollup_state} holds, per resolution, a watermark: every bucket
 * before it is complete. A roll-up run recomputes buckets from the watermark up to the last
 * complete bucket (1 min from raw rows, 1 h from 1-min rows) in short transactions and moves the
 * watermark on. An append with rows older than a watermark moves it back ({@link #rewind}), so
 * replayed or late data is rolled up again on the next run; recomputing a bucket replaces it.
 *
 * <pre>
 *   raw ──(1 min buckets)──▶ rollup_1m ──(1 h buckets)──▶ rollup_1h
 *                 watermark "1m" ─┘                watermark "1h" ─┘
 * </pre>
 */
final class Rollups {
  static final long MINUTE = 60_000L;
  static final long HOUR = 3_600_000L;
  private static final long CHUNK_1M = 6 * HOUR;
  private static final long CHUNK_1H = 7 * 24 * HOUR;

  /** Watermarks in epoch ms; {@link Long#MIN_VALUE} when nothing was rolled up yet. */
  record Watermarks(long minute, long hour) {}

  private final Database db;
  private final LongSupplier unfoldedFrom;

  /**
   * @param unfoldedFrom oldest time of a row not yet in the history table (read in the writer's
   *     transaction): a minute is rolled up only once all its rows are there
   */
  Rollups(Database db, LongSupplier unfoldedFrom) {
    this.db = db;
    this.unfoldedFrom = unfoldedFrom;
  }

  /** Moves watermarks back to the bucket of {@code minTs}; run inside an append transaction. */
  static void rewind(Connection c, long minTs) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE rollup_state SET upto = ? WHERE name = ? AND upto > ?")) {
      rewindOne(st, "1m", floor(minTs, MINUTE));
      rewindOne(st, "1h", floor(minTs, HOUR));
    }
  }

  private static void rewindOne(PreparedStatement st, String name, long to) throws SQLException {
    st.setLong(1, to);
    st.setString(2, name);
    st.setLong(3, to);
    st.executeUpdate();
  }

  static long floor(long t, long step) {
    return Math.floorDiv(t, step) * step;
  }

  Watermarks watermarks() {
    return db.read("read roll-up watermarks", c -> {
      long m = Long.MIN_VALUE;
      long h = Long.MIN_VALUE;
      try (PreparedStatement st = c.prepareStatement("SELECT name, upto FROM rollup_state");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(1).equals("1m")) m = rs.getLong(2);
          else if (rs.getString(1).equals("1h")) h = rs.getLong(2);
        }
      }
      return new Watermarks(m, h);
    });
  }

  void rollUp(long upTo) {
    if (!initialised()) return;
    long target1m = floor(upTo, MINUTE);
    while (step("1m", target1m, CHUNK_1M, MINUTE_SQL)) {
      // next chunk
    }
    long target1h = floor(Math.min(target1m, watermarks().minute()), HOUR);
    while (step("1h", target1h, CHUNK_1H, HOUR_SQL)) {
      // next chunk
    }
  }

  /** Creates the watermarks at the oldest stored row; false when there is no history yet. */
  private boolean initialised() {
    Watermarks w = watermarks();
    if (w.minute() != Long.MIN_VALUE && w.hour() != Long.MIN_VALUE) return true;
    Long oldest = db.read("find oldest history", c -> {
      // per series, so each min() is one primary-key lookup
      try (PreparedStatement st = c.prepareStatement(
              "SELECT min((SELECT min(ts) FROM history h WHERE h.series_id = s.id)) FROM series s");
          ResultSet rs = st.executeQuery()) {
        if (!rs.next()) return null;
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
      }
    });
    if (oldest == null) return false;
    db.write("create roll-up watermarks", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "INSERT INTO rollup_state (name, upto) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
        st.setString(1, "1m");
        st.setLong(2, floor(oldest, MINUTE));
        st.executeUpdate();
        st.setString(1, "1h");
        st.setLong(2, floor(oldest, HOUR));
        st.executeUpdate();
      }
      return null;
    });
    return true;
  }

  /** Rolls up one chunk after the watermark; false when the watermark has reached the target. */
  private boolean step(String name, long target, long chunk, String sql) {
    return db.write("roll up " + name, c -> {
      long from = lockWatermark(c, name);
      long until = name.equals("1m") ? Math.min(target, floor(unfoldedFrom.getAsLong(), MINUTE)) : target;
      if (from >= until) return false;
      long to = Math.min(until, from + chunk);
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setLong(1, from);
        st.setLong(2, to);
        st.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement("UPDATE rollup_state SET upto = ? WHERE name = ?")) {
        st.setLong(1, to);
        st.setString(2, name);
        st.executeUpdate();
      }
      return to < until;
    });
  }

  /** Reads the watermark; on PostgreSQL also locks it so a concurrent rewind waits for us. */
  private long lockWatermark(Connection c, String name) throws SQLException {
    String sql = "SELECT upto FROM rollup_state WHERE name = ?" + (db.postgres() ? " FOR UPDATE" : "");
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) throw new SQLException("roll-up watermark " + name + " missing");
        return rs.getLong(1);
      }
    }
  }

  // The join drives from the series table so each history range is a primary-key range scan.
  private static final String MINUTE_SQL = """
      INSERT INTO rollup_1m (series_id, bucket, avg_val, min_val, max_val, cnt)
      SELECT h.series_id, h.ts - (h.ts % 60000), avg(h.value_num), min(h.value_num), max(h.value_num), count(h.value_num)
      FROM series s JOIN history h ON h.series_id = s.id
      WHERE h.ts >= ? AND h.ts < ? AND h.value_num IS NOT NULL
      GROUP BY h.series_id, h.ts - (h.ts % 60000)
      ON CONFLICT (series_id, bucket) DO UPDATE SET avg_val = excluded.avg_val, min_val = excluded.min_val,
        max_val = excluded.max_val, cnt = excluded.cnt""";

  private static final String HOUR_SQL = """
      INSERT INTO rollup_1h (series_id, bucket, avg_val, min_val, max_val, cnt)
      SELECT m.series_id, m.bucket - (m.bucket % 3600000),
        sum(m.avg_val * m.cnt) / CAST(sum(m.cnt) AS DOUBLE PRECISION), min(m.min_val), max(m.max_val), sum(m.cnt)
      FROM series s JOIN rollup_1m m ON m.series_id = s.id
      WHERE m.bucket >= ? AND m.bucket < ?
      GROUP BY m.series_id, m.bucket - (m.bucket % 3600000)
      ON CONFLICT (series_id, bucket) DO UPDATE SET avg_val = excluded.avg_val, min_val = excluded.min_val,
        max_val = excluded.max_val, cnt = excluded.cnt""";
}
