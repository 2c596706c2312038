package io.gridwire.store.bench;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.store.Storage;
import io.gridwire.store.StoreSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Load program for the storage figures in {@code docs/perf/store.md}; not part of the test suite.
 *
 * <pre>
 *   java -cp ... io.gridwire.store.bench.StoreBench ingest sqlite|postgres SECONDS [store|writer]
 *   java -cp ... io.gridwire.store.bench.StoreBench query  sqlite|postgres
 * </pre>
 *
 * ingest: 500 devices × 20 metrics, one reading per device per simulated second, appended in
 * batches of 10,000 values (the default flush size) straight to the store, or published on a
 * bus through the history writer. query: 30 days of one metric every 2 s (1,296,000 rows),
 * rolled up, then the 30-day range bucketed to ~500 points, timed over repeated runs.
 * PostgreSQL: 127.0.0.1:5432 database test, a throw-away schema.
 */
public final class StoreBench {
  private static final int DEVICES = Integer.getInteger("devices", 500);
  private static final int METRICS = 20;
  /** store path: simulated seconds per append (20 = 200,000 values, the writer's batch cap). */
  private static final int ROUNDS_PER_APPEND = Integer.getInteger("rounds", 20);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "ingest";
    String kind = args.length > 1 ? args[1] : "sqlite";
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String path = args.length > 3 ? args[3] : "store";
    String schema = "gw_bench_" + Long.toHexString(System.nanoTime());
    Path dir = Files.createTempDirectory("gw-bench");
    StoreSettings cfg = kind.equals("postgres")
        ? StoreSettings.postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, schema)
        : StoreSettings.sqlite(dir);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Storage storage = Storage.open(cfg, Clock.systemUTC(), meters)) {
      if (what.equals("ingest")) ingest(storage, kind, seconds, path);
      else query(storage, kind);
      var batch = meters.find("gridwire.store.write.batch").summary();
      if (batch != null) {
        System.out.printf("  writer batches: %d, mean %.0f values, max %.0f; mean latency %.1f ms%n", batch.count(),
            batch.mean(), batch.max(), meters.find("gridwire.store.write.latency").timer().mean(java.util.concurrent.TimeUnit.MILLISECONDS));
      }
    } finally {
      if (kind.equals("postgres")) dropSchema(schema);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void ingest(Storage storage, String kind, int seconds, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long values = 0;
    long start = System.nanoTime();
    long lastReport = start;
    long lastValues = 0;
    int second = 0;
    Bus<Reading> bus = null;
    List<Reading> pending = new ArrayList<>();
    if (path.equals("writer")) {
      bus = new Bus<>("readings", Reading::deviceId);
      Bus<Event> events = new Bus<>("events", Event::deviceId);
      storage.startWriters(bus, events, new DeviceRegistry(events, Clock.systemUTC()));
    }
    while (System.nanoTime() < deadline) {
      List<Reading> round = round(second++);
      if (bus != null) {
        for (Reading r : round) bus.publish(r);
        while (storage.historyWriter().queued() > 400_000) Thread.sleep(1); // keep the producer at the writer's pace
        values = storage.historyWriter().written();
      } else {
        pending.addAll(round);
        if (pending.size() >= DEVICES * ROUNDS_PER_APPEND) {
          storage.history().append(pending);
          values += (long) pending.size() * METRICS;
          pending.clear();
        }
      }
      long now = System.nanoTime();
      if (now - lastReport > 5_000_000_000L) {
        System.out.printf("  %s %s: %,.0f values/s over the last %.1f s%n", kind, path,
            (values - lastValues) / ((now - lastReport) / 1e9), (now - lastReport) / 1e9);
        lastReport = now;
        lastValues = values;
      }
    }
    if (bus != null) {
      storage.historyWriter().close();
      values = storage.historyWriter().written();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("RESULT ingest %s %s: %,d values in %.1f s = %,.0f values/s (%d series, %d values per reading)%n",
        kind, path, values, secs, values / secs, DEVICES * METRICS, METRICS);
  }

  /** One simulated second: a reading of every device; 500 readings = 10,000 values. */
  private static List<Reading> round(int second) {
    Instant t = T0.plusSeconds(second);
    List<Reading> out = new ArrayList<>(DEVICES);
    for (int d = 0; d < DEVICES; d++) {
      Map<String, Value> v = new LinkedHashMap<>();
      for (int m = 0; m < METRICS; m++) v.put("metric_" + m, Value.of((second * 31 + d * 7 + m) % 1000 / 10.0));
      out.add(Reading.of("dev-" + d, t, t, v));
    }
    return out;
  }

  private static void query(Storage storage, String kind) {
    int rows = 30 * 24 * 1800;
    long t0 = System.nanoTime();
    List<Reading> batch = new ArrayList<>(10_000);
    for (int i = 0; i < rows; i++) {
      Instant t = T0.plusSeconds(2L * i);
      batch.add(Reading.of("q1", t, t, Map.of("power", Value.of(1000 + 500 * Math.sin(i / 1800.0)))));
      if (batch.size() == 10_000) {
        storage.history().append(batch);
        batch.clear();
      }
    }
    storage.history().append(batch);
    long t1 = System.nanoTime();
    storage.history().rollUp(T0.plus(Duration.ofDays(30)));
    long t2 = System.nanoTime();
    System.out.printf("  loaded %,d rows in %.1f s, rolled up in %.1f s%n", rows, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    Instant to = T0.plus(Duration.ofDays(30));
    Duration step = Duration.ofDays(30).dividedBy(500);
    HistoryQuery q = new HistoryQuery("q1", "power", T0, to, step, 1000);
    HistoryQuery raw = new HistoryQuery("q1", "power", T0, to, Duration.ofSeconds(59), 1000);
    report(kind, "30 d, step " + step + " (roll-ups)", storage, q);
    report(kind, "30 d, step PT30M (1-min roll-ups)", storage,
        new HistoryQuery("q1", "power", T0, to, Duration.ofMinutes(30), 2000));
    report(kind, "30 d, step PT59S (raw rows bucketed, for comparison)", storage, raw);
  }

  private static void report(String kind, String label, Storage storage, HistoryQuery q) {
    HistoryResult r = null;
    for (int i = 0; i < 5; i++) r = storage.history().query(q);
    int runs = 30;
    long[] ms = new long[runs];
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      r = storage.history().query(q);
      ms[i] = (System.nanoTime() - s) / 1000;
    }
    Arrays.sort(ms);
    System.out.printf("RESULT query %s %s: %d points from %s, median %.1f ms, p95 %.1f ms, max %.1f ms%n", kind, label,
        r.points().size(), r.resolution(), ms[runs / 2] / 1000.0, ms[runs * 95 / 100] / 1000.0, ms[runs - 1] / 1000.0);
  }

  private static void dropSchema(String schema) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
