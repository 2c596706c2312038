package io.gridwire.store.jdbc;

import java.util.List;

/**
 * Readings flattened to narrow history rows, column by column (ready for a JDBC batch or
 * PostgreSQL array parameters). A boolean is stored as 0/1 in {@code num}; a text value in
 * {@code text}; no-data as a null number with its {@code reason}. Times are epoch milliseconds.
 */
public final class HistoryRows {
  public final int size;
  public final int[] series;
  public final long[] ts;
  public final Double[] num;
  public final String[] text;
  public final String[] reason;
  public final long minTs;

  private HistoryRows(int size) {
    this.size = size;
    this.series = new int[size];
    this.ts = new long[size];
    this.num = new Double[size];
    this.text = new String[size];
    this.reason = new String[size];
    this.minTs = Long.MAX_VALUE;
  }

  private HistoryRows(HistoryRows r, long minTs) {
    this.size = r.size;
    this.series = r.series;
    this.ts = r.ts;
    this.num = r.num;
    this.text = r.text;
    this.reason = r.reason;
    this.minTs = minTs;
  }

  /**
   * Rows from columns as given (same length; no ordering or de-duplication), for encoders and
   * their tests.
   */
  public static HistoryRows ofColumns(int[] series, long[] ts, Double[] num, String[] text, String[] reason) {
    HistoryRows r = new HistoryRows(series.length);
    long min = Long.MAX_VALUE;
    for (int i = 0; i < r.size; i++) {
      r.series[i] = series[i];
      r.ts[i] = ts[i];
      r.num[i] = num[i];
      r.text[i] = text[i];
      r.reason[i] = reason[i];
      min = Math.min(min, ts[i]);
    }
    return new HistoryRows(r, min);
  }

  /**
   * Flattens the values of packed readings ordered by (series, time), so the inserts of a batch
   * walk each series' part of the primary-key index once, in key order. A (series, time) repeated
   * within the batch is kept once, the first arrival (what {@code INSERT OR IGNORE} / {@code ON
   * CONFLICT DO NOTHING} would keep), so a batch never conflicts with itself. Gap marks are not
   * rows. Every series must already be resolved in {@code ids}.
   */
  static HistoryRows of(List<ReadingBlock> blocks, SeriesIds ids) {
    int n = 0;
    for (ReadingBlock b : blocks) n += b.values;
    int[] series = new int[n];
    long[] ts = new long[n];
    int[] block = new int[n];
    int[] at = new int[n];
    int i = 0;
    long min = Long.MAX_VALUE;
    for (int bi = 0; bi < blocks.size(); bi++) {
      ReadingBlock b = blocks.get(bi);
      int k = 0;
      for (int r = 0; r < b.readings; r++) {
        if (k == b.end[r]) continue;
        long t = b.ts[r];
        min = Math.min(min, t);
        SeriesIds.DeviceSeries deviceIds = ids.cachedOf(b.device[r]);
        for (; k < b.end[r]; k++) {
          int id = deviceIds == null ? Integer.MIN_VALUE : deviceIds.get(b.metric[k]);
          if (id == Integer.MIN_VALUE) {
            throw new IllegalStateException("series not resolved: " + b.device[r] + "/" + ids.metricName(b.metric[k]));
          }
          series[i] = id;
          ts[i] = t;
          block[i] = bi;
          at[i++] = k;
        }
      }
    }
    int[] order = keyOrder(series, ts);
    int kept = 0;
    for (int k = 0; k < n; k++) {
      int from = order[k];
      if (kept > 0 && series[from] == series[order[kept - 1]] && ts[from] == ts[order[kept - 1]]) continue;
      order[kept++] = from;
    }
    HistoryRows rows = new HistoryRows(kept);
    for (int k = 0; k < kept; k++) {
      int from = order[k];
      rows.series[k] = series[from];
      rows.ts[k] = ts[from];
      ReadingBlock b = blocks.get(block[from]);
      int v = at[from];
      switch (b.kind[v]) {
        case ReadingBlock.TEXT -> rows.text[k] = b.text(v);
        case ReadingBlock.NO_DATA -> rows.reason[k] = b.reason(v);
        default -> rows.num[k] = b.num[v];
      }
    }
    return new HistoryRows(rows, min);
  }

  /**
   * Row indexes ordered by (series, ts, arrival). Sorts by series with one primitive sort; a
   * series' rows usually arrive in time order already, so only an out-of-order run is sorted
   * again (stable, so the first arrival of a repeated key stays first).
   */
  static int[] keyOrder(int[] series, long[] ts) {
    int n = series.length;
    long[] bySeries = new long[n];
    for (int k = 0; k < n; k++) bySeries[k] = ((long) series[k] << 32) | k;
    java.util.Arrays.sort(bySeries);
    int[] order = new int[n];
    for (int k = 0; k < n; k++) order[k] = (int) bySeries[k];
    int start = 0;
    while (start < n) {
      int end = start + 1;
      boolean sorted = true;
      while (end < n && series[order[end]] == series[order[start]]) {
        if (ts[order[end]] < ts[order[end - 1]]) sorted = false;
        end++;
      }
      if (!sorted) {
        Integer[] run = new Integer[end - start];
        for (int k = start; k < end; k++) run[k - start] = order[k];
        java.util.Arrays.sort(run, java.util.Comparator.comparingLong(x -> ts[x])); // stable
        for (int k = start; k < end; k++) order[k] = run[k - start];
      }
      start = end;
    }
    return order;
  }
}
