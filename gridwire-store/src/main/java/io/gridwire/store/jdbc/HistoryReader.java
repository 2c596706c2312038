package io.gridwire.store.jdbc;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers history queries. Rows are stored on change (report by exception): a value holds until
 * the next row. Without a step: the rows in range, preceded by the value in force at
 * {@code from} (the last row before it) when no row is exactly there. With a step from raw rows
 * ("bucketed"): the series as a step function ({@link StepBuckets}: time-weighted, carried into
 * empty buckets, stopped by no-data rows and by now). A device's gap marks ({@link GapMarks}: it
 * went offline, the gateway stopped) read as a no-data row in each of its series that held a value. With a step (buckets aligned to multiples
 * of the step since the epoch): from 1-hour roll-ups when step ≥ 1 h; from 1-minute roll-ups when
 * step ≥ 1 min and the range is longer than {@link #ROLLUP_MIN_RANGE}; otherwise from raw rows.
 * A roll-up answer fills the edges not covered by complete roll-up buckets (the range start, and
 * everything after the watermark) from raw rows. A roll-up bucket counts in the step bucket its
 * start falls in, so when the step is not a multiple of the roll-up width the edge of a step
 * bucket is off by at most one roll-up bucket.
 */
final class HistoryReader {
  /** Shorter ranges are bucketed from raw rows even when 1-minute roll-ups could serve. */
  static final Duration ROLLUP_MIN_RANGE = Duration.ofHours(6);

  private final Database db;
  private final SeriesIds series;
  private final Clock clock;

  HistoryReader(Database db, SeriesIds series, Clock clock) {
    this.db = db;
    this.series = series;
    this.clock = clock;
  }

  HistoryResult query(HistoryQuery q, Rollups.Watermarks marks) {
    Optional<Integer> id = series.find(q.deviceId(), q.metric());
    String resolution = resolution(q);
    if (id.isEmpty()) return new HistoryResult(List.of(), resolution);
    long from = q.from().toEpochMilli();
    long to = q.to().toEpochMilli();
    return switch (resolution) {
      case "raw" -> new HistoryResult(withValueAtFrom(id.get(), q.deviceId(), from, to, q.limit()), "raw");
      case "bucketed" -> new HistoryResult(steps(id.get(), q.deviceId(), from, to, q.step().toMillis()), resolution);
      default -> new HistoryResult(fromRollups(id.get(), q, resolution, marks), resolution);
    };
  }

  static String resolution(HistoryQuery q) {
    if (q.step() == null) return "raw";
    Duration range = Duration.between(q.from(), q.to());
    if (q.step().compareTo(Duration.ofHours(1)) >= 0) return "1h";
    if (q.step().compareTo(Duration.ofMinutes(1)) >= 0 && range.compareTo(ROLLUP_MIN_RANGE) > 0) return "1m";
    return "bucketed";
  }

  private List<HistoryPoint> fromRollups(int id, HistoryQuery q, String resolution, Rollups.Watermarks marks) {
    long width = resolution.equals("1h") ? Rollups.HOUR : Rollups.MINUTE;
    long mark = resolution.equals("1h") ? marks.hour() : marks.minute();
    long from = q.from().toEpochMilli();
    long to = q.to().toEpochMilli();
    long step = q.step().toMillis();
    long a = Math.min(to, -Rollups.floor(-from, width)); // first whole roll-up bucket
    long b = Math.min(Rollups.floor(to, width), mark);   // end of whole, complete roll-up buckets
    TreeMap<Long, Bucket> buckets = new TreeMap<>();
    if (a >= b) return bucketRaw(id, from, to, step, buckets);
    if (from < a) bucketRaw(id, from, a, step, buckets);
    String table = resolution.equals("1h") ? "rollup_1h" : "rollup_1m";
    aggregate(buckets, """
        SELECT bucket - (bucket % ?) AS b, sum(avg_val * cnt), min(min_val), max(max_val), sum(cnt)
        FROM {table} WHERE series_id = ? AND bucket >= ? AND bucket < ? GROUP BY b""".replace("{table}", table), step, id, a, b);
    return bucketRaw(id, b, to, step, buckets);
  }

  private List<HistoryPoint> bucketRaw(int id, long from, long to, long step, TreeMap<Long, Bucket> buckets) {
    if (from < to) {
      aggregate(buckets, """
          SELECT ts - (ts % ?) AS b, sum(value_num), min(value_num), max(value_num), count(value_num)
          FROM history WHERE series_id = ? AND ts >= ? AND ts < ? AND value_num IS NOT NULL GROUP BY b""",
          step, id, from, to);
    }
    List<HistoryPoint> out = new ArrayList<>(buckets.size());
    buckets.forEach((t, bk) -> out.add(bk.point(t)));
    return out;
  }

  private void aggregate(TreeMap<Long, Bucket> buckets, String sql, long step, int id, long from, long to) {
    db.read("query history", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setLong(1, step);
        st.setInt(2, id);
        st.setLong(3, from);
        st.setLong(4, to);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            long count = rs.getLong(5);
            if (count == 0) continue;
            buckets.computeIfAbsent(rs.getLong(1), k -> new Bucket())
                .add(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), count);
          }
        }
      }
      return null;
    });
  }

  private List<HistoryPoint> steps(int id, String deviceId, long from, long to, long step) {
    long end = Math.min(to, clock.millis());
    StepBuckets buckets = new StepBuckets(from, Math.max(from, end), step);
    HistoryPoint before = before(id, from);
    GapMarks marks = GapMarks.read(db, deviceId, before == null ? from - 1 : before.time().toEpochMilli(), end);
    HistoryPoint inForce = marks.inForce(before, from);
    buckets.start(inForce == null ? null : inForce.avg());
    GapMarks.Walk walk = marks.new Walk(buckets, inForce, from, end);
    if (from < end) {
      db.read("query history", c -> {
        try (PreparedStatement st = c.prepareStatement(
            "SELECT ts, value_num, reason FROM history WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
          st.setInt(1, id);
          st.setLong(2, from);
          st.setLong(3, end);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              long ts = rs.getLong(1);
              double v = rs.getDouble(2);
              Double value = rs.wasNull() ? null : v;
              walk.row(ts, value, rs.getString(3) != null);
            }
          }
        }
        return null;
      });
      walk.finish();
    }
    return buckets.points();
  }

  /**
   * Raw rows and the no-data points of the device's gap marks among them, led by the value in
   * force at {@code from} (timed at {@code from}).
   */
  private List<HistoryPoint> withValueAtFrom(int id, String deviceId, long from, long to, int limit) {
    List<HistoryPoint> stored = raw(id, from, to, limit);
    boolean rowAtFrom = !stored.isEmpty() && stored.get(0).time().toEpochMilli() == from;
    HistoryPoint before = rowAtFrom ? null : before(id, from);
    GapMarks marks = GapMarks.read(db, deviceId, before == null ? from - 1 : before.time().toEpochMilli(), to);
    before = marks.inForce(before, from);
    List<HistoryPoint> merged = marks.raw(before, stored, stored.size() < limit, from, to);
    List<HistoryPoint> rows = merged.size() > limit ? merged.subList(0, limit) : merged;
    if (!rows.isEmpty() && rows.get(0).time().toEpochMilli() == from) return rows;
    if (before == null) return rows;
    List<HistoryPoint> out = new ArrayList<>(Math.min(limit, rows.size() + 1));
    out.add(HistoryPoint.raw(Instant.ofEpochMilli(from), before.avg(), before.reason()));
    out.addAll(rows.subList(0, Math.min(rows.size(), limit - 1)));
    return out;
  }

  /** The last row before {@code t}, or null. */
  private HistoryPoint before(int id, long t) {
    return db.read("query history", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT ts, value_num, reason FROM history WHERE series_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1")) {
        st.setInt(1, id);
        st.setLong(2, t);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) return null;
          double v = rs.getDouble(2);
          Double value = rs.wasNull() ? null : v;
          return HistoryPoint.raw(Instant.ofEpochMilli(rs.getLong(1)), value, rs.getString(3));
        }
      }
    });
  }

  private List<HistoryPoint> raw(int id, long from, long to, int limit) {
    return db.read("query history", c -> {
      List<HistoryPoint> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("""
          SELECT ts, value_num, reason FROM history WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?""")) {
        st.setInt(1, id);
        st.setLong(2, from);
        st.setLong(3, to);
        st.setInt(4, limit);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            double v = rs.getDouble(2);
            Double value = rs.wasNull() ? null : v;
            out.add(HistoryPoint.raw(Instant.ofEpochMilli(rs.getLong(1)), value, rs.getString(3)));
          }
        }
      }
      return out;
    });
  }

  /** Sum, min, max and count of one step bucket, merged from roll-up and raw parts. */
  private static final class Bucket {
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long count;

    void add(double s, double mn, double mx, long n) {
      sum += s;
      min = Math.min(min, mn);
      max = Math.max(max, mx);
      count += n;
    }

    HistoryPoint point(long t) {
      return new HistoryPoint(Instant.ofEpochMilli(t), sum / count, min, max, count, null);
    }
  }
}
