package io.gridwire.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwire.core.cluster.Cluster;
import io.gridwire.core.cluster.SessionEntry;
import io.gridwire.core.cluster.SharedReading;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import io.gridwire.testkit.PrivateRedis;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.reading.Value;
import io.gridwire.testkit.RealServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisClusterIT {
  static final Instant T = Instant.parse("2025-10-27T12:00:00Z");
  final String prefix = "gwtest:" + UUID.randomUUID() + ":";
  RedisCluster a;
  RedisCluster b;

  RedisCluster start(String uri, String node) {
    return RedisCluster.start(RedisConfig.of(uri).withKeyPrefix(prefix).withTimings(Duration.ofSeconds(10), Duration.ofMillis(300)),
        RedisRuntime.of(node).withReconnectMaxDelay(Duration.ofMillis(300)));
  }

  @AfterEach
  void cleanUp() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (RealServices.reachable("127.0.0.1", RealServices.REDIS)) deleteKeys("redis://127.0.0.1:6379", prefix);
  }

  static void deleteKeys(String uri, String prefix) {
    RedisClient c = RedisClient.create(uri);
    try (var conn = c.connect()) {
      ScanIterator<String> it = ScanIterator.scan(conn.sync(), ScanArgs.Builder.matches(prefix + "*").limit(1000));
      while (it.hasNext()) conn.sync().del(it.next());
    } finally {
      c.shutdown();
    }
  }

  @Test
  void twoNodes_sharedRedis_directoryRequestsAndReadings() throws Exception {
    RealServices.require("Redis", RealServices.REDIS);
    a = start("redis://127.0.0.1:6379", "node-a");
    b = start("redis://127.0.0.1:6379", "node-b");
    Cluster ca = a.cluster();
    Cluster cb = b.cluster();

    assertThat(ca.directory().claim(new SessionEntry("dev-1", "node-a", "op@x", T))).isEmpty();
    assertThat(cb.directory().nodeOf("dev-1")).contains("node-a");
    assertThat(cb.directory().list()).containsExactly(new SessionEntry("dev-1", "node-a", "op@x", T));
    assertThat(cb.directory().claim(new SessionEntry("dev-1", "node-b", "op@x", T))).contains("node-a");
    ca.directory().release("dev-1"); // node-b holds it now: left alone
    assertThat(ca.directory().nodeOf("dev-1")).contains("node-b");

    ca.bus().serve(body -> "a got " + body);
    assertThat(cb.bus().request("node-a", "hi").get(5, TimeUnit.SECONDS)).isEqualTo("a got hi");
    assertThatThrownBy(() -> cb.bus().request("node-z", "hi").get(5, TimeUnit.SECONDS)).hasMessageContaining("not listening");

    List<SharedReading> atB = new CopyOnWriteArrayList<>();
    List<SharedReading> atA = new CopyOnWriteArrayList<>();
    cb.bus().onRemoteReading(atB::add);
    ca.bus().onRemoteReading(atA::add);
    Reading r = Reading.builder("dev-1", T, T).put("battery_voltage", 24.5).put("mode", "eco").put("oil", Value.SENTINEL).build();
    String msg = "{\"type\":\"reading\",\"node\":\"node-a\",\"data\":{\"device_id\":\"dev-1\",\"timestamp\":\"" + T
        + "\",\"received_at\":\"" + T + "\",\"values\":{\"battery_voltage\":24.5,\"mode\":\"eco\",\"oil\":null},"
        + "\"no_data\":{\"oil\":\"sentinel\"},\"units\":{\"battery_voltage\":\"V\"}}}";
    ca.bus().share(new SharedReading("node-a", r, msg, Map.of()));
    await().atMost(Duration.ofSeconds(5)).until(() -> atB.size() == 1);
    assertThat(atB.get(0).reading()).isEqualTo(r);
    assertThat(atB.get(0).message()).isEqualTo(msg);
    assertThat(atB.get(0).metrics()).containsOnlyKeys("battery_voltage");
    assertThat(atB.get(0).metrics().get("battery_voltage").unit()).isEqualTo("V");
    assertThat(atA).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> !cb.bus().latestSnapshot().isEmpty());
    assertThat(cb.bus().latestSnapshot()).containsExactly(r);
  }

  /** What an independent client sees: the seed's key names, hash fields and channel, via redis-cli. */
  @Test
  void seedNamesAndHashShape_seenByRedisCli() throws Exception {
    RealServices.require("Redis", RealServices.REDIS);
    a = start("redis://127.0.0.1:6379", "node-a");
    b = start("redis://127.0.0.1:6379", "node-b");
    Cluster ca = a.cluster();
    assertThat(ca.directory().claim(new SessionEntry("dev-1", "node-a", "op@x", T))).isEmpty();
    assertThat(cli("GET", prefix + "ws:session:dev-1")).contains("node-a");
    long ttl = Long.parseLong(cli("TTL", prefix + "ws:session:dev-1").strip());
    assertThat(ttl).as("the directory entry expires unless refreshed").isBetween(1L, 10L);

    Process sub = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "SUBSCRIBE", prefix + "metrics:updates")
        .redirectErrorStream(true).start();
    try {
      java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(sub.getInputStream()));
      for (int i = 0; i < 3; i++) out.readLine(); // "subscribe", channel, count
      Device gen = new Device("gen-7", "MKZ", "generator", Source.MODBUS, null, null, "Gen 7", true, T, null, Map.of());
      ca.bus().presence(gen);
      Reading r = Reading.builder("gen-7", T, T).put("gen_uab", 398.5).put("coolant_temp", Value.SENTINEL).build();
      String msg = "{\"type\":\"reading\",\"node\":\"node-a\",\"data\":{\"device_id\":\"gen-7\"}}";
      ca.bus().share(new SharedReading("node-a", r, msg, Map.of()));
      await().atMost(Duration.ofSeconds(5)).until(() -> cli("HGET", prefix + "device:gen-7:metrics", "gen_uab").contains("398.5"));
      Map<String, String> hash = new java.util.HashMap<>();
      String[] lines = cli("HGETALL", prefix + "device:gen-7:metrics").strip().split("\n");
      for (int i = 0; i + 1 < lines.length; i += 2) hash.put(lines[i], lines[i + 1]);
      assertThat(hash).containsEntry("device_id", "gen-7").containsEntry("site_code", "\"MKZ\"")
          .containsEntry("device_type", "\"generator\"").containsEntry("online", "true").containsEntry("error", "null")
          .containsEntry("gen_uab", "398.5").containsEntry("coolant_temp", "null").containsKeys("timestamp", "node");
      String published = null;
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (published == null && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line != null && line.startsWith("{")) published = line;
      }
      assertThat(published).isEqualTo(msg);

      // presence changes reach the hash; the snapshot still decodes only the metrics
      ca.bus().presence(gen.withPresence(false, T, "no answer within 2 s"));
      await().atMost(Duration.ofSeconds(5)).until(() -> cli("HGET", prefix + "device:gen-7:metrics", "online").contains("false"));
      assertThat(cli("HGET", prefix + "device:gen-7:metrics", "error")).contains("no answer within 2 s");
      assertThat(b.cluster().bus().latestSnapshot()).containsExactly(r);

      ca.bus().forget("gen-7");
      await().atMost(Duration.ofSeconds(5)).until(() -> cli("EXISTS", prefix + "device:gen-7:metrics").strip().equals("0"));
    } finally {
      sub.destroy();
      sub.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static String cli(String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
    return out;
  }

  @Test
  void redisKilledAndRestarted_degradedThenRecoveredWithoutRestart() throws Exception {
    try (PrivateRedis redis = new PrivateRedis().start()) {
      a = start(redis.uri(), "node-a");
      b = start(redis.uri(), "node-b");
      a.cluster().bus().serve(body -> "pong");
      a.cluster().directory().claim(new SessionEntry("dev-9", "node-a", null, T));
      assertThat(a.health().ok()).isTrue();

      redis.kill();
      await().atMost(Duration.ofSeconds(5)).until(() -> !a.health().ok() && !b.health().ok());
      assertThat(a.health().detail()).contains("unreachable");
      assertThatThrownBy(() -> b.cluster().directory().nodeOf("dev-9")).hasMessageContaining("unreachable");

      redis.start(); // same port, empty: everything must be re-created by the nodes themselves
      await().atMost(Duration.ofSeconds(10)).until(() -> a.health().ok() && b.health().ok());
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
          .until(() -> b.cluster().directory().nodeOf("dev-9").isPresent());
      assertThat(b.cluster().directory().nodeOf("dev-9")).contains("node-a");
      // re-subscribed: a request reaches node-a's inbox again
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
          .until(() -> "pong".equals(b.cluster().bus().request("node-a", "ping").get(2, TimeUnit.SECONDS)));
    }
  }

  @Test
  void startWithRedisDown_servesLocallyThenJoins() throws Exception {
    PrivateRedis redis = new PrivateRedis();
    a = start(redis.uri(), "node-a");
    assertThat(a.health().ok()).isFalse();
    try (redis) {
      redis.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> a.health().ok());
    }
  }
}
