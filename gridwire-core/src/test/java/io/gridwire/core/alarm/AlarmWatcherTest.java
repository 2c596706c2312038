package io.gridwire.core.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmWatcherTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private final MetricCatalog catalog = new MetricCatalog();
  private final List<AlarmSignal> signals = new ArrayList<>();
  private final List<String> lost = new ArrayList<>();
  private final AlarmWatcher watcher = new AlarmWatcher(catalog, signals::add, lost::add);

  AlarmWatcherTest() {
    catalog.declareAlarms("gen-1", AlarmTable.of(List.of(
        new AlarmDefinition("shutdown_low_oil_pressure", "shutdown_low_oil_pressure", "Low oil pressure",
            Severity.CRITICAL, "shutdown", List.of("oil_pressure")),
        new AlarmDefinition("warning_low_fuel_level", "warning_low_fuel_level", "Low fuel level", Severity.WARNING,
            "warning", List.of())), "alarm_count"));
  }

  @Test
  void accept_alarmBitInReading_reportsSignalWithRememberedValue() {
    watcher.accept(Reading.builder("gen-1", T, T).put("oil_pressure", 410.0).put("engine_speed", 1500.0).build());
    // report by exception: the next reading carries the bit only
    watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", true).build());

    assertThat(signals).singleElement().satisfies(s -> {
      assertThat(s.active()).isTrue();
      assertThat(s.name()).isEqualTo("Low oil pressure");
      assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(s.values()).containsExactly(java.util.Map.entry("oil_pressure", 410.0));
    });
  }

  /** Quiet bits are reported once (they may clear a restored alarm), then only when they change. */
  @Test
  void accept_quietBitsEveryPoll_reportedOnceThenOnlyChanges() {
    for (int i = 0; i < 10; i++) {
      watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", false)
          .put("warning_low_fuel_level", false).build());
    }
    assertThat(signals).hasSize(2).noneMatch(AlarmSignal::active);
    watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", true).put("warning_low_fuel_level", false).build());
    watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", true).put("warning_low_fuel_level", false).build());
    watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", false).put("warning_low_fuel_level", false).build());
    watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", false).put("warning_low_fuel_level", false).build());
    assertThat(signals.subList(2, signals.size())).extracting(AlarmSignal::active)
        .as("active twice (each active observation counts), then the clear once").containsExactly(true, true, false);
  }

  @Test
  void accept_deviceWithoutAlarmTable_reportsNothing() {
    watcher.accept(Reading.builder("other", T, T).put("shutdown_low_oil_pressure", true).build());
    assertThat(signals).isEmpty();
  }

  @Test
  void accept_commLost_marksDeviceLostAndReportsNothing() {
    watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", Value.COMM_LOST).build());
    assertThat(signals).isEmpty();
    assertThat(lost).containsExactly("gen-1");
  }

  @Test
  void accept_deviceCountDiffersFromBits_countsMismatch() {
    watcher.accept(Reading.builder("gen-1", T, T).put("shutdown_low_oil_pressure", true)
        .put("warning_low_fuel_level", false).put("alarm_count", 1.0).build());
    assertThat(watcher.mismatches("gen-1")).isZero();

    watcher.accept(Reading.builder("gen-1", T, T).put("alarm_count", 2.0).build()); // bits not read this poll
    assertThat(watcher.mismatches("gen-1")).isZero();

    watcher.accept(Reading.builder("gen-1", T, T).put("warning_low_fuel_level", false).put("alarm_count", 3.0).build());

    assertThat(watcher.mismatches("gen-1")).isEqualTo(1);
  }

  @Test
  void accept_payloadAlarmsObject_shortAndLongFormBecomeSignals() {
    // {"alarms":{"door_open":true,"low_fuel":{"active":false,"severity":"critical","name":"Fuel low"}}} flattened
    watcher.accept(Reading.builder("dl-7", T, T).put("alarms_door_open", true).put("alarms_low_fuel_active", false)
        .put("alarms_low_fuel_severity", "critical").put("alarms_low_fuel_name", "Fuel low").put("temp", 21.0).build());

    assertThat(signals).hasSize(2);
    assertThat(signals.get(0)).satisfies(s -> {
      assertThat(s.alarmId()).isEqualTo("door_open");
      assertThat(s.name()).isEqualTo("Door open");
      assertThat(s.severity()).isEqualTo(Severity.WARNING);
      assertThat(s.active()).isTrue();
    });
    assertThat(signals.get(1)).satisfies(s -> {
      assertThat(s.alarmId()).isEqualTo("low_fuel");
      assertThat(s.name()).isEqualTo("Fuel low");
      assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(s.active()).isFalse();
    });
  }
}
