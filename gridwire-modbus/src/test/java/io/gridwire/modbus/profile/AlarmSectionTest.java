package io.gridwire.modbus.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.alarm.AlarmDefinition;
import io.gridwire.core.alarm.Severity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlarmSectionTest {
  private static Profile parse(String yaml) {
    return new ProfileParser().parse("gen.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String BLOCKS = """
      name: gen
      blocks:
        - name: engine
          start: 10
          count: 3
          fields:
            - {name: oil_pressure, offset: 0, type: u16, unit: kPa}
            - {name: alarm_count, offset: 1, type: u16}
            - name: shutdown_word0
              type: bits
              offset: 2
              flags: {0: shutdown_e_stop, 13: shutdown_low_oil_pressure}
      """;

  @Test
  void parse_alarmGroup_everyFlagIsAnAlarmWithReadableNameAndValues() {
    Profile p = parse(BLOCKS + """
        alarm_count: alarm_count
        alarm_bits:
          low_oil_pressure: {name: Low oil pressure, values: [oil_pressure]}
        alarms:
          - {class: shutdown, fields: [shutdown_word0]}
        """);

    assertThat(p.alarms().countMetric()).isEqualTo("alarm_count");
    assertThat(p.alarms().byMetric()).containsOnlyKeys("shutdown_e_stop", "shutdown_low_oil_pressure");
    AlarmDefinition oil = p.alarms().byMetric().get("shutdown_low_oil_pressure");
    assertThat(oil.name()).isEqualTo("Low oil pressure");
    assertThat(oil.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(oil.alarmClass()).isEqualTo("shutdown");
    assertThat(oil.values()).containsExactly("oil_pressure");
    assertThat(p.alarms().byMetric().get("shutdown_e_stop").name()).isEqualTo("E stop");
  }

  @Test
  void parse_alarmNamesMissingField_failsNamingFileAndField() {
    assertThatThrownBy(() -> parse(BLOCKS + """
        alarms:
          - {class: shutdown, fields: [shutdown_word0, shutdown_word9]}
        """)).isInstanceOf(ProfileException.class)
        .hasMessage("gen.yaml: alarm group 'shutdown': field 'shutdown_word9' does not exist in any block");
  }

  @Test
  void parse_alarmValueNamesMissingMetric_failsNamingFileAndMetric() {
    assertThatThrownBy(() -> parse(BLOCKS + """
        alarms:
          - {class: warning, fields: [shutdown_word0], values: [coolant_temp]}
        """)).isInstanceOf(ProfileException.class)
        .hasMessage("gen.yaml: alarm group 'warning': 'values' names metric 'coolant_temp' which no field defines");
  }

  @Test
  void parse_severity_defaultsFromClassAndExplicitWins() {
    Profile p = parse(BLOCKS + """
        alarms:
          - {class: block, fields: [shutdown_e_stop]}
          - {class: custom, severity: warning, fields: [shutdown_low_oil_pressure]}
        """);
    assertThat(p.alarms().byMetric().get("shutdown_e_stop").severity()).isEqualTo(Severity.INFO);
    assertThat(p.alarms().byMetric().get("shutdown_low_oil_pressure").severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void builtIns_smartgenGroups_areAlarmsWithOperatorSeverities() {
    ProfileLibrary lib = ProfileLibrary.builtIns();
    var hgm9520n = lib.get("smartgen-hgm9520n").alarms();
    assertThat(hgm9520n.byMetric()).hasSize(7 * 83);
    assertThat(hgm9520n.byMetric().get("shutdown_low_oil_pressure").name()).isEqualTo("Low oil pressure");
    assertThat(hgm9520n.byMetric().get("shutdown_low_oil_pressure").values()).containsExactly("oil_pressure");
    assertThat(hgm9520n.byMetric().get("trip_stop_e_stop").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(hgm9520n.byMetric().get("warning_low_fuel_level").severity()).isEqualTo(Severity.WARNING);
    assertThat(hgm9520n.byMetric().get("block_gas_leak").severity()).isEqualTo(Severity.INFO);
    assertThat(hgm9520n.countMetric()).isEqualTo("alarm_count");
    var hgm9560 = lib.get("smartgen-hgm9560").alarms();
    assertThat(hgm9560.byMetric().get("mains_trip_power_limit").name()).isEqualTo("Mains power-limit trip");
    assertThat(hgm9560.byMetric().get("indication_maintenance_due").severity()).isEqualTo(Severity.INFO);
    assertThat(hgm9560.byMetric().get("warning_mains_power_limit_active").severity()).isEqualTo(Severity.WARNING);
    assertThat(hgm9560.byMetric().keySet()).noneMatch(m -> m.startsWith("mode_") || m.startsWith("alarm_"));
  }
}
