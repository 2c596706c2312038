package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.testkit.FreePorts;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway with {@code modbus.server} on: a Modbus TCP client reads a simulated
 * HGM9520N through Gridwire as unit 3 while Gridwire polls it, and gets 0x0B once the genset is
 * gone.
 */
class GatewayModbusServerIT {
  @TempDir Path dir;

  @Test
  void modbusServer_fromYaml_servesThePolledImage_thenTargetFailedWhenTheDeviceIsGone() throws Exception {
    int facade = FreePorts.next();
    ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP, "127.0.0.1", 0, 1,
        Duration.ofMillis(200)));
    try (Gateway g = Gateway.start(config(sim.port(), facade), Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(15)).until(() -> g.registry().get("gen-1").orElseThrow().online());
      await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.equals(read(facade, 3, 273), new int[] {0x03, 2, 312 >> 8, 312 & 0xFF}));
      assertThat(read(facade, 3, 119)).containsExactly(0x83, 2); // not in the profile
      assertThat(read(facade, 9, 273)).containsExactly(0x83, 0x0A); // no device is unit 9
      sim.close();
      await().atMost(Duration.ofSeconds(15)).until(() -> Arrays.equals(read(facade, 3, 273), new int[] {0x83, 0x0B}));
      assertThat(g.registry().get("gen-1").orElseThrow().online()).isFalse();
    } finally {
      sim.close();
    }
  }

  /** One FC03 read of one register over a fresh connection; the answer PDU as unsigned bytes. */
  private static int[] read(int port, int unit, int address) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(new byte[] {0, 1, 0, 0, 0, 6, (byte) unit, 3, (byte) (address >> 8), (byte) address, 0, 1});
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] head = new byte[7];
      in.readFully(head);
      byte[] pdu = new byte[(((head[4] & 0xFF) << 8) | (head[5] & 0xFF)) - 1];
      in.readFully(pdu);
      int[] out = new int[pdu.length];
      for (int i = 0; i < pdu.length; i++) out[i] = pdu[i] & 0xFF;
      return out;
    }
  }

  private GridwireConfig config(int simPort, int facade) throws Exception {
    Files.writeString(dir.resolve("gridwire.yaml"), """
        modbus:
          devices:
            - {id: gen-1, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, unit_id: 1, interval: 200ms, timeout: 500ms}
          server:
            enabled: true
            host: 127.0.0.1
            port: %d
            devices:
              - {device: gen-1, unit_id: 3}
        """.formatted(simPort, facade));
    return new ConfigLoader().load(dir.resolve("gridwire.yaml"), Map.ofEntries(
        Map.entry("GRIDWIRE_NODE_DATA_DIR", dir.toString()),
        Map.entry("GRIDWIRE_HTTP_HOST", "127.0.0.1"),
        Map.entry("GRIDWIRE_HTTP_PORT", "0"),
        Map.entry("GRIDWIRE_AUTH_BCRYPT_COST", "4"),
        Map.entry("GRIDWIRE_MQTT_ENABLED", "false")));
  }
}
