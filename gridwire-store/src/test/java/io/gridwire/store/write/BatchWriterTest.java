package io.gridwire.store.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The batching, retry and bound logic, driven by hand (no bus, no timer thread). */
class BatchWriterTest {
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  private final List<List<Integer>> written = new CopyOnWriteArrayList<>();
  private final List<long[]> reports = new ArrayList<>();
  private volatile boolean failing;

  private BatchWriter<Integer> writer(int flushMax, long bound, Duration closeTimeout) {
    WriterSettings s = new WriterSettings(Duration.ofSeconds(1), flushMax, 1000, bound, Duration.ofMillis(100),
        Duration.ofSeconds(2), closeTimeout);
    return new BatchWriter<>("test", s, clock, new SimpleMeterRegistry(), i -> 1, batch -> {
      if (failing) throw new IllegalStateException("store down");
      written.add(List.copyOf(batch));
    }, (name, bus, buf) -> reports.add(new long[] {bus, buf}));
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  @Test
  void tick_fewItemsBeforeInterval_writesNothingUntilDue() {
    BatchWriter<Integer> w = writer(100, 1000, Duration.ofSeconds(1));
    w.accept(range(0, 5));
    w.tick();
    assertThat(written).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    w.tick();

    assertThat(written).containsExactly(range(0, 5));
  }

  @Test
  void tick_enoughItems_writesBeforeInterval() {
    BatchWriter<Integer> w = writer(10, 1000, Duration.ofSeconds(1));
    w.accept(range(0, 25));
    w.tick();

    assertThat(written).containsExactly(range(0, 25)); // one batch: everything waiting, up to the cap
  }

  @Test
  void storeFailing_beyondBound_dropsOldestCountsReportsThenRecovers() {
    BatchWriter<Integer> w = writer(10, 50, Duration.ofSeconds(1));
    failing = true;
    w.accept(range(0, 30));
    w.tick();
    assertThat(written).isEmpty();
    w.accept(range(30, 80));
    clock.advance(Duration.ofSeconds(1));
    w.tick();

    assertThat(w.dropped()).isEqualTo(30);
    assertThat(reports).hasSize(1);
    assertThat(reports.getFirst()).containsExactly(0, 30);

    failing = false;
    clock.advance(Duration.ofSeconds(5));
    w.tick();
    assertThat(written.stream().flatMap(List::stream).toList()).isEqualTo(range(30, 80));
    assertThat(w.written()).isEqualTo(50);
  }

  /** Items of 1 unit but 100 bytes each, 2,000 bytes allowed: the byte bound drops what the unit bound (1,000) would keep. */
  @Test
  void storeFailing_beyondByteBound_dropsOldestThoughUnitsFit() {
    WriterSettings s = new WriterSettings(Duration.ofSeconds(1), 10, 1000, 1000, Duration.ofMillis(100),
        Duration.ofSeconds(2), Duration.ofSeconds(1));
    BatchWriter<Integer> w = new BatchWriter<>("test", s, clock, new SimpleMeterRegistry(), i -> 1, i -> 100, 2_000, batch -> {
      if (failing) throw new IllegalStateException("store down");
      written.add(List.copyOf(batch));
    }, (name, bus, buf) -> reports.add(new long[] {bus, buf}));
    failing = true;
    w.accept(range(0, 15));
    w.tick();
    w.accept(range(15, 30));

    assertThat(w.dropped()).isEqualTo(10);
    failing = false;
    clock.advance(Duration.ofSeconds(5));
    w.tick();
    assertThat(written.stream().flatMap(List::stream).toList()).isEqualTo(range(10, 30));
  }

  @Test
  void tick_retryNotYetDue_doesNotHammerTheStore() {
    BatchWriter<Integer> w = writer(10, 1000, Duration.ofSeconds(1));
    failing = true;
    w.accept(range(0, 10));
    w.tick();
    failing = false;
    w.tick(); // back-off (100 ms on the manual clock) not over
    assertThat(written).isEmpty();

    clock.advance(Duration.ofMillis(100));
    w.tick();
    assertThat(written).containsExactly(range(0, 10));
  }

  @Test
  void close_storeStillFailing_givesUpAfterTimeoutAndCounts() {
    BatchWriter<Integer> w = writer(10, 1000, Duration.ofMillis(300));
    failing = true;
    w.accept(range(0, 7));

    w.close();

    assertThat(w.dropped()).isEqualTo(7);
    assertThat(reports.getLast()).containsExactly(0, 7);
  }

  @Test
  void close_storeHealthy_writesEverything() {
    BatchWriter<Integer> w = writer(10, 1000, Duration.ofSeconds(1));
    w.accept(range(0, 7));

    w.close();

    assertThat(written).containsExactly(range(0, 7));
  }
}
