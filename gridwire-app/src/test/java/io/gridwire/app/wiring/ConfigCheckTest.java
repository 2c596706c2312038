package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.app.Main;
import io.gridwire.app.config.ConfigException;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridwire config check} and start refuse what the running gateway would, every error with its key path. */
class ConfigCheckTest {
  @TempDir Path dir;

  @Test
  void check_unitId300_reportedWithKeyPathAndExitTwo() throws Exception {
    String out = run("config", "check", "--config", file(BadModbusDevices.CASES.get(0).yamlElement("gen-1")).toString());
    assertThat(out).startsWith("2:").contains("modbus.devices[0].unit_id out of range 0..247: 300");
    assertNoStackTrace(out);
  }

  @Test
  void check_unknownProfile_reportedWithKeyPathAndNoStackTrace() throws Exception {
    String out = run("config", "check", "--config", file(BadModbusDevices.CASES.get(1).yamlElement("gen-1")).toString());
    assertThat(out).startsWith("2:").contains("modbus.devices[0].profile unknown: 'no-such-profile'");
    assertNoStackTrace(out);
    assertThat(out.lines().count()).isLessThan(4);
  }

  @Test
  void check_sweepOfBadDevices_everyErrorOfEveryDeviceReported() throws Exception {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < BadModbusDevices.CASES.size(); i++) yaml.append(BadModbusDevices.CASES.get(i).yamlElement("gen-" + i));
    List<String> problems = ConfigCheck.problems(load(file(yaml.toString())));
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < BadModbusDevices.CASES.size(); i++) {
      for (String e : BadModbusDevices.CASES.get(i).errors()) expected.add("modbus.devices[" + i + "]." + e);
    }
    assertThat(problems).containsExactlyElementsOf(expected);
  }

  @Test
  void check_duplicateIdAndBadDeviceId_reported() throws Exception {
    String yaml = BadModbusDevices.CASES.get(0).yamlElement("gen-1").replace("300", "1")
        + new BadModbusDevices.Case(Map.of("port", "1503"), List.of()).yamlElement("gen-1")
        + new BadModbusDevices.Case(Map.of("port", "1504"), List.of()).yamlElement("gen 3");
    assertThat(ConfigCheck.problems(load(file(yaml)))).containsExactly(
        "modbus.devices[1].id 'gen-1' is taken already by modbus.devices[0]",
        "modbus.devices[2].id refused: the id contains U+0020 at position 3 (allowed: letters, digits, . _ : -)");
  }

  @Test
  void check_badProfilesFolder_reportedNotThrown() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "name: broken\nblocks: []\n");
    String yaml = "modbus:\n  profiles_dir: " + dir + "\n  devices: []\n";
    Path f = dir.resolve("c.yml");
    Files.writeString(f, yaml);
    assertThat(ConfigCheck.problems(new ConfigLoader().load(f, Map.of())))
        .containsExactly("modbus.profiles_dir " + dir.resolve("bad.yaml") + ": 'blocks' must be a non-empty list");
  }

  @Test
  void check_facadeWhitelistBadTable_reportedWithKeyPathAndNoStackTrace() throws Exception {
    Path f = file(new BadModbusDevices.Case(Map.of(), List.of()).yamlElement("gen-1")
        + "  server:\n    enabled: true\n    host: 127.0.0.1\n    port: 5020\n    devices:\n      - device: gen-1\n"
        + "        unit_id: 1\n        writable:\n          - {table: input, address: 3}\n");
    String out = run("config", "check", "--config", f.toString());
    assertThat(out).startsWith("2:").contains("modbus.server.devices[0].writable[0].table must be holding or coil, was 'input'");
    assertNoStackTrace(out);
  }

  @Test
  void check_facadeUnitIdTakenTwice_reported() throws Exception {
    Path f = file(new BadModbusDevices.Case(Map.of(), List.of()).yamlElement("gen-1")
        + "  server:\n    enabled: true\n    host: 127.0.0.1\n    port: 5020\n    devices:\n"
        + "      - {device: gen-1, unit_id: 1, writable: [{table: coil, address: 0}]}\n      - {device: gen-2, unit_id: 1}\n");
    assertThat(ConfigCheck.problems(load(f))).containsExactly("modbus.server.devices[gen-2].unit_id 1 is taken by another device");
  }

  @Test
  void check_validDevice_passes() throws Exception {
    String out = run("config", "check", "--config", file(new BadModbusDevices.Case(Map.of(), List.of()).yamlElement("gen-1")).toString());
    assertThat(out).startsWith("0:").contains("configuration is valid");
  }

  @Test
  void start_unknownProfile_refusedBeforeAnythingOpensWithTheSameMessage() throws Exception {
    GridwireConfig c = load(file(BadModbusDevices.CASES.get(1).yamlElement("gen-1")));
    assertThatThrownBy(() -> Gateway.start(c, Clock.systemUTC())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("modbus.devices[0].profile unknown: 'no-such-profile'");
    assertThat(dir.resolve("gridwire.db")).doesNotExist();
  }

  private Path file(String devices) throws Exception {
    Path f = dir.resolve("g.yaml");
    Files.writeString(f, "node:\n  data_dir: " + dir + "\nhttp:\n  port: 0\nauth:\n  bcrypt_cost: 4\nmodbus:\n  devices:\n" + devices);
    return f;
  }

  private static GridwireConfig load(Path f) {
    return new ConfigLoader().load(f, Map.of());
  }

  private static void assertNoStackTrace(String out) {
    assertThat(out).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private static String run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true);
    try {
      System.setOut(capture);
      System.setErr(capture);
      return Main.execute(args) + ":" + buf;
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
