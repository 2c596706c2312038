package io.gridwire.store.jdbc;

import io.gridwire.core.port.HistoryPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * History rows written to a journal but not yet to the history table, held in memory by series
 * so readers never scan the journal. Rows are kept in arrival order in fixed-size chunks of
 * primitive columns, each row linked to the previous row of its series:
 *
 * <pre>
 *   heads: series ──▶ its newest row ──prev──▶ older row ──prev──▶ … ──▶ -1
 *   columns (chunks of {@value #CHUNK} rows): ts long · num double · prev int · kind byte
 * </pre>
 *
 * About {@value #BYTES_PER_ROW} bytes a row plus 8 to 16 bytes a series. A text value is held as
 * "text" (readers never read its text: it holds with no number); a no-data row keeps its reason.
 * Thread-safe: one writer adds and clears, readers take a copy of one series.
 */
public final class RecentRows {
  static final int BYTES_PER_ROW = 21;
  private static final int SHIFT = 14;
  private static final int CHUNK = 1 << SHIFT;
  private static final int MASK = CHUNK - 1;
  private static final byte NUMBER = 0;
  private static final byte TEXT = 1;
  /** Kinds from here on are no-data rows: the reason is {@code reasons[kind - FIRST_REASON]}. */
  private static final int FIRST_REASON = 2;

  private final List<long[]> ts = new ArrayList<>();
  private final List<double[]> num = new ArrayList<>();
  private final List<int[]> prev = new ArrayList<>();
  private final List<byte[]> kind = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();
  private SeriesHeads heads = new SeriesHeads();
  private int size;

  /** Adds committed rows (any order; a repeated (series, ts) answers as its first arrival). */
  public synchronized void add(HistoryRows rows) {
    for (int i = 0; i < rows.size; i++) {
      int at = size++;
      if ((at & MASK) == 0) grow();
      int c = at >>> SHIFT;
      int o = at & MASK;
      ts.get(c)[o] = rows.ts[i];
      byte k = NUMBER;
      if (rows.num[i] != null) num.get(c)[o] = rows.num[i];
      else k = rows.reason[i] != null ? reasonKind(rows.reason[i]) : TEXT;
      kind.get(c)[o] = k;
      prev.get(c)[o] = heads.put(rows.series[i], at);
    }
  }

  private void grow() {
    ts.add(new long[CHUNK]);
    num.add(new double[CHUNK]);
    prev.add(new int[CHUNK]);
    kind.add(new byte[CHUNK]);
  }

  private byte reasonKind(String reason) {
    int i = reasons.indexOf(reason);
    if (i < 0) {
      if (reasons.size() == Byte.MAX_VALUE - FIRST_REASON) throw new IllegalStateException("too many no-data reasons");
      reasons.add(reason);
      i = reasons.size() - 1;
    }
    return (byte) (i + FIRST_REASON);
  }

  /** Rows held. */
  public synchronized int size() {
    return size;
  }

  /** Forgets every row (they are in the history table now). */
  public synchronized void clear() {
    ts.clear();
    num.clear();
    prev.clear();
    kind.clear();
    heads = new SeriesHeads();
    size = 0;
  }

  /**
   * One row: {@code num} null for a text or a no-data row; {@code reason} set for a no-data row.
   * Times are epoch ms.
   */
  record Row(long ts, Double num, String reason) {
    HistoryPoint point() {
      return HistoryPoint.raw(Instant.ofEpochMilli(ts), num, reason);
    }
  }

  /** A copy of one series' rows, ascending by time, one per time (the first arrival). */
  public synchronized List<Row> of(int series) {
    int head = heads.get(series);
    if (head < 0) return List.of();
    int n = 0;
    for (int r = head; r >= 0; r = prev.get(r >>> SHIFT)[r & MASK]) n++;
    long[] keys = new long[n]; // time order, then arrival order: rows of a series are few, sort their indexes
    int[] rows = new int[n];
    int k = n;
    for (int r = head; r >= 0; r = prev.get(r >>> SHIFT)[r & MASK]) rows[--k] = r;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = 0; i < n; i++) keys[i] = ts.get(rows[i] >>> SHIFT)[rows[i] & MASK];
    Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[a], keys[b]) : Integer.compare(a, b));
    List<Row> out = new ArrayList<>(n);
    long last = Long.MIN_VALUE;
    for (int i : order) {
      if (!out.isEmpty() && keys[i] == last) continue;
      last = keys[i];
      out.add(row(rows[i]));
    }
    return out;
  }

  private Row row(int r) {
    int c = r >>> SHIFT;
    int o = r & MASK;
    long t = ts.get(c)[o];
    byte k = kind.get(c)[o];
    if (k == NUMBER) return new Row(t, num.get(c)[o], null);
    return new Row(t, null, k == TEXT ? null : reasons.get(k - FIRST_REASON));
  }

  /** Series id → its newest row; open addressing over primitive arrays. */
  private static final class SeriesHeads {
    private int[] keys = new int[1024];
    private int[] rows = new int[1024];
    private int used;

    SeriesHeads() {
      Arrays.fill(keys, Integer.MIN_VALUE);
    }

    int get(int series) {
      int i = slot(keys, series);
      return keys[i] == series ? rows[i] : -1;
    }

    /** Sets the newest row of {@code series}; returns the one before (-1: none). */
    int put(int series, int row) {
      int i = slot(keys, series);
      if (keys[i] == series) {
        int before = rows[i];
        rows[i] = row;
        return before;
      }
      keys[i] = series;
      rows[i] = row;
      if (++used * 2 > keys.length) rehash();
      return -1;
    }

    private void rehash() {
      int[] oldKeys = keys;
      int[] oldRows = rows;
      keys = new int[oldKeys.length * 2];
      rows = new int[oldKeys.length * 2];
      Arrays.fill(keys, Integer.MIN_VALUE);
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] == Integer.MIN_VALUE) continue;
        int j = slot(keys, oldKeys[i]);
        keys[j] = oldKeys[i];
        rows[j] = oldRows[i];
      }
    }

    private static int slot(int[] keys, int series) {
      int mask = keys.length - 1;
      int i = (series * 0x9E3779B9) >>> 7 & mask;
      while (keys[i] != Integer.MIN_VALUE && keys[i] != series) i = (i + 1) & mask;
      return i;
    }
  }
}
