package io.gridwire.store;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A synthetic metric {@code p} of one device with integer values, and the answers expected from it. */
record Series(String deviceId, Instant start, Duration every, int count) {

  static double value(int i) {
    return (i * 7) % 101;
  }

  Instant time(int i) {
    return start.plus(every.multipliedBy(i));
  }

  List<Reading> readings() {
    List<Reading> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(Reading.of(deviceId, time(i), time(i), Map.of("p", Value.of(value(i)))));
    }
    return out;
  }

  /**
   * Step-function buckets over [from, min(to, end)): each sample holds until the next, the last
   * until the end; brute force, second by second (samples fall on whole seconds). Count: the
   * samples in the bucket.
   */
  List<HistoryPoint> expectedSteps(Instant from, Instant to, Duration step) {
    long s = step.toMillis() / 1000;
    TreeMap<Long, double[]> b = new TreeMap<>();
    long first = start.getEpochSecond();
    long e = every.getSeconds();
    for (long t = from.getEpochSecond(); t < to.getEpochSecond(); t++) {
      long i = Math.floorDiv(t - first, e);
      if (i < 0) continue;
      double v = value((int) Math.min(i, count - 1));
      double[] a = b.computeIfAbsent(Math.floorDiv(t, s) * s * 1000, k -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE, 0, 0});
      a[0] += v;
      a[1] = Math.min(a[1], v);
      a[2] = Math.max(a[2], v);
      a[4]++;
      if ((t - first) % e == 0 && i < count) a[3]++;
    }
    List<HistoryPoint> out = new ArrayList<>();
    b.forEach((k, a) -> out.add(new HistoryPoint(Instant.ofEpochMilli(k), a[0] / a[4], a[1], a[2], (long) a[3], null)));
    return out;
  }

  /** Buckets aligned to multiples of {@code step} since the epoch, over [from, to). */
  List<HistoryPoint> expected(Instant from, Instant to, Duration step) {
    long s = step.toMillis();
    TreeMap<Long, double[]> b = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Instant t = time(i);
      if (t.isBefore(from) || !t.isBefore(to)) continue;
      long key = Math.floorDiv(t.toEpochMilli(), s) * s;
      double v = value(i);
      double[] a = b.computeIfAbsent(key, k -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE, 0});
      a[0] += v;
      a[1] = Math.min(a[1], v);
      a[2] = Math.max(a[2], v);
      a[3]++;
    }
    List<HistoryPoint> out = new ArrayList<>();
    b.forEach((k, a) -> out.add(new HistoryPoint(Instant.ofEpochMilli(k), a[0] / a[3], a[1], a[2], (long) a[3], null)));
    return out;
  }
}
