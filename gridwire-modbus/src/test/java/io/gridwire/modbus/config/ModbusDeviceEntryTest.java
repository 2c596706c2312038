package io.gridwire.modbus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.modbus.client.SerialSettings;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.server.ModbusServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModbusDeviceEntryTest {
  private static ModbusDeviceEntry tcp(String id, String profile, String host, Integer port, Integer unitId) {
    return new ModbusDeviceEntry(id, null, null, null, profile, null, host, port, unitId, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  @Test
  void toDevice_unsetKeys_takeTheDocumentedDefaults() {
    ModbusDeviceConfig d = tcp("gen-1", "smartgen-hgm9520n", "10.0.0.5", null, null).toDevice();
    assertThat(d.transport()).isEqualTo(TransportKind.TCP);
    assertThat(d.port()).isEqualTo(502);
    assertThat(d.unitId()).isZero();
    assertThat(d.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.retryDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.name()).isEqualTo("gen-1");
    assertThat(d.serial()).isNull();
  }

  @Test
  void problems_everyInvalidKey_listedOnce_withTheKeyRelativeToTheDevice() {
    ModbusDeviceEntry bad = new ModbusDeviceEntry("gen 1", null, null, null, "nope", null, null, 70000, 300,
        Duration.ZERO, null, null, null, null, Duration.ofMillis(-1), "reactor", null,
        null, null, null);
    List<String> problems = bad.problems(ProfileLibrary.builtIns());
    assertThat(problems).anyMatch(p -> p.startsWith("id refused: "));
    assertThat(problems).anyMatch(p -> p.startsWith("profile unknown: 'nope' (known: "));
    assertThat(problems).contains("client was removed: Gridwire polls Modbus TCP with its own client only; delete the key"
        + " (set to 'reactor')", "host is required", "port out of range 1..65535: 70000", "unit_id out of range 0..247: 300",
        "interval must be positive: PT0S", "block_gap must not be negative: PT-0.001S");
    assertThat(problems).doesNotHaveDuplicates();
    ModbusDeviceEntry backOff = new ModbusDeviceEntry("gen-1", null, null, null, "smartgen-hgm9520n", null, "h", null, null,
        null, null, Duration.ofSeconds(30), Duration.ofSeconds(10), null, null, null, null, null, null, null);
    assertThat(backOff.problems(null)).as("a rule between two keys, reported once").hasSize(1)
        .allMatch(p -> p.startsWith("max_retry_delay must not be below retry_delay"));
  }

  @Test
  void problems_validDevice_none() {
    assertThat(tcp("gen-1", "smartgen-hgm9520n", "10.0.0.5", 5020, 1).problems(ProfileLibrary.builtIns())).isEmpty();
  }

  @Test
  void serial_valuesNamedAsTheFileSpellsThem() {
    ModbusDeviceEntry m = new ModbusDeviceEntry("m", null, null, null, "smartgen-hgm9520n", "rtu-serial", null, null, 1,
        null, null, null, null, null, null, null, "/dev/ttyUSB0", 100, "mark", 3);
    assertThat(m.problems(null)).containsExactlyInAnyOrder("baud out of range 1200..921600: 100", "parity must be none, even or odd: mark",
        "stop_bits must be 1 or 2: 3");
    ModbusDeviceEntry noPort = new ModbusDeviceEntry("m", null, null, null, "smartgen-hgm9520n", "rtu-serial", null, null, 1,
        null, null, null, null, null, null, null, null, 19200, null, null);
    assertThatThrownBy(noPort::toDevice).hasMessage("modbus.devices[m].serial_port is required with baud, parity or stop_bits");
    ModbusDeviceEntry ok = new ModbusDeviceEntry("m", null, null, null, "smartgen-hgm9520n", "rtu-serial", null, null, 1,
        null, null, null, null, null, null, null, "/dev/ttyUSB0", 19200, "even", null);
    assertThat(ok.toDevice().serial()).isEqualTo(new SerialSettings("/dev/ttyUSB0", 19200, SerialSettings.Parity.EVEN, 1));
  }

  @Test
  void section_settings_rulesBetweenDevices_useTheirIndex() {
    ModbusSection s = new ModbusSection(null, Duration.ofSeconds(3), List.of(tcp("a", "smartgen-hgm9520n", "h", null, 1),
        tcp("a", "smartgen-hgm9520n", "h", null, 2)), null);
    assertThatThrownBy(s::settings).hasMessage("modbus.devices[1].id duplicates 'a'");
    assertThat(ModbusSection.defaults().settings().devices()).isEmpty();
    assertThat(ModbusSection.defaults().profileFolder()).isNull();
  }

  @Test
  void server_writableRanges_checkedWhenEnabled_withTheirKeyPaths() {
    var range = new ModbusWritableRange("input", 0, 1);
    assertThatThrownBy(() -> new ModbusServerSection(true, "127.0.0.1", 5020, 16, 200, Duration.ofSeconds(60),
        List.of(new ModbusServedDevice("gen-1", 1, null, List.of(range))), false, Duration.ofSeconds(5), 4))
        .hasMessage("modbus.server.devices[0].writable[0].table must be holding or coil, was 'input'");
    var ok = new ModbusServerSection(true, "127.0.0.1", 5020, 16, 200, Duration.ofSeconds(60),
        List.of(new ModbusServedDevice("gen-1", 1, null, List.of(new ModbusWritableRange("coil", 10, null)))), false,
        Duration.ofSeconds(5), 4).settings();
    assertThat(ok.devices().get(0).writable(ModbusServerConfig.Table.COIL, 10, 1)).isTrue();
    assertThat(ok.devices().get(0).writable(ModbusServerConfig.Table.COIL, 11, 1)).isFalse();
  }
}
