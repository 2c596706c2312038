package io.gridwire.modbus.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.reading.EntityHint;
import io.gridwire.core.reading.MetricInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileParserTest {
  private static Profile parse(String yaml) {
    return new ProfileParser().parse("my.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String OK = """
      name: meter
      kind: meter
      blocks:
        - name: main
          function: 4
          start: 10
          count: 4
          fields:
            - {name: volts, offset: 0, type: u16, scale: 0.1, unit: V}
            - {name: energy, offset: 2, type: u32, word_order: high_first}
      """;

  @Test
  void parse_validProfile_buildsBlocksAndFields() {
    Profile p = parse(OK);
    assertThat(p.name()).isEqualTo("meter");
    assertThat(p.blocks()).singleElement().satisfies(b -> {
      assertThat(b.function()).isEqualTo(4);
      assertThat(b.fields()).hasSize(2);
    });
    assertThat(p.metricInfos()).extracting(m -> m.name()).containsExactly("volts", "energy");
    assertThat(p.metricInfos().get(0).stateClass()).isEqualTo("measurement");
  }

  @Test
  void parse_sectionAndPrimary_reachTheMetricInfo_fieldSectionOverridesBlock() {
    Profile p = parse("""
        name: x
        blocks:
          - name: engine
            section: engine
            start: 0
            count: 3
            fields:
              - {name: volts, offset: 0, type: u16, primary: true}
              - {name: state, offset: 1, type: bits, section: status, flags: {0: running}}
              - {name: hours, offset: 2, type: u16}
        """);
    assertThat(p.metricInfos()).extracting(m -> m.name() + ":" + m.section() + ":" + m.primary())
        .containsExactly("volts:engine:true", "running:status:false", "hours:engine:false");
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - {name: b, start: 0, count: 1, section: "Engine Room", fields: [{name: v, offset: 0, type: u16}]}
        """)).hasMessageContaining("section must be a short lower-case name");
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - {name: b, start: 0, count: 1, fields: [{name: v, offset: 0, type: u16, primary: "yes"}]}
        """)).hasMessageContaining("primary must be true or false");
  }

  @Test
  void parse_builtInProfiles_markTheirKeyValuesPrimary() {
    ProfileLibrary lib = ProfileLibrary.builtIns();
    assertThat(lib.get("smartgen-hgm9520n").metricInfos()).filteredOn(m -> m.primary()).extracting(m -> m.name())
        .containsExactlyInAnyOrder("gen_status_name", "power_total", "load_pct", "fuel_level", "run_hours");
    assertThat(lib.get("smartgen-hgm9560").metricInfos()).allSatisfy(m -> assertThat(m.section()).isNotNull());
  }

  @Test
  void parse_haKeyAndEnum_primaryOrDiagnosticAndEnumOptionsByCode() {
    Profile p = parse("""
        name: x
        manufacturer: ACME
        model: M-100
        blocks:
          - name: engine
            start: 0
            count: 4
            fields:
              - {name: volts, offset: 0, type: u16, unit: V, device_class: voltage, ha: primary}
              - {name: state, offset: 1, type: enum, enum: {2: fault, 0: stopped, 1: running}}
              - {name: amps, offset: 2, type: u16, primary: true}
              - {name: hours, offset: 3, type: u16, primary: true, ha: diagnostic}
        """);
    assertThat(p.manufacturer()).isEqualTo("ACME");
    assertThat(p.model()).isEqualTo("M-100");
    MetricInfo volts = p.metricInfos().get(0);
    MetricInfo state = p.metricInfos().get(1);
    assertThat(volts.hint().visibility()).isEqualTo(EntityHint.Visibility.PRIMARY);
    assertThat(state.hint().visibility()).isEqualTo(EntityHint.Visibility.DIAGNOSTIC);
    assertThat(state.deviceClass()).isEqualTo("enum");
    assertThat(state.hint().options().values()).containsExactly("stopped", "running", "fault");
    assertThat(p.metricInfos().get(2).hint().visibility()).as("a key value").isEqualTo(EntityHint.Visibility.PRIMARY);
    assertThat(p.metricInfos().get(3).hint().visibility()).as("ha overrides").isEqualTo(EntityHint.Visibility.DIAGNOSTIC);
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - {name: a, start: 0, count: 1, fields: [{name: v, offset: 0, type: u16, ha: always}]}
        """)).isInstanceOf(ProfileException.class).hasMessageContaining("'always' is not primary or diagnostic");
  }

  @Test
  void parse_deadband_reachesTheMetricInfo_andIsRejectedOnFlags() {
    Profile p = parse("""
        name: x
        blocks:
          - name: engine
            start: 0
            count: 2
            fields:
              - {name: volts, offset: 0, type: u16, deadband: "0.5"}
              - {name: load, offset: 1, type: u16, deadband: 2%}
        """);
    assertThat(p.metricInfos()).extracting(m -> m.deadband())
        .containsExactly(new io.gridwire.core.reading.Deadband(0.5, 0), new io.gridwire.core.reading.Deadband(0, 0.02));
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - name: engine
            start: 0
            count: 1
            fields:
              - {name: alarms, offset: 0, type: bits, flags: {0: a}, deadband: 1}
        """)).hasMessageContaining("deadband applies to numeric types only");
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - name: engine
            start: 0
            count: 1
            fields:
              - {name: volts, offset: 0, type: u16, deadband: lots}
        """)).hasMessageContaining("volts").hasMessageContaining("not a number");
  }

  @Test
  void parse_overlappingBlocks_namesBoth() {
    String clean = """
        name: x
        blocks:
          - {name: a, function: 3, start: 0, count: 10, fields: []}
          - {name: b, function: 3, start: 9, count: 2, fields: []}
        """;
    assertThatThrownBy(() -> parse(clean)).isInstanceOf(ProfileException.class)
        .hasMessage("my.yaml: block 'b' (9..10) overlaps block 'a' (0..9)");
  }

  @Test
  void parse_sameRangeOtherFunction_isNoOverlap() {
    parse("""
        name: x
        blocks:
          - {name: a, function: 3, start: 0, count: 10, fields: []}
          - {name: b, function: 4, start: 0, count: 10, fields: []}
        """);
  }

  @Test
  void parse_countOver125_rejected() {
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - {name: big, start: 0, count: 126, fields: []}
        """)).hasMessage("my.yaml: block 'big' count must be 1..125, got 126");
  }

  @Test
  void parse_unknownType_namesBlockAndField() {
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - name: engine
            start: 0
            count: 2
            fields:
              - {name: rpm, offset: 0, type: float32}
        """)).hasMessageStartingWith("my.yaml: block 'engine' field 'rpm' unknown type 'float32'");
  }

  @Test
  void parse_fieldOutsideBlock_rejected() {
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - name: engine
            start: 212
            count: 30
            fields:
              - {name: energy, offset: 29, type: u32}
        """)).hasMessage("my.yaml: block 'engine' field 'energy' offset 29 + 2 word(s) is outside the block (count 30)");
  }

  @Test
  void parse_typoInKey_rejected() {
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - name: a
            start: 0
            count: 1
            fields:
              - {name: v, offset: 0, type: u16, scael: 0.1}
        """)).hasMessageContaining("field 'v' unknown key 'scael'");
  }

  @Test
  void parse_duplicateMetric_rejected() {
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - name: a
            start: 0
            count: 2
            fields:
              - {name: v, offset: 0, type: u16}
              - {name: v, offset: 1, type: u16}
        """)).hasMessageContaining("metric 'v' defined twice");
  }

  @Test
  void parse_notYaml_namesFile() {
    assertThatThrownBy(() -> parse("name: [unclosed")).hasMessageStartingWith("my.yaml: not valid YAML");
  }

  @Test
  void parse_enumWithoutTable_rejected() {
    assertThatThrownBy(() -> parse("""
        name: x
        blocks:
          - name: a
            start: 0
            count: 1
            fields:
              - {name: state, offset: 0, type: enum}
        """)).hasMessageContaining("field 'state' 'enum' must be a non-empty mapping");
  }

  @Test
  void library_userFolder_addsAndOverridesProfiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("meter.yaml"), OK);
    ProfileLibrary lib = ProfileLibrary.load(dir);
    assertThat(lib.names()).contains("meter", "smartgen-hgm9520n", "smartgen-hgm9560");
    assertThat(lib.get("meter").origin()).endsWith("meter.yaml");
  }

  @Test
  void library_badUserFile_namesTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.yml"), "name: x\nblocks: []\n");
    assertThatThrownBy(() -> ProfileLibrary.load(dir)).hasMessageContaining("bad.yml").hasMessageContaining("'blocks' must be a non-empty list");
  }

  @Test
  void builtIns_haveEverySeedBlock() {
    ProfileLibrary lib = ProfileLibrary.builtIns();
    assertThat(lib.get("smartgen-hgm9520n").blocks()).extracting(b -> b.name() + "@" + b.start() + "/" + b.count())
        .contains("status@0/1", "breaker@114/1", "mains_voltage@120/16", "gen_voltage@140/19", "gen_current@166/8",
            "power@174/28", "engine@212/30", "accumulated@260/16", "alarms@511/1");
    assertThat(lib.get("smartgen-hgm9560").blocks()).extracting(b -> b.name() + "@" + b.start() + "/" + b.count())
        .contains("status@0/3", "genset_status@40/3", "mains_voltage@55/10", "busbar_voltage@75/10", "mains_current@95/3",
            "mains_power@109/10", "busbar_misc@134/12", "busbar_power@182/17", "accumulated@203/9");
    assertThat(lib.get("smartgen-hgm9520n").kind()).isEqualTo("generator");
    assertThat(lib.get("smartgen-hgm9560").kind()).isEqualTo("switchgear");
  }
}
