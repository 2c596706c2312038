package io.gridwire.store.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwire.core.cluster.FleetDevice;
import io.gridwire.core.device.Device;
import io.gridwire.core.device.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fleet's device list and the nodes' liveness in Redis.
 *
 * <pre>
 *  hash   gridwire:devices          device id → {"node","source","name","site","kind","model",
 *                                                "online","error","last_seen"}   (HSET on presence, HDEL on removal)
 *  string gridwire:node:{id}:alive  "1", PX node_ttl, refreshed every node_ttl / 3; deleted on a clean stop
 * </pre>
 *
 * A device whose node's key has expired is listed offline: a crashed node's devices go offline
 * within {@code node_ttl}. A device another node picks up is re-written with that node. Thread-safe.
 */
final class FleetDirectory {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final RedisConnections redis;
  private final RedisConfig config;
  private final RedisRuntime runtime;
  private final RedisKeys keys;
  private final LongAdder badEntries = new LongAdder();

  FleetDirectory(RedisConnections redis, RedisConfig config, RedisRuntime runtime, RedisKeys keys) {
    this.runtime = runtime;
    this.redis = redis;
    this.config = config;
    this.keys = keys;
  }

  /** Sets this node's liveness key for one more {@code node_ttl}. Blocking, bounded. */
  void alive() {
    redis.commands().sync().psetex(keys.alive(runtime.nodeId()), config.nodeTtl().toMillis(), "1");
  }

  /** Deletes this node's liveness key (a clean stop): its devices are listed offline at once. */
  void gone() {
    redis.commands().async().del(keys.alive(runtime.nodeId())).toCompletableFuture().orTimeout(1, TimeUnit.SECONDS).join();
  }

  String encode(Device d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("node", runtime.nodeId()).put("source", d.source().wireName()).put("name", d.name()).put("site", d.site())
        .put("kind", d.kind()).put("model", d.model()).put("online", d.online()).put("error", d.error())
        .put("last_seen", d.lastSeen() == null ? null : d.lastSeen().toString());
    o.set("attributes", MAPPER.valueToTree(d.attributes()));
    return o.toString();
  }

  /** Deletes this node's entries of devices it does not own (any more); returns how many. Blocking. */
  int reconcile(java.util.function.Predicate<String> owns) {
    var sync = redis.commands().sync();
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> e : sync.hgetall(keys.fleetDevices()).entrySet()) {
      if (owns.test(e.getKey())) continue;
      try {
        if (runtime.nodeId().equals(MAPPER.readTree(e.getValue()).path("node").asText())) stale.add(e.getKey());
      } catch (Exception ex) {
        badEntries.increment();
      }
    }
    if (!stale.isEmpty()) sync.hdel(keys.fleetDevices(), stale.toArray(String[]::new));
    return stale.size();
  }

  /** Every listed device with its node's liveness. Blocking. */
  List<FleetDevice> read() {
    var sync = redis.commands().sync();
    Map<String, String> all = sync.hgetall(keys.fleetDevices());
    Map<String, Boolean> alive = new HashMap<>();
    List<FleetDevice> out = new ArrayList<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      try {
        JsonNode o = MAPPER.readTree(e.getValue());
        String node = o.path("node").asText();
        boolean up = alive.computeIfAbsent(node, n -> sync.exists(keys.alive(n)) > 0);
        out.add(new FleetDevice(decode(e.getKey(), o), node, up));
      } catch (Exception ex) {
        badEntries.increment();
      }
    }
    return out;
  }

  private static Device decode(String id, JsonNode o) {
    Map<String, String> attributes = new HashMap<>();
    o.path("attributes").properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
    return new Device(id, text(o, "site"), text(o, "kind"), Source.fromWire(o.path("source").asText()), text(o, "model"), null,
        text(o, "name"), o.path("online").asBoolean(), o.hasNonNull("last_seen") ? Instant.parse(o.get("last_seen").asText()) : null,
        text(o, "error"), attributes);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Entries that could not be read (bad JSON written by another program). */
  long badEntries() {
    return badEntries.sum();
  }
}
