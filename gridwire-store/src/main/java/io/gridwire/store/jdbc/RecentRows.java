package io.gridwire.store.jdbc;

import io.gridwire.core.port.HistoryPoint;
import java.sql.SQLException;
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
 * About {@value #BYTES_PER_ROW} bytes a row plus 8 to 16 bytes a series; a text row also holds
 * its text (readers never read it: a text holds with no number; counted in {@link #bytes}, so a
 * device sending long texts makes the writer fold sooner), a no-data row its reason. A fold
 * inserts the rows from here ({@link #forEachInKeyOrder}) rather than sorting the journal.
 * Thread-safe: one writer adds and clears, readers take a copy of one series.
 */
public final class RecentRows {
  static final int BYTES_PER_ROW = 21;
  /** A held text's cost beyond its characters: the String, its array's header, the list slot. */
  static final int BYTES_PER_TEXT = 64;
  private static final int SHIFT = 14;
  private static final int CHUNK = 1 << SHIFT;
  private static final int MASK = CHUNK - 1;
  private static final byte NUMBER = 0;
  private static final byte TEXT = 1;
  /** Kinds from here on are no-data rows: the reason is {@code reasons[kind - FIRST_REASON]}. */
  private static final int FIRST_REASON = 2;
  /** Bits of a row's arrival index in a sort key (the rest hold its time since the series' first). */
  private static final int INDEX_BITS = 24;

  private final List<long[]> ts = new ArrayList<>();
  private final List<double[]> num = new ArrayList<>();
  private final List<int[]> prev = new ArrayList<>();
  private final List<byte[]> kind = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();
  /** Texts of text rows, by the index their {@code num} holds. */
  private final List<String> texts = new ArrayList<>();
  private SeriesHeads heads = new SeriesHeads();
  private int size;
  private long textBytes;

  /** Adds committed rows (any order; a repeated (series, ts) answers as its first arrival). */
  public synchronized void add(HistoryRows rows) {
    for (int i = 0; i < rows.size; i++) {
      int at = size++;
      if ((at & MASK) == 0) grow();
      int c = at >>> SHIFT;
      int o = at & MASK;
      ts.get(c)[o] = rows.ts[i];
      byte k = NUMBER;
      if (rows.num[i] != null) {
        num.get(c)[o] = rows.num[i];
      } else if (rows.reason[i] != null) {
        k = reasonKind(rows.reason[i]);
      } else {
        k = TEXT;
        num.get(c)[o] = texts.size();
        texts.add(rows.text[i]);
        textBytes += BYTES_PER_TEXT + 2L * rows.text[i].length(); // 2: a text outside Latin-1 takes two bytes a char
      }
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

  /** Memory held, bytes: the rows' columns, the series map and the texts of text rows. */
  public synchronized long bytes() {
    return (long) size * BYTES_PER_ROW + heads.bytes() + textBytes;
  }

  /** Forgets every row (they are in the history table now). */
  public synchronized void clear() {
    ts.clear();
    num.clear();
    prev.clear();
    kind.clear();
    texts.clear();
    textBytes = 0;
    heads = new SeriesHeads();
    size = 0;
  }

  /** Receives rows in key order. */
  public interface RowSink {
    /** A number when {@code text} and {@code reason} are null; else a text, or no-data with its reason. */
    void row(int series, long ts, double num, String text, String reason) throws SQLException;
  }

  /**
   * Hands every row to {@code sink} ordered by (series, time), a repeated (series, time) once
   * (its first arrival): what inserting them into the history table keeps. The caller must keep
   * {@link #add} and {@link #clear} from running meanwhile; readers may.
   */
  public void forEachInKeyOrder(RowSink sink) throws SQLException {
    int[] series = heads.keys();
    Arrays.sort(series);
    int[] rows = new int[16];
    for (int id : series) {
      int n = 0;
      for (int r = heads.get(id); r >= 0; r = prev.get(r >>> SHIFT)[r & MASK]) {
        if (n == rows.length) rows = Arrays.copyOf(rows, 2 * n);
        rows[n++] = r;
      }
      reverseThenSortByTime(rows, n);
      long last = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        int c = rows[i] >>> SHIFT;
        int o = rows[i] & MASK;
        long t = ts.get(c)[o];
        if (i > 0 && t == last) continue;
        last = t;
        byte k = kind.get(c)[o];
        double v = num.get(c)[o];
        if (k == NUMBER) sink.row(id, t, v, null, null);
        else if (k == TEXT) sink.row(id, t, 0, texts.get((int) v), null);
        else sink.row(id, t, 0, null, reasons.get(k - FIRST_REASON));
      }
    }
  }

  /**
   * Arrival order (the chain runs newest first), then stable by time. A series' rows mostly
   * arrive in time order (one pass finds that); a Box replaying its queue, or a device whose
   * clock went back, sends older times after newer ones, and an insertion sort of such a series
   * was quadratic: at 12,000 OIG frames a second it took three quarters of the history writer's
   * samples. Out of order, the rows are sorted by a key of time and arrival index.
   */
  private void reverseThenSortByTime(int[] rows, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      int x = rows[i];
      rows[i] = rows[j];
      rows[j] = x;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      long t = time(rows[i]);
      if (t < max) sorted = false;
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    if (sorted) return;
    sortByTime(rows, n, min, max);
  }

  /** Stable by time: a key of (time - min, arrival index), or a boxed stable sort when times span too much to pack. */
  private void sortByTime(int[] rows, int n, long min, long max) {
    int[] arrival = Arrays.copyOf(rows, n);
    long span = max - min; // negative only when it overflowed
    if (span >= 0 && span < (1L << (63 - INDEX_BITS)) && n <= (1 << INDEX_BITS)) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) keys[i] = ((time(arrival[i]) - min) << INDEX_BITS) | i;
      Arrays.sort(keys);
      for (int i = 0; i < n; i++) rows[i] = arrival[(int) (keys[i] & ((1L << INDEX_BITS) - 1))];
      return;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, java.util.Comparator.comparingLong(i -> time(arrival[i]))); // stable
    for (int i = 0; i < n; i++) rows[i] = arrival[order[i]];
  }

  private long time(int row) {
    return ts.get(row >>> SHIFT)[row & MASK];
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
    int[] rows = new int[n];
    int k = 0;
    for (int r = head; r >= 0; r = prev.get(r >>> SHIFT)[r & MASK]) rows[k++] = r; // newest first, as the chain runs
    reverseThenSortByTime(rows, n);
    List<Row> out = new ArrayList<>(n);
    long last = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      long t = time(rows[i]);
      if (i > 0 && t == last) continue;
      last = t;
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

    long bytes() {
      return 8L * keys.length;
    }

    /** The series held, unordered. */
    int[] keys() {
      int[] out = new int[used];
      int n = 0;
      for (int k : keys) {
        if (k != Integer.MIN_VALUE) out[n++] = k;
      }
      return out;
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
