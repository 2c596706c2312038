package io.gridwire.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.alarm.Severity;
import io.gridwire.core.reading.MetricInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleRuleTest {

  private static AlarmRule stale(String metric) {
    return new AlarmRule("silent", "No data", Severity.WARNING, DeviceMatch.ANY, metric,
        new RuleCondition.Stale(Duration.ofMinutes(5)));
  }

  @Test
  void stale_noReadingForAfter_raisesAndNextReadingClears() {
    try (RuleFixture f = new RuleFixture(stale("fuel_level"))) {
      f.read("fuel_level", 50.0);
      f.advance(Duration.ofMinutes(4));
      assertThat(f.state("silent")).isFalse();
      f.advance(Duration.ofMinutes(1));
      assertThat(f.state("silent")).isTrue();
      f.read("fuel_level", 50.0);
      assertThat(f.state("silent")).isFalse();
    }
  }

  @Test
  void stale_readingsWithoutTheMetricKeepArriving_noAlarm() {
    // Report-by-exception: the level does not change, so readings carry other metrics only.
    try (RuleFixture f = new RuleFixture(stale("fuel_level"))) {
      f.read("fuel_level", 50.0);
      for (int i = 0; i < 10; i++) {
        f.advance(Duration.ofMinutes(1));
        f.read("battery_voltage", 24.0 + i);
      }
      assertThat(f.state("silent")).isFalse();
    }
  }

  @Test
  void stale_deviceNeverHeardSinceStart_raisesAfterTheDelay() {
    try (RuleFixture f = new RuleFixture(stale("fuel_level"))) {
      f.catalog.add("gen-1", MetricInfo.of("fuel_level", "Fuel level", "%"));
      f.advance(Duration.ofMinutes(5));
      assertThat(f.state("silent")).isTrue();
      assertThat(f.sink.signals().get(0).values()).containsEntry("last_reading_at", "2026-01-01T00:00:00Z");
    }
  }

  @Test
  void stale_deviceNotCarryingTheMetric_isNotWatched() {
    try (RuleFixture f = new RuleFixture(stale("fuel_level"))) {
      f.read("soc", 50.0);
      f.advance(Duration.ofMinutes(30));
      assertThat(f.state("silent")).isNull();
    }
  }

  @Test
  void stale_emptyMetric_watchesAnyReading() {
    try (RuleFixture f = new RuleFixture(stale(""))) {
      f.advance(Duration.ofMinutes(5));
      assertThat(f.sink.of("gen-1", "rule_silent")).hasSize(1);
      assertThat(f.state("silent")).isTrue();
      f.read("soc", 1.0);
      assertThat(f.state("silent")).isFalse();
      assertThat(f.sink.signals()).extracting(s -> s.active()).isEqualTo(List.of(true, false));
    }
  }

  @Test
  void stale_deviceClockHourBehind_readingsKeepItQuiet() {
    try (RuleFixture f = new RuleFixture(stale("fuel_level"))) {
      for (int i = 0; i < 6; i++) {
        f.advance(Duration.ofMinutes(4));
        f.readFromDeviceClock(Duration.ofHours(1), "fuel_level", 50.0);
      }
      f.advance(Duration.ofMinutes(4));
      assertThat(f.sink.of("gen-1", "rule_silent")).extracting(s -> s.active()).doesNotContain(true);
    }
  }

  @Test
  void stale_deviceRemovedWhileStale_clearedAndForgotten() {
    try (RuleFixture f = new RuleFixture(stale("fuel_level"))) {
      f.read("fuel_level", 50.0);
      f.advance(Duration.ofMinutes(5));
      assertThat(f.state("silent")).isTrue();
      f.registry.remove("gen-1");
      f.advance(Duration.ofSeconds(5));
      assertThat(f.state("silent")).isFalse();
      assertThat(f.sink.signals().getLast().values()).containsEntry("reason", "device removed");
      f.advance(Duration.ofMinutes(30));
      assertThat(f.sink.of("gen-1", "rule_silent")).extracting(s -> s.active()).containsExactly(false, true, false);
    }
  }
}
