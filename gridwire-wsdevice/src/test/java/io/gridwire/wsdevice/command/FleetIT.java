package io.gridwire.wsdevice.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.bus.SubscriberOptions;
import io.gridwire.core.reading.Reading;
import io.gridwire.store.redis.RedisCluster;
import io.gridwire.store.redis.RedisConfig;
import io.gridwire.store.redis.RedisRuntime;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.RealServices;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.web.json.Json;
import io.gridwire.web.TestGateway;
import io.gridwire.wsdevice.DeviceClient;
import io.gridwire.wsdevice.DeviceGateway;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two gateway nodes in one JVM, each with its own registry and buses, sharing one Redis. */
class FleetIT {
  final String prefix = "gwtest:" + UUID.randomUUID() + ":";
  final List<AutoCloseable> closing = new ArrayList<>();

  DeviceGateway node(String uri, String id) {
    RedisCluster redis = RedisCluster.start(RedisConfig.of(uri).withKeyPrefix(prefix)
        .withTimings(Duration.ofSeconds(10), Duration.ofMillis(300)), RedisRuntime.of(id).withReconnectMaxDelay(Duration.ofMillis(300)));
    DeviceGateway gw = new DeviceGateway();
    gw.health.add(() -> redis.health());
    gw.start(c -> c, DeviceConfig.defaults(), redis.cluster());
    closing.add(0, redis);
    closing.add(0, gw);
    return gw;
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) c.close();
    if (RealServices.reachable("127.0.0.1", RealServices.REDIS)) {
      RedisClient c = RedisClient.create("redis://127.0.0.1:6379");
      try (var conn = c.connect()) {
        ScanIterator<String> it = ScanIterator.scan(conn.sync(), ScanArgs.Builder.matches(prefix + "*").limit(1000));
        while (it.hasNext()) conn.sync().del(it.next());
      } finally {
        c.shutdown();
      }
    }
  }

  static DeviceClient device(TestGateway gw, String id) throws Exception {
    return DeviceClient.authenticated(gw.http, gw.wsBase(), id, TestGateway.VIEWER, TestGateway.PASSWORD);
  }

  @Test
  void twoNodes_commandsReadingsAndListsCrossNodes() throws Exception {
    RealServices.require("Redis", RealServices.REDIS);
    DeviceGateway a = node("redis://127.0.0.1:6379", "node-a");
    DeviceGateway b = node("redis://127.0.0.1:6379", "node-b");
    List<Reading> onBusB = new CopyOnWriteArrayList<>();
    b.readings.subscribe("test", SubscriberOptions.live(), onBusB::add);
    DeviceClient devA = device(a, "dev-a");
    DeviceClient devB = device(b, "dev-b");
    String adminB = b.login(TestGateway.ADMIN);
    String adminA = a.login(TestGateway.ADMIN);

    // a command posted to B reaches the device on A
    var sent = b.post("/api/sessions/dev-a/messages", adminB, "{\"command\":\"set_grid_feed\",\"power\":5000}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(TestGateway.json(sent).get("node").asText()).isEqualTo("node-a");
    assertThat(devA.nextJson().get("power").asInt()).isEqualTo(5000);
    assertThat(b.post("/send_message", adminB, "{\"session_token\":\"dev-a\",\"data\":{\"x\":1}}").statusCode()).isEqualTo(200);
    assertThat(devA.nextJson().get("x").asInt()).isEqualTo(1);

    // session lists cover both nodes
    JsonNode list = TestGateway.json(a.get("/api/sessions", adminA));
    assertThat(list.get("total").asInt()).isEqualTo(2);
    assertThat(list.get("complete").asBoolean()).isTrue();
    assertThat(TestGateway.json(b.get("/devices/connected", adminB)).get("connected_devices").toString())
        .isEqualTo("[\"dev-a\",\"dev-b\"]");
    assertThat(TestGateway.json(b.get("/devices/dev-a/status", adminB)).get("node").asText()).isEqualTo("node-a");

    // a reading from A reaches a /ws/metrics subscriber on B, and B's latest values, not B's bus
    DeviceClient live = DeviceClient.open(b.http, b.wsBase() + "/ws/metrics?token=" + b.login(TestGateway.VIEWER));
    assertThat(live.nextJson().get("type").asText()).isEqualTo("snapshot");
    a.catalog.add("dev-a", io.gridwire.core.reading.MetricInfo.of("battery_voltage", "Battery voltage", "V"));
    devA.send("{\"battery_voltage\":24.5,\"timestamp\":\"2025-06-01T11:59:00\"}");
    JsonNode m = next(live, "reading");
    assertThat(m.get("data").get("units").get("battery_voltage").asText()).isEqualTo("V");
    assertThat(m.get("node").asText()).isEqualTo("node-a");
    assertThat(m.get("data").get("device_id").asText()).isEqualTo("dev-a");
    assertThat(m.get("data").get("values").get("battery_voltage").asDouble()).isEqualTo(24.5);
    JsonNode latest = TestGateway.json(b.get("/api/metrics?device_id=dev-a", adminB));
    assertThat(latest.get(0).get("values").get("battery_voltage").asDouble()).isEqualTo(24.5);
    assertThat(latest.get(0).get("units").get("battery_voltage").asText()).as("units of a remote device").isEqualTo("V");
    assertThat(onBusB).noneMatch(r -> r.deviceId().equals("dev-a"));

    // a broadcast from B reaches both nodes' devices
    var bc = TestGateway.json(b.post("/api/modbus/broadcast", adminB, ""));
    assertThat(bc.get("total_devices").asInt()).isEqualTo(2);
    assertThat(bc.get("sent_successfully").asInt()).isEqualTo(2);
    assertThat(devA.nextBinary()).hasSize(8);
    assertThat(devB.nextBinary()).hasSize(8);

    // the same session_id connecting to B replaces the connection on A
    DeviceClient again = device(b, "dev-a");
    assertThat(devA.awaitClose()).startsWith("1000").contains("replaced");
    await().atMost(Duration.ofSeconds(5)).until(() -> a.post("/api/sessions/dev-a/messages", adminA, "{\"y\":2}").statusCode() == 200);
    assertThat(again.nextJson().get("y").asInt()).isEqualTo(2);
  }

  static JsonNode next(DeviceClient c, String type) throws Exception {
    for (int i = 0; i < 50; i++) {
      JsonNode n = Json.MAPPER.readTree(c.next());
      if (type.equals(n.path("type").asText())) return n;
    }
    throw new AssertionError("no " + type + " message");
  }

  @Test
  void redisStoppedAndRestarted_degradedThenCommandsCrossNodesAgain() throws Exception {
    Path dir = Files.createTempDirectory("gw-redis");
    int port = FreePorts.next();
    Process redis = startRedis(port, dir);
    try {
      String uri = "redis://127.0.0.1:" + port;
      DeviceGateway a = node(uri, "node-a");
      DeviceGateway b = node(uri, "node-b");
      DeviceClient dev = device(a, "dev-1");
      String adminA = a.login(TestGateway.ADMIN);
      String adminB = b.login(TestGateway.ADMIN);
      assertThat(TestGateway.json(a.get("/health", null)).get("status").asText()).isEqualTo("ok");

      redis.destroyForcibly().waitFor();
      await().atMost(Duration.ofSeconds(5)).until(() -> "degraded".equals(TestGateway.json(a.get("/health", null)).get("status").asText()));
      assertThat(TestGateway.json(a.get("/devices/health", null)).get("status").asText()).isEqualTo("degraded");
      // the node keeps serving its own device
      assertThat(a.post("/api/sessions/dev-1/messages", adminA, "{\"during\":\"outage\"}").statusCode()).isEqualTo(200);
      assertThat(dev.nextJson().get("during").asText()).isEqualTo("outage");
      TestGateway.error(b.post("/api/sessions/dev-1/messages", adminB, "{}"), 503, "directory_unavailable");
      assertThat(TestGateway.json(b.get("/api/sessions", adminB)).get("complete").asBoolean()).isFalse();

      redis = startRedis(port, dir);
      await().atMost(Duration.ofSeconds(10)).until(() -> "ok".equals(TestGateway.json(a.get("/health", null)).get("status").asText()));
      await().atMost(Duration.ofSeconds(10)).until(() -> b.post("/api/sessions/dev-1/messages", adminB, "{\"after\":1}").statusCode() == 200);
      JsonNode got = dev.nextJson();
      while (!got.has("after")) got = dev.nextJson();
      assertThat(got.get("after").asInt()).isEqualTo(1);
    } finally {
      redis.destroyForcibly().waitFor();
    }
  }

  static Process startRedis(int port, Path dir) throws Exception {
    Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).until(() -> RealServices.reachable("127.0.0.1", port));
    return p;
  }
}
