package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.modbus.client.SerialSettings;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modbus section from YAML, through the Modbus module's records, to the poller's and the façade's settings. */
class ModbusSectionBindingTest {
  private final ConfigLoader loader = new ConfigLoader();
  @TempDir Path dir;

  private GridwireConfig load(String devices) throws Exception {
    Path f = dir.resolve("gridwire.yaml");
    Files.writeString(f, "modbus:\n  devices:\n" + devices);
    return loader.load(f, Map.of());
  }

  @Test
  void modbus_removedClientKey_rejectedNamingTheKeyAndWhatToDo() throws Exception {
    GridwireConfig c = load("    - {id: gen-1, profile: smartgen-hgm9520n, host: 10.0.0.1, client: digitalpetri}\n");
    assertThatThrownBy(() -> c.modbus().settings()).hasMessage("modbus.devices[gen-1].client was removed: Gridwire polls"
        + " Modbus TCP with its own client only; delete the key (set to 'digitalpetri')");
  }

  @Test
  void modbus_removedClientKey_configCheckReportsItForAnyValue() throws Exception {
    assertThat(ConfigCheck.problems(load("""
            - {id: a, profile: smartgen-hgm9520n, host: 10.0.0.1}
            - {id: b, profile: smartgen-hgm9520n, host: 10.0.0.2, client: reactor}
        """))).singleElement().asString().contains("modbus.devices[1].client was removed").contains("delete the key");
  }

  @Test
  void modbus_rtuSerial_mapsPortSettingsAndTheBaudRatesGap() throws Exception {
    GridwireConfig c = load("""
            - {id: meter-1, profile: smartgen-hgm9560, transport: rtu-serial, serial_port: /dev/ttyUSB0, baud: 19200, parity: even, unit_id: 2}
            - {id: meter-2, profile: smartgen-hgm9560, transport: rtu-serial, serial_port: /dev/ttyUSB0, baud: 19200, parity: even, unit_id: 3}
        """);
    ModbusDeviceConfig d = c.modbus().settings().devices().get(0);
    assertThat(d.serial()).isEqualTo(new SerialSettings("/dev/ttyUSB0", 19200, SerialSettings.Parity.EVEN, 1));
    assertThat(d.endpoint()).isEqualTo("serial:/dev/ttyUSB0");
    // 3.5 characters of 11 bits at 19200 baud
    assertThat(d.turnaroundGap()).isEqualTo(Duration.ofNanos(3 * 572_916 + 572_916 / 2));
  }

  @Test
  void modbus_rtuSerialWithoutPort_namesTheKey() throws Exception {
    assertThat(ConfigCheck.problems(load("    - {id: m, profile: smartgen-hgm9560, transport: rtu-serial, baud: 9600}\n")))
        .singleElement().asString().contains("modbus.devices[0].serial_port");
  }

  @Test
  void modbus_twoSettingsOnOneSerialPort_rejectedNamingBothDevices() throws Exception {
    GridwireConfig c = load("""
            - {id: m1, profile: smartgen-hgm9560, transport: rtu-serial, serial_port: /dev/ttyUSB0, baud: 9600}
            - {id: m2, profile: smartgen-hgm9560, transport: rtu-serial, serial_port: /dev/ttyUSB0, baud: 19200}
        """);
    assertThatThrownBy(() -> c.modbus().settings()).hasMessageContaining("modbus.devices[1].serial_port is")
        .hasMessageContaining("but modbus.devices[0] is")
        .hasMessageContaining("/dev/ttyUSB0 9600 8N1");
  }

  @Test
  void modbus_badParity_namesTheDevicesKey() throws Exception {
    GridwireConfig c = load("    - {id: m, profile: smartgen-hgm9560, transport: rtu-serial, serial_port: /dev/ttyUSB0, parity: mark}\n");
    assertThatThrownBy(() -> c.modbus().settings()).hasMessage("modbus.devices[m].parity must be none, even or odd: mark");
  }

  @Test
  void modbusServer_unitAndPortPerDevice_mapped() throws Exception {
    Path f = dir.resolve("server.yaml");
    Files.writeString(f, """
        modbus:
          devices:
            - {id: gen-1, profile: smartgen-hgm9520n, host: 10.0.0.1}
            - {id: gen-2, profile: smartgen-hgm9520n, host: 10.0.0.2}
          server:
            enabled: true
            host: 127.0.0.1
            port: 5020
            devices:
              - {device: gen-1, unit_id: 1}
              - {device: gen-2, port: 5021}
        """);
    io.gridwire.modbus.server.ModbusServerConfig s = loader.load(f, Map.of()).modbus().server().settings();
    assertThat(s.devices()).containsExactly(new io.gridwire.modbus.server.ModbusServerConfig.Served("gen-1", 1, 0),
        new io.gridwire.modbus.server.ModbusServerConfig.Served("gen-2", 0, 5021));
    assertThat(s.maxConnections()).isEqualTo(16);
    assertThat(s.maxRequestsPerSecond()).isEqualTo(200);
  }

  @Test
  void modbusServer_enabledWithoutHost_namesTheKey() throws Exception {
    Path f = dir.resolve("server.yaml");
    Files.writeString(f, "modbus:\n  server:\n    enabled: true\n    devices:\n      - {device: gen-1, unit_id: 1}\n");
    assertThatThrownBy(() -> loader.load(f, Map.of())).hasMessageContaining("modbus.server.host");
  }

  @Test
  void modbusServer_unitAndPortBoth_rejectedNamingTheDevice() throws Exception {
    Path f = dir.resolve("server.yaml");
    Files.writeString(f, "modbus:\n  server:\n    enabled: true\n    host: 127.0.0.1\n    port: 5020\n    devices:\n"
        + "      - {device: gen-1, unit_id: 1, port: 5021}\n");
    GridwireConfig c = loader.load(f, Map.of());
    assertThatThrownBy(() -> c.modbus().server().settings()).hasMessage("modbus.server.devices[gen-1].unit_id or port: set exactly one");
  }

  @Test
  void modbusServer_writableRanges_mappedWithCountDefaultOne() throws Exception {
    Path f = dir.resolve("server.yaml");
    Files.writeString(f, """
        modbus:
          server:
            enabled: true
            host: 127.0.0.1
            port: 5020
            write_timeout: 3s
            devices:
              - device: gen-1
                unit_id: 1
                writable:
                  - {table: holding, address: 40, count: 2}
                  - {table: coil, address: 0}
        """);
    io.gridwire.modbus.server.ModbusServerConfig s = loader.load(f, Map.of()).modbus().server().settings();
    var w = s.devices().get(0).writable();
    assertThat(w).containsExactly(
        new io.gridwire.modbus.server.ModbusServerConfig.Writable(io.gridwire.modbus.server.ModbusServerConfig.Table.HOLDING, 40, 2),
        new io.gridwire.modbus.server.ModbusServerConfig.Writable(io.gridwire.modbus.server.ModbusServerConfig.Table.COIL, 0, 1));
    assertThat(s.writeTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
    assertThat(s.maxPendingWrites()).isEqualTo(4);
    assertThat(s.devices().get(0).writable(io.gridwire.modbus.server.ModbusServerConfig.Table.HOLDING, 41, 1)).isTrue();
    assertThat(s.devices().get(0).writable(io.gridwire.modbus.server.ModbusServerConfig.Table.HOLDING, 41, 2)).isFalse();
  }

  @Test
  void modbusServer_badWritable_namesTheKeyPath() throws Exception {
    Path f = dir.resolve("server.yaml");
    String head = "modbus:\n  server:\n    enabled: true\n    host: 127.0.0.1\n    port: 5020\n    devices:\n"
        + "      - device: gen-1\n        unit_id: 1\n        writable:\n          - {table: holding, address: 40}\n";
    Files.writeString(f, head + "          - {table: input, address: 3}\n");
    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .hasMessageContaining("modbus.server.devices[0].writable[1].table must be holding or coil, was 'input'");
    Files.writeString(f, head + "          - {table: coil, address: 65535, count: 2}\n");
    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .hasMessageContaining("modbus.server.devices[0].writable[1].count out of range 1..1: 2");
    Files.writeString(f, head + "          - {table: coil}\n");
    assertThatThrownBy(() -> loader.load(f, Map.of())).hasMessageContaining("modbus.server.devices[0].writable[1].address is required");
    Files.writeString(f, head.replace("        writable:", "        writable:\n          - {table: holding, address: 1}")
        .replace("port: 5020", "port: 5020\n    write_timeout: 0s"));
    assertThatThrownBy(() -> loader.load(f, Map.of())).hasMessageContaining("modbus.server.write_timeout");
  }
}
