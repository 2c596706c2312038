package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.app.config.ConfigException;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwire config check} and {@code gridwire run} refuse a configuration with the same
 * sentences, in one key path form: {@code modbus.devices[<index>].<snake_key>}, never the device id
 * nor a camelCase field in its place.
 */
class ConfigParityTest {
  @TempDir Path dir;

  @Test
  void checkAndRun_eachBadModbusDevice_sameProblemsWithIndexKeyPaths() throws Exception {
    BadModbusDevices.Case ok = new BadModbusDevices.Case(Map.of(), List.of());
    for (BadModbusDevices.Case bad : BadModbusDevices.CASES) {
      String devices = ok.yamlElement("gen-0") + bad.yamlElement("gen-1");
      List<String> expected = bad.errors().stream().map(e -> "modbus.devices[1]." + e).toList();
      assertSameRefusal(load(devices), expected);
    }
  }

  @Test
  void checkAndRun_oneSerialPortDrivenTwoWays_sameProblemWithIndexKeyPaths() throws Exception {
    String devices = serial("gen-0", 9600) + serial("gen-1", 9600) + serial("gen-2", 19200);
    assertSameRefusal(load(devices), List.of("modbus.devices[2].serial_port is /dev/ttyGW0 19200 8N1 but"
        + " modbus.devices[0] is /dev/ttyGW0 9600 8N1: one port has one setting"));
  }

  @Test
  void checkAndRun_duplicateId_sameProblemWithIndexKeyPaths() throws Exception {
    BadModbusDevices.Case ok = new BadModbusDevices.Case(Map.of(), List.of());
    assertSameRefusal(load(ok.yamlElement("gen-1") + ok.yamlElement("gen-1")),
        List.of("modbus.devices[1].id 'gen-1' is taken already by modbus.devices[0]"));
  }

  /** Check lists exactly {@code expected}; start refuses with the same lines, before opening anything. */
  private static void assertSameRefusal(GridwireConfig c, List<String> expected) {
    List<String> check = ConfigCheck.problems(c);
    assertThat(check).as("config check").containsExactlyElementsOf(expected);
    assertThatThrownBy(() -> Gateway.start(c, Clock.systemUTC()).close()).as("run")
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage().lines().skip(1).map(String::strip).toList())
            .as("run's lines").containsExactlyElementsOf(check));
  }

  private static String serial(String id, int baud) {
    return "  - {id: " + id + ", profile: smartgen-hgm9520n, transport: rtu-serial, serial_port: /dev/ttyGW0, unit_id: 1,"
        + " baud: " + baud + "}\n";
  }

  private GridwireConfig load(String devices) throws Exception {
    Path f = dir.resolve("g.yaml");
    Files.writeString(f, "node:\n  data_dir: " + dir + "\nhttp:\n  port: 0\nauth:\n  bcrypt_cost: 4\nmodbus:\n  devices:\n"
        + devices);
    return new ConfigLoader().load(f, Map.of());
  }
}
