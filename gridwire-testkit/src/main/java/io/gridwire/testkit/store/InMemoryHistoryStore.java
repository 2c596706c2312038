package io.gridwire.testkit.store;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import io.gridwire.core.port.HistoryStore;
import io.gridwire.core.port.Retention;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@link HistoryStore} in memory, for tests: raw points per (device, metric); bucketed queries are
 * computed from raw points (resolution {@code bucketed}); roll-ups are a no-op. Thread-safe.
 */
public final class InMemoryHistoryStore implements HistoryStore {
  private final Map<String, ConcurrentSkipListMap<Instant, HistoryPoint>> series = new ConcurrentHashMap<>();
  private final List<HistoryQuery> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void append(List<Reading> readings) {
    for (Reading r : readings) {
      for (Map.Entry<String, Value> e : r.values().entrySet()) {
        Value v = e.getValue();
        String reason = v instanceof Value.NoData nd ? nd.reason().wireName() : null;
        if (v instanceof Value.Text) continue;
        series.computeIfAbsent(key(r.deviceId(), e.getKey()), k -> new ConcurrentSkipListMap<>())
            .putIfAbsent(r.timestamp(), HistoryPoint.raw(r.timestamp(), v.asDouble(), reason));
      }
    }
  }

  @Override
  public HistoryResult query(HistoryQuery q) {
    queries.add(q);
    var points = series.getOrDefault(key(q.deviceId(), q.metric()), new ConcurrentSkipListMap<>())
        .subMap(q.from(), true, q.to(), false).values();
    if (q.step() == null) return new HistoryResult(points.stream().limit(q.limit()).toList(), "raw");
    long stepMs = q.step().toMillis();
    TreeMap<Long, List<Double>> buckets = new TreeMap<>();
    for (HistoryPoint p : points) {
      if (p.avg() == null) continue;
      long start = Math.floorDiv(p.time().toEpochMilli(), stepMs) * stepMs;
      buckets.computeIfAbsent(start, k -> new ArrayList<>()).add(p.avg());
    }
    List<HistoryPoint> out = new ArrayList<>();
    buckets.forEach((start, vals) -> out.add(new HistoryPoint(Instant.ofEpochMilli(start),
        vals.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
        vals.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        vals.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), vals.size(), null)));
    return new HistoryResult(out, "bucketed");
  }

  @Override
  public void rollUp(Instant upTo) {}

  @Override
  public long purge(Retention retention, Instant now) {
    Instant cutoff = now.minus(retention.raw());
    long n = 0;
    for (var s : series.values()) {
      var old = s.headMap(cutoff);
      n += old.size();
      old.clear();
    }
    return n;
  }

  /** Queries received, in order, for assertions. */
  public List<HistoryQuery> queries() {
    return List.copyOf(queries);
  }

  private static String key(String device, String metric) {
    return device + '\u0000' + metric;
  }
}
