package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.sim.ModbusSimulator;
import io.gridwire.modbus.sim.SimulatorConfig;
import io.gridwire.testkit.PrivateRedis;
import io.gridwire.web.rest.FleetListing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes and a private Redis: every node lists every node's devices with the node
 * that owns it; a crashed node's devices go offline within the node TTL, and come back when
 * another node picks them up; Redis stopped and started again loses nothing for good.
 */
class GatewayFleetDevicesIT {
  private static final Duration NODE_TTL = Duration.ofSeconds(3);
  private static final String ADMIN = "ops@example.com";
  private static final String PASSWORD = "fleet-admin-pw";
  @TempDir Path dir;

  @Test
  void fleet_nodeCrashedAndRedisRestarted_devicesListedOfflineWithinTtlAndBackWhenPickedUp() throws Exception {
    try (PrivateRedis redis = new PrivateRedis().start();
        ModbusSimulator sim = ModbusSimulator.start(new SimulatorConfig("smartgen-hgm9520n", TransportKind.TCP, "127.0.0.1", 0, 0,
            Duration.ofMillis(200)))) {
      String genA = "    - {id: gen-a, profile: smartgen-hgm9520n, host: 127.0.0.1, port: " + sim.port() + ", unit_id: 1, interval: 300ms}\n";
      GatewayProcess a = new GatewayProcess(config("node-a", redis, genA));
      try (GatewayProcess b = new GatewayProcess(config("node-b", redis, ""))) {
        RestClient apiA = new RestClient("http://127.0.0.1:" + a.httpPort(Duration.ofSeconds(90)), ADMIN, PASSWORD);
        RestClient apiB = new RestClient("http://127.0.0.1:" + b.httpPort(Duration.ofSeconds(90)), ADMIN, PASSWORD);

        // every node lists every node's devices, with the owner
        await().atMost(Duration.ofSeconds(30)).until(() -> isOnlineAt(apiB, "gen-a", "node-a"));
        JsonNode onB = apiB.device("gen-a");
        assertThat(onB.path("source").asText()).isEqualTo("modbus");
        assertThat(onB.path("name").asText()).isEqualTo("gen-a");
        assertThat(apiA.device("gen-a").path("node").asText()).isEqualTo("node-a");
        RestClient.Answer foreign = apiB.send("DELETE", "/api/devices/gen-a", null);
        assertThat(foreign.status()).isEqualTo(409);
        assertThat(foreign.body()).contains("node-a");

        // node A crashes: B lists its device offline within the node TTL (+ the listing's cache)
        long crashed = System.nanoTime();
        a.crash();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> !apiB.device("gen-a").path("online").asBoolean());
        Duration took = Duration.ofNanos(System.nanoTime() - crashed);
        System.out.println("fleet: crashed node's device listed offline after " + took.toMillis() + " ms (node_ttl "
            + NODE_TTL.toMillis() + " ms)");
        assertThat(took).isLessThanOrEqualTo(NODE_TTL.plus(FleetListing.MAX_AGE).plusSeconds(3));
        assertThat(apiB.device("gen-a").path("error").asText()).contains("node node-a is not alive");

        // node B picks it up: online again, owned by B
        RestClient.Answer picked = apiB.send("POST", "/api/devices", "{\"id\":\"gen-a\",\"profile\":\"smartgen-hgm9520n\","
            + "\"host\":\"127.0.0.1\",\"port\":" + sim.port() + ",\"unit_id\":1,\"interval\":\"300ms\"}");
        assertThat(picked.status()).as(picked.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> isOnlineAt(apiB, "gen-a", "node-b"));

        // Redis stops: B still lists its own devices, says the list is partial
        redis.kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> "false".equals(apiB.send("GET", "/api/devices", null).fleetComplete()));
        assertThat(apiB.device("gen-a").path("online").asBoolean()).isTrue();

        // Redis comes back empty; B shares its devices again, and a node started now sees them
        redis.start();
        try (GatewayProcess a2 = new GatewayProcess(config("node-a", redis, ""))) {
          RestClient apiA2 = new RestClient("http://127.0.0.1:" + a2.httpPort(Duration.ofSeconds(90)), ADMIN, PASSWORD);
          await().atMost(Duration.ofSeconds(30)).until(() -> isOnlineAt(apiA2, "gen-a", "node-b"));
        }
      } finally {
        a.crash();
      }
    }
  }

  private static boolean isOnlineAt(RestClient api, String id, String node) throws Exception {
    JsonNode d = api.device(id);
    return d != null && d.path("online").asBoolean() && node.equals(d.path("node").asText());
  }

  private Path config(String node, PrivateRedis redis, String devices) throws Exception {
    Path data = dir.resolve(node);
    Files.createDirectories(data);
    Path f = data.resolve("gridwire-" + System.nanoTime() + ".yaml");
    Files.writeString(f, "node:\n  id: " + node + "\n  data_dir: " + data + "\nhttp:\n  host: 127.0.0.1\n  port: 0\n"
        + "auth:\n  bcrypt_cost: 4\n  admin_email: " + ADMIN + "\n  admin_password: " + PASSWORD + "\n"
        + "redis:\n  enabled: true\n  uri: " + redis.uri() + "\n  node_ttl: " + NODE_TTL.toSeconds() + "s\n"
        + "modbus:\n  devices:" + (devices.isEmpty() ? " []\n" : "\n" + devices));
    return f;
  }
}
