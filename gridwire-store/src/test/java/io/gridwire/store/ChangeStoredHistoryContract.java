package io.gridwire.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwire.core.port.HistoryPoint;
import io.gridwire.core.port.HistoryQuery;
import io.gridwire.core.port.HistoryResult;
import io.gridwire.core.reading.ChangeFilter;
import io.gridwire.core.reading.MetricIndex;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One series stored twice: every poll (device {@code poll}) and through the report-by-exception
 * filter (device {@code rbe}). Charts of both must be the same: bucketed answers (time, avg,
 * min, max) and raw answers read as step charts (repeats collapsed).
 */
abstract class ChangeStoredHistoryContract {
  static final Instant T0 = Instant.parse("2026-02-02T00:00:00Z");
  static final Duration POLL = Duration.ofSeconds(2);
  static final int POLLS = 1800; // one hour

  private final ManualClock clock = new ManualClock(T0);
  private Storage storage;

  protected abstract StoreSettings config();

  @AfterEach
  void close() {
    if (storage != null) storage.close();
  }

  /** Plateaus of random length, small steps, and an outage (no data) from poll 700 to 760. */
  private static List<Value> series(long seed) {
    Random rnd = new Random(seed);
    List<Value> out = new ArrayList<>();
    double v = 50;
    for (int i = 0; i < POLLS; i++) {
      if (rnd.nextInt(20) == 0) v = Math.round((v + rnd.nextGaussian() * 5) * 10) / 10.0;
      out.add(i >= 700 && i < 760 ? Value.COMM_LOST : Value.of(v));
    }
    return out;
  }

  private void store(long seed) {
    storage = Storage.open(config(), clock, new SimpleMeterRegistry());
    ChangeFilter filter = new ChangeFilter(Duration.ofMinutes(5), ChangeFilter.Deadbands.NONE, new MetricIndex());
    List<Reading> poll = new ArrayList<>();
    List<Reading> rbe = new ArrayList<>();
    List<Value> values = series(seed);
    for (int i = 0; i < POLLS; i++) {
      Instant t = T0.plus(POLL.multipliedBy(i));
      poll.add(Reading.of("poll", t, t, Map.of("p", values.get(i))));
      Reading passed = filter.filter(Reading.of("rbe", t, t, Map.of("p", values.get(i))));
      if (passed != null) rbe.add(passed);
    }
    storage.history().append(poll);
    storage.history().append(rbe);
    assertThat(rbe.size()).as("change-stored rows").isLessThan(POLLS / 5);
    clock.set(T0.plus(POLL.multipliedBy(POLLS)));
  }

  private List<HistoryPoint> query(String device, Instant from, Instant to, Duration step) {
    HistoryResult r = storage.history().query(new HistoryQuery(device, "p", from, to, step, 100_000));
    assertThat(r.resolution()).isIn("bucketed", "raw");
    return r.points();
  }

  @Test
  void bucketed_changeStored_equalsStoredEveryPoll() {
    store(1);
    Instant end = T0.plus(POLL.multipliedBy(POLLS));
    for (Duration step : List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(90))) {
      for (Instant from : List.of(T0, T0.plusSeconds(7), T0.plusSeconds(1399), T0.plusSeconds(1500))) {
        List<HistoryPoint> poll = query("poll", from, end.plusSeconds(120), step);
        List<HistoryPoint> rbe = query("rbe", from, end.plusSeconds(120), step);
        assertThat(poll).as("points at step %s from %s", step, from).hasSameSizeAs(rbe).isNotEmpty();
        for (int i = 0; i < poll.size(); i++) {
          HistoryPoint a = poll.get(i);
          HistoryPoint b = rbe.get(i);
          assertThat(b.time()).isEqualTo(a.time());
          assertThat(b.avg()).as("avg at %s", a.time()).isCloseTo(a.avg(), within(1e-9));
          assertThat(b.min()).as("min at %s", a.time()).isEqualTo(a.min());
          assertThat(b.max()).as("max at %s", a.time()).isEqualTo(a.max());
        }
      }
    }
  }

  @Test
  void bucketed_outage_noValueCarriedThroughIt() {
    store(2);
    Instant outageStart = T0.plus(POLL.multipliedBy(700));
    Instant outageEnd = T0.plus(POLL.multipliedBy(760));
    List<HistoryPoint> rbe = query("rbe", T0, T0.plus(Duration.ofHours(1)), Duration.ofSeconds(10));
    assertThat(rbe).noneMatch(p -> !p.time().isBefore(outageStart) && p.time().isBefore(outageEnd));
  }

  @Test
  void raw_changeStored_sameStepChartAsStoredEveryPoll_ledByTheValueInForce() {
    store(3);
    for (Instant from : List.of(T0, T0.plusSeconds(7), T0.plusSeconds(1401), T0.plusSeconds(2500))) {
      Instant to = from.plus(Duration.ofMinutes(20));
      List<HistoryPoint> poll = collapse(query("poll", from, to, null));
      List<HistoryPoint> rbe = collapse(query("rbe", from, to, null));
      assertThat(rbe).as("raw chart from %s", from).isEqualTo(poll);
      assertThat(rbe.get(0).time()).as("the value in force at from leads").isEqualTo(from);
    }
  }

  /** Drops points that repeat the previous value and reason: what a step chart draws. */
  private static List<HistoryPoint> collapse(List<HistoryPoint> points) {
    List<HistoryPoint> out = new ArrayList<>();
    for (HistoryPoint p : points) {
      HistoryPoint last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && Objects.equals(last.avg(), p.avg()) && Objects.equals(last.reason(), p.reason())) continue;
      out.add(p);
    }
    return out;
  }
}
