package io.gridwire.store.bench;

import io.gridwire.core.port.QueueBounds;
import io.gridwire.core.port.QueueEntry;
import io.gridwire.store.queue.SqliteQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bounded load program for the SQLite durable queue (docs/perf/uplink.md: outbox write, read and
 * disk figures). Not part of the test suite:
 * {@code java -cp <test classpath> io.gridwire.store.bench.QueueBench [write|disk]...}
 */
public final class QueueBench {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final QueueBounds DEFAULT = new QueueBounds(1_000_000, 512L * 1024 * 1024, "bench");

  private QueueBench() {}

  public static void main(String[] args) throws Exception {
    List<String> which = args.length == 0 ? List.of("write", "disk") : List.of(args);
    Path dir = Files.createTempDirectory("queue-bench");
    if (which.contains("write")) write(dir, true);
    if (which.contains("write")) write(dir, false);
    if (which.contains("disk")) disk(dir);
  }

  /** An uplink message of one reading with 12 numeric metrics (≈ 317 bytes of topic + body). */
  static List<QueueEntry.Draft> drafts(int from, int count) {
    List<QueueEntry.Draft> out = new ArrayList<>(count);
    String[] names = {"gen_uab", "gen_ubc", "gen_uca", "gen_ia", "gen_ib", "gen_ic", "gen_freq", "coolant_temp",
        "oil_pressure", "batt_v", "run_hours"};
    for (int i = from; i < from + count; i++) {
      String device = "gen-" + (i % 10);
      StringBuilder b = new StringBuilder("{\"device_id\":\"").append(device)
          .append("\",\"timestamp\":\"2026-01-01T00:00:00.123Z\",\"values\":{\"n\":").append(i);
      for (int m = 0; m < names.length; m++) b.append(",\"").append(names[m]).append("\":").append(230.0 + m + (i % 100) / 10.0);
      out.add(QueueEntry.Draft.text(device, T0, "gridwire/" + device + "/state", b.append("}}").toString()));
    }
    return out;
  }

  static void write(Path dir, boolean fsync) {
    int total = 200_000;
    int batch = 500;
    List<List<QueueEntry.Draft>> batches = new ArrayList<>();
    for (int i = 0; i < total; i += batch) batches.add(drafts(i, batch));
    try (SqliteQueue q = SqliteQueue.outbox(dir.resolve("write-" + fsync + ".db"), DEFAULT, fsync)) {
      long t = System.nanoTime();
      for (List<QueueEntry.Draft> b : batches) q.append(b);
      double ns = (System.nanoTime() - t) / (double) total;
      long rt = System.nanoTime();
      long cursor = 0;
      int read = 0;
      while (true) {
        List<QueueEntry> es = q.read(cursor, Long.MAX_VALUE, 500);
        if (es.isEmpty()) break;
        q.remove(es.stream().map(QueueEntry::seq).toList());
        cursor = es.getLast().seq();
        read += es.size();
      }
      double rns = (System.nanoTime() - rt) / (double) read;
      System.out.printf("queue fsync=%s: append %.1f µs/msg (%,.0f msg/s) in batches of %d; read+remove %.1f µs/msg%n",
          fsync, ns / 1000, 1e9 / ns, batch, rns / 1000);
    }
  }

  static void disk(Path dir) throws Exception {
    int total = 1_000_000;
    long t = System.nanoTime();
    try (SqliteQueue q = SqliteQueue.outbox(dir.resolve("disk.db"), new QueueBounds(2_000_000, 4L << 30, "bench"), false)) {
      for (int i = 0; i < total; i += 5000) q.append(drafts(i, 5000));
      System.out.printf("disk: %,d queued messages (~%d bytes payload each) in %.1f s%n", total,
          q.stats().bytes() / total, (System.nanoTime() - t) / 1e9);
    }
    long size = 0;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("disk.db")).toList()) size += Files.size(p);
    }
    System.out.printf("disk: %.0f MB per million queued messages (db + wal after close)%n", size / 1e6);
  }
}
