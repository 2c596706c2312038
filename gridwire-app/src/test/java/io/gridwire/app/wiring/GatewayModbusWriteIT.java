package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import io.gridwire.core.user.Role;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.testkit.FreePorts;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Modbus write through the ledger, in the whole gateway: the REST write and a write through
 * the server façade both become {@code modbus_write} commands with the read-back as evidence.
 */
class GatewayModbusWriteIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void restAndFacadeWrites_recordedInTheLedgerWithReadBack_operatorWritesViewerRefused() throws Exception {
    try (ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP,
        "127.0.0.1", 0, 1, Duration.ofMillis(100)))) {
      int facade = FreePorts.next();
      Files.writeString(dir.resolve("gridwire.yaml"), """
          modbus:
            devices:
              - {id: gen-1, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, unit_id: 1, interval: 200ms}
            server:
              enabled: true
              host: 127.0.0.1
              port: %d
              devices:
                - device: gen-1
                  unit_id: 7
                  writable:
                    - {table: holding, address: 4352, count: 2}
                    - {table: coil, address: 0}
          """.formatted(sim.port(), facade));
      GridwireConfig cfg = new ConfigLoader().load(dir.resolve("gridwire.yaml"), Map.of(
          "GRIDWIRE_NODE_DATA_DIR", dir.toString(), "GRIDWIRE_HTTP_HOST", "127.0.0.1", "GRIDWIRE_HTTP_PORT", "0",
          "GRIDWIRE_AUTH_BCRYPT_COST", "4"));
      assertThat(ConfigCheck.problems(cfg)).isEmpty();
      try (Gateway g = Gateway.start(cfg, Clock.systemUTC())) {
        g.ensureFirstAdmin("ops@example.com", "correct-horse-battery");
        g.setPassword("view@example.com", "correct-horse-battery", Role.VIEWER);
        g.setPassword("op@example.com", "correct-horse-battery", Role.OPERATOR);
        RestClient admin = new RestClient(g, "ops@example.com", "correct-horse-battery");
        RestClient operator = new RestClient(g, "op@example.com", "correct-horse-battery");
        RestClient viewer = new RestClient(g, "view@example.com", "correct-horse-battery");
        await().atMost(Duration.ofSeconds(10)).until(() -> g.registry().get("gen-1").map(d -> d.online()).orElse(false));
        assertThat(g.listeners()).contains("modbus-server 127.0.0.1:" + facade
            + " (no auth: Modbus TCP; writes to 2 whitelisted range(s) through the command ledger)");

        String body = "{\"function\":\"registers\",\"address\":4352,\"values\":[500,501]}";
        assertThat(viewer.send("POST", "/api/devices/gen-1/modbus/write", body).status()).isEqualTo(403);
        RestClient.Answer written = operator.send("POST", "/api/devices/gen-1/modbus/write", body);
        assertThat(written.status()).as(written.body()).isEqualTo(200);
        JsonNode c = JSON.readTree(written.body());
        assertThat(c.get("state").asText()).isEqualTo("applied");
        assertThat(c.get("kind").asText()).isEqualTo("modbus_write");
        assertThat(c.get("requested_by").asText()).as("operators write, like every command").isEqualTo("op@example.com");
        assertThat(c.get("steps").get(3).get("evidence").asText()).isEqualTo("FC03 4352..4353 read back [500, 501]");
        assertThat(sim.bank().register(4353)).isEqualTo(501);
        RestClient.Answer queued = admin.send("POST", "/api/devices/gen-1/modbus/write?wait_s=0",
            "{\"function\":\"coil\",\"address\":0,\"value\":true}");
        assertThat(queued.status()).as("not waited for: on its way").isEqualTo(202);
        long queuedId = JSON.readTree(queued.body()).get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/commands/" + queuedId).get("state").asText()
            .equals("applied"));
        assertThat(admin.send("POST", "/api/devices/gen-1/modbus/write?wait_s=99", body).status()).isEqualTo(400);

        // FC06 4352 := 0x0102 through the façade, unit 7
        byte[] answer = facadeRequest(facade, new byte[] {0, 1, 0, 0, 0, 6, 7, 6, 0x11, 0x00, 0x01, 0x02});
        assertThat(answer).containsExactly(0, 1, 0, 0, 0, 6, 7, 6, 0x11, 0x00, 0x01, 0x02);
        assertThat(sim.bank().register(4352)).isEqualTo(0x0102);
        // FC06 4360: outside the whitelist
        assertThat(facadeRequest(facade, new byte[] {0, 2, 0, 0, 0, 6, 7, 6, 0x11, 0x08, 0, 1}))
            .containsExactly(0, 2, 0, 0, 0, 3, 7, 0x86, 2);

        JsonNode listed = admin.get("/api/commands?device_id=gen-1").get("commands");
        assertThat(listed).hasSize(3);
        JsonNode viaFacade = listed.get(0);
        assertThat(viaFacade.get("requested_by").asText()).startsWith("modbus-server 127.0.0.1:");
        assertThat(viaFacade.get("target").asText()).isEqualTo("register/4352");
        assertThat(viaFacade.get("state").asText()).isEqualTo("applied");
        assertThat(viaFacade.get("steps").get(3).get("evidence").asText()).isEqualTo("FC03 4352..4352 read back [258]");
      }
    }
  }

  private static byte[] facadeRequest(int port, byte[] adu) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(adu);
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(6);
      int len = ((head[4] & 0xFF) << 8) | (head[5] & 0xFF);
      byte[] rest = in.readNBytes(len);
      byte[] all = new byte[6 + len];
      System.arraycopy(head, 0, all, 0, 6);
      System.arraycopy(rest, 0, all, 6, len);
      return all;
    }
  }

}
