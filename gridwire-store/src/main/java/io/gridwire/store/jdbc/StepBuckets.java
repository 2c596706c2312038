package io.gridwire.store.jdbc;

import io.gridwire.core.port.HistoryPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Buckets a stored series read as a step function: each stored row holds its value until the
 * next row (last observation carried forward), so a series stored on change answers exactly as
 * the same series stored every poll. A no-data row (null number: the device went offline, the
 * value became invalid) ends the carry; so does {@code end} (the query's end, at most now).
 *
 * <p>Per bucket: {@code avg} is the time-weighted mean over the part of the bucket that has a
 * value, {@code min}/{@code max} over the values in force there, {@code count} the stored rows
 * that fall in it. Buckets with no value in force are left out. Not thread-safe; one per query.
 */
final class StepBuckets {
  private final long from;
  private final long end;
  private final long step;
  private final TreeMap<Long, Acc> buckets = new TreeMap<>();
  private long segmentStart = Long.MIN_VALUE;
  private Double segmentValue;

  /**
   * @param from query start (epoch ms); the value in force there is {@link #start}
   * @param end where the last value stops being carried (epoch ms)
   * @param step bucket width (ms); buckets are aligned to multiples of it since the epoch
   */
  StepBuckets(long from, long end, long step) {
    this.from = from;
    this.end = end;
    this.step = step;
  }

  /** The value in force at {@code from}: the last row before it (null: none, or no-data). */
  void start(Double valueInForce) {
    segmentStart = from;
    segmentValue = valueInForce;
  }

  /** The next stored row, in time order, with {@code from ≤ ts < end}. */
  void row(long ts, Double value) {
    close(ts);
    acc(Math.floorDiv(ts, step) * step).count++;
    segmentStart = ts;
    segmentValue = value;
  }

  List<HistoryPoint> points() {
    close(end);
    List<HistoryPoint> out = new ArrayList<>(buckets.size());
    buckets.forEach((t, a) -> {
      if (a.weight > 0) out.add(new HistoryPoint(Instant.ofEpochMilli(t), a.sum / a.weight, a.min, a.max, a.count, null));
    });
    return out;
  }

  /** Spreads the open segment [segmentStart, until) over the buckets it covers. */
  private void close(long until) {
    if (segmentValue == null || segmentStart == Long.MIN_VALUE) return;
    double v = segmentValue;
    long a = segmentStart;
    while (a < until) {
      long bucket = Math.floorDiv(a, step) * step;
      long b = Math.min(until, bucket + step);
      Acc acc = acc(bucket);
      acc.sum += v * (b - a);
      acc.weight += b - a;
      acc.min = Math.min(acc.min, v);
      acc.max = Math.max(acc.max, v);
      a = b;
    }
    segmentValue = null;
  }

  private Acc acc(long bucket) {
    return buckets.computeIfAbsent(bucket, k -> new Acc());
  }

  private static final class Acc {
    double sum;
    long weight;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long count;
  }
}
