package io.gridwire.store.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A stop has a deadline: close within a bound against a store too slow for the backlog. */
class BatchWriterCloseTest {
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  private final AtomicLong stored = new AtomicLong();

  /** Every batch takes 100 ms, whatever its size: 10-unit batches, 1,000 units waiting = 10 s of writing. */
  private BatchWriter<Integer> slowWriter() {
    WriterSettings s = new WriterSettings(Duration.ofSeconds(1), 10, 1000, 100_000, Duration.ofMillis(100),
        Duration.ofSeconds(2), Duration.ofSeconds(30));
    return new BatchWriter<>("slow", s, clock, new SimpleMeterRegistry(), i -> 1, batch -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stored.addAndGet(batch.size());
    }, null);
  }

  @Test
  void closeWithinBound_storeTooSlowForTheBacklog_returnsInTime_andCountsWhatIsLeft() {
    BatchWriter<Integer> w = slowWriter();
    w.accept(IntStream.range(0, 1000).boxed().toList());

    long t0 = System.nanoTime();
    w.close(Duration.ofMillis(700));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).isLessThan(Duration.ofMillis(700 + 500)); // the bound plus at most one batch
    assertThat(stored.get()).isPositive().isLessThan(1000);
    assertThat(w.written()).isEqualTo(stored.get());
    assertThat(w.dropped()).isEqualTo(1000 - stored.get());
  }

  @Test
  void closeWithinBound_storeFastEnough_writesEverything() {
    BatchWriter<Integer> w = slowWriter();
    w.accept(IntStream.range(0, 30).boxed().toList());

    w.close(Duration.ofSeconds(5));

    assertThat(stored.get()).isEqualTo(30);
    assertThat(w.dropped()).isZero();
  }
}
