package io.gridwire.store.jdbc;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.reading.NoDataReason;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A device's gap marks in a time range ({@code history_marks}, ascending): at a mark the device
 * went offline or the gateway stopped, so each of its series that held a value (a number or a
 * text) becomes no-data there, with the mark's reason, until its next row. A mark thus reads
 * exactly as the no-data row per held series that was stored before marks existed: a series
 * already no-data gets no second point, and a row stored at the very time of a mark wins over
 * the mark. Immutable.
 */
final class GapMarks {
  static final GapMarks NONE = new GapMarks(new long[0], new String[0]);

  private final long[] ts;
  private final String[] reason;

  GapMarks(long[] ts, String[] reason) {
    this.ts = ts;
    this.reason = reason;
  }

  /** The reason a gap reading's values carry (the same for all of them: {@code comm_lost}). */
  static String reasonOf(Reading gap) {
    for (Value v : gap.values().values()) {
      if (v instanceof Value.NoData nd) return nd.reason().wireName();
    }
    return NoDataReason.COMM_LOST.wireName();
  }

  /** The marks of {@code deviceId} with {@code after < ts < before}. Blocking. */
  static GapMarks read(Database db, String deviceId, long after, long before) {
    if (after + 1 >= before) return NONE;
    return db.read("query history marks", c -> {
      List<Long> times = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT ts, reason FROM history_marks WHERE device_id = ? AND ts > ? AND ts < ? ORDER BY ts")) {
        st.setString(1, deviceId);
        st.setLong(2, after);
        st.setLong(3, before);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            times.add(rs.getLong(1));
            reasons.add(rs.getString(2));
          }
        }
      }
      if (times.isEmpty()) return NONE;
      long[] t = new long[times.size()];
      for (int i = 0; i < t.length; i++) t[i] = times.get(i);
      return new GapMarks(t, reasons.toArray(new String[0]));
    });
  }

  boolean isEmpty() {
    return ts.length == 0;
  }

  /** Whether a series is holding a value after {@code p} (a number or a text; not no-data, not nothing). */
  static boolean holds(HistoryPoint p) {
    return p != null && p.reason() == null;
  }

  /**
   * The value in force at {@code from} given the last row before it: that row, or a no-data
   * point at the first mark after it when the row held a value and such a mark lies before
   * {@code from}.
   */
  HistoryPoint inForce(HistoryPoint before, long from) {
    if (!holds(before)) return before;
    int i = firstAfter(before.time().toEpochMilli());
    return i < ts.length && ts[i] < from ? point(i) : before;
  }

  /**
   * Raw rows of {@code [from, to)} with the no-data points the marks there add.
   *
   * @param inForce the value in force at {@code from} (see {@link #inForce}), or null
   * @param complete false when {@code rows} were cut by a limit: marks after the last row are
   *     then beyond it too and are left out
   */
  List<HistoryPoint> raw(HistoryPoint inForce, List<HistoryPoint> rows, boolean complete, long from, long to) {
    if (ts.length == 0) return rows;
    List<HistoryPoint> out = new ArrayList<>(rows.size() + 4);
    boolean holds = holds(inForce);
    int j = firstAfter(from - 1);
    for (HistoryPoint r : rows) {
      long t = r.time().toEpochMilli();
      for (; j < ts.length && ts[j] <= t; j++) {
        if (ts[j] < t && holds) {
          out.add(point(j));
          holds = false;
        }
      }
      out.add(r);
      holds = holds(r);
    }
    for (; complete && j < ts.length && ts[j] < to; j++) {
      if (holds) {
        out.add(point(j));
        holds = false;
      }
    }
    return out;
  }

  /** Walks rows and marks of {@code [from, end)} in time order for a step function. */
  final class Walk {
    private final StepBuckets buckets;
    private boolean holds;
    private int j;
    private final long end;

    /** @param inForce the value in force at {@code from}, already handed to {@code buckets} */
    Walk(StepBuckets buckets, HistoryPoint inForce, long from, long end) {
      this.buckets = buckets;
      this.holds = holds(inForce);
      this.j = firstAfter(from - 1);
      this.end = end;
    }

    /** The next row. */
    void row(RecentRows.Row r) {
      row(r.ts(), r.num(), r.reason() != null);
    }

    /** The next stored row (a text is a held value without a number). */
    void row(long t, Double value, boolean noData) {
      marksBefore(t, true);
      buckets.row(t, value);
      holds = !noData;
    }

    /** The marks after the last row. */
    void finish() {
      marksBefore(end, false);
    }

    private void marksBefore(long t, boolean rowAtT) {
      for (; j < ts.length && (rowAtT ? ts[j] <= t : ts[j] < t); j++) {
        if (ts[j] < t && holds) {
          buckets.row(ts[j], null);
          holds = false;
        }
      }
    }
  }

  private HistoryPoint point(int i) {
    return HistoryPoint.raw(Instant.ofEpochMilli(ts[i]), null, reason[i]);
  }

  /** Index of the first mark with a time after {@code t}. */
  private int firstAfter(long t) {
    int i = Arrays.binarySearch(ts, t);
    if (i < 0) return -i - 1;
    while (i < ts.length && ts[i] <= t) i++;
    return i;
  }
}
