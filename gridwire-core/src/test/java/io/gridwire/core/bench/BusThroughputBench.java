package io.gridwire.core.bench;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.bus.Overflow;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.bus.Subscription;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bus throughput: one producer, 3 counting subscribers, readings of 10 values; then the same with
 * a 4th subscriber that never returns from its handler. Not part of the test suite.
 *
 * <p>Run: {@code java -cp <test classpath> io.gridwire.core.bench.BusThroughputBench [readings]}
 */
public final class BusThroughputBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    List<Reading> pool = pool(1000);
    run("warm-up", pool, n / 5, 3, false);
    double three = run("3 subscribers", pool, n, 3, false);
    double four = run("4 subscribers", pool, n, 4, false);
    double stalled = run("3 subscribers + 1 stalled", pool, n, 3, true);
    System.out.printf("3 healthy + 1 stalled vs 4 healthy: %.2f (1.00 = a stalled subscriber costs the others no more than a healthy one)%n",
        stalled / four);
    System.out.printf("3 healthy + 1 stalled vs 3 healthy: %.2f%n", stalled / three);
  }

  static List<Reading> pool(int devices) {
    List<Reading> pool = new ArrayList<>();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int d = 0; d < devices; d++) {
      Map<String, Value> values = new LinkedHashMap<>();
      for (int m = 0; m < 10; m++) values.put("metric_" + m, Value.of(d * 10.0 + m));
      pool.add(Reading.of("dev-" + d, t, t, values));
    }
    return pool;
  }

  /** @return readings per second delivered to every healthy subscriber */
  static double run(String label, List<Reading> pool, int n, int healthy, boolean withStalled) throws Exception {
    try (Bus<Reading> bus = new Bus<>("bench", Reading::deviceId)) {
      LongAdder[] counts = new LongAdder[healthy];
      List<Subscription> subs = new ArrayList<>();
      for (int i = 0; i < healthy; i++) {
        LongAdder c = counts[i] = new LongAdder();
        subs.add(bus.subscribeBatch("s" + i, new SubscriberOptions(65_536, Overflow.DROP, 1, 4096), b -> c.add(b.size())));
      }
      CountDownLatch never = new CountDownLatch(1);
      Subscription stalled = withStalled
          ? bus.subscribe("stalled", SubscriberOptions.live(), r -> {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          })
          : null;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        bus.publish(pool.get(i % pool.size()));
        // Benchmark-only back-pressure so the healthy queues never drop: the bus itself never waits.
        if ((i & 1023) == 0) {
          while (maxQueued(subs) > 49_152) Thread.onSpinWait();
        }
      }
      for (Subscription s : subs) s.awaitDrained(Duration.ofMinutes(1));
      double secs = (System.nanoTime() - start) / 1e9;
      long dropped = subs.stream().mapToLong(s -> s.stats().dropped()).sum();
      double rate = n / secs;
      System.out.printf("%-28s %,d readings in %.2f s = %,.0f readings/s to each healthy subscriber (%,.0f values/s), healthy drops %d%s%n",
          label, n, secs, rate, rate * 10, dropped,
          stalled == null ? "" : String.format(", stalled subscriber: coalesced %,d dropped %,d",
              stalled.stats().coalesced(), stalled.stats().dropped()));
      never.countDown();
      return rate;
    }
  }

  private static long maxQueued(List<Subscription> subs) {
    long max = 0;
    for (Subscription s : subs) max = Math.max(max, s.stats().queued());
    return max;
  }
}
