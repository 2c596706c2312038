package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.modbus.poll.ModbusDeviceConfig;
import io.gridwire.modbus.poll.TcpClientKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** modbus.devices[].client from YAML to the poller's device config. */
class ConfigMappingModbusTest {
  private final ConfigLoader loader = new ConfigLoader();
  @TempDir Path dir;

  private GridwireConfig load(String devices) throws Exception {
    Path f = dir.resolve("gridwire.yaml");
    Files.writeString(f, "modbus:\n  devices:\n" + devices);
    return loader.load(f, Map.of());
  }

  @Test
  void modbus_clientKey_selectsTheTcpClientPerDevice() throws Exception {
    GridwireConfig c = load("""
            - {id: a, profile: smartgen-hgm9520n, host: 10.0.0.1}
            - {id: b, profile: smartgen-hgm9520n, host: 10.0.0.2, client: digitalpetri}
            - {id: c, profile: smartgen-hgm9520n, host: 10.0.0.3, client: reactor}
        """);
    assertThat(ConfigMapping.modbus(c).devices()).extracting(ModbusDeviceConfig::client)
        .containsExactly(TcpClientKind.REACTOR, TcpClientKind.DIGITALPETRI, TcpClientKind.REACTOR);
  }

  @Test
  void modbus_unknownClient_namesTheKey() {
    assertThatThrownBy(() -> load("    - {id: a, profile: smartgen-hgm9520n, host: 10.0.0.1, client: netty}\n"))
        .hasMessageContaining("modbus.devices[0].client").hasMessageContaining("reactor or digitalpetri");
  }

  @Test
  void modbus_digitalpetriForRtuOverTcp_rejectedNamingTheDevice() throws Exception {
    GridwireConfig c = load("    - {id: shpr-1, profile: smartgen-hgm9560, host: 10.0.0.1, transport: rtu-over-tcp, client: digitalpetri}\n");
    assertThatThrownBy(() -> ConfigMapping.modbus(c))
        .hasMessage("modbus.devices[shpr-1].client digitalpetri applies to transport tcp only");
  }
}
