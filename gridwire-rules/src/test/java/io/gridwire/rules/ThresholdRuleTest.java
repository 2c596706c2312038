package io.gridwire.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.alarm.AlarmSignal;
import io.gridwire.core.alarm.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

  @Test
  void threshold_belowShorterThanHold_raisesNothing() {
    try (RuleFixture f = new RuleFixture(RuleFixture.fuelBelow20For10m())) {
      f.read("fuel_level", 19.0);
      f.advance(Duration.ofMinutes(9));
      f.read("fuel_level", 25.0);
      f.advance(Duration.ofMinutes(5));
      assertThat(f.sink.signals()).allMatch(s -> !s.active());
    }
  }

  @Test
  void threshold_belowForHold_raisesOnTickWithoutNewReading() {
    try (RuleFixture f = new RuleFixture(RuleFixture.fuelBelow20For10m())) {
      f.read("fuel_level", 19.0); // report-by-exception: no further reading while the level stays
      f.advance(Duration.ofMinutes(9));
      assertThat(f.state("fuel_low")).isFalse(); // pending: decided inactive until the hold has passed
      f.advance(Duration.ofMinutes(1));
      assertThat(f.state("fuel_low")).isTrue();
      AlarmSignal s = f.sink.signals().get(1);
      assertThat(s.alarmClass()).isEqualTo("rule");
      assertThat(s.name()).isEqualTo("Fuel low");
      assertThat(s.severity()).isEqualTo(Severity.WARNING);
      assertThat(s.values()).containsEntry("fuel_level", 19.0);
    }
  }

  @Test
  void threshold_withinHysteresis_staysActiveUntilPastClearAt() {
    try (RuleFixture f = new RuleFixture(RuleFixture.fuelBelow20For10m())) {
      f.read("fuel_level", 19.0);
      f.advance(Duration.ofMinutes(10));
      f.read("fuel_level", 21.0);
      f.read("fuel_level", 22.0);
      assertThat(f.state("fuel_low")).isTrue();
      f.read("fuel_level", 22.5);
      assertThat(f.state("fuel_low")).isFalse();
      assertThat(f.sink.signals()).extracting(AlarmSignal::active).containsExactly(false, true, false);
    }
  }

  @Test
  void threshold_firstValueFine_reportsInactiveOnce() {
    try (RuleFixture f = new RuleFixture(RuleFixture.fuelBelow20For10m())) {
      f.read("fuel_level", 50.0);
      f.read("fuel_level", 49.0);
      assertThat(f.sink.signals()).extracting(AlarmSignal::active).containsExactly(false);
    }
  }

  @Test
  void threshold_noDataValue_keepsState() {
    try (RuleFixture f = new RuleFixture(RuleFixture.fuelBelow20For10m())) {
      f.read("fuel_level", 10.0);
      f.advance(Duration.ofMinutes(10));
      f.engine.onReading(io.gridwire.core.reading.Reading.builder("gen-1", f.clock.instant(), f.clock.instant())
          .put("fuel_level", io.gridwire.core.reading.Value.COMM_LOST).build());
      assertThat(f.state("fuel_low")).isTrue();
    }
  }

  @Test
  void match_otherSiteOrKind_isNotWatched() {
    AlarmRule rule = new AlarmRule("hot", null, Severity.CRITICAL, new DeviceMatch(List.of(), List.of("south"), List.of()),
        "temp", new RuleCondition.Threshold(Bound.of("r", Bound.Direction.ABOVE, 90, null), null));
    AlarmRule kind = new AlarmRule("hot_gen", null, Severity.CRITICAL,
        new DeviceMatch(List.of(), List.of(), List.of("generator")), "temp",
        new RuleCondition.Threshold(Bound.of("r", Bound.Direction.ABOVE, 90, null), null));
    try (RuleFixture f = new RuleFixture(rule, kind)) {
      f.read("temp", 95.0);
      assertThat(f.state("hot")).isNull();
      assertThat(f.state("hot_gen")).isTrue();
    }
  }

  @Test
  void remove_activeRule_clearsItsAlarm() {
    try (RuleFixture f = new RuleFixture(RuleFixture.fuelBelow20For10m())) {
      f.read("fuel_level", 5.0);
      f.advance(Duration.ofMinutes(10));
      assertThat(f.engine.remove("fuel_low")).isTrue();
      assertThat(f.state("fuel_low")).isFalse();
    }
  }

  @Test
  void threshold_deviceClockHourBehind_holdCountsOnGatewayClock() {
    try (RuleFixture f = new RuleFixture(RuleFixture.fuelBelow20For10m())) {
      f.readFromDeviceClock(java.time.Duration.ofHours(1), "fuel_level", 10.0);
      f.advance(java.time.Duration.ofMinutes(1));
      assertThat(f.state("fuel_low")).isNotEqualTo(Boolean.TRUE);
      f.advance(java.time.Duration.ofMinutes(9));
      assertThat(f.state("fuel_low")).isTrue();
    }
  }
}
