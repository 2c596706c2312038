package io.gridwire.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.alarm.AlarmSignal;
import io.gridwire.core.alarm.Severity;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateRuleTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Fuel falls faster than 3 %/h (clears above -1.5 %/h) over a 1 h window, while the engine is stopped. */
  private static AlarmRule leak() {
    return new AlarmRule("fuel_leak", "Fuel leak or theft", Severity.CRITICAL, DeviceMatch.ANY, "fuel_level",
        new RuleCondition.Rate(Bound.of("r", Bound.Direction.BELOW, -3, -1.5), Duration.ofHours(1), Duration.ZERO,
            new Guard("engine_running", "false")));
  }

  /** One reading a minute for {@code minutes}: level + noise, then the level moves by ratePerHour/60. */
  private static double run(RuleFixture f, double level, double ratePerHour, boolean running, int minutes,
      double noise, Random rnd) {
    for (int i = 0; i < minutes; i++) {
      f.read("fuel_level", level + (rnd.nextDouble() * 2 - 1) * noise, "engine_running", running);
      f.advance(MINUTE);
      level += ratePerHour / 60;
    }
    return level;
  }

  @Test
  void rate_slowLeakWhileStopped_caughtWhereThresholdIsNot() {
    try (RuleFixture f = new RuleFixture(leak(), RuleFixture.fuelBelow20For10m())) {
      double end = run(f, 80, -4, false, 180, 0.5, new Random(42));
      assertThat(end).isGreaterThan(60); // the level never nears the 20 % threshold
      assertThat(f.state("fuel_low")).isFalse();
      assertThat(f.state("fuel_leak")).isTrue();
      var signals = f.sink.of("gen-1", "rule_fuel_leak");
      assertThat(signals).extracting(AlarmSignal::active).containsExactly(true);
      AlarmSignal raised = signals.get(0);
      assertThat((Double) raised.values().get("fuel_level_per_hour")).isBetween(-5.0, -3.0);
      // Raised once the samples span half the window: about 30 min into the leak, 2 % of fuel lost.
      assertThat(raised.time()).isBetween(java.time.Instant.parse("2026-01-01T00:29:00Z"),
          java.time.Instant.parse("2026-01-01T00:45:00Z"));
    }
  }

  @Test
  void rate_noisyFlatLevel_noAlarm() {
    // ±1.5 % of noise a minute apart is ±180 %/h between two samples; the fitted slope stays near 0.
    try (RuleFixture f = new RuleFixture(leak())) {
      run(f, 60, 0, false, 240, 1.5, new Random(7));
      assertThat(f.sink.of("gen-1", "rule_fuel_leak")).allMatch(s -> !s.active());
    }
  }

  @Test
  void rate_fuelBurntWhileRunning_notALeakEvenJustAfterStop() {
    try (RuleFixture f = new RuleFixture(leak())) {
      Random rnd = new Random(3);
      double level = run(f, 90, 0, false, 40, 0.3, rnd); // stopped, level steady
      level = run(f, level, -10, true, 30, 0.3, rnd); // running: burns 5 %
      run(f, level, 0, false, 60, 0.3, rnd); // stopped again: samples from before the run must not count
      assertThat(f.sink.of("gen-1", "rule_fuel_leak")).allMatch(s -> !s.active());
    }
  }

  @Test
  void rate_leakStops_clears() {
    try (RuleFixture f = new RuleFixture(leak())) {
      Random rnd = new Random(11);
      double level = run(f, 80, -6, false, 90, 0.3, rnd);
      assertThat(f.state("fuel_leak")).isTrue();
      run(f, level, 0, false, 90, 0.3, rnd);
      assertThat(f.state("fuel_leak")).isFalse();
    }
  }

  @Test
  void rate_engineStarts_clearsAlarm() {
    try (RuleFixture f = new RuleFixture(leak())) {
      double level = run(f, 80, -6, false, 90, 0.3, new Random(5));
      assertThat(f.state("fuel_leak")).isTrue();
      f.read("engine_running", true);
      assertThat(f.state("fuel_leak")).isFalse();
    }
  }

  @Test
  void rate_risingBound_fitsLeastSquaresOverWindow() {
    Slope s = new Slope(Duration.ofHours(1));
    java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i <= 60; i++) s.add(t0.plus(Duration.ofMinutes(i)), 10 + i * 0.1 + (i % 2 == 0 ? 1 : -1));
    assertThat(s.perHour()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.5));
  }
}
