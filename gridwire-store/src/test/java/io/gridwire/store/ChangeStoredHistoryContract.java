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

  /**
   * Four metrics of one device through the filter: a stepping number {@code p}, a flat number
   * {@code f}, a text {@code t}, and {@code s} that turns no-data (sentinel) before the device goes
   * offline. Offline (a gap at poll 700 + 1 s, polls resume at 760), a stop of the gateway after
   * poll 1500 (a gap; a restarted gateway with a fresh filter polls again from 1560), and a
   * second offline at poll 1700 + 1 s. Stored twice: device {@code marked} as the gateway stores
   * it now (a gap is one mark), device {@code rows} as before marks existed (every held value a
   * no-data row).
   */
  private void storeWithGaps(long seed) {
    storage = Storage.open(config(), clock, new SimpleMeterRegistry());
    ChangeFilter filter = new ChangeFilter(Duration.ofMinutes(5), ChangeFilter.Deadbands.NONE, new MetricIndex());
    List<Value> p = series(seed);
    List<Reading> passed = new ArrayList<>();
    for (int i = 0; i < POLLS; i++) {
      Instant t = T0.plus(POLL.multipliedBy(i));
      if (i == 1560) filter = new ChangeFilter(Duration.ofMinutes(5), ChangeFilter.Deadbands.NONE, new MetricIndex());
      if ((i > 700 && i < 760) || (i > 1500 && i < 1560)) continue;
      Map<String, Value> values = new java.util.LinkedHashMap<>();
      values.put("p", i >= 700 && i < 760 ? Value.of(50.0) : p.get(i));
      values.put("f", Value.of(12.5));
      values.put("t", Value.of(i < 900 ? "running" : "stopped"));
      values.put("s", i >= 700 && i < 1000 ? Value.SENTINEL : Value.of(i % 300 < 150 ? 1.0 : 2.0));
      Reading r = filter.filter(Reading.of("marked", t, t, values));
      if (r != null) passed.add(r);
      if (i == 700 || i == 1500 || i == 1700) {
        Reading gap = filter.offline("marked", t.plusSeconds(1));
        assertThat(gap).isNotNull();
        assertThat(gap.gap()).isTrue();
        passed.add(gap);
      }
    }
    List<Reading> rows = new ArrayList<>();
    for (Reading r : passed) rows.add(new Reading("rows", r.timestamp(), r.receivedAt(), r.values()));
    storage.history().append(passed);
    storage.history().append(rows);
    clock.set(T0.plus(POLL.multipliedBy(POLLS - 30)));
  }

  @Test
  void gapMarks_answerAsNoDataRowsPerSeries_rawAndBucketed() {
    storeWithGaps(4);
    Instant end = T0.plus(POLL.multipliedBy(POLLS));
    List<Instant> froms = List.of(T0, T0.plusSeconds(1399), T0.plusSeconds(1401), T0.plusSeconds(1402),
        T0.plusSeconds(1450), T0.plusSeconds(1600), T0.plusSeconds(2999), T0.plusSeconds(3001), T0.plusSeconds(3050),
        T0.plusSeconds(3401), T0.plusSeconds(3402), T0.plusSeconds(3500));
    int compared = 0;
    for (String metric : List.of("p", "f", "t", "s")) {
      for (Instant from : froms) {
        for (Instant to : List.of(from.plusSeconds(61), from.plusSeconds(600), end.plusSeconds(60))) {
          for (int limit : List.of(1, 2, 3, 50, 100_000)) {
            List<HistoryPoint> rows = points("rows", metric, from, to, null, limit);
            assertThat(points("marked", metric, from, to, null, limit))
                .as("raw %s from %s to %s limit %d", metric, from, to, limit).isEqualTo(rows);
            compared += rows.size();
          }
          for (Duration step : List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
              Duration.ofSeconds(90))) {
            List<HistoryPoint> rows = points("rows", metric, from, to, step, 100_000);
            assertThat(points("marked", metric, from, to, step, 100_000))
                .as("bucketed %s from %s to %s step %s", metric, from, to, step).isEqualTo(rows);
            compared += rows.size();
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(10_000);
    // the marks are in force: nothing carried into an outage, a no-data point at each mark
    Instant offline = T0.plus(POLL.multipliedBy(700)).plusSeconds(1);
    List<HistoryPoint> raw = points("marked", "f", offline.minusSeconds(5), offline.plusSeconds(60), null, 100);
    assertThat(raw).extracting(HistoryPoint::reason).containsExactly(null, "comm_lost");
    assertThat(points("marked", "p", offline, offline.plusSeconds(100), Duration.ofSeconds(10), 100)).isEmpty();
  }

  private List<HistoryPoint> points(String device, String metric, Instant from, Instant to, Duration step, int limit) {
    return storage.history().query(new HistoryQuery(device, metric, from, to, step, limit)).points();
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
