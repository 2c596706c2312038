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
 * bucket is off by at most one roll-up bucket. Rows a store keeps in a journal until a fold
 * ({@link RecentRows}) read as if they were in the table: merged with its rows, a time in both
 * answered by the table's row (what the fold's {@code INSERT OR IGNORE} keeps).
 */
final class HistoryReader {
  /** Shorter ranges are bucketed from raw rows even when 1-minute roll-ups could serve. */
  static final Duration ROLLUP_MIN_RANGE = Duration.ofHours(6);

  private final Database db;
  private final SeriesIds series;
  private final Clock clock;
  private final RecentRows recent;

  /** @param recent rows not yet in the history table (read as if they were), or empty */
  HistoryReader(Database db, SeriesIds series, Clock clock, RecentRows recent) {
    this.db = db;
    this.series = series;
    this.clock = clock;
    this.recent = recent;
  }

  HistoryResult query(HistoryQuery q, Rollups.Watermarks marks) {
    Optional<Integer> id = series.find(q.deviceId(), q.metric());
    String resolution = resolution(q);
    if (id.isEmpty()) return new HistoryResult(List.of(), resolution);
    long from = q.from().toEpochMilli();
    long to = q.to().toEpochMilli();
    // before any SQL: a fold committing meanwhile moves rows from memory to the table, never out of both
    Rows rows = new Rows(id.get(), recent.of(id.get()));
    return switch (resolution) {
      case "raw" -> new HistoryResult(withValueAtFrom(rows, q.deviceId(), from, to, q.limit()), "raw");
      case "bucketed" -> new HistoryResult(steps(rows, q.deviceId(), from, to, q.step().toMillis()), resolution);
      default -> new HistoryResult(fromRollups(rows, q, resolution, marks), resolution);
    };
  }

  static String resolution(HistoryQuery q) {
    if (q.step() == null) return "raw";
    Duration range = Duration.between(q.from(), q.to());
    if (q.step().compareTo(Duration.ofHours(1)) >= 0) return "1h";
    if (q.step().compareTo(Duration.ofMinutes(1)) >= 0 && range.compareTo(ROLLUP_MIN_RANGE) > 0) return "1m";
    return "bucketed";
  }

  /** One series: its id and its rows not yet in the history table (ascending, one per time). */
  private record Rows(int id, List<RecentRows.Row> recent) {
    /** The recent rows with {@code from ≤ ts < to}. */
    List<RecentRows.Row> in(long from, long to) {
      int a = 0;
      while (a < recent.size() && recent.get(a).ts() < from) a++;
      int b = a;
      while (b < recent.size() && recent.get(b).ts() < to) b++;
      return recent.subList(a, b);
    }
  }

  /**
   * Stored and recent rows, both ascending, as one ascending list; a time in both is the stored
   * row (what {@code INSERT OR IGNORE} keeps when the recent row is folded).
   */
  static List<RecentRows.Row> merge(List<RecentRows.Row> stored, List<RecentRows.Row> recent) {
    if (recent.isEmpty()) return stored;
    List<RecentRows.Row> out = new ArrayList<>(stored.size() + recent.size());
    int j = 0;
    for (RecentRows.Row s : stored) {
      for (; j < recent.size() && recent.get(j).ts() <= s.ts(); j++) {
        if (recent.get(j).ts() < s.ts()) out.add(recent.get(j));
      }
      out.add(s);
    }
    out.addAll(recent.subList(j, recent.size()));
    return out;
  }

  private List<HistoryPoint> fromRollups(Rows rows, HistoryQuery q, String resolution, Rollups.Watermarks marks) {
    long width = resolution.equals("1h") ? Rollups.HOUR : Rollups.MINUTE;
    long mark = resolution.equals("1h") ? marks.hour() : marks.minute();
    long from = q.from().toEpochMilli();
    long to = q.to().toEpochMilli();
    long step = q.step().toMillis();
    long a = Math.min(to, -Rollups.floor(-from, width)); // first whole roll-up bucket
    long b = Math.min(Rollups.floor(to, width), mark);   // end of whole, complete roll-up buckets
    TreeMap<Long, Bucket> buckets = new TreeMap<>();
    if (a >= b) return bucketRaw(rows, from, to, step, buckets);
    if (from < a) bucketRaw(rows, from, a, step, buckets);
    String table = resolution.equals("1h") ? "rollup_1h" : "rollup_1m";
    aggregate(buckets, """
        SELECT bucket - (bucket % ?) AS b, sum(avg_val * cnt), min(min_val), max(max_val), sum(cnt)
        FROM {table} WHERE series_id = ? AND bucket >= ? AND bucket < ? GROUP BY b""".replace("{table}", table), step,
        rows.id(), a, b);
    return bucketRaw(rows, b, to, step, buckets);
  }

  /**
   * Numbers of {@code [from, to)} summed per step bucket: in SQL up to the first recent row, from
   * there on row by row (stored and recent rows merged, so a row in both counts once).
   */
  private List<HistoryPoint> bucketRaw(Rows rows, long from, long to, long step, TreeMap<Long, Bucket> buckets) {
    List<RecentRows.Row> recent = rows.in(from, to);
    long sqlTo = recent.isEmpty() ? to : recent.getFirst().ts();
    if (from < sqlTo) {
      aggregate(buckets, """
          SELECT ts - (ts % ?) AS b, sum(value_num), min(value_num), max(value_num), count(value_num)
          FROM history WHERE series_id = ? AND ts >= ? AND ts < ? AND value_num IS NOT NULL GROUP BY b""",
          step, rows.id(), from, sqlTo);
    }
    if (!recent.isEmpty()) {
      for (RecentRows.Row r : merge(stored(rows.id(), sqlTo, to, Integer.MAX_VALUE), recent)) {
        if (r.num() == null) continue;
        double v = r.num();
        buckets.computeIfAbsent(r.ts() - (r.ts() % step), k -> new Bucket()).add(v, v, v, 1);
      }
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

  private List<HistoryPoint> steps(Rows rows, String deviceId, long from, long to, long step) {
    long end = Math.min(to, clock.millis());
    StepBuckets buckets = new StepBuckets(from, Math.max(from, end), step);
    HistoryPoint before = before(rows, from);
    GapMarks marks = GapMarks.read(db, deviceId, before == null ? from - 1 : before.time().toEpochMilli(), end);
    HistoryPoint inForce = marks.inForce(before, from);
    buckets.start(inForce == null ? null : inForce.avg());
    GapMarks.Walk walk = marks.new Walk(buckets, inForce, from, end);
    if (from < end) {
      List<RecentRows.Row> recent = rows.in(from, end);
      db.read("query history", c -> {
        try (PreparedStatement st = c.prepareStatement(
            "SELECT ts, value_num, reason FROM history WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
          st.setInt(1, rows.id());
          st.setLong(2, from);
          st.setLong(3, end);
          int j = 0; // recent rows merged in as the stored ones stream by; a time in both is the stored row
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              RecentRows.Row s = row(rs);
              for (; j < recent.size() && recent.get(j).ts() <= s.ts(); j++) {
                if (recent.get(j).ts() < s.ts()) walk.row(recent.get(j));
              }
              walk.row(s);
            }
          }
          for (; j < recent.size(); j++) walk.row(recent.get(j));
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
  private List<HistoryPoint> withValueAtFrom(Rows rows, String deviceId, long from, long to, int limit) {
    List<RecentRows.Row> sql = stored(rows.id(), from, to, limit);
    boolean complete = sql.size() < limit;
    // cut by the limit: stored rows beyond the last one are unknown, so are recent rows there
    List<RecentRows.Row> recent = rows.in(from, complete || sql.isEmpty() ? to : sql.getLast().ts() + 1);
    List<HistoryPoint> stored = new ArrayList<>(sql.size() + recent.size());
    for (RecentRows.Row r : merge(sql, recent)) stored.add(r.point());
    boolean rowAtFrom = !stored.isEmpty() && stored.get(0).time().toEpochMilli() == from;
    HistoryPoint before = rowAtFrom ? null : before(rows, from);
    GapMarks marks = GapMarks.read(db, deviceId, before == null ? from - 1 : before.time().toEpochMilli(), to);
    before = marks.inForce(before, from);
    List<HistoryPoint> merged = marks.raw(before, stored, complete, from, to);
    List<HistoryPoint> out = merged.size() > limit ? merged.subList(0, limit) : merged;
    if (!out.isEmpty() && out.get(0).time().toEpochMilli() == from) return out;
    if (before == null) return out;
    List<HistoryPoint> led = new ArrayList<>(Math.min(limit, out.size() + 1));
    led.add(HistoryPoint.raw(Instant.ofEpochMilli(from), before.avg(), before.reason()));
    led.addAll(out.subList(0, Math.min(out.size(), limit - 1)));
    return led;
  }

  /** The last row before {@code t} (stored or recent), or null. */
  private HistoryPoint before(Rows rows, long t) {
    RecentRows.Row stored = db.read("query history", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT ts, value_num, reason FROM history WHERE series_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1")) {
        st.setInt(1, rows.id());
        st.setLong(2, t);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? row(rs) : null;
        }
      }
    });
    List<RecentRows.Row> recent = rows.in(Long.MIN_VALUE, t);
    RecentRows.Row last = recent.isEmpty() ? null : recent.getLast();
    if (last != null && (stored == null || last.ts() > stored.ts())) stored = last;
    return stored == null ? null : stored.point();
  }

  /** Stored rows of {@code [from, to)}, ascending, at most {@code limit}. */
  private List<RecentRows.Row> stored(int id, long from, long to, int limit) {
    return db.read("query history", c -> {
      List<RecentRows.Row> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("""
          SELECT ts, value_num, reason FROM history WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?""")) {
        st.setInt(1, id);
        st.setLong(2, from);
        st.setLong(3, to);
        st.setInt(4, limit);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) out.add(row(rs));
        }
      }
      return out;
    });
  }

  private static RecentRows.Row row(ResultSet rs) throws java.sql.SQLException {
    double v = rs.getDouble(2);
    Double value = rs.wasNull() ? null : v;
    return new RecentRows.Row(rs.getLong(1), value, rs.getString(3));
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
