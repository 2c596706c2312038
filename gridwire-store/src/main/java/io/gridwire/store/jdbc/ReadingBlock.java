package io.gridwire.store.jdbc;

import io.gridwire.core.reading.MetricIndex;
import io.gridwire.core.reading.NoDataReason;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Readings packed into primitive arrays, as the history writer holds its backlog: per value a
 * metric number, a double and a kind byte (13 bytes), per reading its device, time and where its
 * values end; a text value keeps its string, a {@link Reading#gap} no values at all (it is one
 * mark). A first poll of a genset (640 values) is about 8 kB here against about 51 kB as a
 * reading, so the backlog of a whole fleet's first polls fits in memory. Immutable.
 */
public final class ReadingBlock {
  /** What one buffered value costs, bytes, for bounds: its three array slots. */
  public static final int BYTES_PER_VALUE = 13;

  static final byte NUM = 0;
  static final byte TEXT = 1;
  static final byte NO_DATA = 2;
  private static final NoDataReason[] REASONS = NoDataReason.values();

  final int readings;
  final String[] device;
  final long[] ts;
  /** Per reading: the reason of its gap mark, or null when it is values. */
  final String[] gapReason;
  /** Per reading: the end (exclusive) of its values; they start where the previous ends. */
  final int[] end;
  final int values;
  final int[] metric;
  /** A number (a boolean as 0/1), the index of a text in {@link #texts}, or a no-data reason ordinal. */
  final double[] num;
  final byte[] kind;
  final String[] texts;
  private final int units;
  private final long bytes;

  private ReadingBlock(int readings, String[] device, long[] ts, String[] gapReason, int[] end, int values, int[] metric,
      double[] num, byte[] kind, String[] texts) {
    this.readings = readings;
    this.device = device;
    this.ts = ts;
    this.gapReason = gapReason;
    this.end = end;
    this.values = values;
    this.metric = metric;
    this.num = num;
    this.kind = kind;
    this.texts = texts;
    int gaps = 0;
    for (String g : gapReason) {
      if (g != null) gaps++;
    }
    this.units = values + gaps;
    this.bytes = estimateBytes();
  }

  /** Units of the history writer: one a value, one a gap mark. */
  public int units() {
    return units;
  }

  /**
   * Heap this block holds, estimated (bytes), for the writer's memory bound: its arrays, per
   * reading its slots and its device id (counted per reading, as a connector may make a new string
   * for each), per text its string. About 13 bytes a value for a genset's readings of 640 numbers,
   * far more a value for readings of one value or one text.
   */
  public long bytes() {
    return bytes;
  }

  private long estimateBytes() {
    final int header = 16;
    final int stringOverhead = 40;
    long b = 64 + 8L * header;
    b += (long) readings * (4 + 8 + 4 + 4);
    for (String d : device) b += stringOverhead + (d == null ? 0 : d.length());
    for (String g : gapReason) b += g == null ? 0 : stringOverhead + g.length();
    b += (long) values * BYTES_PER_VALUE;
    for (String t : texts) b += 4 + stringOverhead + (t == null ? 0 : t.length());
    return b;
  }

  /**
   * Packs readings in order into blocks of at most {@code maxUnits} {@link #units} each (a
   * reading is never split; one larger reading makes one block).
   *
   * @param metrics numbers of the metric names (the series cache's own)
   */
  public static List<ReadingBlock> pack(List<Reading> readings, MetricIndex metrics, int maxUnits) {
    List<ReadingBlock> out = new ArrayList<>(1);
    int from = 0;
    while (from < readings.size()) {
      int to = from;
      long units = 0;
      int n = 0;
      while (to < readings.size() && (to == from || units + unitsOf(readings.get(to)) <= maxUnits)) {
        Reading r = readings.get(to++);
        units += unitsOf(r);
        if (!r.gap()) n += r.values().size();
      }
      out.add(pack(readings.subList(from, to), n, metrics));
      from = to;
    }
    return out;
  }

  private static int unitsOf(Reading r) {
    return r.gap() ? 1 : r.values().size();
  }

  private static ReadingBlock pack(List<Reading> readings, int n, MetricIndex metrics) {
    int count = readings.size();
    String[] device = new String[count];
    long[] ts = new long[count];
    String[] gapReason = new String[count];
    int[] end = new int[count];
    int[] metric = new int[n];
    double[] num = new double[n];
    byte[] kind = new byte[n];
    List<String> texts = null;
    int k = 0;
    for (int i = 0; i < count; i++) {
      Reading r = readings.get(i);
      device[i] = r.deviceId();
      ts[i] = r.timestamp().toEpochMilli();
      if (r.gap()) {
        gapReason[i] = GapMarks.reasonOf(r);
      } else {
        for (Map.Entry<String, Value> e : r.values().entrySet()) {
          metric[k] = metrics.of(e.getKey());
          switch (e.getValue()) {
            case Value.Num v -> num[k] = v.value();
            case Value.Bool v -> num[k] = v.value() ? 1.0 : 0.0;
            case Value.Text v -> {
              if (texts == null) texts = new ArrayList<>();
              num[k] = texts.size();
              texts.add(v.value());
              kind[k] = TEXT;
            }
            case Value.NoData v -> {
              num[k] = v.reason().ordinal();
              kind[k] = NO_DATA;
            }
          }
          k++;
        }
      }
      end[i] = k;
    }
    return new ReadingBlock(count, device, ts, gapReason, end, n, metric, num, kind,
        texts == null ? new String[0] : texts.toArray(new String[0]));
  }

  /** The text of value {@code k} (kind {@link #TEXT}). */
  String text(int k) {
    return texts[(int) num[k]];
  }

  /** The no-data reason of value {@code k} (kind {@link #NO_DATA}), as stored. */
  String reason(int k) {
    return REASONS[(int) num[k]].wireName();
  }

  @Override
  public String toString() {
    return "ReadingBlock[" + readings + " readings, " + values + " values, devices "
        + Arrays.asList(device).subList(0, Math.min(3, readings)) + (readings > 3 ? "…" : "") + "]";
  }
}
