package io.gridwire.store.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwire.core.cluster.ClusterBus;
import io.gridwire.core.cluster.ClusterUnavailableException;
import io.gridwire.core.cluster.SharedReading;
import io.gridwire.core.device.Device;
import io.gridwire.core.reading.Reading;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterBus} over Redis pub/sub.
 *
 * <pre>
 *  request:  PUBLISH gridwire:node:{to}:requests  {"id","from","body"}   (0 receivers → unavailable)
 *  answer:   PUBLISH gridwire:node:{from}:answers {"id","body"}
 *  reading:  HSET device:{id}:metrics …; PUBLISH metrics:updates {"type":"reading","node",…}
 * </pre>
 *
 * Pub/sub messages arrive on Lettuce's event loop and are handed on at once (requests to virtual
 * threads). Thread-safe.
 */
final class RedisClusterBus extends RedisPubSubAdapter<String, String> implements ClusterBus {
  private static final Logger log = LoggerFactory.getLogger(RedisClusterBus.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final RedisRuntime runtime;
  private final RedisKeys keys;
  private final ReadingCodec codec = new ReadingCodec();
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
  private final List<Consumer<SharedReading>> readingHandlers = new CopyOnWriteArrayList<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final LongAdder shareFailures = new LongAdder();
  private final LongAdder badMessages = new LongAdder();
  private final List<Runnable> reconnectTasks = new CopyOnWriteArrayList<>();
  private volatile Function<String, String> handler;
  private RedisConnections redis;
  private FleetDirectory fleet;

  RedisClusterBus(RedisRuntime runtime, RedisKeys keys) {
    this.runtime = runtime;
    this.keys = keys;
  }

  void connectedVia(RedisConnections redis, FleetDirectory fleet) {
    this.redis = redis;
    this.fleet = fleet;
  }

  List<String> channels() {
    return List.of(keys.requests(runtime.nodeId()), keys.answers(runtime.nodeId()), keys.updates());
  }

  @Override
  public String nodeId() {
    return runtime.nodeId();
  }

  @Override
  public CompletableFuture<String> request(String nodeId, String body) {
    String id = HexFormat.of().formatHex(randomBytes());
    CompletableFuture<String> answer = new CompletableFuture<>();
    ObjectNode msg = mapper.createObjectNode().put("id", id).put("from", runtime.nodeId()).put("body", body);
    try {
      waiting.put(id, answer);
      redis.commands().async().publish(keys.requests(nodeId), msg.toString()).whenComplete((receivers, e) -> {
        if (e != null) answer.completeExceptionally(new ClusterUnavailableException("redis publish failed", e));
        else if (receivers == 0) answer.completeExceptionally(new ClusterUnavailableException("node " + nodeId + " is not listening"));
      });
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    answer.whenComplete((v, e) -> waiting.remove(id));
    return answer.orTimeout(runtime.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  @Override
  public void serve(Function<String, String> handler) {
    this.handler = handler;
  }

  @Override
  public void share(SharedReading shared) {
    Reading reading = shared.reading();
    String message = shared.message();
    try {
      var async = redis.commands().async();
      async.hset(keys.latest(reading.deviceId()), codec.toHash(reading, runtime.nodeId()))
          .whenComplete((v, e) -> failed(e));
      async.publish(keys.updates(), message).whenComplete((v, e) -> failed(e));
    } catch (ClusterUnavailableException e) {
      shareFailures.increment();
    }
  }

  private void failed(Throwable e) {
    if (e != null) shareFailures.increment();
  }

  @Override
  public void presence(Device device) {
    try {
      var async = redis.commands().async();
      async.hset(keys.latest(device.id()), codec.presenceFields(device)).whenComplete((v, e) -> failed(e));
      async.hset(keys.fleetDevices(), device.id(), fleet.encode(device)).whenComplete((v, e) -> failed(e));
    } catch (ClusterUnavailableException e) {
      shareFailures.increment();
    }
  }

  @Override
  public void forget(String deviceId) {
    try {
      var async = redis.commands().async();
      async.del(keys.latest(deviceId)).whenComplete((v, e) -> failed(e));
      async.hdel(keys.fleetDevices(), deviceId).whenComplete((v, e) -> failed(e));
    } catch (ClusterUnavailableException e) {
      shareFailures.increment();
    }
  }

  @Override
  public void onRemoteReading(Consumer<SharedReading> handler) {
    readingHandlers.add(handler);
  }

  @Override
  public List<Reading> latestSnapshot() {
    var sync = redis.commands().sync();
    List<Reading> out = new ArrayList<>();
    ScanIterator<String> it = ScanIterator.scan(sync, ScanArgs.Builder.matches(keys.latestPattern()).limit(1000));
    while (it.hasNext()) {
      try {
        Reading r = codec.fromHash(sync.hgetall(it.next()));
        if (r != null) out.add(r);
      } catch (Exception e) {
        badMessages.increment();
      }
    }
    return out;
  }

  @Override
  public List<io.gridwire.core.cluster.FleetDevice> fleetDevices() {
    return fleet.read();
  }

  @Override
  public void reconcile(java.util.function.Predicate<String> owns) {
    try {
      int n = fleet.reconcile(owns);
      if (n > 0) log.info("removed {} devices this node no longer has from the fleet's device list", n);
    } catch (RuntimeException e) {
      log.debug("fleet device list not reconciled: {}", e.toString());
    }
  }

  @Override
  public void onReconnect(Runnable task) {
    reconnectTasks.add(task);
  }

  /** Runs the reconnect tasks (the connection to Redis is new: what it held may be gone). */
  void reconnected() {
    for (Runnable t : reconnectTasks) {
      try {
        t.run();
      } catch (RuntimeException e) {
        log.warn("re-sharing with redis after a reconnect failed: {}", e.toString());
      }
    }
  }

  @Override
  public void message(String channel, String message) {
    try {
      if (channel.equals(keys.updates())) remoteReading(message);
      else if (channel.equals(keys.answers(runtime.nodeId()))) answer(message);
      else if (channel.equals(keys.requests(runtime.nodeId()))) workers.execute(() -> serveOne(message));
    } catch (Exception e) {
      badMessages.increment();
      log.debug("bad message on {}: {}", channel, e.toString());
    }
  }

  private void remoteReading(String message) throws Exception {
    if (readingHandlers.isEmpty()) return;
    ReadingCodec.Decoded d = codec.fromMessage(message);
    if (d == null || d.node().equals(runtime.nodeId())) return;
    SharedReading shared = new SharedReading(d.node(), d.reading(), message, d.metrics());
    for (Consumer<SharedReading> h : readingHandlers) h.accept(shared);
  }

  private void answer(String message) throws Exception {
    JsonNode n = mapper.readTree(message);
    CompletableFuture<String> f = waiting.get(n.path("id").asText());
    if (f != null) f.complete(n.path("body").asText());
  }

  private void serveOne(String message) {
    try {
      JsonNode n = mapper.readTree(message);
      Function<String, String> h = handler;
      String body = h == null ? "{\"outcome\":\"unreachable\",\"detail\":\"node not serving\"}" : h.apply(n.path("body").asText());
      ObjectNode answer = mapper.createObjectNode().put("id", n.path("id").asText()).put("body", body);
      redis.commands().async().publish(keys.answers(n.path("from").asText()), answer.toString());
    } catch (Exception e) {
      badMessages.increment();
      log.debug("request not served: {}", e.toString());
    }
  }

  long shareFailures() {
    return shareFailures.sum();
  }

  void close() {
    workers.shutdownNow();
  }
}
