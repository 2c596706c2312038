package io.gridwire.store.redis;

import io.gridwire.core.cluster.ClusterUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command connection and one pub/sub connection to Redis. Lettuce reconnects both by itself
 * (exponential back-off up to {@code reconnectMaxDelay}) and re-subscribes the channels; while
 * disconnected, commands fail at once instead of queueing, so a node never stalls on Redis. If
 * Redis is down at start, {@link #tryConnect} is retried by the caller. Thread-safe.
 */
final class RedisConnections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
  private final RedisConfig config;
  private final RedisRuntime runtime;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisPubSubListener<String, String> listener;
  private final List<String> channels;
  private final Runnable onReconnect;
  private volatile StatefulRedisConnection<String, String> conn;
  private volatile StatefulRedisPubSubConnection<String, String> pubsub;
  private volatile String lastError = "not connected yet";
  private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * The reconnect policy: from 100 ms doubling up to {@code reconnectMaxDelay} (5 s by default),
   * each wait random in the upper half of its cap, so gateways sharing a Redis do not reconnect
   * in step after it restarts.
   */
  static Delay reconnectDelay(RedisRuntime runtime) {
    return Delay.equalJitter(Duration.ofMillis(100), runtime.reconnectMaxDelay(), 2, TimeUnit.MILLISECONDS);
  }

  RedisConnections(RedisConfig config, RedisRuntime runtime, RedisPubSubListener<String, String> listener, List<String> channels,
      Runnable onReconnect) {
    this.config = config;
    this.runtime = runtime;
    this.listener = listener;
    this.channels = List.copyOf(channels);
    this.onReconnect = onReconnect;
    this.resources = ClientResources.builder()
        .reconnectDelay(() -> reconnectDelay(runtime))
        .build();
    RedisURI uri = RedisURI.create(config.uri());
    uri.setTimeout(runtime.commandTimeout());
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder().autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(runtime.commandTimeout()).build())
        .timeoutOptions(TimeoutOptions.enabled(runtime.commandTimeout())).build());
    client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> c, SocketAddress a) {
        if (conn != null) {
          generation.incrementAndGet();
          log.info("redis connection restored ({})", a);
          onReconnect.run();
        }
      }

      @Override
      public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> c) {
        lastError = "disconnected";
      }

      @Override
      public void onRedisExceptionCaught(io.lettuce.core.RedisChannelHandler<?, ?> c, Throwable e) {
        lastError = e.toString();
      }
    });
  }

  /** Connects both connections once; false (logged) when Redis cannot be reached now. */
  synchronized boolean tryConnect() {
    if (conn != null) return true;
    try {
      StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub();
      ps.addListener(listener);
      ps.sync().subscribe(channels.toArray(String[]::new));
      StatefulRedisConnection<String, String> c = client.connect();
      pubsub = ps;
      conn = c;
      generation.incrementAndGet();
      log.info("connected to redis {} as node {}", RedisURI.create(config.uri()).toString(), runtime.nodeId());
      return true;
    } catch (RuntimeException e) {
      lastError = e.getMessage();
      log.warn("redis {} unreachable ({}); serving this node's devices only, retrying", config.safeUri(), e.getMessage());
      return false;
    }
  }

  /** The command connection; throws when Redis has never been reached or is down now. */
  StatefulRedisConnection<String, String> commands() {
    StatefulRedisConnection<String, String> c = conn;
    if (c == null || !c.isOpen()) throw new ClusterUnavailableException("redis unreachable: " + lastError);
    return c;
  }

  boolean up() {
    var c = conn;
    var p = pubsub;
    return c != null && c.isOpen() && p != null && p.isOpen();
  }

  /** Changes whenever a connection is (re-)established. */
  int generation() {
    return generation.get();
  }

  String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    try {
      if (pubsub != null) pubsub.close();
      if (conn != null) conn.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
