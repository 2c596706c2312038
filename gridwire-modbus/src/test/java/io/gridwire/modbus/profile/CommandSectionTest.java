package io.gridwire.modbus.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandSectionTest {
  private static final String BASE = """
      name: gen
      blocks:
        - name: status
          start: 0
          count: 2
          fields:
            - {name: status_word, offset: 0, type: bits, flags: {1: alarm_shutdown}}
            - {name: state, offset: 1, type: enum, enum: {0: standby, 9: running}}
      """;

  private static Profile parse(String commands) {
    return new ProfileParser().parse("gen.yaml", new ByteArrayInputStream((BASE + commands).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parse_commands_pulseConfirmAndConditions() {
    Profile p = parse("""
        commands:
          pulse: {off_ms: 50, on_ms: 300}
          confirm_timeout_s: 12
          list:
            - {name: start, coils: [0], applied_when: {state: [running]}, refuse_when: {alarm_shutdown: ["true"]}, forceable: true}
            - {name: mute, coils: [12]}
        """);
    DeviceCommands c = p.commands();
    assertThat(c.pulseOff()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.pulseOn()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.confirmTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(c.names()).containsExactly("start", "mute");
    CommandDef start = c.find("start").orElseThrow();
    assertThat(start.appliedWhen()).containsEntry("state", Set.of("running"));
    assertThat(start.refuseWhen()).containsEntry("alarm_shutdown", Set.of("true"));
    assertThat(start.forceable()).isTrue();
    assertThat(c.find("mute").orElseThrow().interlocked()).isFalse();
  }

  @Test
  void parse_noSection_noCommands() {
    assertThat(parse("").commands().list()).isEmpty();
  }

  @Test
  void parse_unknownMetric_failsNamingCommand() {
    assertThatThrownBy(() -> parse("""
        commands:
          list:
            - {name: start, coils: [0], applied_when: {rpm: [1500]}}
        """)).isInstanceOf(ProfileException.class).hasMessageContaining("gen.yaml").hasMessageContaining("command start")
        .hasMessageContaining("unknown metric 'rpm'");
  }

  @Test
  void parse_pulseTooLong_fails() {
    assertThatThrownBy(() -> parse("""
        commands:
          pulse: {on_ms: 60000}
          list:
            - {name: start, coils: [0]}
        """)).hasMessageContaining("commands.pulse.on_ms must be 10..10000");
  }

  @Test
  void parse_noCoils_fails() {
    assertThatThrownBy(() -> parse("""
        commands:
          list:
            - {name: stop}
        """)).hasMessageContaining("command stop needs 'coils'");
  }

  @Test
  void builtIns_bothSmartgens_haveTheirCommandLists() {
    ProfileLibrary lib = ProfileLibrary.builtIns();
    assertThat(lib.get("smartgen-hgm9520n").commands().names())
        .containsExactly("start", "stop", "auto", "manual", "breaker_close", "breaker_open", "mute", "alarm_reset");
    assertThat(lib.get("smartgen-hgm9560").commands().names())
        .containsExactly("start", "stop", "auto", "manual", "breaker_close", "breaker_open", "mute");
    assertThat(lib.get("smartgen-hgm9520n").commands().find("alarm_reset").orElseThrow().coils()).containsExactly(12, 17);
  }
}
